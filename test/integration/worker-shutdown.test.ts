import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import request from 'supertest';
import { makeComment } from '../factories.js';
import { SITE_A, createHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
before(async () => {
  h = await createHarness({ env: { CHAFF_WORKER_CONCURRENCY: '8' } });
});
after(async () => h.close());

async function scoredCount(ids: string[]): Promise<number> {
  const pipeline = h.redis.pipeline();
  for (const id of ids) pipeline.hget(h.api.store.keys.comment(id), 'status');
  const results = (await pipeline.exec()) ?? [];
  return results.filter(([, status]) => status === 'scored').length;
}

test('graceful shutdown finishes jobs in flight and leaves none half done', async () => {
  const ids: string[] = [];
  for (let i = 0; i < 600; i++) {
    const res = await request(h.api.app).post('/v1/comments').set('Authorization', `Bearer ${SITE_A.key}`).send(makeComment()).expect(202);
    ids.push(res.body.id);
  }

  const worker = await h.startWorker();
  const deadline = Date.now() + 20_000;
  while ((await scoredCount(ids)) < 50) {
    if (Date.now() > deadline) throw new Error('worker scored nothing');
    await new Promise((r) => setTimeout(r, 5));
  }
  await worker.close();

  const counts = await h.api.scoreQueue.getJobCounts('active', 'completed', 'waiting', 'failed');
  const scored = await scoredCount(ids);
  assert.equal(counts.active, 0, 'no job left active');
  assert.equal(counts.failed, 0);
  assert.ok(scored < ids.length, `shutdown came mid-batch (scored ${scored} of ${ids.length})`);
  assert.equal(counts.completed, scored, 'every stored verdict belongs to a completed job');
  assert.equal(counts.waiting, ids.length - scored, 'every other comment is still waiting');

  // A new worker takes up the rest; each comment ends with exactly one model verdict.
  await h.startWorker();
  const end = Date.now() + 30_000;
  while ((await scoredCount(ids)) < ids.length) {
    if (Date.now() > end) throw new Error('the second worker did not finish');
    await new Promise((r) => setTimeout(r, 20));
  }
  for (const id of ids) {
    const decisions = await h.api.store.getDecisions(id);
    assert.equal(decisions.length, 1, `comment ${id} has exactly one model decision`);
  }
});
