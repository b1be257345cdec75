import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashSecret, loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';

test('defaults apply when the environment is empty', () => {
  const config = loadConfig({});
  assert.equal(config.port, 8080);
  assert.equal(config.redisUrl, 'redis://127.0.0.1:6379');
  assert.equal(config.redisUrlIsDefault, true);
  assert.equal(config.keyPrefix, 'chaff:');
  assert.equal(config.commentRetentionDays, 30);
  assert.deepEqual(config.siteKeys, []);
  assert.ok(Object.isFrozen(config));
});

test('site keys are parsed and kept only as hashes', () => {
  const config = loadConfig({ CHAFF_SITE_KEYS: 'blog:0123456789abcdef0123, shop:fedcba9876543210fedc' });
  assert.deepEqual(config.siteKeys, [
    { siteId: 'blog', keyHash: hashSecret('0123456789abcdef0123') },
    { siteId: 'shop', keyHash: hashSecret('fedcba9876543210fedc') },
  ]);
  assert.ok(!JSON.stringify(config).includes('0123456789abcdef0123'));
});

test('one error names every bad variable', () => {
  assert.throws(
    () => loadConfig({ PORT: 'eighty', CHAFF_WORKER_CONCURRENCY: '0', CHAFF_SITE_KEYS: 'nokey', REDIS_URL: 'http://x' }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      for (const name of ['PORT', 'CHAFF_WORKER_CONCURRENCY', 'CHAFF_SITE_KEYS', 'REDIS_URL']) {
        assert.match(error.message, new RegExp(name));
      }
      assert.ok(!error.message.includes('nokey'), 'secrets are not echoed');
      return true;
    },
  );
});
