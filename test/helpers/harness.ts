import { Redis } from 'ioredis';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { buildApi, startWorker, systemClock, type BuiltApi, type ProcessOptions, type Running } from '../../src/server.js';
import type { Clock } from '../../src/store/comment-store.js';
import { deletePrefix, testRedisUrl, uniquePrefix } from './redis.js';

export const SITE_A = { siteId: 'site-a', key: 'key-a-0123456789abcdef' };
export const SITE_B = { siteId: 'site-b', key: 'key-b-0123456789abcdef' };

export interface Harness {
  config: Readonly<Config>;
  api: BuiltApi;
  /** A patient connection for assertions on Redis state. */
  redis: Redis;
  /** Starts a worker; pass `metrics` to read its counters. */
  startWorker(options?: ProcessOptions): Promise<Running>;
  close(): Promise<void>;
}

/**
 * A real Chaff API on the test Redis under a fresh key prefix, plus workers on demand. close()
 * stops everything and deletes the prefix.
 */
export async function createHarness(options: { env?: Record<string, string>; clock?: Clock } = {}): Promise<Harness> {
  const prefix = uniquePrefix('chaff');
  const config = loadConfig({
    REDIS_URL: testRedisUrl(),
    CHAFF_KEY_PREFIX: prefix,
    CHAFF_SITE_KEYS: `${SITE_A.siteId}:${SITE_A.key},${SITE_B.siteId}:${SITE_B.key}`,
    CHAFF_LOG_LEVEL: 'silent',
    CHAFF_JOB_BACKOFF_MS: '50',
    ...options.env,
  });
  const logger = createLogger({ level: config.logLevel });
  const clock = options.clock ?? systemClock;
  const api = await buildApi(config, logger, clock);
  await api.ready(10_000);
  const redis = new Redis(config.redisUrl);
  const workers: Running[] = [];
  return {
    config,
    api,
    redis,
    async startWorker(workerOptions: ProcessOptions = {}) {
      const worker = await startWorker(config, logger, clock, workerOptions);
      workers.push(worker);
      return worker;
    },
    async close() {
      for (const worker of workers) await worker.close();
      await api.close();
      await deletePrefix(redis, prefix);
      await redis.quit();
    },
  };
}
