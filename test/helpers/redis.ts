import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** The Redis the test runner started (or REDIS_URL). Tests refuse to guess one. */
export function testRedisUrl(): string {
  const url = process.env.REDIS_URL;
  if (!url) throw new Error('REDIS_URL is not set: run tests with `npm test`, which starts its own redis-server');
  return url;
}

/** A key prefix no other test uses, so tests can run side by side on one Redis. */
export function uniquePrefix(name = 't'): string {
  return `test:${name}:${randomBytes(4).toString('hex')}:`;
}

/** Deletes every key under a prefix. */
export async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.unlink(...keys);
  } while (cursor !== '0');
}
