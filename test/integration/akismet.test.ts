import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { AkismetClient } from 'akismet-api';
import akismet2 from 'akismet';
import { parseLabelFields } from '../../src/moderation/labels.js';
import { AKISMET_THANKS } from '../../src/integrations/akismet/akismet-fields.js';
import { EXAMPLE_SPAM, SPECIFIC_THANKS } from '../factories.js';
import { SITE_A, createHarness, type Harness } from '../helpers/harness.js';
import { apiReady } from '../helpers/api-ready.js';
import { resolveLocalhostNames } from '../helpers/localhost-dns.js';

const BLOG = 'https://blog.example.org';

async function listen(h: Harness): Promise<{ server: Server; port: number }> {
  const server = createServer(h.api.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0 };
}

async function labels(h: Harness) {
  const entries = await h.redis.xrange(`${h.config.keyPrefix}labels`, '-', '+');
  return entries.map(([id, flat]) => parseLabelFields(id, flat));
}

/** The callback-style `akismet` 2.x client, as promises. */
function v2(options: { apiKey: string; port: number }) {
  const client = akismet2.client({ blog: BLOG, apiKey: options.apiKey, host: '127.0.0.1', endPoint: `${options.apiKey}.localhost`, port: options.port });
  const call = <T>(fn: (cb: (err: string | Error | null, value: T) => void) => void) =>
    new Promise<T>((resolve, reject) => fn((err, value) => (err ? reject(err instanceof Error ? err : new Error(err)) : resolve(value))));
  return {
    verifyKey: () => call<boolean>((cb) => client.verifyKey(cb)),
    checkComment: (o: Record<string, string>) => call<boolean>((cb) => client.checkComment(o as never, cb)),
    submitSpam: (o: Record<string, string>) => call<void>((cb) => client.submitSpam(o as never, (err) => cb(err ?? null, undefined))),
    submitHam: (o: Record<string, string>) => call<void>((cb) => client.submitHam(o as never, (err) => cb(err ?? null, undefined))),
  };
}

describe('Akismet-compatible API with the real npm clients', () => {
  let h: Harness;
  let server: Server | undefined;
  let port: number;
  let restoreDns: () => void;
  before(async () => {
    restoreDns = resolveLocalhostNames();
    h = await createHarness({ env: { CHAFF_AKISMET_WAIT_MS: '8000', CHAFF_AKISMET_BLATANT_PROBABILITY: '0.5' } });
    await apiReady(h);
    await h.startWorker();
    const listening = await listen(h);
    server = listening.server;
    port = listening.port;
  });
  after(async () => {
    restoreDns();
    const open = server;
    if (open) await new Promise<void>((resolve) => open.close(() => resolve()));
    await h?.close();
  });

  test('akismet-api v6 (key in the host name): verify, check spam and ham, submit-spam, submit-ham', async () => {
    const client = new AkismetClient({ key: SITE_A.key, blog: BLOG, host: `localhost:${port}`, protocol: 'http' });
    assert.equal(await client.verifyKey(), true);
    assert.equal(await new AkismetClient({ key: 'not-a-key-0000000000', blog: BLOG, host: `localhost:${port}`, protocol: 'http' }).verifyKey(), false);

    const spam = { ip: '198.51.100.23', useragent: 'Mozilla/5.0', content: EXAMPLE_SPAM, name: 'Marketing Pro', email: 'seo@example.net', permalink: `${BLOG}/posts/1` };
    const ham = { ip: '203.0.113.7', useragent: 'Mozilla/5.0', content: SPECIFIC_THANKS, name: 'Dana', email: 'dana@example.org', permalink: `${BLOG}/posts/2` };
    assert.equal(await client.checkSpam(spam), true);
    assert.equal(await client.checkSpam(ham), false);
    assert.equal(await client.checkSpam({ ...ham, name: 'akismet-guaranteed-spam' }), true);
    assert.equal(await client.checkSpam({ ...spam, role: 'administrator' }), false);

    const before = (await labels(h)).length;
    const spamReply = await client.submitSpam(ham);
    const hamReply = await client.submitHam(spam);
    assert.equal((spamReply as unknown as { text: string }).text, AKISMET_THANKS);
    assert.equal((hamReply as unknown as { text: string }).text, AKISMET_THANKS);
    const added = (await labels(h)).slice(before);
    assert.deepEqual(added.map((l) => [l.label, l.actor, l.source, l.comment.content]), [
      ['spam', `site:${SITE_A.siteId}`, 'site', SPECIFIC_THANKS],
      ['ham', `site:${SITE_A.siteId}`, 'site', EXAMPLE_SPAM],
    ]);
    // The submissions found the comments comment-check stored (by fingerprint), not new ones.
    for (const label of added) assert.equal(label.modelVerdict !== null, true);

    await assert.rejects(new AkismetClient({ key: 'not-a-key-0000000000', blog: BLOG, host: `localhost:${port}`, protocol: 'http' }).checkSpam(ham), /Invalid API key/);
  });

  test('akismet 2.x (endPoint and port): verify, check spam and ham, submit-spam, submit-ham', async () => {
    const client = v2({ apiKey: SITE_A.key, port });
    assert.equal(await client.verifyKey(), true);
    assert.equal(await v2({ apiKey: 'wrong-key-0000000000', port }).verifyKey(), false);
    const spam = { user_ip: '198.51.100.24', comment_content: EXAMPLE_SPAM, comment_author: 'Best Deals', permalink: `${BLOG}/posts/3` };
    const ham = { user_ip: '203.0.113.8', comment_content: SPECIFIC_THANKS, comment_author: 'Ana', permalink: `${BLOG}/posts/4` };
    assert.equal(await client.checkComment({ ...spam }), true);
    assert.equal(await client.checkComment({ ...ham }), false);
    assert.equal(await client.checkComment({ ...ham, comment_author_email: 'akismet-guaranteed-spam@example.com' }), true);

    const before = (await labels(h)).length;
    await client.submitSpam({ ...ham });
    await client.submitHam({ ...spam });
    await client.submitSpam({ ...ham, is_test: '1' });
    const added = (await labels(h)).slice(before);
    assert.deepEqual(added.map((l) => [l.label, l.actor]), [
      ['spam', `site:${SITE_A.siteId}`],
      ['ham', `site:${SITE_A.siteId}`],
    ], 'is_test submissions teach nothing');
  });

  test('comment-check: guid, pro-tip for blatant spam, unknown fields kept, key never stored', async () => {
    const spam = await request(h.api.app)
      .post('/1.1/comment-check')
      .type('form')
      .send({ api_key: SITE_A.key, blog: BLOG, comment_content: EXAMPLE_SPAM, comment_author: 'Growth Hacker', user_ip: '198.51.100.99', referrer: 'https://ref.example', custom_field: 'kept', comment_date_gmt: '2026-11-27 10:00:00' })
      .expect(200)
      .expect('Content-Type', /text\/plain/);
    assert.equal(spam.text, 'true');
    assert.equal(spam.headers['x-akismet-pro-tip'], 'discard');
    const id = spam.headers['x-akismet-guid'];
    assert.match(id, /^c_[0-9a-f]{24}$/);
    const stored = await h.redis.hgetall(`${h.config.keyPrefix}comment:${id}`);
    const extra = JSON.parse(stored.extra);
    assert.deepEqual({ referrer: extra.referrer, custom_field: extra.custom_field, blog: extra.blog }, { referrer: 'https://ref.example', custom_field: 'kept', blog: BLOG });
    assert.equal(JSON.parse(stored.comment).createdAt, '2026-11-27T10:00:00.000Z');
    assert.ok(!JSON.stringify(stored).includes(SITE_A.key), 'the API key is never stored');

    const ham = await request(h.api.app).post('/1.1/comment-check').type('form').send({ key: SITE_A.key, comment_content: SPECIFIC_THANKS }).expect(200);
    assert.equal(ham.text, 'false');
    assert.equal(ham.headers['x-akismet-pro-tip'], undefined);
    assert.match(ham.headers['x-akismet-guid'], /^c_[0-9a-f]{24}$/);

    const bad = await request(h.api.app).post('/1.1/comment-check').type('form').send({ key: 'wrong-key-0000000000', comment_content: 'x' }).expect(200);
    assert.equal(bad.text, 'invalid');
    assert.ok(bad.headers['x-akismet-debug-help']);
    assert.ok(!bad.headers['x-akismet-debug-help'].includes('wrong-key'));
  });
});

describe('Akismet comment-check when no verdict arrives in time', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness({ env: { CHAFF_AKISMET_WAIT_MS: '50' } });
    await apiReady(h);
  });
  after(async () => h.close());

  test('answers false with X-akismet-recheck-after and keeps the comment queued, then scored and flagged', async () => {
    const res = await request(h.api.app).post('/1.1/comment-check').type('form').send({ api_key: SITE_A.key, comment_content: EXAMPLE_SPAM }).expect(200);
    assert.equal(res.text, 'false');
    assert.ok(Number(res.headers['x-akismet-recheck-after']) > 0);
    const id = res.headers['x-akismet-guid'];
    assert.equal((await h.api.store.getComment(id))?.status, 'queued');

    await h.startWorker();
    const deadline = Date.now() + 10_000;
    let record = await h.api.store.getComment(id);
    while (record?.status === 'queued' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 25));
      record = await h.api.store.getComment(id);
    }
    assert.equal(record?.verdict, 'spam');
    assert.ok((await h.api.store.flaggedIds()).includes(id));

    // A recheck of the same comment now answers from the stored verdict.
    const recheck = await request(h.api.app).post('/1.1/comment-check').type('form').send({ api_key: SITE_A.key, comment_content: EXAMPLE_SPAM, recheck_reason: 'edit' }).expect(200);
    assert.equal(recheck.text, 'true');
    assert.equal(recheck.headers['x-akismet-guid'], id);
  });
});
