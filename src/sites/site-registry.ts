/**
 * The registry of sites and moderators kept in Redis (besides CHAFF_SITE_KEYS and
 * CHAFF_MODERATOR_TOKENS, which still work for bootstrapping).
 *
 * Redis layout (under the key prefix):
 * - `site-keys`        hash sha256(site key) → site id. The one place API-key auth looks after the
 *                      config (see src/http/auth.ts); rotating or removing a site deletes its entry,
 *                      so the old key fails at once.
 * - `sites`            hash site id → SiteRecord JSON (no key: only its hash, which also sits in
 *                      `site-keys`). Webhook and Coral signing secrets are kept as given, because
 *                      signing needs them; they are never logged or shown after creation.
 * - `moderator-tokens` hash sha256(token) → moderator id (read by the moderation routes).
 * - `moderators`       hash moderator id → ModeratorRecord JSON.
 *
 * Keys and tokens are random, printed once by the CLI, and stored only as SHA-256.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { hashSecret } from '../config.js';
import { AppError, NotFoundError, ValidationError } from '../errors.js';
import { checkWebhookUrl } from '../webhooks/webhook-url.js';

export interface SiteWebhook {
  url: string;
  /** HMAC secret for `Chaff-Signature`. */
  secret: string;
}

export interface SiteRecord {
  siteId: string;
  createdAt: string;
  /** SHA-256 of the current key; null for a site whose key comes from CHAFF_SITE_KEYS. */
  keyHash: string | null;
  keyRotatedAt: string | null;
  webhook: SiteWebhook | null;
  /** Coral "external moderation phase" signing secrets accepted for this site (newest last). */
  coralSecrets: string[];
}

/** What `sites list` shows: nothing secret. */
export interface SiteSummary {
  siteId: string;
  createdAt: string;
  keyRotatedAt: string | null;
  hasKey: boolean;
  webhookUrl: string | null;
  coral: boolean;
}

export interface ModeratorRecord {
  moderatorId: string;
  createdAt: string;
  tokenHash: string;
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super('conflict', 409, message);
  }
}

const NAME = /^[a-z0-9][a-z0-9_.-]{0,63}$/i;

function checkName(kind: string, name: string): void {
  if (!NAME.test(name)) {
    throw new ValidationError(`A ${kind} name is 1-64 letters, digits, _ . - and starts with a letter or digit.`, [
      { field: 'name', message: 'invalid name' },
    ]);
  }
}

/**
 * A new site key: "chaff" + 40 lowercase hex digits (160 bits). Lowercase letters and digits only,
 * at most 63 characters, so it also works as the first label of a host name, which is how
 * Akismet clients send it (`<key>.chaff.example.org`).
 */
export function generateSiteKey(): string {
  return `chaff${randomBytes(20).toString('hex')}`;
}

/** A new moderator token (base64url, 192 bits). */
export function generateModeratorToken(): string {
  return `chaffmod_${randomBytes(24).toString('base64url')}`;
}

/** A new webhook signing secret. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

export interface SiteRegistryOptions {
  redis: Redis;
  keyPrefix: string;
  clock: { now(): number };
}

export type SiteRegistry = ReturnType<typeof createSiteRegistry>;

export function createSiteRegistry(options: SiteRegistryOptions) {
  const { redis, keyPrefix: p, clock } = options;
  const keys = {
    siteKeys: `${p}site-keys`,
    sites: `${p}sites`,
    moderatorTokens: `${p}moderator-tokens`,
    moderators: `${p}moderators`,
  };
  const nowIso = () => new Date(clock.now()).toISOString();

  async function getSite(siteId: string): Promise<SiteRecord | null> {
    const raw = await redis.hget(keys.sites, siteId);
    return raw ? (JSON.parse(raw) as SiteRecord) : null;
  }

  /** Every key hash that maps to the site (a legacy or demo site may have one without a record). */
  async function keyHashesOf(siteId: string): Promise<string[]> {
    const out: string[] = [];
    let cursor = '0';
    do {
      const [next, flat] = await redis.hscan(keys.siteKeys, cursor, 'COUNT', 1000);
      cursor = next;
      for (let i = 0; i + 1 < flat.length; i += 2) if (flat[i + 1] === siteId) out.push(flat[i]);
    } while (cursor !== '0');
    return out;
  }

  return {
    keys,
    getSite,

    /** Creates a site with a fresh key (returned once) and, optionally, a webhook. */
    async addSite(siteId: string, opts: { webhookUrl?: string } = {}): Promise<{ key: string; webhookSecret: string | null }> {
      checkName('site', siteId);
      if (opts.webhookUrl !== undefined) checkWebhookUrl(opts.webhookUrl);
      if ((await redis.hexists(keys.sites, siteId)) || (await keyHashesOf(siteId)).length > 0) {
        throw new ConflictError(`Site ${siteId} exists already; use "sites rotate-key ${siteId}" for a new key.`);
      }
      const key = generateSiteKey();
      const keyHash = hashSecret(key);
      const webhookSecret = opts.webhookUrl === undefined ? null : generateWebhookSecret();
      const record: SiteRecord = {
        siteId,
        createdAt: nowIso(),
        keyHash,
        keyRotatedAt: null,
        webhook: opts.webhookUrl === undefined ? null : { url: opts.webhookUrl, secret: webhookSecret! },
        coralSecrets: [],
      };
      const created = await redis.hsetnx(keys.sites, siteId, JSON.stringify(record));
      if (created !== 1) throw new ConflictError(`Site ${siteId} exists already.`);
      await redis.hset(keys.siteKeys, keyHash, siteId);
      return { key, webhookSecret };
    },

    async listSites(): Promise<SiteSummary[]> {
      const all = await redis.hgetall(keys.sites);
      const withKeys = new Set(Object.values(await redis.hgetall(keys.siteKeys)));
      const ids = new Set([...Object.keys(all), ...withKeys]);
      return [...ids].sort().map((siteId) => {
        const r = all[siteId] ? (JSON.parse(all[siteId]) as SiteRecord) : null;
        return {
          siteId,
          createdAt: r?.createdAt ?? '',
          keyRotatedAt: r?.keyRotatedAt ?? null,
          hasKey: withKeys.has(siteId),
          webhookUrl: r?.webhook?.url ?? null,
          coral: (r?.coralSecrets.length ?? 0) > 0,
        };
      });
    },

    /** Replaces every stored key of the site with a new one (returned once); old keys fail at once. */
    async rotateKey(siteId: string): Promise<string> {
      const record = await getSite(siteId);
      const old = await keyHashesOf(siteId);
      if (!record && old.length === 0) throw new NotFoundError(`No site ${siteId} in Redis (sites from CHAFF_SITE_KEYS are rotated in the environment).`);
      const key = generateSiteKey();
      const keyHash = hashSecret(key);
      const next: SiteRecord = record ?? { siteId, createdAt: nowIso(), keyHash: null, keyRotatedAt: null, webhook: null, coralSecrets: [] };
      next.keyHash = keyHash;
      next.keyRotatedAt = nowIso();
      const tx = redis.multi();
      if (old.length) tx.hdel(keys.siteKeys, ...old);
      tx.hset(keys.siteKeys, keyHash, siteId).hset(keys.sites, siteId, JSON.stringify(next));
      await tx.exec();
      return key;
    },

    /** Deletes the site's keys and record. Its comments, decisions and labels stay. */
    async removeSite(siteId: string): Promise<void> {
      const old = await keyHashesOf(siteId);
      const tx = redis.multi();
      if (old.length) tx.hdel(keys.siteKeys, ...old);
      tx.hdel(keys.sites, siteId);
      const replies = (await tx.exec()) ?? [];
      const removedRecord = Number(replies[replies.length - 1]?.[1] ?? 0);
      if (old.length === 0 && removedRecord === 0) throw new NotFoundError(`No site ${siteId} in Redis.`);
    },

    /**
     * Sets (or with null clears) a site's webhook. Works for sites from CHAFF_SITE_KEYS too.
     * Returns the new signing secret (shown once) or null.
     */
    async setWebhook(siteId: string, url: string | null): Promise<string | null> {
      checkName('site', siteId);
      if (url !== null) checkWebhookUrl(url);
      const record = (await getSite(siteId)) ?? { siteId, createdAt: nowIso(), keyHash: null, keyRotatedAt: null, webhook: null, coralSecrets: [] };
      const secret = url === null ? null : generateWebhookSecret();
      record.webhook = url === null ? null : { url, secret: secret! };
      await redis.hset(keys.sites, siteId, JSON.stringify(record));
      return secret;
    },

    /** Adds (or with null clears) a Coral signing secret; keeps at most the two newest (rotation). */
    async setCoralSecret(siteId: string, secret: string | null): Promise<void> {
      checkName('site', siteId);
      if (secret !== null && secret.length < 16) throw new ValidationError('A Coral signing secret has at least 16 characters.');
      const record = (await getSite(siteId)) ?? { siteId, createdAt: nowIso(), keyHash: null, keyRotatedAt: null, webhook: null, coralSecrets: [] };
      record.coralSecrets = secret === null ? [] : [...record.coralSecrets.filter((s) => s !== secret), secret].slice(-2);
      await redis.hset(keys.sites, siteId, JSON.stringify(record));
    },

    async webhookOf(siteId: string): Promise<SiteWebhook | null> {
      return (await getSite(siteId))?.webhook ?? null;
    },

    /** Every site with Coral secrets, for requests that do not name their site. */
    async coralSites(): Promise<Array<{ siteId: string; secrets: string[] }>> {
      const all = await redis.hgetall(keys.sites);
      return Object.values(all)
        .map((raw) => JSON.parse(raw) as SiteRecord)
        .filter((r) => r.coralSecrets.length > 0)
        .map((r) => ({ siteId: r.siteId, secrets: r.coralSecrets }));
    },

    /** Creates a moderator with a fresh token (returned once). */
    async addModerator(moderatorId: string): Promise<string> {
      checkName('moderator', moderatorId);
      const token = generateModeratorToken();
      const tokenHash = hashSecret(token);
      const record: ModeratorRecord = { moderatorId, createdAt: nowIso(), tokenHash };
      const created = await redis.hsetnx(keys.moderators, moderatorId, JSON.stringify(record));
      if (created !== 1) throw new ConflictError(`Moderator ${moderatorId} exists already; remove them first for a new token.`);
      await redis.hset(keys.moderatorTokens, tokenHash, moderatorId);
      return token;
    },

    async listModerators(): Promise<Array<{ moderatorId: string; createdAt: string }>> {
      const all = await redis.hgetall(keys.moderators);
      const ids = new Set([...Object.keys(all), ...Object.values(await redis.hgetall(keys.moderatorTokens))]);
      return [...ids].sort().map((moderatorId) => ({
        moderatorId,
        createdAt: all[moderatorId] ? (JSON.parse(all[moderatorId]) as ModeratorRecord).createdAt : '',
      }));
    },

    async removeModerator(moderatorId: string): Promise<void> {
      const tokens = await redis.hgetall(keys.moderatorTokens);
      const hashes = Object.entries(tokens).filter(([, id]) => id === moderatorId).map(([h]) => h);
      const tx = redis.multi();
      if (hashes.length) tx.hdel(keys.moderatorTokens, ...hashes);
      tx.hdel(keys.moderators, moderatorId);
      const replies = (await tx.exec()) ?? [];
      const removedRecord = Number(replies[replies.length - 1]?.[1] ?? 0);
      if (hashes.length === 0 && removedRecord === 0) throw new NotFoundError(`No moderator ${moderatorId} in Redis.`);
    },
  };
}
