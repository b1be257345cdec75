import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { buildApi } from '../../src/server.js';
import { EXAMPLE_SPAM, NEWS_CONTEXT, SPECIFIC_THANKS, makeComment } from '../factories.js';
import { SITE_A, SITE_B, createHarness, type Harness } from '../helpers/harness.js';

const auth = (key: string) => ({ Authorization: `Bearer ${key}` });

async function waitUntil<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('POST /v1/comments → worker → verdict', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
    await h.startWorker();
  });
  after(async () => h.close());

  test('the mission example is scored spam, flagged, and readable by status', async () => {
    const posted = await request(h.api.app)
      .post('/v1/comments?wait=5000')
      .set(auth(SITE_A.key))
      .send(makeComment({ content: EXAMPLE_SPAM, context: NEWS_CONTEXT, author: { name: 'Marketing Pro' } }))
      .expect(200);
    assert.equal(posted.body.status, 'scored');
    assert.equal(posted.body.verdict, 'spam');
    assert.equal(posted.body.decidedBy, 'model');
    assert.match(posted.body.id, /^c_[0-9a-f]{24}$/);

    const status = await request(h.api.app).get(posted.body.statusUrl).set(auth(SITE_A.key)).expect(200);
    assert.equal(status.body.verdict, 'spam');
    assert.ok(status.body.spamProbability > 0.5);
    assert.ok(typeof status.body.modelVersion === 'string' && status.body.modelVersion.length > 0);
    assert.ok(Array.isArray(status.body.clues) && status.body.clues.length > 0);
    for (const clue of status.body.clues) {
      assert.equal(typeof clue.token, 'string');
      assert.ok(Number.isFinite(clue.weight));
    }
    assert.ok((await h.api.store.flaggedIds()).includes(posted.body.id));
  });

  test('a short specific thanks is ham and not flagged', async () => {
    const posted = await request(h.api.app)
      .post('/v1/comments?wait=5000')
      .set(auth(SITE_A.key))
      .send(makeComment({ content: SPECIFIC_THANKS }))
      .expect(200);
    assert.equal(posted.body.verdict, 'ham');
    assert.ok(!(await h.api.store.flaggedIds()).includes(posted.body.id));
  });

  test('without wait the reply is 202 queued, and the verdict arrives later', async () => {
    const posted = await request(h.api.app).post('/v1/comments').set(auth(SITE_A.key)).send(makeComment()).expect(202);
    assert.deepEqual(Object.keys(posted.body).filter((k) => ['id', 'status', 'statusUrl'].includes(k)).sort(), ['id', 'status', 'statusUrl']);
    assert.equal(posted.body.status, 'queued');
    assert.equal(posted.body.statusUrl, `/v1/comments/${posted.body.id}`);
    const scored = await waitUntil('verdict', async () => {
      const res = await request(h.api.app).get(posted.body.statusUrl).set(auth(SITE_A.key)).expect(200);
      return res.body.status === 'scored' ? res.body : null;
    });
    assert.ok(['ham', 'unsure', 'spam'].includes(scored.verdict));
  });

  test('re-posting the same site id returns the same record and queues no second job', async () => {
    const comment = makeComment({ content: EXAMPLE_SPAM });
    const first = await request(h.api.app).post('/v1/comments?wait=5000').set(auth(SITE_A.key)).send(comment).expect(200);
    const second = await request(h.api.app).post('/v1/comments').set(auth(SITE_A.key)).send(comment).expect(200);
    assert.equal(second.body.id, first.body.id);
    assert.equal(second.body.verdict, first.body.verdict);
    const decisions = await h.api.store.getDecisions(first.body.id);
    assert.equal(decisions.length, 1, 'exactly one model decision');
    assert.equal(decisions[0].actor, null);

    // The same site id from another site is another comment.
    const other = await request(h.api.app).post('/v1/comments').set(auth(SITE_B.key)).send(comment).expect(202);
    assert.notEqual(other.body.id, first.body.id);
  });

  test('a site cannot read another site\'s comment', async () => {
    const posted = await request(h.api.app).post('/v1/comments').set(auth(SITE_A.key)).send(makeComment()).expect(202);
    const res = await request(h.api.app).get(posted.body.statusUrl).set(auth(SITE_B.key)).expect(404);
    assert.equal(res.body.error.code, 'not_found');
    await request(h.api.app).get('/v1/comments/c_000000000000000000000000').set(auth(SITE_A.key)).expect(404);
    await request(h.api.app).get('/v1/comments/not-an-id').set(auth(SITE_A.key)).expect(404);
  });
});

describe('authentication and bad input', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(async () => h.close());

  test('missing or wrong key → 401 with a JSON error', async () => {
    const none = await request(h.api.app).post('/v1/comments').send(makeComment()).expect(401);
    assert.equal(none.body.error.code, 'unauthorized');
    const wrong = await request(h.api.app).post('/v1/comments').set(auth('not-a-real-key-000000')).send(makeComment()).expect(401);
    assert.equal(wrong.body.error.code, 'unauthorized');
    await request(h.api.app).get('/v1/comments/c_000000000000000000000000').expect(401);
    await request(h.api.app).post('/v1/comments').set('Authorization', 'Basic abc').send(makeComment()).expect(401);
  });

  const post = (body: string | object, contentType = 'application/json') =>
    request(h.api.app)
      .post('/v1/comments')
      .set(auth(SITE_A.key))
      .set('Content-Type', contentType)
      .send(typeof body === 'string' ? body : JSON.stringify(body));

  const fieldsOf = (res: request.Response) => (res.body.error.fields as Array<{ field: string }>).map((f) => f.field);

  test('missing content → 400 naming content', async () => {
    const res = await post({ author: { name: 'x' } }).expect(400);
    assert.equal(res.body.error.code, 'invalid_request');
    assert.deepEqual(fieldsOf(res), ['content']);
  });

  test('empty, blank and over-long content → 400', async () => {
    for (const content of ['', '   \n ', 'x'.repeat(20_001)]) {
      const res = await post({ content }).expect(400);
      assert.deepEqual(fieldsOf(res), ['content']);
    }
    await post({ content: 'x'.repeat(20_000) }).expect(202);
  });

  test('every bad field is named', async () => {
    const res = await post({ content: 42, author: { ip: 'not-an-ip', name: ['x'] }, createdAt: 'yesterday', context: 'nope' }).expect(400);
    assert.deepEqual(fieldsOf(res).sort(), ['author.ip', 'author.name', 'content', 'context', 'createdAt']);
    assert.match(res.body.error.message, /author\.ip/);
  });

  test('body over 64 KB → 413', async () => {
    const res = await post({ content: 'a'.repeat(70 * 1024) }).expect(413);
    assert.equal(res.body.error.code, 'payload_too_large');
  });

  test('malformed JSON, non-JSON and non-object bodies → 400, never 500', async () => {
    const bad = await post('{"content": "unterminated').expect(400);
    assert.equal(bad.body.error.code, 'invalid_json');
    await post('content=hello', 'application/x-www-form-urlencoded').expect(400);
    await post('hello', 'text/plain').expect(400);
    await post('[1,2]').expect(400);
    await post('"just a string"').expect(400);
    await post('null').expect(400);
    await request(h.api.app).post('/v1/comments').set(auth(SITE_A.key)).expect(400);
  });

  test('wait must be 0..10000 ms', async () => {
    await request(h.api.app).post('/v1/comments?wait=abc').set(auth(SITE_A.key)).send(makeComment()).expect(400);
    await request(h.api.app).post('/v1/comments?wait=10001').set(auth(SITE_A.key)).send(makeComment()).expect(400);
  });

  test('unknown routes answer a JSON 404', async () => {
    const res = await request(h.api.app).get('/v1/nothing-here').expect(404);
    assert.equal(res.body.error.code, 'not_found');
  });
});

describe('Redis unreachable', () => {
  test('the API answers 503 at once instead of hanging', async () => {
    const config = loadConfig({
      REDIS_URL: 'redis://127.0.0.1:1', // nothing listens on port 1
      CHAFF_SITE_KEYS: `${SITE_A.siteId}:${SITE_A.key}`,
      CHAFF_LOG_LEVEL: 'silent',
    });
    const api = await buildApi(config, createLogger({ level: 'silent' }));
    try {
      // A hang would trip supertest's 2 s deadline and fail the test.
      const res = await request(api.app).post('/v1/comments').set(auth(SITE_A.key)).send(makeComment()).timeout(2000).expect(503);
      assert.equal(res.body.error.code, 'unavailable');
      assert.equal(res.headers['retry-after'], '2');
      await request(api.app).get('/v1/comments/c_000000000000000000000000').set(auth(SITE_A.key)).timeout(2000).expect(503);
      await request(api.app).get('/readyz').timeout(2000).expect(503);
      await request(api.app).get('/healthz').timeout(2000).expect(200);
    } finally {
      await api.close();
    }
  });
});
