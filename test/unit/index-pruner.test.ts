import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PRUNE_INTERVAL_MS, pruneIntervalMs } from '../../src/moderation/index-pruner.js';

test('the indexes are pruned every quarter of the retention window, at most hourly', () => {
  assert.equal(pruneIntervalMs(60_000), 15_000);
  assert.equal(pruneIntervalMs(2 * 60_000), 30_000);
  assert.equal(pruneIntervalMs(4 * 3_600_000), PRUNE_INTERVAL_MS);
  assert.equal(pruneIntervalMs(30 * 86_400_000), PRUNE_INTERVAL_MS);
});
