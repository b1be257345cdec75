import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { SCORE_COMMENT_QUEUE, bullPrefix } from '../../src/queues/score-comment.queue.js';
import { makeComment } from '../factories.js';
import { SITE_A } from '../helpers/harness.js';
import { killProcess, postComment, startApiProcess, startWorkerProcess, type ChaffProcess, type PostResult } from '../helpers/processes.js';
import { startPrivateRedis, type PrivateRedis } from '../helpers/redis-server.js';

/**
 * Redis killed (SIGKILL) and restarted mid-stream, with appendonly + appendfsync always: every
 * comment that got a 2xx before is scored after; the queue is paused (a flag kept in Redis) until
 * Redis is back, so every one of them is still waiting in Redis when it dies. While Redis is down the API answers 503 quickly
 * (never a 500, never a hang); API and worker reconnect by themselves.
 */
let redisServer: PrivateRedis;
const procs: ChaffProcess[] = [];
let baseUrl = '';

before(async () => {
  redisServer = await startPrivateRedis(['--appendonly', 'yes', '--appendfsync', 'always']);
  const env = {
    REDIS_URL: redisServer.url,
    CHAFF_KEY_PREFIX: 'chaff:',
    CHAFF_SITE_KEYS: `${SITE_A.siteId}:${SITE_A.key}`,
    PORT: '0',
    CHAFF_JOB_BACKOFF_MS: '100',
  };
  const api = await startApiProcess(env);
  procs.push(api, await startWorkerProcess(env));
  baseUrl = `http://127.0.0.1:${api.logs.find((l) => l.msg === 'api listening')!.port as number}`;
});
after(async () => {
  for (const p of procs) await killProcess(p, 'SIGKILL');
  await redisServer.destroy();
});

test('a Redis restart loses no accepted comment; the API answers 503 meanwhile and recovers', { timeout: 120_000 }, async () => {
  const control = new Redis(redisServer.url, { maxRetriesPerRequest: null });
  control.on('error', () => undefined);
  const queue = new Queue(SCORE_COMMENT_QUEUE, { connection: control, prefix: bullPrefix('chaff:') });
  queue.on('error', () => undefined);
  await queue.pause();
  const results: PostResult[] = [];
  let phase: 'before' | 'down' | 'after' = 'before';
  const phaseOf = new Map<PostResult, string>();
  let stop = false;
  // Four clients post steadily through the whole test.
  const posters = Array.from({ length: 4 }, async () => {
    while (!stop) {
      const sentIn = phase;
      const r = await postComment(baseUrl, SITE_A.key, makeComment(), 5000);
      results.push(r);
      phaseOf.set(r, `${sentIn}>${phase}`);
      if (r.status !== 202) await new Promise((res) => setTimeout(res, 20));
    }
  });

  const waitFor = async (what: string, ok: () => boolean, timeoutMs: number) => {
    const end = Date.now() + timeoutMs;
    while (!ok()) {
      assert.ok(Date.now() < end, what);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  await waitFor('200 comments accepted before the restart', () => results.filter((r) => r.status === 202).length >= 200, 30_000);
  const acceptedBefore = results.filter((r) => r.status === 202).map((r) => r.id!);
  const beforeKill = await queue.getJobCounts('waiting', 'completed');
  assert.equal(beforeKill.completed, 0, 'nothing is scored before the restart');
  assert.ok(beforeKill.waiting >= acceptedBefore.length, `all accepted comments wait in Redis (${JSON.stringify(beforeKill)})`);

  await redisServer.stop({ kill: true });
  phase = 'down';
  const downFrom = results.length;
  await waitFor('requests answered while Redis is down', () => results.length - downFrom >= 40, 20_000);
  const whileDown = results.slice(downFrom).filter((r) => phaseOf.get(r) === 'down>down');
  assert.ok(whileDown.length >= 20, 'enough requests were both sent and answered while Redis was down');
  assert.deepEqual([...new Set(whileDown.map((r) => r.status))], [503], 'only 503 while Redis is down');
  assert.deepEqual(whileDown.filter((r) => r.durationMs >= 2000), [], 'each 503 came within 2 s');
  const ready = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(3000) });
  assert.equal(ready.status, 503);

  await redisServer.start();
  phase = 'after';
  await queue.resume();
  const upFrom = results.length;
  await waitFor('the API accepts comments again by itself', () => results.slice(upFrom).filter((r) => r.status === 202).length >= 100, 30_000);
  stop = true;
  await Promise.all(posters);

  assert.deepEqual(results.filter((r) => r.status >= 500 && r.status !== 503), [], 'never a 500');
  assert.deepEqual(results.filter((r) => r.status === 0), [], 'never a hang or a dropped connection');

  const accepted = results.filter((r) => r.status === 202).map((r) => r.id!);
  const redis = new Redis(redisServer.url);
  try {
    const end = Date.now() + 60_000;
    let unscored: string[] = accepted;
    while (unscored.length > 0) {
      assert.ok(Date.now() < end, `every accepted comment is scored (${unscored.length} left)`);
      const pipeline = redis.pipeline();
      for (const id of unscored) pipeline.hget(`chaff:comment:${id}`, 'status');
      const statuses = ((await pipeline.exec()) ?? []).map(([, s]) => s);
      unscored = unscored.filter((_, i) => statuses[i] !== 'scored');
      if (unscored.length > 0) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(acceptedBefore.every((id) => accepted.includes(id)));
  } finally {
    await redis.quit();
    await queue.close();
    await control.quit();
  }
});
