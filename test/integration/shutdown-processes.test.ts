import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { makeComment } from '../factories.js';
import { SITE_A } from '../helpers/harness.js';
import { killProcess, postMany, startApiProcess, startWorkerProcess, type ChaffProcess } from '../helpers/processes.js';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../helpers/redis.js';
import { SCORE_COMMENT_QUEUE, bullPrefix } from '../../src/queues/score-comment.queue.js';

/** SIGTERM stops api and worker processes cleanly: exit code 0 within the deadline, no job left active. */
const prefix = uniquePrefix('sigterm');
const env = {
  REDIS_URL: testRedisUrl(),
  CHAFF_KEY_PREFIX: prefix,
  CHAFF_SITE_KEYS: `${SITE_A.siteId}:${SITE_A.key}`,
  PORT: '0',
  CHAFF_WORKER_CONCURRENCY: '8',
  CHAFF_SHUTDOWN_TIMEOUT_MS: '10000',
};
const redis = new Redis(testRedisUrl());
const queueConnection = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
const queue = new Queue(SCORE_COMMENT_QUEUE, { connection: queueConnection, prefix: bullPrefix(prefix) });
const procs: ChaffProcess[] = [];
let baseUrl = '';

before(async () => {
  const api = await startApiProcess(env);
  procs.push(api);
  baseUrl = `http://127.0.0.1:${api.logs.find((l) => l.msg === 'api listening')!.port as number}`;
});
after(async () => {
  for (const p of procs) await killProcess(p, 'SIGKILL');
  await queue.close();
  await queueConnection.quit();
  await deletePrefix(redis, prefix);
  await redis.quit();
});

async function exitWithin(p: ChaffProcess, ms: number) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${p.mode} did not exit within ${ms} ms of SIGTERM`)), ms);
  });
  try {
    return await Promise.race([p.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

test('SIGTERM to a busy worker: it finishes its jobs, exits 0, leaves none active', { timeout: 90_000 }, async () => {
  const posted = await postMany(baseUrl, SITE_A.key, Array.from({ length: 800 }, () => makeComment()), 16);
  assert.deepEqual(posted.filter((r) => r.status !== 202), []);
  const worker = await startWorkerProcess(env);
  procs.push(worker);
  const deadline = Date.now() + 30_000;
  while (worker.logs.filter((l) => l.msg === 'comment scored').length < 50) {
    assert.ok(Date.now() < deadline, 'the worker scored 50 comments');
    await new Promise((r) => setTimeout(r, 5));
  }
  worker.kill('SIGTERM');
  const exit = await exitWithin(worker, 15_000);
  assert.deepEqual(exit, { code: 0, signal: null });
  const counts = await queue.getJobCounts('active', 'failed', 'waiting', 'completed');
  assert.equal(counts.active, 0, 'no job left active');
  assert.equal(counts.failed, 0);
  assert.ok(counts.waiting > 0, `the shutdown came mid-batch (${JSON.stringify(counts)})`);
  assert.equal(counts.completed + counts.waiting, 800, 'every job is either done or still waiting');
});

test('SIGTERM to an API under load: requests in flight are answered, it exits 0', { timeout: 60_000 }, async () => {
  const api = procs[0];
  const load = postMany(baseUrl, SITE_A.key, Array.from({ length: 400 }, () => makeComment()), 8);
  await new Promise((r) => setTimeout(r, 300));
  api.kill('SIGTERM');
  const exit = await exitWithin(api, 15_000);
  assert.deepEqual(exit, { code: 0, signal: null });
  const results = await load;
  // Requests before the signal got 202; later ones find the port closed (status 0). Nothing else.
  assert.ok(results.some((r) => r.status === 202), 'some were accepted before the signal');
  assert.deepEqual([...new Set(results.map((r) => r.status))].filter((s) => s !== 202 && s !== 0), []);
  assert.ok(api.logs.some((l) => l.msg === 'stopped'), 'it logged a clean stop');
});
