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
  /** Days a comment record is kept; labels and decision history stay (CHAFF_COMMENT_RETENTION_DAYS, default 30). */
  commentRetentionDays: number;
  /** Longest `?wait=` a client may ask for (CHAFF_MAX_WAIT_MS, default 10000). */
  maxWaitMs: number;
  /** Deadline for a graceful shutdown before exiting non-zero (CHAFF_SHUTDOWN_TIMEOUT_MS, default 10000). */
  shutdownTimeoutMs: number;
  /** pino level (CHAFF_LOG_LEVEL, default info). */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

const intIn = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

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

const envSchema = z.object({
  PORT: intIn(0, 65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// URL')
    .optional(),
  CHAFF_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'expected 1-64 characters of letters, digits, _ . : -')
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
  CHAFF_COMMENT_RETENTION_DAYS: intIn(1, 3650).default(30),
  CHAFF_MAX_WAIT_MS: intIn(0, 10_000).default(10_000),
  CHAFF_SHUTDOWN_TIMEOUT_MS: intIn(100, 600_000).default(10_000),
  CHAFF_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/**
 * Reads and validates the environment. Throws one ConfigError that names every bad variable,
 * so start-up stops with a message a site owner can act on.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
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
    commentRetentionDays: e.CHAFF_COMMENT_RETENTION_DAYS,
    maxWaitMs: e.CHAFF_MAX_WAIT_MS,
    shutdownTimeoutMs: e.CHAFF_SHUTDOWN_TIMEOUT_MS,
    logLevel: e.CHAFF_LOG_LEVEL,
  });
}
