/**
 * Everything a comment leaves in Redis is bounded by CHAFF_COMMENT_RETENTION (issue 7).
 *
 * Comments go in through every intake (single, batch, Akismet) and are scored, flagged and sent
 * to a webhook; then every key under the test's prefix is classified by one rule of KEY_RULES:
 * it expires within the retention window, or the pruner empties it once the (injected) clock
 * passes the window, or BullMQ bounds it by count, or it is a fixed-size or moderator-only
 * structure. A key that no rule explains fails the test, so a new unbounded key cannot slip in.
 * Nothing here waits for a real TTL or asserts a timing.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { DELIVER_WEBHOOK_QUEUE } from '../../src/queues/webhook.queue.js';
import { SCORE_COMMENT_QUEUE } from '../../src/queues/score-comment.queue.js';
import { EXAMPLE_SPAM, SPECIFIC_THANKS, fixedClock, makeComment } from '../factories.js';
import { SITE_A, SITE_B, createHarness, type Harness } from '../helpers/harness.js';
import { apiReady } from '../helpers/api-ready.js';

const RETENTION_MS = 60_000;
const KEEP_JOBS = 2;

/**
 * How a key is bounded:
 * - ttl: expires within the retention window (PTTL in 1..RETENTION_MS)
 * - pruned: an index the pruner empties once its entries are past retention
 * - bull-job: a BullMQ job hash, kept up to CHAFF_KEEP_COMPLETED_JOBS + CHAFF_KEEP_FAILED_JOBS
 * - bull-fixed: one of a queue's own structures (lists/zsets of job ids bounded like the jobs,
 *   the events stream capped at maxLenEvents, counters)
 * - fixed: one per Chaff install or per site, never per comment
 * - moderator: grows only with moderators' decisions, kept by design (none before the decision)
 */
type Bound = 'ttl' | 'pruned' | 'bull-job' | 'bull-fixed' | 'fixed' | 'moderator';

const QUEUES = `(?:${SCORE_COMMENT_QUEUE}|${DELIVER_WEBHOOK_QUEUE})`;
const KEY_RULES: Array<[RegExp, Bound]> = [
  [/^comment:c_[0-9a-f]{24}$/, 'ttl'],
  [/^author:(?:email|url|ip):[0-9a-f]{32}$/, 'ttl'],
  [/^akismet-fp:[^:]+:[0-9a-f]+$/, 'ttl'],
  [/^rl:(?:ip|key):.+$/, 'ttl'],
  [/^decisions:c_[0-9a-f]{24}$/, 'ttl'],
  [/^(?:flagged|flagged-prob)(?::s:[^:]+)?(?::v:(?:unsure|spam))?$/, 'pruned'],
  [/^recent(?::v:(?:ham|unsure|spam))?$/, 'pruned'],
  [/^decided$/, 'pruned'],
  [new RegExp(`^bull:${QUEUES}:(?:c_[0-9a-f]{24}|evt_[a-z]+_.+)$`), 'bull-job'],
  [new RegExp(`^bull:${QUEUES}:(?:meta|id|events|wait|paused|active|prioritized|delayed|completed|failed|marker|stalled|stalled-check|pc)$`), 'bull-fixed'],
  [/^bull:[^:]+:[^:]+:lock$/, 'ttl'],
  [/^(?:site-keys|sites|index-scopes)$/, 'fixed'],
  [/^labels$/, 'moderator'],
];

function boundOf(name: string): Bound | null {
  return KEY_RULES.find(([pattern]) => pattern.test(name))?.[1] ?? null;
}

async function keysUnder(h: Harness): Promise<string[]> {
  const prefix = h.config.keyPrefix;
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await h.redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    out.push(...keys.map((k) => k.slice(prefix.length)));
  } while (cursor !== '0');
  return out.sort();
}

async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('retention: every key a comment leaves in Redis is bounded', () => {
  const clock = fixedClock(Date.now());
  let h: Harness;
  let receiver: Server;
  let delivered = 0;
  const flaggedIds: string[] = [];
  const commentIds = new Set<string>();

  before(async () => {
    receiver = createServer((req, res) => {
      req.resume().on('end', () => {
        delivered += 1;
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const address = receiver.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    h = await createHarness({
      clock,
      env: {
        CHAFF_COMMENT_RETENTION: `${RETENTION_MS / 1000}s`,
        CHAFF_KEEP_COMPLETED_JOBS: String(KEEP_JOBS),
        CHAFF_KEEP_FAILED_JOBS: String(KEEP_JOBS),
        CHAFF_RATE_LIMIT_WINDOW_MS: '30000',
      },
    });
    await apiReady(h);
    await h.api.sites.setWebhook(SITE_A.siteId, `http://127.0.0.1:${port}/hook`);
    await h.startWorker();

    const author = { name: 'Sam', email: 'sam@example.org', url: 'https://sam.example.org', ip: '203.0.113.9' };
    const posts = [
      { key: SITE_A.key, comment: makeComment({ content: EXAMPLE_SPAM, author }) },
      { key: SITE_A.key, comment: makeComment({ content: SPECIFIC_THANKS, author }) },
      { key: SITE_B.key, comment: makeComment({ content: EXAMPLE_SPAM }) },
      { key: SITE_B.key, comment: makeComment({ content: SPECIFIC_THANKS }) },
    ];
    for (const { key, comment } of posts) {
      const res = await request(h.api.app).post('/v1/comments?wait=5000').set({ Authorization: `Bearer ${key}` }).send(comment).expect(200);
      commentIds.add(res.body.id);
      if (res.body.verdict !== 'ham') flaggedIds.push(res.body.id);
    }
    const batch = await request(h.api.app)
      .post('/v1/comments/batch')
      .set({ Authorization: `Bearer ${SITE_A.key}` })
      .send({ comments: [makeComment({ content: EXAMPLE_SPAM, author }), makeComment()] })
      .expect(200);
    for (const r of batch.body.results as Array<{ id: string }>) commentIds.add(r.id);
    const akismet = await request(h.api.app)
      .post('/1.1/comment-check')
      .type('form')
      .send({ key: SITE_A.key, blog: 'https://blog.example.org', user_ip: '203.0.113.9', comment_content: EXAMPLE_SPAM })
      .expect(200);
    commentIds.add(String(akismet.headers['x-akismet-guid']));

    // Every comment scored and every webhook delivered, so no job is still in flight.
    await waitUntil('every comment scored', async () => {
      const records = await h.api.store.getComments([...commentIds]);
      return records.every((r) => r !== null && r.status !== 'queued');
    });
    const siteAComments = (await h.api.store.getComments([...commentIds])).filter((r) => r?.siteId === SITE_A.siteId).length;
    await waitUntil('every webhook delivered', async () => delivered >= siteAComments);
    await waitUntil('both queues idle', async () => {
      const prefix = `${h.config.keyPrefix}bull`;
      const lengths = await Promise.all(
        [SCORE_COMMENT_QUEUE, DELIVER_WEBHOOK_QUEUE].flatMap((q) => [
          h.redis.llen(`${prefix}:${q}:wait`),
          h.redis.llen(`${prefix}:${q}:active`),
          h.redis.zcard(`${prefix}:${q}:delayed`),
        ]),
      );
      return lengths.every((n) => n === 0);
    });
  });

  after(async () => {
    await h.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  test('after scoring, each key expires within the retention, is pruned, or is bounded by count or by design', async () => {
    assert.ok(flaggedIds.length > 0, 'at least one comment was flagged');
    assert.equal(commentIds.size, 7);
    const keys = await keysUnder(h);
    assert.deepEqual(keys.filter((k) => boundOf(k) === null), [], 'keys no rule bounds');
    for (const name of keys.filter((k) => boundOf(k) === 'ttl')) {
      const ttl = await h.redis.pttl(`${h.config.keyPrefix}${name}`);
      assert.ok(ttl > 0 && ttl <= RETENTION_MS, `${name} has PTTL ${ttl}, not within the ${RETENTION_MS} ms retention`);
    }
    // Each comment left its record and its model decision, both expiring.
    for (const id of commentIds) {
      assert.ok(keys.includes(`comment:${id}`), `comment:${id}`);
      assert.ok(keys.includes(`decisions:${id}`), `decisions:${id}`);
    }
    assert.ok(keys.some((k) => k.startsWith('author:email:')), 'the author-history sets were written');
    assert.ok(keys.some((k) => k.startsWith('akismet-fp:')), 'the Akismet fingerprint was written');
    assert.ok(keys.some((k) => k.startsWith('rl:')), 'the rate-limit counters were written');
    assert.ok(keys.includes(`bull:${DELIVER_WEBHOOK_QUEUE}:completed`), 'webhook jobs ran');

    for (const queue of [SCORE_COMMENT_QUEUE, DELIVER_WEBHOOK_QUEUE]) {
      const jobs = keys.filter((k) => k.startsWith(`bull:${queue}:`) && boundOf(k) === 'bull-job');
      assert.ok(jobs.length <= 2 * KEEP_JOBS, `${queue} keeps ${jobs.length} job hashes, more than ${2 * KEEP_JOBS}`);
      const maxLenEvents = Number(await h.redis.hget(`${h.config.keyPrefix}bull:${queue}:meta`, 'opts.maxLenEvents'));
      assert.ok(maxLenEvents > 0, `${queue} events stream is capped`);
    }
    assert.equal(await h.redis.xlen(`${h.config.keyPrefix}labels`), 0, 'scoring adds no labels');
    assert.ok((await h.redis.scard(`${h.config.keyPrefix}index-scopes`)) <= 2 * 3, 'index scopes: per site and verdict, not per comment');
  });

  test('a moderator decision keeps that comment\'s history for good; past retention the pruner empties every index', async () => {
    const decided = flaggedIds[0];
    const { outcome } = await h.api.moderation.recordDecision({ commentId: decided, decision: 'reject', actor: 'ann' });
    assert.equal(outcome, 'recorded');
    const p = h.config.keyPrefix;
    assert.equal(await h.redis.pttl(`${p}decisions:${decided}`), -1, 'a moderator-decided history is kept');
    assert.equal(await h.redis.xlen(`${p}labels`), 1);
    for (const id of commentIds) {
      if (id === decided) continue;
      assert.ok((await h.redis.pttl(`${p}decisions:${id}`)) > 0, `decisions:${id} still expires`);
    }

    clock.advance(RETENTION_MS + 1000);
    await h.api.moderation.pruneIndexes();
    const keys = await keysUnder(h);
    assert.deepEqual(keys.filter((k) => boundOf(k) === 'pruned'), [], 'indexes left after pruning');
    assert.deepEqual(keys.filter((k) => boundOf(k) === null), [], 'keys no rule bounds');
    const kept = keys.filter((k) => /^decisions:/.test(k));
    for (const name of kept) {
      const ttl = await h.redis.pttl(`${p}${name}`);
      assert.ok(name === `decisions:${decided}` ? ttl === -1 : ttl > 0, `${name} has PTTL ${ttl}`);
    }
  });
});
