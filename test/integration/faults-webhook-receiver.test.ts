import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { after, before, test } from 'node:test';
import { Queue } from 'bullmq';
import request from 'supertest';
import { createMetrics } from '../../src/metrics/metrics.js';
import { SCORE_COMMENT_QUEUE, bullPrefix } from '../../src/queues/score-comment.queue.js';
import { DELIVER_WEBHOOK_QUEUE } from '../../src/queues/webhook.queue.js';
import { EXAMPLE_SPAM, makeComment } from '../factories.js';
import { SITE_A, SITE_B, createHarness, type Harness } from '../helpers/harness.js';
import { apiReady } from '../helpers/api-ready.js';

/**
 * Issue 7, "slow or failing webhook receiver: scoring and intake are unaffected". Site A's webhook
 * never answers (each delivery ends on CHAFF_WEBHOOK_TIMEOUT_MS), site B's answers 500. With both
 * failing all the time, every posted comment is still accepted (202) and scored exactly once;
 * the deliveries retry in their own queue while the score queue drains with nothing failed.
 */
const PER_SITE = 100;

/** A receiver that counts requests and either never answers or answers 500. */
function createReceiver(mode: 'hang' | '500') {
  let requests = 0;
  const hanging: ServerResponse[] = [];
  const server: Server = createServer((req, res) => {
    requests += 1;
    req.resume();
    if (mode === 'hang') hanging.push(res);
    else res.writeHead(500).end();
  });
  return {
    requests: () => requests,
    async listen(): Promise<string> {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.address();
      return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function waitUntil(what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

let h: Harness;
let scoreQueue: Queue;
let webhookQueue: Queue;
const hang = createReceiver('hang');
const failing = createReceiver('500');
const workerMetrics = createMetrics({ defaultMetrics: false });

before(async () => {
  h = await createHarness({
    env: {
      CHAFF_WEBHOOK_TIMEOUT_MS: '150',
      CHAFF_WEBHOOK_BACKOFF_MS: '20',
      CHAFF_WORKER_CONCURRENCY: '8',
      CHAFF_KEEP_FAILED_JOBS: '1000',
    },
  });
  await apiReady(h);
  await h.api.sites.setWebhook(SITE_A.siteId, await hang.listen());
  await h.api.sites.setWebhook(SITE_B.siteId, await failing.listen());
  const prefix = bullPrefix(h.config.keyPrefix);
  scoreQueue = new Queue(SCORE_COMMENT_QUEUE, { connection: h.redis, prefix });
  webhookQueue = new Queue(DELIVER_WEBHOOK_QUEUE, { connection: h.redis, prefix });
  await h.startWorker({ metrics: workerMetrics });
});

after(async () => {
  await scoreQueue?.close();
  await webhookQueue?.close();
  // Workers first: their pending deliveries end on the webhook timeout, not on the closed receivers.
  await h?.close();
  await hang.close();
  await failing.close();
});

/** Posts comments for both sites, a few at a time; returns [status, comment id] per post. */
async function postBoth(count: number): Promise<Array<{ status: number; id: string }>> {
  const jobs = Array.from({ length: count }, (_, i) => ({
    key: i % 2 === 0 ? SITE_A.key : SITE_B.key,
    body: makeComment(i % 3 === 0 ? { content: `${EXAMPLE_SPAM} (${i})` } : {}),
  }));
  const results: Array<{ status: number; id: string }> = [];
  for (let i = 0; i < jobs.length; i += 10) {
    const slice = await Promise.all(
      jobs.slice(i, i + 10).map((j) => request(h.api.app).post('/v1/comments').set('Authorization', `Bearer ${j.key}`).send(j.body)),
    );
    results.push(...slice.map((r) => ({ status: r.status, id: r.body.id as string })));
  }
  return results;
}

async function failuresOf(site: string): Promise<number> {
  return (await workerMetrics.webhookFailures.get()).values.find((v) => v.labels.site === site)?.value ?? 0;
}

test('a hanging and a failing webhook receiver slow neither intake nor scoring', { timeout: 90_000 }, async () => {
  const first = await postBoth(PER_SITE);
  assert.deepEqual(first.filter((r) => r.status !== 202), [], 'every post before the receivers failed was accepted');

  // Both receivers are now failing deliveries (timeouts and 500s) while more comments arrive.
  await waitUntil('failed deliveries for both sites', async () => (await failuresOf(SITE_A.siteId)) >= 5 && (await failuresOf(SITE_B.siteId)) >= 5);
  const second = await postBoth(PER_SITE);
  assert.deepEqual(second.filter((r) => r.status !== 202), [], 'every post while webhooks were failing was accepted');

  const ids = [...first, ...second].map((r) => r.id);
  assert.equal(new Set(ids).size, 2 * PER_SITE);
  await waitUntil('every comment scored', async () => {
    const records = await h.api.store.getComments(ids);
    return records.every((r) => r !== null && r.status !== 'queued');
  });
  for (const id of ids) {
    const modelDecisions = (await h.api.store.getDecisions(id)).filter((d) => d.actor === null);
    assert.equal(modelDecisions.length, 1, `${id} has exactly one model decision`);
  }

  const score = await scoreQueue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
  assert.deepEqual(
    { waiting: score.waiting, active: score.active, delayed: score.delayed, failed: score.failed },
    { waiting: 0, active: 0, delayed: 0, failed: 0 },
    'the score queue drained with no failed or retried jobs',
  );
  assert.equal(score.completed, ids.length);

  // The deliveries live in their own queue, retrying with backoff (none has run out of attempts).
  const hooks = await webhookQueue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
  assert.equal(hooks.completed, 0, 'no delivery succeeded');
  assert.equal(hooks.failed, 0, 'no delivery has used up its retries yet');
  assert.equal(hooks.waiting + hooks.active + hooks.delayed, ids.length, `one pending delivery per comment: ${JSON.stringify(hooks)}`);
  await waitUntil('retries reaching the 500 receiver', () => failing.requests() > PER_SITE);
  assert.ok(hang.requests() > 0, 'the hanging receiver was called');
});
