import { Redis, type RedisOptions } from 'ioredis';

/**
 * The only place Chaff creates Redis connections. Whoever calls these owns the connection and
 * closes it.
 *
 * - `api`: fails fast. No offline queue and a command timeout, so a Redis outage answers 503
 *   at once instead of hanging a request. It keeps reconnecting in the background.
 * - `worker`: patient. BullMQ workers need `maxRetriesPerRequest: null` and retry forever.
 * - `subscriber`: a connection for pub/sub, patient like a worker's.
 */
export type RedisRole = 'api' | 'worker' | 'subscriber';

const retryStrategy = (times: number): number => Math.min(times * 100, 2000);

export function createRedis(url: string, role: RedisRole, name = `chaff-${role}`): Redis {
  const common: RedisOptions = { connectionName: name, retryStrategy, lazyConnect: false };
  if (role === 'api') {
    return new Redis(url, {
      ...common,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: 1500,
      connectTimeout: 1500,
    });
  }
  return new Redis(url, { ...common, maxRetriesPerRequest: null, enableReadyCheck: true });
}

/** True for errors that mean "Redis is not reachable right now" rather than a bug. */
export function isRedisUnavailableError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const text = `${error.name} ${error.message}`;
  return /Stream isn't writeable|Connection is closed|ECONNREFUSED|ECONNRESET|ETIMEDOUT|Command timed out|MaxRetriesPerRequest|connect ETIMEDOUT|LOADING|Reached the max retries|Connection closed|Socket closed/i.test(
    text,
  );
}

/** Resolves once the connection is ready, or rejects after `timeoutMs`. */
export async function waitForRedis(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis did not become ready within ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off('ready', onReady);
    };
    redis.on('ready', onReady);
  });
}

/**
 * Closes a connection without hanging: QUIT when it is up (pending replies still arrive),
 * a plain disconnect when it is down (a queued QUIT would wait for Redis forever).
 */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') {
    await redis.quit().catch(() => redis.disconnect());
  } else {
    redis.disconnect();
  }
}
