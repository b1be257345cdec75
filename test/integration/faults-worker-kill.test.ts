import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { EXAMPLE_SPAM, makeComment } from '../factories.js';
import { SITE_A } from '../helpers/harness.js';
import { killProcess, postMany, startApiProcess, startWorkerProcess, type ChaffProcess } from '../helpers/processes.js';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../helpers/redis.js';
import { SCORE_COMMENT_QUEUE, bullPrefix } from '../../src/queues/score-comment.queue.js';

/**
 * kill -9 a worker process mid-batch: BullMQ's stalled-job check hands its jobs to the next
 * worker, and the store's verdict script refuses a second verdict, so every accepted comment ends
 * with exactly one model decision. Short lock and stalled intervals make recovery take seconds.
 */
const prefix = uniquePrefix('kill');
const env = {
  REDIS_URL: testRedisUrl(),
  CHAFF_KEY_PREFIX: prefix,
  CHAFF_SITE_KEYS: `${SITE_A.siteId}:${SITE_A.key}`,
  PORT: '0',
  CHAFF_WORKER_CONCURRENCY: '16',
  CHAFF_JOB_LOCK_MS: '2000',
  CHAFF_STALLED_INTERVAL_MS: '1000',
  CHAFF_JOB_BACKOFF_MS: '50',
};
const redis = new Redis(testRedisUrl());
const queueConnection = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
const queue = new Queue(SCORE_COMMENT_QUEUE, { connection: queueConnection, prefix: bullPrefix(prefix) });
const procs: ChaffProcess[] = [];

before(async () => {
  procs.push(await startApiProcess(env));
});
after(async () => {
  for (const p of procs) await killProcess(p, 'SIGKILL');
  await queue.close();
  await queueConnection.quit();
  await deletePrefix(redis, prefix);
  await redis.quit();
});

async function statuses(ids: string[]): Promise<Array<string | null>> {
  const pipeline = redis.pipeline();
  for (const id of ids) pipeline.hget(`${prefix}comment:${id}`, 'status');
  return ((await pipeline.exec()) ?? []).map(([, s]) => s as string | null);
}

test('kill -9 of a worker mid-batch loses and duplicates nothing', { timeout: 120_000 }, async () => {
  const api = procs[0];
  const port = api.logs.find((l) => l.msg === 'api listening')!.port as number;
  const baseUrl = `http://127.0.0.1:${port}`;
  const bodies = Array.from({ length: 2000 }, (_, i) => makeComment(i % 3 === 0 ? { content: `${EXAMPLE_SPAM} (${i})` } : {}));

  const first = await postMany(baseUrl, SITE_A.key, bodies.slice(0, 1000), 24);
  assert.deepEqual(first.filter((r) => r.status !== 202), [], 'every post of the first half was accepted');
  const worker1 = await startWorkerProcess(env);
  procs.push(worker1);
  const secondHalf = postMany(baseUrl, SITE_A.key, bodies.slice(1000), 24);

  const firstIds = first.map((r) => r.id!);
  const deadline = Date.now() + 60_000;
  while ((await statuses(firstIds)).filter((s) => s === 'scored').length < 300) {
    assert.ok(Date.now() < deadline, 'the first worker scored 300 comments');
    await new Promise((r) => setTimeout(r, 10));
  }
  await killProcess(worker1, 'SIGKILL');
  const atKill = await queue.getJobCounts('active', 'waiting', 'completed');
  assert.ok(atKill.active > 0, `the killed worker left jobs active (${JSON.stringify(atKill)})`);

  const results = [...first, ...(await secondHalf)];
  assert.deepEqual(
    results.filter((r) => r.status !== 202),
    [],
    'every post was accepted',
  );
  const ids = results.map((r) => r.id!);
  assert.equal(new Set(ids).size, 2000);

  procs.push(await startWorkerProcess(env));
  const end = Date.now() + 90_000;
  while ((await statuses(ids)).some((s) => s !== 'scored')) {
    assert.ok(Date.now() < end, 'the second worker scored every comment, stalled ones included');
    await new Promise((r) => setTimeout(r, 100));
  }

  const pipeline = redis.pipeline();
  for (const id of ids) pipeline.lrange(`${prefix}decisions:${id}`, 0, -1);
  for (const id of ids) pipeline.hget(`${prefix}comment:${id}`, 'verdict');
  const replies = ((await pipeline.exec()) ?? []).map(([, v]) => v);
  const decisions = replies.slice(0, ids.length) as string[][];
  const verdicts = replies.slice(ids.length) as string[];
  const wrong = ids.filter((_, i) => decisions[i].length !== 1 || JSON.parse(decisions[i][0]).actor !== null);
  assert.deepEqual(wrong, [], 'each comment has exactly one model decision');

  const flagged = await redis.zrevrange(`${prefix}flagged`, 0, -1);
  const expectedFlagged = ids.filter((_, i) => verdicts[i] !== 'ham').sort();
  assert.deepEqual([...flagged].sort(), expectedFlagged, 'the flagged list holds each unsure/spam comment once and nothing else');
  assert.ok(expectedFlagged.length > 0, 'some comments were flagged');

  const counts = await queue.getJobCounts('active', 'waiting', 'failed', 'delayed');
  assert.deepEqual(counts, { active: 0, waiting: 0, failed: 0, delayed: 0 });
});
