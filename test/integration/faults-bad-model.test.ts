import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { spawnChaff } from '../helpers/processes.js';
import { testRedisUrl, uniquePrefix } from '../helpers/redis.js';

/**
 * A worker with no valid model does not start: it exits non-zero and says why, naming each
 * rejected file. (Refusing a bad model published while running belongs to live model swaps.)
 */
const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function modelsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'chaff-bad-model-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function runWorker(dir: string) {
  const p = spawnChaff('worker', { REDIS_URL: testRedisUrl(), CHAFF_KEY_PREFIX: uniquePrefix('badmodel'), CHAFF_MODELS_DIR: dir });
  const timer = setTimeout(() => p.kill('SIGKILL'), 30_000);
  const exit = await p.exited;
  clearTimeout(timer);
  return { exit, stderr: p.stderr(), logs: p.logs };
}

test('a corrupt and a wrong-schema model file: the worker refuses both and does not start', { timeout: 60_000 }, async () => {
  const dir = modelsDir({
    'corrupt.json': '{"schemaVersion": 1, "version": "x", "counts": [1, 2',
    'wrong-schema.json': JSON.stringify({ schemaVersion: 99, version: 'future', trainedAt: '2026-01-01T00:00:00Z' }),
  });
  const { exit, stderr, logs } = await runWorker(dir);
  assert.equal(exit.code, 1, 'exits with code 1');
  assert.match(stderr, /could not start: No valid model/);
  assert.match(stderr, /corrupt\.json/);
  assert.match(stderr, /wrong-schema\.json/);
  assert.equal(logs.some((l) => l.msg === 'worker started'), false, 'it never took jobs');
});

test('no model at all: the worker does not start and says how to get one', { timeout: 60_000 }, async () => {
  const { exit, stderr } = await runWorker(modelsDir({}));
  assert.equal(exit.code, 1);
  assert.match(stderr, /No valid model .* Train one/);
});
