/**
 * Moderation on top of the comment store: moderators' (and sites') decisions, the flagged queue,
 * recent automatic decisions, author history, the label stream, and pruning of the indexes.
 *
 * Redis layout (all under the key prefix; the comment store's script fills the indexes when the
 * model's verdict lands, see RECORD_MODEL_VERDICT):
 * - `flagged[:s:<site>][:v:<verdict>]` zsets by arrival ms, `flagged-prob...` by probabilitySortScore
 * - `recent`, `recent:v:<verdict>` zsets of automatic decisions by scoredAt ms (ham included)
 * - `decided` zset of moderator-decided comments by decidedAt ms
 * - `author:<email|url|ip>:<hash>` zsets of comment ids by arrival ms (trimmed, expire with retention)
 * - `decisions:<id>` append-only list of DecisionRecord JSON: the model's alone expires with the
 *   comment; once a moderator (or site) decides, the list is kept for good
 * - `labels` stream of training labels (kept; see LabelEntry in labels.ts)
 * - `moderator-tokens` hash sha256(token) → moderator id
 */
import type { Redis } from 'ioredis';
import type { SubmittedComment } from '../comments/comment.schema.js';
import type { Verdict } from '../classifier/types.js';
import type { Clock, CommentStore, DecisionRecord, ModeratedComment } from '../store/comment-store.js';
import { flaggedScope } from '../store/comment-store.js';
import { encodeCursor, readDescending, type KeysetCursor, type ScoreBounds } from './keyset-page.js';
import { labelFields, type LabelSource } from './labels.js';

/** What a moderator does to a comment. `approve` makes it ham, `reject` makes it spam. */
export type ModeratorDecision = 'approve' | 'reject';

export const DECISION_VERDICT: Readonly<Record<ModeratorDecision, Verdict>> = { approve: 'ham', reject: 'spam' };

export interface DecisionInput {
  commentId: string;
  decision: ModeratorDecision;
  /** Moderator id, or `site:<siteId>` for a site's own report (Akismet submit-spam/submit-ham). */
  actor: string;
  /** Who the actor is; default 'moderator'. */
  source?: LabelSource;
  note?: string | null;
  /**
   * For a comment whose record is gone (expired, or never sent to Chaff): the comment as submitted
   * and its site. With it the label and decision are still recorded; without it the outcome is
   * 'missing'.
   */
  fallback?: { siteId: string; comment: SubmittedComment };
}

/**
 * - recorded: first moderator decision on this comment
 * - changed: a moderator decided the other way before; this change of mind is recorded
 * - unchanged: the same decision was already in force; nothing written (idempotent)
 * - missing: no such comment (and no fallback)
 */
export type DecisionOutcome = 'recorded' | 'changed' | 'unchanged' | 'missing';

export type QueueSort = 'newest' | 'probability';

export interface PageRequest {
  cursor: KeysetCursor | null;
  /** Items per page, 1-200. */
  limit: number;
}

export interface FlaggedQuery extends PageRequest {
  sort: QueueSort;
  siteId?: string;
  verdict?: 'unsure' | 'spam';
  /** Arrival time bounds in ms: since inclusive, before exclusive. */
  sinceMs?: number;
  beforeMs?: number;
}

export interface Page {
  items: ModeratedComment[];
  nextCursor: string | null;
  /** Size of the index read (may briefly count comments past retention until pruning). */
  total: number;
}

export interface AuthorHistoryItem {
  comment: ModeratedComment;
  matchedOn: Array<'email' | 'url' | 'ip'>;
}

export interface ModerationStoreOptions {
  redis: Redis;
  keyPrefix: string;
  comments: CommentStore;
  clock: Clock;
  /** How long comment records live, in ms; indexes are pruned to the same window. */
  retentionMs: number;
}

// KEYS: comment hash, decisions list, labels stream, decided zset.
// ARGV: expected state fingerprint, verdict, decidedAt ms, actor, decision json, key prefix,
// comment id, then label field/value pairs. Applies a moderator decision only if the comment is in
// the state the caller read (else -2: read again), so the record's model fields stay consistent.
// From then on the decision list is kept (holding only the model's record, it expired with the
// comment). Returns -1 missing, 0 unchanged, 1 recorded, 2 changed.
const APPLY_DECISION = `
local h = redis.call('HMGET', KEYS[1], 'status', 'verdict', 'decidedBy', 'decidedAt', 'siteId')
if not h[1] then return -1 end
local fp = h[1] .. '|' .. (h[2] or '') .. '|' .. (h[3] or '') .. '|' .. (h[4] or '')
if fp ~= ARGV[1] then return -2 end
if h[3] == 'moderator' and h[2] == ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], 'status', 'decided', 'verdict', ARGV[2], 'decidedBy', 'moderator',
  'decidedAt', ARGV[3], 'decidedActor', ARGV[4])
redis.call('RPUSH', KEYS[2], ARGV[5])
redis.call('PERSIST', KEYS[2])
redis.call('XADD', KEYS[3], '*', unpack(ARGV, 8))
redis.call('ZADD', KEYS[4], ARGV[3], ARGV[7])
local p, id, site = ARGV[6], ARGV[7], h[5]
for _, scope in ipairs({'', ':v:unsure', ':v:spam', ':s:' .. site, ':s:' .. site .. ':v:unsure', ':s:' .. site .. ':v:spam'}) do
  redis.call('ZREM', p .. 'flagged' .. scope, id)
  redis.call('ZREM', p .. 'flagged-prob' .. scope, id)
end
if h[3] == 'moderator' then return 2 end
return 1`;

type ModerationRedis = Redis & {
  chaffApplyDecision(k1: string, k2: string, k3: string, k4: string, ...args: Array<string | number>): Promise<number>;
};

/** Above this many author-set members in all, history counts are a lower bound (see authorHistoryCounts). */
export const EXACT_HISTORY_LIMIT = 2000;

const fingerprint = (c: ModeratedComment) => `${c.status}|${c.verdict ?? ''}|${c.decidedBy ?? ''}|${c.decidedAt ?? ''}`;

export type ModerationStore = ReturnType<typeof createModerationStore>;

export function createModerationStore(options: ModerationStoreOptions) {
  const { comments, clock, retentionMs } = options;
  const keys = comments.keys;
  const redis = options.redis as ModerationRedis;
  if (typeof redis.chaffApplyDecision !== 'function') {
    redis.defineCommand('chaffApplyDecision', { numberOfKeys: 4, lua: APPLY_DECISION });
  }

  /**
   * Reads a page of live comments from one index, newest first, keeping only those `accept`
   * passes. Expired or filtered-out entries are skipped; a scan budget bounds the work, and a
   * page may then be short but still carries a cursor to continue from.
   */
  async function pageIndex(
    key: string,
    request: PageRequest,
    bounds: ScoreBounds | undefined,
    accept: (c: ModeratedComment) => boolean = () => true,
  ): Promise<Page> {
    const items: ModeratedComment[] = [];
    const batchSize = Math.max(request.limit, 50);
    let after = request.cursor;
    let scanned = 0;
    let nextCursor: string | null = null;
    for (;;) {
      const entries = await readDescending(redis, key, { after, limit: batchSize, bounds });
      const records = await comments.getComments(entries.map((e) => e.member));
      let filled = false;
      for (let i = 0; i < entries.length; i++) {
        const record = records[i];
        after = { score: entries[i].score, member: entries[i].member };
        if (record && accept(record)) items.push(record);
        if (items.length === request.limit) {
          filled = true;
          break;
        }
      }
      scanned += entries.length;
      if (filled) {
        nextCursor = after ? encodeCursor(after) : null;
        break;
      }
      if (entries.length < batchSize) break;
      if (scanned >= 2000) {
        nextCursor = after ? encodeCursor(after) : null;
        break;
      }
    }
    return { items, nextCursor, total: await redis.zcard(key) };
  }

  return {
    /**
     * Records one moderator's (or site's) decision: an append-only DecisionRecord, a training
     * label in the `labels` stream with the full comment as submitted, the comment's state
     * (`decidedBy: "moderator"`), and its removal from the flagged queue, all in one atomic step.
     * Deciding the same way twice is a no-op; the other way is a recorded change of mind.
     */
    async recordDecision(input: DecisionInput): Promise<{ outcome: DecisionOutcome; record: ModeratedComment | null }> {
      const verdict = DECISION_VERDICT[input.decision];
      const source = input.source ?? 'moderator';
      const note = input.note ?? null;
      for (let attempt = 0; attempt < 5; attempt++) {
        const [current] = await comments.getComments([input.commentId]);
        const now = clock.now();
        const at = new Date(now).toISOString();
        if (!current) {
          if (!input.fallback) return { outcome: 'missing', record: null };
          const decision: DecisionRecord = {
            commentId: input.commentId, verdict, actor: input.actor, spamProbability: null, modelVersion: null, note, at,
          };
          const fields = labelFields({
            commentId: input.commentId, siteId: input.fallback.siteId, label: verdict === 'spam' ? 'spam' : 'ham',
            actor: input.actor, source, note, at, modelVerdict: null, spamProbability: null, modelVersion: null,
            comment: input.fallback.comment,
          });
          const list = keys.decisions(input.commentId);
          await redis.multi().rpush(list, JSON.stringify(decision)).persist(list).xadd(keys.labels, '*', ...fields).exec();
          return { outcome: 'recorded', record: null };
        }
        const decision: DecisionRecord = {
          commentId: current.id,
          verdict,
          actor: input.actor,
          spamProbability: current.spamProbability,
          modelVersion: current.modelVersion,
          note,
          at,
        };
        const modelVerdict = current.decidedBy === 'model' ? current.verdict : await modelVerdictOf(current.id);
        const fields = labelFields({
          commentId: current.id, siteId: current.siteId, label: verdict === 'spam' ? 'spam' : 'ham', actor: input.actor,
          source, note, at, modelVerdict, spamProbability: current.spamProbability, modelVersion: current.modelVersion,
          comment: current.comment, test: current.test,
        });
        const result = await redis.chaffApplyDecision(
          keys.comment(current.id), keys.decisions(current.id), keys.labels, keys.decided,
          fingerprint(current), verdict, now, input.actor, JSON.stringify(decision), options.keyPrefix, current.id,
          ...fields,
        );
        if (result === -2) continue;
        if (result === -1) return { outcome: 'missing', record: null };
        const [after] = await comments.getComments([current.id]);
        const outcome: DecisionOutcome = result === 0 ? 'unchanged' : result === 2 ? 'changed' : 'recorded';
        return { outcome, record: after };
      }
      throw new Error(`comment ${input.commentId} kept changing while a decision was recorded`);
    },

    /** The flagged queue: unsure or spam, not yet decided by a moderator. */
    async flagged(query: FlaggedQuery): Promise<Page> {
      const scope = flaggedScope({ siteId: query.siteId, verdict: query.verdict });
      const hasAge = query.sinceMs !== undefined || query.beforeMs !== undefined;
      if (query.sort === 'newest') {
        return pageIndex(keys.flaggedByTime(scope), query, { min: query.sinceMs, maxExclusive: query.beforeMs });
      }
      const inAge = (c: ModeratedComment) =>
        (query.sinceMs === undefined || c.receivedAt >= query.sinceMs) && (query.beforeMs === undefined || c.receivedAt < query.beforeMs);
      return pageIndex(keys.flaggedByProbability(scope), query, undefined, hasAge ? inAge : undefined);
    },

    /** Recent automatic decisions (ham included), newest scored first. */
    async recent(query: PageRequest & { verdict?: Verdict; siteId?: string }): Promise<Page> {
      const site = query.siteId;
      return pageIndex(keys.recent(query.verdict), query, undefined, site ? (c) => c.siteId === site : undefined);
    },

    /** Comments a moderator (or site) decided, most recent decision first. */
    async decided(query: PageRequest & { siteId?: string }): Promise<Page> {
      const site = query.siteId;
      return pageIndex(keys.decided, query, undefined, site ? (c) => c.siteId === site : undefined);
    },

    /** Other live comments sharing this comment's author e-mail, URL or IP, newest first. */
    async authorHistory(comment: ModeratedComment, limitPerField = 100): Promise<AuthorHistoryItem[]> {
      const matched = new Map<string, Set<'email' | 'url' | 'ip'>>();
      for (const suffix of comment.authorKeys) {
        const field = suffix.slice(0, suffix.indexOf(':')) as 'email' | 'url' | 'ip';
        const ids = await redis.zrevrange(keys.author(suffix), 0, limitPerField - 1);
        for (const id of ids) {
          if (id === comment.id) continue;
          const set = matched.get(id) ?? new Set();
          set.add(field);
          matched.set(id, set);
        }
      }
      const ids = [...matched.keys()];
      const records = await comments.getComments(ids);
      return records
        .map((record, i) => (record ? { comment: record, matchedOn: [...matched.get(ids[i])!].sort() } : null))
        .filter((x): x is AuthorHistoryItem => x !== null)
        .sort((a, b) => b.comment.receivedAt - a.comment.receivedAt);
    },

    /**
     * For each comment, how many other comments share its author e-mail, URL or IP. Exact while
     * the author's sets are small; past EXACT_HISTORY_LIMIT members in all (a bot's IP with
     * thousands of comments) it is the largest single set, a lower bound, so a page stays cheap.
     */
    async authorHistoryCounts(list: ModeratedComment[]): Promise<number[]> {
      const withKeys = list.filter((c) => c.authorKeys.length > 0);
      if (withKeys.length === 0) return list.map(() => 0);
      const cards = redis.pipeline();
      for (const c of withKeys) for (const suffix of c.authorKeys) cards.zcard(keys.author(suffix));
      const cardReplies = (await cards.exec()) ?? [];
      let r = 0;
      const sizes = new Map<string, number[]>();
      for (const c of withKeys) {
        sizes.set(c.id, c.authorKeys.map(() => {
          const [err, n] = cardReplies[r++] ?? [null, 0];
          if (err) throw err;
          return Number(n);
        }));
      }
      const exact = withKeys.filter((c) => sizes.get(c.id)!.reduce((a, b) => a + b, 0) <= EXACT_HISTORY_LIMIT);
      const unions = redis.pipeline();
      for (const c of exact) unions.zunion(c.authorKeys.length, ...c.authorKeys.map(keys.author));
      const unionReplies = exact.length ? ((await unions.exec()) ?? []) : [];
      const counts = new Map<string, number>();
      exact.forEach((c, i) => {
        const [err, members] = unionReplies[i] ?? [null, []];
        if (err) throw err;
        counts.set(c.id, (members as string[]).filter((m) => m !== c.id).length);
      });
      return list.map((c) => counts.get(c.id) ?? Math.max(0, ...(sizes.get(c.id) ?? [0])) - (sizes.has(c.id) ? 1 : 0));
    },

    async findModeratorByTokenHash(tokenHash: string): Promise<string | null> {
      return redis.hget(keys.moderatorTokens, tokenHash);
    },

    async addModeratorToken(moderatorId: string, tokenHash: string): Promise<void> {
      await redis.hset(keys.moderatorTokens, tokenHash, moderatorId);
    },

    /**
     * Drops index entries older than the retention window (their comment records have expired):
     * flagged entries by arrival, recent by scoring time, decided by decision time. Author sets
     * trim themselves on every write and expire when idle; a decision list holding only the model's
     * record expires with its comment. Moderator decision lists and labels are kept.
     * Returns how many entries were removed.
     */
    async pruneIndexes(): Promise<number> {
      const cutoff = clock.now() - retentionMs;
      const below = `(${cutoff}`;
      let removed = 0;
      const scopes = ['', ...(await redis.smembers(keys.indexScopes))];
      for (const scope of scopes) {
        const byTime = keys.flaggedByTime(scope);
        for (;;) {
          const old = await redis.zrangebyscore(byTime, '-inf', below, 'LIMIT', 0, 1000);
          if (old.length === 0) break;
          await redis.multi().zrem(keys.flaggedByProbability(scope), ...old).zrem(byTime, ...old).exec();
          removed += old.length;
        }
      }
      const verdicts: Verdict[] = ['ham', 'unsure', 'spam'];
      for (const key of [keys.recent(), ...verdicts.map((v) => keys.recent(v)), keys.decided]) {
        removed += await redis.zremrangebyscore(key, '-inf', below);
      }
      return removed;
    },
  };

  /** The model's verdict from the decision history (the first record with no actor). */
  async function modelVerdictOf(id: string): Promise<Verdict | null> {
    const first = await redis.lindex(keys.decisions(id), 0);
    if (!first) return null;
    const record = JSON.parse(first) as DecisionRecord;
    return record.actor === null ? record.verdict : null;
  }
}
