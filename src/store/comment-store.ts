import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Clue, Verdict } from '../classifier/types.js';
import type { CommentStatus, SubmittedComment } from '../comments/comment.schema.js';

/** Who decided a comment's fate last. */
export type DecidedBy = 'model' | 'moderator';

/**
 * An append-only decision record. The model's verdict and every moderator's decision each
 * add one; none is ever rewritten.
 */
export interface DecisionRecord {
  commentId: string;
  verdict: Verdict;
  /** `null` for the model; the moderator's (or site's) id otherwise. */
  actor: string | null;
  spamProbability: number | null;
  modelVersion: string | null;
  note: string | null;
  /** ISO 8601 time of the decision. */
  at: string;
}

export interface StoredComment {
  id: string;
  siteId: string;
  siteCommentId: string | null;
  comment: SubmittedComment;
  receivedAt: number;
  requestId: string | null;
  status: CommentStatus;
  verdict: Verdict | null;
  spamProbability: number | null;
  modelVersion: string | null;
  clues: Clue[];
  scoredAt: number | null;
  decidedBy: DecidedBy | null;
  decidedAt: number | null;
}

/** A stored comment with the fields only moderators see. */
export interface ModeratedComment extends StoredComment {
  /** Author-history index suffixes (see authorIndexKeys). */
  authorKeys: string[];
  /** Who made the last moderator decision (moderator id, or `site:<id>`). */
  decidedActor: string | null;
  /** True for a comment its source sent as a test (see NewComment.test). */
  test?: boolean;
}

export interface NewComment {
  siteId: string;
  comment: SubmittedComment;
  requestId: string | null;
  /** Fields the source sent that Chaff's schema has no place for (e.g. Akismet's), kept with the record as JSON. */
  extra?: Record<string, string>;
  /** The source marked this a test (Akismet `is_test`): scored as usual, but its decisions never train a model. */
  test?: boolean;
}

export interface ModelVerdict {
  commentId: string;
  verdict: Verdict;
  spamProbability: number;
  modelVersion: string;
  clues: Clue[];
}

export interface Clock {
  now(): number;
}

export interface CommentStoreOptions {
  redis: Redis;
  keyPrefix: string;
  /** How long a comment record lives, in milliseconds. Decisions outlive it. */
  retentionMs: number;
  clock: Clock;
}

/**
 * Chaff id of a comment. With the site's own id it is derived from (site, id), so a re-post maps
 * to the same record; without one it is random.
 */
export function commentIdFor(siteId: string, siteCommentId: string | undefined): string {
  if (siteCommentId === undefined) return `c_${randomBytes(12).toString('hex')}`;
  return `c_${createHash('sha256').update(`${siteId}\0${siteCommentId}`).digest('hex').slice(0, 24)}`;
}

// KEYS[1] comment hash. ARGV[1] ttl ms, then field/value pairs. Creates only if absent.
const CREATE_COMMENT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1`;

// KEYS: comment hash, decisions list, flagged zset. ARGV: verdict, probability, modelVersion,
// clues json, scoredAt, decision json, comment id, channel, key prefix, retention ms. Writes the
// model's verdict only while the comment is still queued, so a job retried after a crash can never
// score it twice. The decision list it starts expires with the comment record (a moderator's
// decision later makes that history permanent). In the same step it indexes the comment for
// moderators (see indexKeys below): recent automatic decisions (ham too), the flagged queue per
// scope (all, verdict, site, site+verdict) by arrival time and by probability, and the
// author-history sets, which are trimmed to the retention window and expire with it.
const RECORD_MODEL_VERDICT = `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return -1 end
if status ~= 'queued' then return 0 end
redis.call('HSET', KEYS[1], 'status', 'scored', 'verdict', ARGV[1], 'spamProbability', ARGV[2],
  'modelVersion', ARGV[3], 'clues', ARGV[4], 'scoredAt', ARGV[5], 'decidedBy', 'model')
if redis.call('RPUSH', KEYS[2], ARGV[6]) == 1 then
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl > 0 then redis.call('PEXPIRE', KEYS[2], ttl) end
end
local p, id, verdict = ARGV[9], ARGV[7], ARGV[1]
local received = tonumber(redis.call('HGET', KEYS[1], 'receivedAt'))
redis.call('ZADD', p .. 'recent', ARGV[5], id)
redis.call('ZADD', p .. 'recent:v:' .. verdict, ARGV[5], id)
if verdict ~= 'ham' then
  local site = redis.call('HGET', KEYS[1], 'siteId')
  local probScore = string.format('%.0f', math.floor(tonumber(ARGV[2]) * 10000 + 0.5) * 4294967296 + math.floor(received / 1000))
  for _, scope in ipairs({'', ':v:' .. verdict, ':s:' .. site, ':s:' .. site .. ':v:' .. verdict}) do
    redis.call('ZADD', p .. 'flagged' .. scope, received, id)
    redis.call('ZADD', p .. 'flagged-prob' .. scope, probScore, id)
    if scope ~= '' then redis.call('SADD', p .. 'index-scopes', scope) end
  end
end
local authorKeys = redis.call('HGET', KEYS[1], 'authorKeys')
if authorKeys and authorKeys ~= '' then
  local retention = tonumber(ARGV[10])
  for _, suffix in ipairs(cjson.decode(authorKeys)) do
    local key = p .. 'author:' .. suffix
    redis.call('ZADD', key, received, id)
    redis.call('ZREMRANGEBYSCORE', key, '-inf', '(' .. string.format('%.0f', received - retention))
    redis.call('PEXPIRE', key, retention)
  end
end
redis.call('PUBLISH', ARGV[8], ARGV[7])
return 1`;

/** Scopes of the flagged queue indexes, as suffixes of `flagged` / `flagged-prob`. */
export function flaggedScope(filter: { siteId?: string; verdict?: 'unsure' | 'spam' }): string {
  return (filter.siteId ? `:s:${filter.siteId}` : '') + (filter.verdict ? `:v:${filter.verdict}` : '');
}

/**
 * Sort score of a flagged comment in the by-probability index: the probability to 4 decimals,
 * then arrival second, packed into one exact double so that ties (many spam comments score 1.0)
 * stay small and keyset pagination never has to skip through thousands of equal scores.
 */
export function probabilitySortScore(spamProbability: number, receivedAtMs: number): number {
  return Math.floor(spamProbability * 10000 + 0.5) * 4294967296 + Math.floor(receivedAtMs / 1000);
}

/**
 * The author-history index suffixes of a comment (`email:<hash>`, `url:<hash>`, `ip:<hash>`):
 * fields are normalised (case, scheme, "www.", trailing slashes) and hashed, so no personal data
 * sits in key names.
 */
export function authorIndexKeys(author: SubmittedComment['author']): string[] {
  if (!author) return [];
  const digest = (v: string) => createHash('sha256').update(v, 'utf8').digest('hex').slice(0, 32);
  const out: string[] = [];
  const email = author.email?.trim().toLowerCase();
  if (email) out.push(`email:${digest(email)}`);
  const url = author.url
    ?.trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/+$/, '');
  if (url) out.push(`url:${digest(url)}`);
  const ip = author.ip?.trim().toLowerCase();
  if (ip) out.push(`ip:${digest(ip)}`);
  return out;
}

type StoreRedis = Redis & {
  chaffCreateComment(key: string, ...args: Array<string | number>): Promise<number>;
  chaffRecordModelVerdict(k1: string, k2: string, k3: string, ...args: Array<string | number>): Promise<number>;
};

export type CommentStore = ReturnType<typeof createCommentStore>;

/** The one module that knows how comments, decisions and the flagged list sit in Redis. */
export function createCommentStore(options: CommentStoreOptions) {
  const { keyPrefix: p, retentionMs, clock } = options;
  const redis = options.redis as StoreRedis;
  if (typeof redis.chaffCreateComment !== 'function') {
    redis.defineCommand('chaffCreateComment', { numberOfKeys: 1, lua: CREATE_COMMENT });
    redis.defineCommand('chaffRecordModelVerdict', { numberOfKeys: 3, lua: RECORD_MODEL_VERDICT });
  }

  const keys = {
    comment: (id: string) => `${p}comment:${id}`,
    decisions: (id: string) => `${p}decisions:${id}`,
    flagged: `${p}flagged`,
    siteKeys: `${p}site-keys`,
    scoredChannel: `${p}events:scored`,
    /** Flagged (unsure|spam, undecided) by arrival ms; scope from flaggedScope(). */
    flaggedByTime: (scope: string) => `${p}flagged${scope}`,
    /** Flagged by probabilitySortScore(). */
    flaggedByProbability: (scope: string) => `${p}flagged-prob${scope}`,
    /** Set of every non-empty flagged scope in use, for pruning. */
    indexScopes: `${p}index-scopes`,
    /** Automatic decisions (ham included) by scoredAt ms, all or one verdict. */
    recent: (verdict?: Verdict) => (verdict ? `${p}recent:v:${verdict}` : `${p}recent`),
    /** Moderator-decided comments by decidedAt ms. */
    decided: `${p}decided`,
    /** Comments by arrival ms for one author field; suffix from authorIndexKeys(). */
    author: (suffix: string) => `${p}author:${suffix}`,
    /** Append-only stream of training labels (moderators' and sites' decisions). */
    labels: `${p}labels`,
    /** Hash sha256(moderator token) → moderator id, besides CHAFF_MODERATOR_TOKENS. */
    moderatorTokens: `${p}moderator-tokens`,
  };

  /** Field/value pairs of a new comment's hash, after the TTL argument of chaffCreateComment. */
  function createFields(input: NewComment, receivedAt: number): Array<string | number> {
    return [
      'siteId', input.siteId,
      'siteCommentId', input.comment.id ?? '',
      'comment', JSON.stringify(input.comment),
      'receivedAt', receivedAt,
      'requestId', input.requestId ?? '',
      'status', 'queued',
      'authorKeys', JSON.stringify(authorIndexKeys(input.comment.author)),
      ...(input.extra ? ['extra', JSON.stringify(input.extra)] : []),
      ...(input.test ? ['test', '1'] : []),
    ];
  }

  function newRecord(id: string, input: NewComment, receivedAt: number): StoredComment {
    return {
      id,
      siteId: input.siteId,
      siteCommentId: input.comment.id ?? null,
      comment: input.comment,
      receivedAt,
      requestId: input.requestId,
      status: 'queued',
      verdict: null,
      spamProbability: null,
      modelVersion: null,
      clues: [],
      scoredAt: null,
      decidedBy: null,
      decidedAt: null,
    };
  }

  function decode(id: string, h: Record<string, string>): StoredComment | null {
    if (!h.status) return null;
    const num = (v: string | undefined) => (v === undefined || v === '' ? null : Number(v));
    return {
      id,
      siteId: h.siteId,
      siteCommentId: h.siteCommentId || null,
      comment: JSON.parse(h.comment) as SubmittedComment,
      receivedAt: Number(h.receivedAt),
      requestId: h.requestId || null,
      status: h.status as CommentStatus,
      verdict: (h.verdict as Verdict) || null,
      spamProbability: num(h.spamProbability),
      modelVersion: h.modelVersion || null,
      clues: h.clues ? (JSON.parse(h.clues) as Clue[]) : [],
      scoredAt: num(h.scoredAt),
      decidedBy: (h.decidedBy as DecidedBy) || null,
      decidedAt: num(h.decidedAt),
    };
  }

  /** Like decode, plus the fields only moderators see. */
  function decodeFull(id: string, h: Record<string, string>): ModeratedComment | null {
    const record = decode(id, h);
    if (!record) return null;
    return {
      ...record,
      authorKeys: h.authorKeys ? (JSON.parse(h.authorKeys) as string[]) : [],
      decidedActor: h.decidedActor || null,
      ...(h.test === '1' ? { test: true } : {}),
    };
  }

  return {
    keys,

    /**
     * Stores a new comment unless (site, site id) was seen before. Returns the record either way
     * and whether it was created now.
     */
    async createComment(input: NewComment): Promise<{ created: boolean; record: StoredComment }> {
      const id = commentIdFor(input.siteId, input.comment.id);
      const receivedAt = clock.now();
      const created = await redis.chaffCreateComment(keys.comment(id), retentionMs, ...createFields(input, receivedAt));
      if (created === 1) return { created: true, record: newRecord(id, input, receivedAt) };
      const existing = await this.getComment(id);
      if (!existing) throw new Error(`comment ${id} vanished between create and read`);
      return { created: false, record: existing };
    },

    /**
     * createComment for many comments in one Redis round trip (plus one more only to read back
     * duplicates). Results are in input order.
     */
    async createComments(inputs: NewComment[]): Promise<Array<{ created: boolean; record: StoredComment }>> {
      if (inputs.length === 0) return [];
      const receivedAt = clock.now();
      const ids = inputs.map((input) => commentIdFor(input.siteId, input.comment.id));
      const pipeline = redis.pipeline() as unknown as { chaffCreateComment(key: string, ...args: Array<string | number>): void; exec(): Promise<Array<[Error | null, unknown]> | null> };
      inputs.forEach((input, i) => pipeline.chaffCreateComment(keys.comment(ids[i]), retentionMs, ...createFields(input, receivedAt)));
      const replies = (await pipeline.exec()) ?? [];
      const duplicates: number[] = [];
      const out = inputs.map((input, i) => {
        const [err, created] = replies[i] ?? [new Error('no reply'), 0];
        if (err) throw err;
        if (created !== 1) duplicates.push(i);
        return { created: created === 1, record: newRecord(ids[i], input, receivedAt) };
      });
      if (duplicates.length > 0) {
        const read = redis.pipeline();
        for (const i of duplicates) read.hgetall(keys.comment(ids[i]));
        const rows = (await read.exec()) ?? [];
        duplicates.forEach((i, j) => {
          const [err, h] = rows[j] ?? [null, {}];
          if (err) throw err;
          const existing = decode(ids[i], h as Record<string, string>);
          if (!existing) throw new Error(`comment ${ids[i]} vanished between create and read`);
          out[i] = { created: false, record: existing };
        });
      }
      return out;
    },

    async getComment(id: string): Promise<StoredComment | null> {
      const h = await redis.hgetall(keys.comment(id));
      return decode(id, h);
    },

    /**
     * Records the model's verdict once. Returns 'recorded', 'already-scored' (a retried job) or
     * 'missing' (the record expired before it was scored).
     */
    async recordModelVerdict(v: ModelVerdict): Promise<'recorded' | 'already-scored' | 'missing'> {
      const now = clock.now();
      const decision: DecisionRecord = {
        commentId: v.commentId,
        verdict: v.verdict,
        actor: null,
        spamProbability: v.spamProbability,
        modelVersion: v.modelVersion,
        note: null,
        at: new Date(now).toISOString(),
      };
      const result = await redis.chaffRecordModelVerdict(
        keys.comment(v.commentId),
        keys.decisions(v.commentId),
        keys.flagged,
        v.verdict,
        v.spamProbability,
        v.modelVersion,
        JSON.stringify(v.clues),
        now,
        JSON.stringify(decision),
        v.commentId,
        keys.scoredChannel,
        p,
        retentionMs,
      );
      return result === 1 ? 'recorded' : result === 0 ? 'already-scored' : 'missing';
    },

    /** Many comments at once, in order; null where a record is gone (expired). */
    async getComments(ids: string[]): Promise<Array<ModeratedComment | null>> {
      if (ids.length === 0) return [];
      const pipeline = redis.pipeline();
      for (const id of ids) pipeline.hgetall(keys.comment(id));
      const replies = (await pipeline.exec()) ?? [];
      return ids.map((id, i) => {
        const [err, h] = replies[i] ?? [null, {}];
        if (err) throw err;
        return decodeFull(id, h as Record<string, string>);
      });
    },

    async getDecisions(id: string): Promise<DecisionRecord[]> {
      const items = await redis.lrange(keys.decisions(id), 0, -1);
      return items.map((s) => JSON.parse(s) as DecisionRecord);
    },

    async flaggedIds(limit = 100): Promise<string[]> {
      return redis.zrevrange(keys.flagged, 0, limit - 1);
    },

    async findSiteByKeyHash(keyHash: string): Promise<string | null> {
      return redis.hget(keys.siteKeys, keyHash);
    },

    async addSiteKey(siteId: string, keyHash: string): Promise<void> {
      await redis.hset(keys.siteKeys, keyHash, siteId);
    },

    async siteHasKey(siteId: string): Promise<boolean> {
      const all = await redis.hvals(keys.siteKeys);
      return all.includes(siteId);
    },
  };
}
