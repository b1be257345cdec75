import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCachedWebhookLookup } from '../../src/sites/cached-webhook-lookup.js';
import type { SiteWebhook } from '../../src/sites/site-registry.js';
import { fixedClock } from '../factories.js';

/** A registry stand-in whose answers can change, counting the lookups that reach it. */
function countingSites(initial: Record<string, SiteWebhook | null>) {
  const current = { ...initial };
  const calls: string[] = [];
  let fail = false;
  return {
    calls,
    set: (siteId: string, value: SiteWebhook | null) => void (current[siteId] = value),
    failNext: () => void (fail = true),
    sites: {
      async webhookOf(siteId: string) {
        calls.push(siteId);
        if (fail) {
          fail = false;
          throw new Error('redis down');
        }
        return current[siteId] ?? null;
      },
    },
  };
}

const HOOK: SiteWebhook = { url: 'https://a.example/hook', secret: 'whsec_a' };

test('a site webhook (or its absence) is reused for ttlMs, then read again', async () => {
  const clock = fixedClock();
  const fake = countingSites({ a: HOOK, b: null });
  const lookup = createCachedWebhookLookup({ sites: fake.sites, ttlMs: 5000, clock });

  assert.deepEqual(await lookup.webhookOf('a'), HOOK);
  assert.equal(await lookup.webhookOf('b'), null);
  fake.set('b', HOOK);
  clock.advance(4999);
  assert.deepEqual(await lookup.webhookOf('a'), HOOK);
  assert.equal(await lookup.webhookOf('b'), null, 'a new webhook waits for the entry to expire');
  assert.deepEqual(fake.calls, ['a', 'b']);

  clock.advance(1);
  assert.deepEqual(await lookup.webhookOf('b'), HOOK, 'read again after ttlMs');
  assert.deepEqual(fake.calls, ['a', 'b', 'b']);
});

test('concurrent misses share one lookup; a failed lookup is not kept', async () => {
  const clock = fixedClock();
  const fake = countingSites({ a: HOOK });
  const lookup = createCachedWebhookLookup({ sites: fake.sites, ttlMs: 5000, clock });

  fake.failNext();
  const [x, y] = await Promise.allSettled([lookup.webhookOf('a'), lookup.webhookOf('a')]);
  assert.equal(x.status, 'rejected');
  assert.equal(y.status, 'rejected');
  assert.deepEqual(fake.calls, ['a']);
  assert.deepEqual(await lookup.webhookOf('a'), HOOK, 'the next call asks again at once');
  assert.deepEqual(fake.calls, ['a', 'a']);
});
