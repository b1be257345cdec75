import assert from 'node:assert/strict';
import { after, afterEach, beforeEach, describe, test } from 'node:test';
import request from 'supertest';
import type { Verdict } from '../../src/classifier/types.js';
import { hashSecret } from '../../src/config.js';
import { readLabels } from '../../src/moderation/labels.js';
import { EXAMPLE_SPAM, fixedClock, makeComment } from '../factories.js';
import { SITE_A, SITE_B, createHarness, type Harness } from '../helpers/harness.js';

const MODERATOR = { id: 'ann', token: 'mod-token-ann-0123456789' };
const auth = (secret: string) => ({ Authorization: `Bearer ${secret}` });
const asModerator = auth(MODERATOR.token);
const HOUR_MS = 3_600_000;

interface Seed {
  siteId?: string;
  verdict: Verdict;
  spamProbability?: number;
  author?: { name?: string; email?: string; url?: string; ip?: string };
  content?: string;
}

type TestClock = ReturnType<typeof fixedClock>;

/** Stores a comment and its model verdict through the same store calls the API and worker use. */
async function seed(h: Harness, clock: TestClock, s: Seed): Promise<string> {
  const siteId = s.siteId ?? SITE_A.siteId;
  const overrides = { ...(s.author ? { author: s.author } : {}), ...(s.content ? { content: s.content } : {}) };
  const { record } = await h.api.store.createComment({ siteId, comment: makeComment(overrides), requestId: null });
  clock.advance(1);
  const p = s.spamProbability ?? (s.verdict === 'spam' ? 0.999 : s.verdict === 'unsure' ? 0.6 : 0.01);
  const outcome = await h.api.store.recordModelVerdict({
    commentId: record.id,
    verdict: s.verdict,
    spamProbability: p,
    modelVersion: 'test-model-1',
    clues: [{ token: 'magnific', weight: 2.5 }],
  });
  assert.equal(outcome, 'recorded');
  return record.id;
}

async function allPages(h: Harness, query: string, limit: number, between?: (page: number, seenSoFar: string[]) => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const url: string = `/v1/moderation/queue?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await request(h.api.app).get(url).set(asModerator).expect(200);
    seen.push(...res.body.items.map((i: { id: string }) => i.id));
    cursor = res.body.nextCursor;
    if (!cursor) return seen;
    if (between) await between(page, seen);
  }
  throw new Error('pagination did not end');
}

describe('moderation API', () => {
  let h: Harness;
  let clock: TestClock;

  beforeEach(async () => {
    clock = fixedClock();
    h = await createHarness({ clock, env: { CHAFF_MODERATOR_TOKENS: `${MODERATOR.id}:${MODERATOR.token}` } });
  });
  afterEach(async () => h.close());

  test('every moderation route refuses no token (401), a site key (403) and an unknown token (401)', async () => {
    const id = await seed(h, clock, { verdict: 'spam' });
    const routes: Array<[method: 'get' | 'post', path: string, body?: object]> = [
      ['get', '/v1/moderation/queue'],
      ['get', '/v1/moderation/recent'],
      ['get', '/v1/moderation/decided'],
      ['get', `/v1/moderation/comments/${id}`],
      ['post', `/v1/moderation/comments/${id}/decision`, { decision: 'reject' }],
      ['post', '/v1/moderation/decisions', { decisions: [{ commentId: id, decision: 'reject' }] }],
    ];
    for (const [method, path, body] of routes) {
      const none = await request(h.api.app)[method](path).send(body);
      assert.equal(none.status, 401, `${method} ${path} without a token`);
      assert.equal(none.body.error.code, 'unauthorized');
      const site = await request(h.api.app)[method](path).set(auth(SITE_A.key)).send(body);
      assert.equal(site.status, 403, `${method} ${path} with a site key`);
      const unknown = await request(h.api.app)[method](path).set(auth('not-a-token-at-all-123456')).send(body);
      assert.equal(unknown.status, 401, `${method} ${path} with an unknown token`);
    }
    // Nothing was decided by those attempts.
    assert.deepEqual(await h.api.store.getDecisions(id).then((d) => d.map((x) => x.actor)), [null]);
  });

  test('a moderator token is no site key, and tokens stored hashed in Redis work too', async () => {
    const id = await seed(h, clock, { verdict: 'spam' });
    await request(h.api.app).get(`/v1/comments/${id}`).set(asModerator).expect(401);
    await request(h.api.app).post('/v1/comments').set(asModerator).send(makeComment()).expect(401);
    const stored = 'stored-mod-token-abcdef0123456';
    await h.api.moderation.addModeratorToken('bob', hashSecret(stored));
    const res = await request(h.api.app).post(`/v1/moderation/comments/${id}/decision`).set(auth(stored)).send({ decision: 'reject' }).expect(200);
    assert.equal(res.body.comment.decidedActor, 'bob');
  });

  test('the queue holds undecided unsure and spam, filters by site, verdict and age, sorts by probability', async () => {
    const ham = await seed(h, clock, { verdict: 'ham' });
    const spamA = await seed(h, clock, { verdict: 'spam', spamProbability: 0.97 });
    clock.advance(HOUR_MS);
    const unsureA = await seed(h, clock, { verdict: 'unsure', spamProbability: 0.5 });
    clock.advance(HOUR_MS);
    const spamB = await seed(h, clock, { verdict: 'spam', siteId: SITE_B.siteId, spamProbability: 0.9999 });

    const all = await request(h.api.app).get('/v1/moderation/queue').set(asModerator).expect(200);
    assert.deepEqual(all.body.items.map((i: { id: string }) => i.id), [spamB, unsureA, spamA]);
    assert.equal(all.body.total, 3);
    assert.equal(all.body.nextCursor, null);
    assert.ok(!all.body.items.some((i: { id: string }) => i.id === ham));
    const item = all.body.items[2];
    assert.equal(item.verdict, 'spam');
    assert.equal(item.spamProbability, 0.97);
    assert.equal(item.modelVersion, 'test-model-1');
    assert.deepEqual(item.clues, [{ token: 'magnific', weight: 2.5 }]);
    assert.equal(item.comment.author.email, 'dana@example.org');
    assert.equal(typeof item.comment.content, 'string');
    assert.equal(item.siteId, SITE_A.siteId);

    const bySite = await request(h.api.app).get(`/v1/moderation/queue?site=${SITE_B.siteId}`).set(asModerator).expect(200);
    assert.deepEqual(bySite.body.items.map((i: { id: string }) => i.id), [spamB]);
    const unsure = await request(h.api.app).get('/v1/moderation/queue?verdict=unsure').set(asModerator).expect(200);
    assert.deepEqual(unsure.body.items.map((i: { id: string }) => i.id), [unsureA]);
    const siteAndVerdict = await request(h.api.app).get(`/v1/moderation/queue?site=${SITE_A.siteId}&verdict=spam`).set(asModerator).expect(200);
    assert.deepEqual(siteAndVerdict.body.items.map((i: { id: string }) => i.id), [spamA]);

    const byProbability = await request(h.api.app).get('/v1/moderation/queue?sort=probability').set(asModerator).expect(200);
    assert.deepEqual(byProbability.body.items.map((i: { id: string }) => i.id), [spamB, spamA, unsureA]);

    const now = clock.now();
    const since = new Date(now - 90 * 60_000).toISOString();
    const before = new Date(now - 30 * 60_000).toISOString();
    const window = await request(h.api.app).get(`/v1/moderation/queue?since=${since}&before=${before}`).set(asModerator).expect(200);
    assert.deepEqual(window.body.items.map((i: { id: string }) => i.id), [unsureA]);
    const windowByP = await request(h.api.app).get(`/v1/moderation/queue?sort=probability&since=${since}`).set(asModerator).expect(200);
    assert.deepEqual(windowByP.body.items.map((i: { id: string }) => i.id), [spamB, unsureA]);

    await request(h.api.app).get('/v1/moderation/queue?sort=oldest').set(asModerator).expect(400);
    await request(h.api.app).get('/v1/moderation/queue?limit=0').set(asModerator).expect(400);
    await request(h.api.app).get('/v1/moderation/queue?cursor=bogus!').set(asModerator).expect(400);
  });

  for (const sort of ['newest', 'probability'] as const) {
    test(`paging (${sort}) neither skips nor repeats while comments arrive and leave`, async () => {
      const original: string[] = [];
      for (let i = 0; i < 30; i++) {
        // Equal probabilities and some equal arrival times: ties must page correctly too.
        if (i % 3 === 0) clock.advance(1000);
        original.push(await seed(h, clock, { verdict: i % 4 === 0 ? 'unsure' : 'spam', spamProbability: i % 2 ? 0.999 : 0.75 }));
      }
      const decidedElsewhere = new Set<string>();
      const arrived: string[] = [];
      const seen = await allPages(h, `sort=${sort}`, 7, async (page, seenSoFar) => {
        // Newcomers arrive (newest, or highest probability) ...
        arrived.push(await seed(h, clock, { verdict: 'spam', spamProbability: 0.9999 }));
        // ... and another moderator decides one comment not yet seen, and one already seen.
        const res = await request(h.api.app).get(`/v1/moderation/queue?sort=${sort}&limit=200`).set(asModerator).expect(200);
        const remaining: string[] = res.body.items.map((i: { id: string }) => i.id);
        const unseen = remaining.filter((id) => original.includes(id) && !seenSoFar.includes(id));
        const victim = unseen[unseen.length - 1 - page];
        if (victim) {
          decidedElsewhere.add(victim);
          await h.api.moderation.recordDecision({ commentId: victim, decision: 'reject', actor: 'other' });
        }
        await h.api.moderation.recordDecision({ commentId: seenSoFar[seenSoFar.length - 1 - page], decision: 'approve', actor: 'other' });
      });
      assert.equal(new Set(seen).size, seen.length, 'no comment shown twice');
      const expected = original.filter((id) => !decidedElsewhere.has(id));
      assert.deepEqual([...seen].sort(), [...expected].sort(), 'every comment present throughout was shown');
      assert.ok(decidedElsewhere.size > 0);
      assert.ok(arrived.every((id) => !seen.includes(id)), 'newcomers sort above the cursor, so later pages do not show them');
    });
  }

  test('a decision leaves the queue, shows as decidedBy moderator, is recorded once, and writes a label', async () => {
    const id = await seed(h, clock, { verdict: 'spam', spamProbability: 0.98 });
    const first = await request(h.api.app)
      .post(`/v1/moderation/comments/${id}/decision`)
      .set(asModerator)
      .send({ decision: 'approve', note: 'a regular reader' })
      .expect(200);
    assert.equal(first.body.outcome, 'recorded');
    const queue = await request(h.api.app).get('/v1/moderation/queue').set(asModerator).expect(200);
    assert.equal(queue.body.items.length, 0);

    const status = await request(h.api.app).get(`/v1/comments/${id}`).set(auth(SITE_A.key)).expect(200);
    assert.equal(status.body.decidedBy, 'moderator');
    assert.equal(status.body.verdict, 'ham');
    assert.equal(status.body.status, 'decided');

    const again = await request(h.api.app).post(`/v1/moderation/comments/${id}/decision`).set(asModerator).send({ decision: 'approve' }).expect(200);
    assert.equal(again.body.outcome, 'unchanged');
    assert.equal((await h.api.store.getDecisions(id)).length, 2);
    assert.equal((await readLabels(h.redis, h.api.store.keys.labels, { latestOnly: false })).length, 1);

    clock.advance(5000);
    const changed = await request(h.api.app).post(`/v1/moderation/comments/${id}/decision`).set(asModerator).send({ decision: 'reject' }).expect(200);
    assert.equal(changed.body.outcome, 'changed');
    assert.equal(changed.body.comment.verdict, 'spam');

    const detail = await request(h.api.app).get(`/v1/moderation/comments/${id}`).set(asModerator).expect(200);
    const history = detail.body.decisions.map((d: { verdict: string; actor: string | null; note: string | null }) => [d.verdict, d.actor, d.note]);
    assert.deepEqual(history, [
      ['spam', null, null],
      ['ham', MODERATOR.id, 'a regular reader'],
      ['spam', MODERATOR.id, null],
    ]);
    for (const d of detail.body.decisions) {
      assert.equal(d.commentId, id);
      assert.equal(d.spamProbability, 0.98);
      assert.equal(d.modelVersion, 'test-model-1');
      assert.ok(!Number.isNaN(Date.parse(d.at)));
    }

    const labels = await readLabels(h.redis, h.api.store.keys.labels, { latestOnly: false });
    assert.deepEqual(labels.map((l) => [l.commentId, l.label, l.actor, l.source, l.modelVerdict]), [
      [id, 'ham', MODERATOR.id, 'moderator', 'spam'],
      [id, 'spam', MODERATOR.id, 'moderator', 'spam'],
    ]);
    const record = await h.api.store.getComment(id);
    assert.deepEqual(labels[1].comment, record?.comment, 'the label carries the comment as submitted');
    assert.equal((await readLabels(h.redis, h.api.store.keys.labels)).length, 1, 'latest label per comment');

    const decided = await request(h.api.app).get('/v1/moderation/decided').set(asModerator).expect(200);
    assert.deepEqual(decided.body.items.map((i: { id: string }) => i.id), [id]);
  });

  test('decision errors: unknown comment 404, bad body 400', async () => {
    await request(h.api.app).post('/v1/moderation/comments/c_000000000000000000000000/decision').set(asModerator).send({ decision: 'reject' }).expect(404);
    await request(h.api.app).post('/v1/moderation/comments/nope/decision').set(asModerator).send({ decision: 'reject' }).expect(404);
    const id = await seed(h, clock, { verdict: 'spam' });
    const bad = await request(h.api.app).post(`/v1/moderation/comments/${id}/decision`).set(asModerator).send({ decision: 'delete' }).expect(400);
    assert.equal(bad.body.error.fields[0].field, 'decision');
    await request(h.api.app).get('/v1/moderation/comments/c_000000000000000000000000').set(asModerator).expect(404);
  });

  test('bulk decisions: up to 500 at once, each with its outcome', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await seed(h, clock, { verdict: 'spam' }));
    await request(h.api.app).post(`/v1/moderation/comments/${ids[0]}/decision`).set(asModerator).send({ decision: 'reject' }).expect(200);
    const res = await request(h.api.app)
      .post('/v1/moderation/decisions')
      .set(asModerator)
      .send({
        decisions: [
          ...ids.map((commentId) => ({ commentId, decision: 'reject' })),
          { commentId: 'c_111111111111111111111111', decision: 'reject' },
        ],
      })
      .expect(200);
    assert.deepEqual(res.body.results.map((r: { outcome: string }) => r.outcome), ['unchanged', 'recorded', 'recorded', 'recorded', 'recorded', 'not_found']);
    const queue = await request(h.api.app).get('/v1/moderation/queue').set(asModerator).expect(200);
    assert.equal(queue.body.items.length, 0);
    assert.equal((await readLabels(h.redis, h.api.store.keys.labels)).length, 5);

    const tooMany = Array.from({ length: 501 }, () => ({ commentId: ids[1], decision: 'approve' }));
    await request(h.api.app).post('/v1/moderation/decisions').set(asModerator).send({ decisions: tooMany }).expect(400);
    await request(h.api.app).post('/v1/moderation/decisions').set(asModerator).send({ decisions: [] }).expect(400);
  });

  test('one comment with its author history: same e-mail, URL or IP, with verdicts', async () => {
    const bot = { name: 'Best Deals', email: 'Deals@Spam.example', url: 'https://www.deals.example/', ip: '198.51.100.9' };
    const earlier = await seed(h, clock, { verdict: 'spam', author: bot });
    const sameUrl = await seed(h, clock, { verdict: 'ham', author: { name: 'x', email: 'other@mail.example', url: 'http://deals.example' } });
    const sameIp = await seed(h, clock, { verdict: 'unsure', author: { name: 'y', ip: '198.51.100.9' } });
    const stranger = await seed(h, clock, { verdict: 'spam', author: { name: 'z', email: 'z@z.example', ip: '192.0.2.1' } });
    const target = await seed(h, clock, { verdict: 'spam', author: { ...bot, email: 'deals@spam.example ' } });

    const res = await request(h.api.app).get(`/v1/moderation/comments/${target}`).set(asModerator).expect(200);
    assert.equal(res.body.comment.id, target);
    assert.equal(res.body.comment.authorHistoryCount, 3);
    const byId = new Map(res.body.authorHistory.map((x: { id: string }) => [x.id, x]));
    assert.deepEqual([...byId.keys()].sort(), [earlier, sameUrl, sameIp].sort());
    assert.ok(!byId.has(stranger));
    assert.deepEqual((byId.get(earlier) as { matchedOn: string[] }).matchedOn, ['email', 'ip', 'url']);
    assert.deepEqual((byId.get(sameUrl) as { matchedOn: string[]; verdict: string }).matchedOn, ['url']);
    assert.equal((byId.get(sameUrl) as { verdict: string }).verdict, 'ham');
    assert.equal((byId.get(sameIp) as { verdict: string }).verdict, 'unsure');

    const queue = await request(h.api.app).get('/v1/moderation/queue').set(asModerator).expect(200);
    const counts = Object.fromEntries(queue.body.items.map((i: { id: string; authorHistoryCount: number }) => [i.id, i.authorHistoryCount]));
    assert.equal(counts[target], 3);
    assert.equal(counts[stranger], 0);
  });

  test('recent automatic decisions include ham, filter by verdict, and show later overrides', async () => {
    const ham = await seed(h, clock, { verdict: 'ham' });
    const spam = await seed(h, clock, { verdict: 'spam' });
    const recent = await request(h.api.app).get('/v1/moderation/recent').set(asModerator).expect(200);
    assert.deepEqual(recent.body.items.map((i: { id: string }) => i.id), [spam, ham]);
    const hamOnly = await request(h.api.app).get('/v1/moderation/recent?verdict=ham').set(asModerator).expect(200);
    assert.deepEqual(hamOnly.body.items.map((i: { id: string }) => i.id), [ham]);
    await request(h.api.app).post(`/v1/moderation/comments/${ham}/decision`).set(asModerator).send({ decision: 'reject' }).expect(200);
    const after = await request(h.api.app).get('/v1/moderation/recent?verdict=ham').set(asModerator).expect(200);
    assert.equal(after.body.items[0].decidedBy, 'moderator');
    assert.equal(after.body.items[0].verdict, 'spam');
  });

  test('pruning drops index entries past retention by the injected clock (Redis TTLs, which it does not age, are covered by retention.test.ts); labels and moderator decisions stay', async () => {
    const old = await seed(h, clock, { verdict: 'spam' });
    const oldHam = await seed(h, clock, { verdict: 'ham' });
    await h.api.moderation.recordDecision({ commentId: oldHam, decision: 'reject', actor: MODERATOR.id });
    clock.advance(31 * 24 * HOUR_MS);
    const fresh = await seed(h, clock, { verdict: 'unsure' });
    const removed = await h.api.moderation.pruneIndexes();
    assert.ok(removed >= 4, `removed ${removed}`);
    const p = h.config.keyPrefix;
    assert.deepEqual(await h.redis.zrange(`${p}flagged`, '0', '-1'), [fresh]);
    assert.deepEqual(await h.redis.zrange(`${p}flagged-prob`, '0', '-1'), [fresh]);
    assert.deepEqual(await h.redis.zrange(`${p}flagged:s:${SITE_A.siteId}:v:spam`, '0', '-1'), []);
    assert.deepEqual(await h.redis.zrange(`${p}recent`, '0', '-1'), [fresh]);
    assert.deepEqual(await h.redis.zrange(`${p}decided`, '0', '-1'), []);
    assert.equal((await h.api.store.getDecisions(old)).length, 1);
    assert.equal((await h.api.store.getDecisions(oldHam)).length, 2);
    assert.equal((await readLabels(h.redis, h.api.store.keys.labels)).length, 1);
    // Author sets expire with retention and trim themselves.
    const ttl = await h.redis.pttl(`${p}author:${(await h.api.store.getComments([fresh]))[0]!.authorKeys[0]}`);
    assert.ok(ttl > 0 && ttl <= 30 * 24 * HOUR_MS);
  });

  test('a label can be recorded for a comment whose record is gone, with the comment given', async () => {
    const comment = makeComment({ content: EXAMPLE_SPAM });
    const result = await h.api.moderation.recordDecision({
      commentId: 'c_222222222222222222222222',
      decision: 'reject',
      actor: `site:${SITE_A.siteId}`,
      source: 'site',
      fallback: { siteId: SITE_A.siteId, comment },
    });
    assert.equal(result.outcome, 'recorded');
    const [label] = await readLabels(h.redis, h.api.store.keys.labels);
    assert.equal(label.source, 'site');
    assert.equal(label.label, 'spam');
    assert.deepEqual(label.comment, comment);
  });
});

describe('moderation API with a worker', () => {
  let h: Harness;
  after(async () => h?.close());

  test('a spam comment posted by a site reaches the queue through the real worker', async () => {
    h = await createHarness({ env: { CHAFF_MODERATOR_TOKENS: `${MODERATOR.id}:${MODERATOR.token}` } });
    await h.startWorker();
    const posted = await request(h.api.app).post('/v1/comments?wait=5000').set(auth(SITE_A.key)).send(makeComment({ content: EXAMPLE_SPAM }));
    assert.equal(posted.status, 200, JSON.stringify(posted.body));
    assert.equal(posted.body.verdict, 'spam');
    const queue = await request(h.api.app).get('/v1/moderation/queue?verdict=spam').set(asModerator).expect(200);
    assert.deepEqual(queue.body.items.map((i: { id: string }) => i.id), [posted.body.id]);
    assert.ok(queue.body.items[0].clues.length > 0);
  });
});
