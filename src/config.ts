import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ConfigError } from './errors.js';

/**
 * Every setting Chaff reads from the environment, parsed and validated once at start-up.
 * Nothing else reads process.env. Each variable has a default and a line in the README.
 */
export interface Config {
  /** HTTP port of the API (PORT, default 8080). */
  port: number;
  /** Interface the API binds to (HOST, default 127.0.0.1; 0.0.0.0 in containers). */
  host: string;
  /** Redis connection URL (REDIS_URL, default redis://127.0.0.1:6379). */
  redisUrl: string;
  /** True when REDIS_URL was not set, so `npm start` may launch a local redis-server. */
  redisUrlIsDefault: boolean;
  /** Prefix of every Redis key Chaff writes, BullMQ's included (CHAFF_KEY_PREFIX, default "chaff:"). */
  keyPrefix: string;
  /** Sites and their API keys from CHAFF_SITE_KEYS ("site:key,site2:key2"), keys kept only as SHA-256. */
  siteKeys: ReadonlyArray<{ siteId: string; keyHash: string }>;
  /** Moderator tokens from CHAFF_MODERATOR_TOKENS ("name:token,..."), kept only as SHA-256. */
  moderatorTokens: ReadonlyArray<{ moderatorId: string; tokenHash: string }>;
  /** Folder holding the shipped model and seed corpus (CHAFF_MODELS_DIR, default ./models). */
  modelsDir: string;
  /** Folder where `npm start` keeps a self-launched redis-server's data (CHAFF_DATA_DIR, default ./data). */
  dataDir: string;
  /** Jobs one worker process scores at once (CHAFF_WORKER_CONCURRENCY, default 16). */
  workerConcurrency: number;
  /** Attempts per scoring job before it fails (CHAFF_JOB_ATTEMPTS, default 5). */
  jobAttempts: number;
  /** First retry delay; doubles each attempt (CHAFF_JOB_BACKOFF_MS, default 1000). */
  jobBackoffMs: number;
  /** Completed jobs kept in Redis (CHAFF_KEEP_COMPLETED_JOBS, default 1000). */
  keepCompletedJobs: number;
  /** Failed jobs kept in Redis (CHAFF_KEEP_FAILED_JOBS, default 5000). */
  keepFailedJobs: number;
  /**
   * How long a comment record, the model's decision and the comment's index entries are kept, in ms;
   * set as a duration from 60s to 3650d such as 30d, 12h, 15m or 90s (a plain number is days).
   * Moderator decisions and training labels stay (CHAFF_COMMENT_RETENTION, default 30d).
   */
  commentRetentionMs: number;
  /** Longest `?wait=` a client may ask for (CHAFF_MAX_WAIT_MS, default 10000). */
  maxWaitMs: number;
  /** Deadline for a graceful shutdown before exiting non-zero (CHAFF_SHUTDOWN_TIMEOUT_MS, default 10000). */
  shutdownTimeoutMs: number;
  /** pino level (CHAFF_LOG_LEVEL, default info). */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Requests one API key may make per rate-limit window (CHAFF_RATE_LIMIT_PER_KEY, default 6000). */
  rateLimitPerKey: number;
  /** Requests one client IP may make per rate-limit window (CHAFF_RATE_LIMIT_PER_IP, default 12000). */
  rateLimitPerIp: number;
  /** Length of the rate-limit window (CHAFF_RATE_LIMIT_WINDOW_MS, default 60000). */
  rateLimitWindowMs: number;
  /** Proxy hops in front of the API whose X-Forwarded-For is trusted for the client IP (CHAFF_TRUST_PROXY_HOPS, default 0). */
  trustProxyHops: number;
  /** Browser origins allowed per site (CHAFF_CORS_ORIGINS, "site=https://a.example|https://b.example;site2=..."); empty = CORS off. */
  corsOrigins: ReadonlyArray<{ siteId: string; origins: ReadonlyArray<string> }>;
  /** Bearer token for `/metrics` on the API port (CHAFF_METRICS_TOKEN, default unset = no /metrics on the API port). Kept as SHA-256. */
  metricsTokenHash: string | null;
  /** Separate port serving /metrics, /healthz, /readyz for this process (CHAFF_METRICS_PORT, default unset = none). */
  metricsPort: number | null;
  /** Whether the queue dashboard may retry, clean or remove jobs (CHAFF_QUEUE_DASHBOARD_WRITE, default false). */
  queueDashboardWrite: boolean;
  /** How long a worker's lock on a job lasts before another may take it (CHAFF_JOB_LOCK_MS, default 30000). */
  jobLockMs: number;
  /** How often workers look for stalled jobs of dead workers (CHAFF_STALLED_INTERVAL_MS, default 30000). */
  stalledIntervalMs: number;
  /** Time a client has to send its request headers (CHAFF_HEADERS_TIMEOUT_MS, default 10000). */
  headersTimeoutMs: number;
  /** Time a client has to send its whole request (CHAFF_REQUEST_TIMEOUT_MS, default 30000). */
  requestTimeoutMs: number;
  /** Idle keep-alive socket lifetime (CHAFF_KEEP_ALIVE_TIMEOUT_MS, default 5000). */
  keepAliveTimeoutMs: number;
  /** Akismet comment-check: spam probability above which it adds `X-akismet-pro-tip: discard` (CHAFF_AKISMET_BLATANT_PROBABILITY, default 0.99). */
  akismetBlatantProbability: number;
  /** Akismet comment-check: how long it waits for the verdict before answering `false` + recheck (CHAFF_AKISMET_WAIT_MS, default 3000). */
  akismetWaitMs: number;
  /** Coral external moderation: how long it waits for the verdict before answering 204 "no opinion" (CHAFF_CORAL_WAIT_MS, default 1000). */
  coralWaitMs: number;
  /** Coral status for a spam verdict: SYSTEM_WITHHELD (held for review) or REJECTED (CHAFF_CORAL_SPAM_STATUS, default SYSTEM_WITHHELD). */
  coralSpamStatus: 'SYSTEM_WITHHELD' | 'REJECTED';
  /** First webhook retry delay; doubles per attempt up to one hour, retried for 24 hours (CHAFF_WEBHOOK_BACKOFF_MS, default 10000). */
  webhookBackoffMs: number;
  /** Time a webhook receiver has to answer one delivery (CHAFF_WEBHOOK_TIMEOUT_MS, default 10000). */
  webhookTimeoutMs: number;
  /** Least time between a worker's checks of the active model in Redis, besides pub/sub (CHAFF_MODEL_CHECK_MS, default 5000). */
  modelCheckMs: number;
  /** Model versions kept in Redis (and retrain-written files kept in the models folder) (CHAFF_KEEP_MODEL_VERSIONS, default 5). */
  keepModelVersions: number;
  /** Retrain in the background after this many new moderator labels; 0 = off (CHAFF_RETRAIN_EVERY, default 0). */
  retrainEveryLabels: number;
  /**
   * Extra labelled corpora every retrain reads, as `--corpus` would: comma-separated files or
   * folders (their .jsonl and .csv files) (CHAFF_RETRAIN_CORPORA, default none).
   */
  retrainCorpora: string[];
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

const intIn = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const DURATION_UNIT_MS: Readonly<Record<string, number>> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };

/** Parses a whole number of days, hours, minutes or seconds ("30d", "12h", "15m", "90s"; "30" is days) to ms. */
const durationMs = (minMs: number, maxMs: number, range: string) =>
  z.string().transform((value, ctx) => {
    // Lower-case units only, so "2M" (months?) is refused rather than read as minutes.
    const m = /^\s*(\d{1,9})\s*([dhms]?)\s*$/.exec(value);
    const ms = m ? Number(m[1]) * DURATION_UNIT_MS[m[2] || 'd'] : NaN;
    if (!(ms >= minMs && ms <= maxMs)) {
      ctx.addIssue({ code: 'custom', message: `expected a duration from ${range}, such as 30d, 12h, 15m or 90s (a plain number is days)` });
      return z.NEVER;
    }
    return ms;
  });

/** Variables Chaff no longer reads, with what replaced them: set, they stop start-up rather than being ignored. */
const RETIRED_VARIABLES: Readonly<Record<string, string>> = {
  CHAFF_COMMENT_RETENTION_DAYS: 'replaced by CHAFF_COMMENT_RETENTION, a duration such as 30d or 12h (a plain number is days)',
};

/** Parses "name:secret,name2:secret2"; names are slugs, secrets at least 16 characters. */
const credentialList = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const pairs: Array<{ name: string; secret: string }> = [];
    for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
      const colon = part.indexOf(':');
      const name = colon > 0 ? part.slice(0, colon) : '';
      const secret = colon > 0 ? part.slice(colon + 1) : '';
      if (!/^[a-z0-9][a-z0-9_.-]{0,63}$/i.test(name) || secret.length < 16) {
        ctx.addIssue({
          code: 'custom',
          message: 'expected "name:secret" pairs separated by commas; names are letters, digits, _ . -; secrets have at least 16 characters',
        });
        return z.NEVER;
      }
      pairs.push({ name, secret });
    }
    return pairs;
  });

/** Parses "site=https://a.example|https://b.example;site2=https://c.example" into origins per site. */
const corsOriginList = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const sites: Array<{ siteId: string; origins: string[] }> = [];
    for (const part of value.split(';').map((p) => p.trim()).filter(Boolean)) {
      const eq = part.indexOf('=');
      const siteId = eq > 0 ? part.slice(0, eq).trim() : '';
      const origins = eq > 0 ? part.slice(eq + 1).split('|').map((o) => o.trim()).filter(Boolean) : [];
      const badOrigin = origins.find((o) => !/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i.test(o));
      if (!/^[a-z0-9][a-z0-9_.-]{0,63}$/i.test(siteId) || origins.length === 0 || badOrigin !== undefined) {
        ctx.addIssue({
          code: 'custom',
          message: 'expected "site=https://origin|https://origin2" entries separated by semicolons; an origin is scheme://host[:port] with no path',
        });
        return z.NEVER;
      }
      sites.push({ siteId, origins: origins.map((o) => o.toLowerCase()) });
    }
    return sites;
  });

const envSchema = z.object({
  PORT: intIn(0, 65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// URL')
    .optional(),
  CHAFF_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:{}-]{1,64}$/, 'expected 1-64 characters of letters, digits, _ . : - { }')
    .default('chaff:'),
  CHAFF_SITE_KEYS: credentialList,
  CHAFF_MODERATOR_TOKENS: credentialList,
  CHAFF_MODELS_DIR: z.string().min(1).default('models'),
  CHAFF_DATA_DIR: z.string().min(1).default('data'),
  CHAFF_WORKER_CONCURRENCY: intIn(1, 1000).default(16),
  CHAFF_JOB_ATTEMPTS: intIn(1, 100).default(5),
  CHAFF_JOB_BACKOFF_MS: intIn(0, 3_600_000).default(1000),
  CHAFF_KEEP_COMPLETED_JOBS: intIn(0, 1_000_000).default(1000),
  CHAFF_KEEP_FAILED_JOBS: intIn(0, 1_000_000).default(5000),
  CHAFF_COMMENT_RETENTION: durationMs(60_000, 3650 * 86_400_000, '60s to 3650d').default(30 * 86_400_000),
  CHAFF_MAX_WAIT_MS: intIn(0, 10_000).default(10_000),
  CHAFF_SHUTDOWN_TIMEOUT_MS: intIn(100, 600_000).default(10_000),
  CHAFF_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CHAFF_RATE_LIMIT_PER_KEY: intIn(1, 100_000_000).default(6000),
  CHAFF_RATE_LIMIT_PER_IP: intIn(1, 100_000_000).default(12_000),
  CHAFF_RATE_LIMIT_WINDOW_MS: intIn(1000, 86_400_000).default(60_000),
  CHAFF_TRUST_PROXY_HOPS: intIn(0, 10).default(0),
  CHAFF_CORS_ORIGINS: corsOriginList,
  CHAFF_METRICS_TOKEN: z.string().min(16, 'must have at least 16 characters').optional(),
  CHAFF_METRICS_PORT: intIn(0, 65535).optional(),
  CHAFF_QUEUE_DASHBOARD_WRITE: z.enum(['true', 'false']).default('false'),
  CHAFF_JOB_LOCK_MS: intIn(500, 3_600_000).default(30_000),
  CHAFF_STALLED_INTERVAL_MS: intIn(500, 3_600_000).default(30_000),
  CHAFF_HEADERS_TIMEOUT_MS: intIn(100, 600_000).default(10_000),
  CHAFF_REQUEST_TIMEOUT_MS: intIn(100, 3_600_000).default(30_000),
  CHAFF_KEEP_ALIVE_TIMEOUT_MS: intIn(100, 600_000).default(5_000),
  CHAFF_AKISMET_BLATANT_PROBABILITY: z.coerce.number().min(0.5).max(1).default(0.99),
  CHAFF_AKISMET_WAIT_MS: intIn(0, 60_000).default(3000),
  CHAFF_CORAL_WAIT_MS: intIn(0, 60_000).default(1000),
  CHAFF_CORAL_SPAM_STATUS: z.enum(['SYSTEM_WITHHELD', 'REJECTED']).default('SYSTEM_WITHHELD'),
  CHAFF_WEBHOOK_BACKOFF_MS: intIn(1, 3_600_000).default(10_000),
  CHAFF_WEBHOOK_TIMEOUT_MS: intIn(100, 120_000).default(10_000),
  CHAFF_MODEL_CHECK_MS: intIn(100, 3_600_000).default(5000),
  CHAFF_KEEP_MODEL_VERSIONS: intIn(1, 1000).default(5),
  CHAFF_RETRAIN_EVERY: intIn(0, 100_000_000).default(0),
  CHAFF_RETRAIN_CORPORA: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((p) => p.trim()).filter(Boolean)),
});

/**
 * Reads and validates the environment. Throws one ConfigError that names every bad variable,
 * so start-up stops with a message a site owner can act on.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const parsed = envSchema.safeParse(env);
  const retired = Object.keys(RETIRED_VARIABLES).filter((name) => env[name] !== undefined);
  if (!parsed.success || retired.length > 0) {
    const lines = [
      ...(parsed.success ? [] : parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)),
      ...retired.map((name) => `  ${name}: ${RETIRED_VARIABLES[name]}`),
    ];
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    redisUrl: e.REDIS_URL ?? 'redis://127.0.0.1:6379',
    redisUrlIsDefault: e.REDIS_URL === undefined,
    keyPrefix: e.CHAFF_KEY_PREFIX,
    siteKeys: Object.freeze(e.CHAFF_SITE_KEYS.map(({ name, secret }) => ({ siteId: name, keyHash: hashSecret(secret) }))),
    moderatorTokens: Object.freeze(
      e.CHAFF_MODERATOR_TOKENS.map(({ name, secret }) => ({ moderatorId: name, tokenHash: hashSecret(secret) })),
    ),
    modelsDir: e.CHAFF_MODELS_DIR,
    dataDir: e.CHAFF_DATA_DIR,
    workerConcurrency: e.CHAFF_WORKER_CONCURRENCY,
    jobAttempts: e.CHAFF_JOB_ATTEMPTS,
    jobBackoffMs: e.CHAFF_JOB_BACKOFF_MS,
    keepCompletedJobs: e.CHAFF_KEEP_COMPLETED_JOBS,
    keepFailedJobs: e.CHAFF_KEEP_FAILED_JOBS,
    commentRetentionMs: e.CHAFF_COMMENT_RETENTION,
    maxWaitMs: e.CHAFF_MAX_WAIT_MS,
    shutdownTimeoutMs: e.CHAFF_SHUTDOWN_TIMEOUT_MS,
    logLevel: e.CHAFF_LOG_LEVEL,
    rateLimitPerKey: e.CHAFF_RATE_LIMIT_PER_KEY,
    rateLimitPerIp: e.CHAFF_RATE_LIMIT_PER_IP,
    rateLimitWindowMs: e.CHAFF_RATE_LIMIT_WINDOW_MS,
    trustProxyHops: e.CHAFF_TRUST_PROXY_HOPS,
    corsOrigins: Object.freeze(e.CHAFF_CORS_ORIGINS.map((c) => ({ siteId: c.siteId, origins: Object.freeze(c.origins) }))),
    metricsTokenHash: e.CHAFF_METRICS_TOKEN === undefined ? null : hashSecret(e.CHAFF_METRICS_TOKEN),
    metricsPort: e.CHAFF_METRICS_PORT ?? null,
    queueDashboardWrite: e.CHAFF_QUEUE_DASHBOARD_WRITE === 'true',
    jobLockMs: e.CHAFF_JOB_LOCK_MS,
    stalledIntervalMs: e.CHAFF_STALLED_INTERVAL_MS,
    headersTimeoutMs: e.CHAFF_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: e.CHAFF_REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: e.CHAFF_KEEP_ALIVE_TIMEOUT_MS,
    akismetBlatantProbability: e.CHAFF_AKISMET_BLATANT_PROBABILITY,
    akismetWaitMs: e.CHAFF_AKISMET_WAIT_MS,
    coralWaitMs: e.CHAFF_CORAL_WAIT_MS,
    coralSpamStatus: e.CHAFF_CORAL_SPAM_STATUS,
    webhookBackoffMs: e.CHAFF_WEBHOOK_BACKOFF_MS,
    webhookTimeoutMs: e.CHAFF_WEBHOOK_TIMEOUT_MS,
    modelCheckMs: e.CHAFF_MODEL_CHECK_MS,
    keepModelVersions: e.CHAFF_KEEP_MODEL_VERSIONS,
    retrainEveryLabels: e.CHAFF_RETRAIN_EVERY,
    retrainCorpora: e.CHAFF_RETRAIN_CORPORA,
  });
}

/** Every environment variable Chaff reads (the README's configuration table lists each). */
export const ENVIRONMENT_VARIABLES: readonly string[] = Object.freeze(Object.keys(envSchema.shape));
