import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { EXAMPLE_SPAM, makeComment } from '../factories.js';
import { SITE_A, createHarness, type Harness } from '../helpers/harness.js';
import { apiReady } from '../helpers/api-ready.js';

const auth = { Authorization: `Bearer ${SITE_A.key}` };

describe('POST /v1/comments/batch', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
    await apiReady(h);
  });
  after(async () => h.close());

  test('mixed valid, invalid and duplicate items get per-item results in order', async () => {
    const first = makeComment();
    const spam = makeComment({ content: EXAMPLE_SPAM });
    await request(h.api.app).post('/v1/comments').set(auth).send(first).expect(202);
    const res = await request(h.api.app)
      .post('/v1/comments/batch')
      .set(auth)
      .send({ comments: [first, { content: '' }, spam, { id: 'x', content: 'ok', author: { ip: 'not-an-ip' } }, spam, 'not an object'] })
      .expect(200);
    assert.deepEqual(
      res.body.results.map((r: { index: number; status: string }) => [r.index, r.status]),
      [[0, 'duplicate'], [1, 'invalid'], [2, 'accepted'], [3, 'invalid'], [4, 'duplicate'], [5, 'invalid']],
    );
    assert.deepEqual([res.body.accepted, res.body.duplicate, res.body.invalid], [1, 2, 3]);
    assert.deepEqual(res.body.results[1].error.fields.map((f: { field: string }) => f.field), ['content']);
    assert.deepEqual(res.body.results[3].error.fields.map((f: { field: string }) => f.field), ['author.ip']);
    assert.equal(res.body.results[4].id, res.body.results[2].id, 'a repeat inside one batch is the same comment');
    assert.equal(res.body.results[0].comment.siteCommentId, first.id);

    await h.startWorker();
    const id = res.body.results[2].id as string;
    const deadline = Date.now() + 10_000;
    let status = await request(h.api.app).get(`/v1/comments/${id}`).set(auth).expect(200);
    while (status.body.status === 'queued' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 25));
      status = await request(h.api.app).get(`/v1/comments/${id}`).set(auth).expect(200);
    }
    assert.equal(status.body.verdict, 'spam');
  });

  test('500 comments in one request are accepted; 501 or none are refused; a site key is required', async () => {
    const comments = Array.from({ length: 500 }, () => makeComment());
    const res = await request(h.api.app).post('/v1/comments/batch').set(auth).send({ comments }).expect(200);
    assert.equal(res.body.accepted, 500);
    assert.equal(new Set(res.body.results.map((r: { id: string }) => r.id)).size, 500);
    const counts = await h.api.scoreQueue.getJobCounts('waiting', 'active', 'completed', 'prioritized', 'delayed');
    assert.ok(Object.values(counts).reduce((a, b) => a + b, 0) >= 500, 'every accepted comment was queued');

    await request(h.api.app).post('/v1/comments/batch').set(auth).send({ comments: [...comments, makeComment()] }).expect(400);
    await request(h.api.app).post('/v1/comments/batch').set(auth).send({ comments: [] }).expect(400);
    await request(h.api.app).post('/v1/comments/batch').set(auth).send([makeComment()]).expect(400);
    await request(h.api.app).post('/v1/comments/batch').send({ comments: [makeComment()] }).expect(401);
  });
});
