import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { createLogger } from '../../src/logger.js';
import type { Express } from 'express';
import { coralSignature } from '../../src/integrations/coral/coral-moderation.js';
import { buildApi, startWorker, type BuiltApi } from '../../src/server.js';
import { EXAMPLE_SPAM, makeComment } from '../factories.js';
import { SITE_A, SITE_B, createHarness, type Harness } from '../helpers/harness.js';

const MODERATOR = { id: 'mod-1', token: 'mod-token-0123456789abcdef' };
const METRICS_TOKEN = 'metrics-token-0123456789';
const CORAL_SECRET = 'ems_0123456789abcdef0123456789abcdef';

/** The value of one sample in Prometheus text (0 when the series does not exist yet). */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

/** Waits until an app's /readyz answers 200 (its Redis connection is up). */
async function untilReady(app: Express): Promise<void> {
  const end = Date.now() + 10_000;
  while ((await request(app).get('/readyz')).status !== 200) {
    assert.ok(Date.now() < end, 'the API became ready');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('headers, CORS, admin and metrics routes', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness({
      env: {
        CHAFF_MODERATOR_TOKENS: `${MODERATOR.id}:${MODERATOR.token}`,
        CHAFF_CORS_ORIGINS: `${SITE_A.siteId}=https://blog-a.example`,
        CHAFF_METRICS_TOKEN: METRICS_TOKEN,
        // No worker here: the synchronous integrations answer at once (comment stays queued).
        CHAFF_AKISMET_WAIT_MS: '0',
        CHAFF_CORAL_WAIT_MS: '0',
      },
    });
    await h.api.sites.setCoralSecret(SITE_A.siteId, CORAL_SECRET);
  });
  after(async () => h.close());

  test('helmet headers on API answers and errors', async () => {
    for (const res of [
      await request(h.api.app).post('/v1/comments').set('Authorization', `Bearer ${SITE_A.key}`).send(makeComment()),
      await request(h.api.app).get('/v1/nothing-here'),
      await request(h.api.app).get('/healthz'),
    ]) {
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN');
      assert.match(res.headers['content-security-policy'], /default-src 'none'/);
      assert.match(res.headers['strict-transport-security'], /max-age=\d+/);
      assert.equal(res.headers['referrer-policy'], 'no-referrer');
      assert.equal(res.headers['x-powered-by'], undefined);
    }
  });

  test('CORS: off for unlisted origins and for another site; on for the site that lists the origin', async () => {
    const preflight = (origin: string) =>
      request(h.api.app).options('/v1/comments').set('Origin', origin).set('Access-Control-Request-Method', 'POST');
    assert.equal((await preflight('https://blog-a.example')).headers['access-control-allow-origin'], 'https://blog-a.example');
    assert.equal((await preflight('https://evil.example')).headers['access-control-allow-origin'], undefined);
    const asSite = (key: string) =>
      request(h.api.app).post('/v1/comments').set('Origin', 'https://blog-a.example').set('Authorization', `Bearer ${key}`).send(makeComment());
    const a = await asSite(SITE_A.key);
    assert.equal(a.status, 202);
    assert.equal(a.headers['access-control-allow-origin'], 'https://blog-a.example');
    const b = await asSite(SITE_B.key);
    assert.equal(b.status, 202);
    assert.equal(b.headers['access-control-allow-origin'], undefined, "site B's key does not get site A's origin");
  });

  test('a site key reaches no moderation, admin or metrics route; a moderator token posts no comment', async () => {
    const routes: Array<[string, string]> = [
      ['get', '/admin/queues'],
      ['get', '/admin/queues/api/queues'],
      ['get', '/metrics'],
      ['get', '/v1/moderation/queue'],
      ['get', '/v1/moderation/recent'],
      ['post', '/v1/moderation/decisions'],
    ];
    for (const [method, path] of routes) {
      for (const auth of [`Bearer ${SITE_A.key}`, undefined]) {
        const req = method === 'get' ? request(h.api.app).get(path) : request(h.api.app).post(path).send({});
        if (auth) req.set('Authorization', auth);
        const res = await req;
        assert.ok(res.status === 401 || res.status === 403, `${method} ${path} with ${auth ? 'a site key' : 'nothing'} → ${res.status}`);
      }
    }
    const asModerator = await request(h.api.app).post('/v1/comments').set('Authorization', `Bearer ${MODERATOR.token}`).send(makeComment());
    assert.equal(asModerator.status, 401);
  });

  test('the queue dashboard answers a moderator, read-only by default', async () => {
    const page = await request(h.api.app).get('/admin/queues').set('Authorization', `Bearer ${MODERATOR.token}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /<html/i);
    assert.match(page.headers['content-security-policy'], /script-src 'self'/);
    const queues = await request(h.api.app).get('/admin/queues/api/queues').set('Authorization', `Bearer ${MODERATOR.token}`);
    assert.equal(queues.status, 200);
    assert.equal(queues.body.queues[0].readOnlyMode, true);
    const retry = await request(h.api.app).put('/admin/queues/api/queues/score-comment/retry/failed').set('Authorization', `Bearer ${MODERATOR.token}`);
    assert.ok(retry.status >= 400 && retry.status < 500, `a write in read-only mode is refused (${retry.status})`);
  });

  test('/metrics needs its token and reports the counters', async () => {
    await request(h.api.app).post('/v1/comments').set('Authorization', `Bearer ${SITE_A.key}`).send(makeComment()).expect(202);
    assert.equal((await request(h.api.app).get('/metrics').set('Authorization', 'Bearer wrong-token-0123456789')).status, 401);
    const res = await request(h.api.app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    assert.equal(res.status, 200);
    assert.match(res.text, /chaff_comments_received_total\{site="site-a"\} \d+/);
    assert.match(res.text, /chaff_queue_jobs\{queue="score-comment",state="waiting"\} \d+/);
    assert.match(res.text, /# TYPE chaff_scoring_duration_seconds histogram/);
  });

  test('comments received count every intake route; moderator decisions count stored decisions', async () => {
    const scrape = async () => (await request(h.api.app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200)).text;
    const received = 'chaff_comments_received_total{site="site-a"}';
    const asSite = { Authorization: `Bearer ${SITE_A.key}` };
    let before = sample(await scrape(), received);

    const single = await request(h.api.app).post('/v1/comments').set(asSite).send(makeComment()).expect(202);
    assert.equal(sample(await scrape(), received), before + 1, 'POST /v1/comments');
    before += 1;

    const batch = await request(h.api.app).post('/v1/comments/batch').set(asSite).send({ comments: [makeComment(), makeComment(), { content: 42 }] }).expect(200);
    assert.equal(batch.body.accepted, 2);
    assert.equal(sample(await scrape(), received), before + 2, 'batch: the two valid items, not the invalid one');
    before += 2;

    const akismet = await request(h.api.app)
      .post('/1.1/comment-check')
      .type('form')
      .send({ api_key: SITE_A.key, blog: 'https://blog.example.org', user_ip: '203.0.113.9', comment_content: EXAMPLE_SPAM });
    assert.equal(akismet.status, 200);
    assert.match(akismet.headers['x-akismet-guid'], /^c_[0-9a-f]{24}$/);
    assert.equal(sample(await scrape(), received), before + 1, 'Akismet comment-check');
    before += 1;

    const coralBody = JSON.stringify({
      action: 'NEW',
      comment: { body: EXAMPLE_SPAM, parentID: null },
      author: { id: 'author-1', role: 'COMMENTER' },
      story: { id: 'story-1', url: 'https://news.example.org/story-1' },
      site: { id: 'coral-site-1' },
      tenantID: 'tenant-1',
      tenantDomain: 'news.example.org',
    });
    const coral = await request(h.api.app)
      .post('/v1/integrations/coral')
      .set('Content-Type', 'application/json')
      .set('X-Coral-Signature', coralSignature(CORAL_SECRET, coralBody))
      .send(coralBody);
    assert.equal(coral.status, 204);
    assert.match(coral.headers['x-chaff-comment-id'], /^c_[0-9a-f]{24}$/);
    assert.equal(sample(await scrape(), received), before + 1, 'Coral external moderation');

    const rejected = 'chaff_moderator_decisions_total{verdict="spam"}';
    const approved = 'chaff_moderator_decisions_total{verdict="ham"}';
    const start = await scrape();
    const asModerator = { Authorization: `Bearer ${MODERATOR.token}` };
    await request(h.api.app).post(`/v1/moderation/comments/${single.body.id}/decision`).set(asModerator).send({ decision: 'reject' }).expect(200);
    // The same decision again stores nothing and is not counted.
    await request(h.api.app).post(`/v1/moderation/comments/${single.body.id}/decision`).set(asModerator).send({ decision: 'reject' }).expect(200);
    const ids = batch.body.results.filter((r: { status: string }) => r.status === 'accepted').map((r: { id: string }) => r.id);
    await request(h.api.app).post('/v1/moderation/decisions').set(asModerator).send({ decisions: ids.map((commentId: string) => ({ commentId, decision: 'approve' })) }).expect(200);
    await request(h.api.app)
      .post('/1.1/submit-ham')
      .type('form')
      .send({ api_key: SITE_A.key, blog: 'https://blog.example.org', user_ip: '203.0.113.9', comment_content: EXAMPLE_SPAM })
      .expect(200);
    const end = await scrape();
    assert.equal(sample(end, rejected), sample(start, rejected) + 1);
    assert.equal(sample(end, approved), sample(start, approved) + 3, 'two bulk approvals and one Akismet submit-ham');
  });
});

describe('rate limits', () => {
  let h: Harness;
  let second: BuiltApi;
  before(async () => {
    h = await createHarness({ env: { CHAFF_RATE_LIMIT_PER_KEY: '5', CHAFF_RATE_LIMIT_PER_IP: '12', CHAFF_RATE_LIMIT_WINDOW_MS: '60000' } });
    // A second API process on the same Redis and prefix: the limits are shared.
    second = await buildApi(h.config, createLogger({ level: 'silent' }));
    await untilReady(second.app);
  });
  after(async () => {
    await second.close();
    await h.close();
  });

  test('per key: the 6th request across two API instances is 429 with Retry-After', async () => {
    const apps = [h.api.app, second.app, h.api.app, second.app, h.api.app];
    for (const app of apps) {
      await request(app).post('/v1/comments').set('Authorization', `Bearer ${SITE_A.key}`).send(makeComment()).expect(202);
    }
    const limited = await request(second.app).post('/v1/comments').set('Authorization', `Bearer ${SITE_A.key}`).send(makeComment());
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error.code, 'rate_limited');
    const retryAfter = Number(limited.headers['retry-after']);
    assert.ok(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 60, `Retry-After ${limited.headers['retry-after']}`);
    // Another key still has its own allowance.
    await request(second.app).post('/v1/comments').set('Authorization', `Bearer ${SITE_B.key}`).send(makeComment()).expect(202);
  });

  test('per IP: requests with bad or no keys are limited too', async () => {
    let last = 0;
    for (let i = 0; i < 12; i++) {
      last = (await request(i % 2 ? h.api.app : second.app).get('/v1/comments/c_000000000000000000000000').set('Authorization', `Bearer guess-${i}-0123456789abcdef`)).status;
      if (last === 429) break;
    }
    const res = await request(h.api.app).get('/v1/comments/c_000000000000000000000000');
    assert.equal(res.status, 429);
    assert.ok(Number(res.headers['retry-after']) > 0);
  });
});

describe('secrets and comment bodies stay out of logs', () => {
  test('a request and its scoring log neither the key nor the comment text', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const h = await createHarness({ env: { CHAFF_LOG_LEVEL: 'debug', CHAFF_MODERATOR_TOKENS: `${MODERATOR.id}:${MODERATOR.token}` } });
    const logger = createLogger({ level: 'trace' }, sink);
    const api = await buildApi(h.config, logger);
    const worker = await startWorker(h.config, logger);
    await untilReady(api.app);
    try {
      const secretText = `${EXAMPLE_SPAM} unique-marker-4f9a`;
      const posted = await request(api.app)
        .post('/v1/comments?wait=5000')
        .set('Authorization', `Bearer ${SITE_A.key}`)
        .send(makeComment({ content: secretText, author: { name: 'Private Person', email: 'private@example.org' } }));
      assert.equal(posted.status, 200, 'scored while waiting, so the worker logged too');
      await request(api.app).get('/v1/moderation/queue').set('Authorization', `Bearer ${MODERATOR.token}`);
      await request(api.app).get('/v1/comments/bad').set('Authorization', `Bearer ${SITE_B.key}x`);
      await request(api.app).post('/v1/comments').set('Authorization', `Bearer ${SITE_A.key}`).set('Content-Type', 'application/json').send(`{"content": "${'unique-marker-4f9a'}`);
      await new Promise((r) => setTimeout(r, 50));
      const all = lines.join('');
      assert.ok(lines.length >= 4, 'the requests were logged');
      assert.ok(all.includes('"comment scored"'), 'the worker logged its verdict');
      assert.ok(all.includes(posted.body.id), 'log lines name the comment by id');
      for (const secret of [SITE_A.key, SITE_B.key, MODERATOR.token, 'unique-marker-4f9a', 'private@example.org', 'Private Person']) {
        assert.equal(all.includes(secret), false, `logs contain ${secret}`);
      }
    } finally {
      await worker.close();
      await api.close();
      await h.close();
    }
  });
});
