import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { runModeratorsCommand } from '../../src/cli/moderators.command.js';
import { runSitesCommand } from '../../src/cli/sites.command.js';
import { hashSecret } from '../../src/config.js';
import { makeComment } from '../factories.js';
import { SITE_A, createHarness, type Harness } from '../helpers/harness.js';
import { apiReady } from '../helpers/api-ready.js';

const auth = (key: string) => ({ Authorization: `Bearer ${key}` });

/** Every string value under the harness prefix, to prove secrets are not stored in clear. */
async function allRedisText(h: Harness): Promise<string> {
  const keys = await h.redis.keys(`${h.config.keyPrefix}*`);
  const parts: string[] = [];
  for (const key of keys) {
    const type = await h.redis.type(key);
    if (type === 'hash') parts.push(JSON.stringify(await h.redis.hgetall(key)));
    if (type === 'string') parts.push((await h.redis.get(key)) ?? '');
  }
  return parts.join('\n');
}

describe('sites and moderators in Redis', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
    await apiReady(h);
  });
  after(async () => h.close());

  test('a new site key works; rotation makes the old key 401 and the new one work; removal makes it 401', async () => {
    const { key, webhookSecret } = await h.api.sites.addSite('blog-one');
    assert.equal(webhookSecret, null);
    assert.match(key, /^[a-z0-9]{1,63}$/, 'a key is a valid host-name label (Akismet clients send it as one)');
    await request(h.api.app).post('/v1/comments').set(auth(key)).send(makeComment()).expect(202);

    const rotated = await h.api.sites.rotateKey('blog-one');
    assert.notEqual(rotated, key);
    const old = await request(h.api.app).post('/v1/comments').set(auth(key)).send(makeComment()).expect(401);
    assert.ok(!JSON.stringify(old.body).includes(key), 'the error does not echo the key');
    await request(h.api.app).post('/v1/comments').set(auth(rotated)).send(makeComment()).expect(202);

    await h.api.sites.removeSite('blog-one');
    await request(h.api.app).post('/v1/comments').set(auth(rotated)).send(makeComment()).expect(401);
    assert.ok(!(await allRedisText(h)).includes(rotated));
  });

  test('keys are stored only as SHA-256, and adding an existing site is refused', async () => {
    const { key } = await h.api.sites.addSite('blog-two', { webhookUrl: 'http://127.0.0.1:9/hook' });
    const stored = await allRedisText(h);
    assert.ok(!stored.includes(key));
    assert.ok(stored.includes(hashSecret(key)));
    await assert.rejects(h.api.sites.addSite('blog-two'), /exists already/);
    await assert.rejects(h.api.sites.addSite('bad name!'), /name/);
    await assert.rejects(h.api.sites.setWebhook('blog-two', 'file:///etc/passwd'), /http/);
    const list = await h.api.sites.listSites();
    const two = list.find((s) => s.siteId === 'blog-two');
    assert.deepEqual({ hasKey: two?.hasKey, webhookUrl: two?.webhookUrl }, { hasKey: true, webhookUrl: 'http://127.0.0.1:9/hook' });
    assert.ok(!JSON.stringify(list).includes('whsec_'), 'list shows no secrets');
  });

  test('CLI: sites add/list/rotate-key/remove print a key once and never list it', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    assert.equal(await runSitesCommand(['add', 'cli-site', '--webhook', 'https://hooks.example.org/chaff'], h.config, io), 0);
    const key = /\n {2}(chaff[0-9a-f]{40})\n/.exec(out.join('\n'))?.[1];
    assert.ok(key, 'the key is printed');
    await request(h.api.app).post('/v1/comments').set(auth(key)).send(makeComment()).expect(202);

    out.length = 0;
    assert.equal(await runSitesCommand(['list'], h.config, io), 0);
    const listing = out.join('\n');
    assert.match(listing, /cli-site\tkey, webhook https:\/\/hooks\.example\.org\/chaff/);
    assert.match(listing, new RegExp(`${SITE_A.siteId}\\tkey from CHAFF_SITE_KEYS`));
    assert.ok(!listing.includes(key));

    out.length = 0;
    assert.equal(await runSitesCommand(['rotate-key', 'cli-site'], h.config, io), 0);
    const next = /\n {2}(chaff[0-9a-f]{40})\n/.exec(out.join('\n'))?.[1];
    assert.ok(next && next !== key);
    await request(h.api.app).post('/v1/comments').set(auth(key)).send(makeComment()).expect(401);
    await request(h.api.app).post('/v1/comments').set(auth(next)).send(makeComment()).expect(202);

    assert.equal(await runSitesCommand(['remove', 'cli-site'], h.config, io), 0);
    await request(h.api.app).post('/v1/comments').set(auth(next)).send(makeComment()).expect(401);
    assert.equal(await runSitesCommand(['remove', 'cli-site'], h.config, io), 1);
    assert.match(err.join('\n'), /No site cli-site/);
    assert.equal(await runSitesCommand(['frobnicate'], h.config, io), 2);
  });

  test('CLI: moderators add/list/remove; the token is stored hashed and stops working when removed', async () => {
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: () => undefined };
    assert.equal(await runModeratorsCommand(['add', 'sam'], h.config, io), 0);
    const token = /\n {2}(chaffmod_\S+)\n/.exec(out.join('\n'))?.[1];
    assert.ok(token);
    assert.equal(await h.api.moderation.findModeratorByTokenHash(hashSecret(token)), 'sam');
    assert.ok(!(await allRedisText(h)).includes(token));
    out.length = 0;
    assert.equal(await runModeratorsCommand(['list'], h.config, io), 0);
    assert.match(out.join('\n'), /^sam\tcreated /m);
    assert.ok(!out.join('\n').includes(token));
    assert.equal(await runModeratorsCommand(['add', 'sam'], h.config, io), 1);
    assert.equal(await runModeratorsCommand(['remove', 'sam'], h.config, io), 0);
    assert.equal(await h.api.moderation.findModeratorByTokenHash(hashSecret(token)), null);
  });
});
