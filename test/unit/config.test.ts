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
  assert.equal(config.commentRetentionMs, 30 * 86_400_000);
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

test('comment retention is a duration in days, hours, minutes or seconds; a plain number is days', () => {
  const retention = (value: string) => loadConfig({ CHAFF_COMMENT_RETENTION: value }).commentRetentionMs;
  assert.equal(retention('30d'), 30 * 86_400_000);
  assert.equal(retention('12h'), 12 * 3_600_000);
  assert.equal(retention('15m'), 15 * 60_000);
  assert.equal(retention('90s'), 90_000);
  assert.equal(retention('7'), 7 * 86_400_000);
  assert.equal(retention('60s'), 60_000, 'the minimum');
  assert.equal(retention('3650d'), 3650 * 86_400_000, 'the maximum');
});

test('a bad comment retention stops start-up naming the variable', () => {
  for (const value of ['59s', '0', '3651d', '1.5h', '2M', '30 days', '', '-5m']) {
    assert.throws(
      () => loadConfig({ CHAFF_COMMENT_RETENTION: value }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /CHAFF_COMMENT_RETENTION: expected a duration from 60s to 3650d/);
        return true;
      },
      `value ${JSON.stringify(value)}`,
    );
  }
});

test('the retired CHAFF_COMMENT_RETENTION_DAYS stops start-up and names its replacement', () => {
  assert.throws(
    () => loadConfig({ CHAFF_COMMENT_RETENTION_DAYS: '7' }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /CHAFF_COMMENT_RETENTION_DAYS: replaced by CHAFF_COMMENT_RETENTION/);
      return true;
    },
  );
});
