import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { createMetrics } from '../../src/metrics/metrics.js';
import { DEFAULT_WEBHOOK_RETRY, attemptsFor, retryDelayMs } from '../../src/queues/webhook.queue.js';
import { deliverWebhook } from '../../src/webhooks/deliver.js';
import { scoredEventId, type WebhookEvent } from '../../src/webhooks/webhook-events.js';
import { signatureHeader, verifySignatureHeader } from '../../src/webhooks/webhook-signature.js';
import { checkWebhookUrl } from '../../src/webhooks/webhook-url.js';
import { EXAMPLE_SPAM, makeComment } from '../factories.js';
import { SITE_A, createHarness, type Harness } from '../helpers/harness.js';
import { apiReady } from '../helpers/api-ready.js';

async function waitUntil<T>(what: string, probe: () => T | null | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * A site's webhook receiver as the README tells sites to write one: checks the signature, answers
 * 500 the first time it sees an event (to force a retry), then 200, and processes each event id once.
 */
function createReceiver(secretOf: () => string) {
  const attempts = new Map<string, number>();
  const processed: WebhookEvent[] = [];
  let badSignatures = 0;
  let duplicates = 0;
  let redirectTargetHits = 0;
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    if (req.url === '/redirect') {
      res.writeHead(302, { Location: '/target' }).end();
      return;
    }
    if (req.url === '/target') {
      redirectTargetHits += 1;
      res.writeHead(200).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const header = req.headers['chaff-signature'];
    if (!verifySignatureHeader(typeof header === 'string' ? header : undefined, body, secretOf(), { nowSeconds: Math.floor(Date.now() / 1000) })) {
      badSignatures += 1;
      res.writeHead(400).end();
      return;
    }
    const event = JSON.parse(body) as WebhookEvent;
    const n = (attempts.get(event.id) ?? 0) + 1;
    attempts.set(event.id, n);
    if (n === 1) {
      res.writeHead(500).end();
      return;
    }
    if (processed.some((e) => e.id === event.id)) duplicates += 1;
    else processed.push(event);
    res.writeHead(200).end();
  });
  return {
    server,
    attempts,
    processed,
    stats: () => ({ badSignatures, duplicates, redirectTargetHits }),
    async listen(): Promise<string> {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.address();
      return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('webhooks: signed, retried, de-duplicated', () => {
  let h: Harness;
  let secret = '';
  const receiver = createReceiver(() => secret);
  let base = '';
  const workerMetrics = createMetrics({ defaultMetrics: false });
  before(async () => {
    base = await receiver.listen();
    h = await createHarness({ env: { CHAFF_WEBHOOK_BACKOFF_MS: '50' } });
    await apiReady(h);
    secret = (await h.api.sites.setWebhook(SITE_A.siteId, `${base}/chaff-webhook`))!;
    await h.startWorker({ metrics: workerMetrics });
  });
  after(async () => {
    await h.close();
    await receiver.close();
  });

  test('comment.scored arrives signed, after a 500 and one retry', async () => {
    const comment = makeComment({ content: EXAMPLE_SPAM });
    const posted = await request(h.api.app).post('/v1/comments?wait=5000').set({ Authorization: `Bearer ${SITE_A.key}` }).send(comment).expect(200);
    const id = scoredEventId(posted.body.id);
    const event = await waitUntil('comment.scored delivery', () => receiver.processed.find((e) => e.id === id));
    assert.equal(event.type, 'comment.scored');
    assert.deepEqual(event.data, {
      commentId: posted.body.id,
      siteCommentId: comment.id,
      siteId: SITE_A.siteId,
      verdict: posted.body.verdict,
      spamProbability: posted.body.spamProbability,
      modelVersion: posted.body.modelVersion,
      actor: null,
    });
    assert.equal(receiver.attempts.get(id), 2, 'the first delivery got a 500 and was retried once');
    const failures = (await workerMetrics.webhookFailures.get()).values.find((v) => v.labels.site === SITE_A.siteId);
    assert.ok((failures?.value ?? 0) >= 1, 'the 500 counts in chaff_webhook_failures_total');
    assert.equal(receiver.stats().badSignatures, 0);
  });

  test('a moderator decision sends comment.decided with the actor', async () => {
    const posted = await request(h.api.app).post('/v1/comments?wait=5000').set({ Authorization: `Bearer ${SITE_A.key}` }).send(makeComment({ content: EXAMPLE_SPAM })).expect(200);
    const { outcome } = await h.api.moderation.recordDecision({ commentId: posted.body.id, decision: 'approve', actor: 'sam' });
    assert.equal(outcome, 'recorded');
    const event = await waitUntil('comment.decided delivery', () =>
      receiver.processed.find((e) => e.type === 'comment.decided' && e.data.commentId === posted.body.id),
    );
    assert.equal(event.data.actor, 'sam');
    assert.equal(event.data.verdict, 'ham');
    assert.equal(event.data.siteId, SITE_A.siteId);
    assert.match(event.id, /^evt_decided_/);
  });

  test('a redelivered event id is processed once by the receiver; tampered bodies fail the signature', async () => {
    const event = receiver.processed[0];
    const before = receiver.processed.length;
    const again = await deliverWebhook({ url: `${base}/chaff-webhook`, secret }, event, { nowSeconds: Math.floor(Date.now() / 1000), timeoutMs: 5000 });
    assert.equal(again.ok, true);
    assert.equal(receiver.processed.length, before);
    assert.equal(receiver.stats().duplicates, 1);

    const body = JSON.stringify(event);
    const now = Math.floor(Date.now() / 1000);
    const header = signatureHeader(secret, body, now);
    assert.equal(verifySignatureHeader(header, body, secret, { nowSeconds: now }), true);
    assert.equal(verifySignatureHeader(header, body.replace(event.data.commentId, 'c_000000000000000000000000'), secret, { nowSeconds: now }), false);
    assert.equal(verifySignatureHeader(header, body, 'another-secret', { nowSeconds: now }), false);
    assert.equal(verifySignatureHeader(header, body, secret, { nowSeconds: now + 3600 }), false, 'old signatures are refused');
  });

  test('redirects are not followed and only http(s) URLs are accepted', async () => {
    const outcome = await deliverWebhook({ url: `${base}/redirect`, secret }, receiver.processed[0], { nowSeconds: Math.floor(Date.now() / 1000), timeoutMs: 5000 });
    assert.deepEqual(outcome, { ok: false, status: 302, reason: 'redirect (not followed)' });
    assert.equal(receiver.stats().redirectTargetHits, 0);
    for (const bad of ['file:///etc/passwd', 'ftp://example.org/x', 'javascript:alert(1)', 'not a url']) {
      assert.throws(() => checkWebhookUrl(bad), /URL/);
    }
    await assert.rejects(h.api.sites.setWebhook(SITE_A.siteId, 'gopher://127.0.0.1/'), /http/);
  });

  test('the default retry schedule backs off exponentially and spans 24 hours', () => {
    const attempts = attemptsFor(DEFAULT_WEBHOOK_RETRY);
    let total = 0;
    for (let made = 1; made < attempts; made++) total += retryDelayMs(DEFAULT_WEBHOOK_RETRY, made);
    assert.ok(total >= 24 * 3600_000 && total < 25 * 3600_000, `retries span ${total} ms`);
    assert.equal(retryDelayMs(DEFAULT_WEBHOOK_RETRY, 1), 10_000);
    assert.equal(retryDelayMs(DEFAULT_WEBHOOK_RETRY, 2), 20_000);
    assert.equal(retryDelayMs(DEFAULT_WEBHOOK_RETRY, 30), 3600_000);
  });
});
