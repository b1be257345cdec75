import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, afterEach, beforeEach, describe, test } from 'node:test';
import request from 'supertest';
import { type Model, serializeModel, trainModel } from '../../src/classifier/index.js';
import { readCorpusFile } from '../../src/model/corpus.js';
import { Redis } from 'ioredis';
import { createLogger } from '../../src/logger.js';
import { findNewestModel } from '../../src/model/model-file.js';
import { createLiveModelHolder } from '../../src/scoring/live-model-holder.js';
import { createModelRegistry, type ModelRegistry } from '../../src/model/model-registry.js';
import type { RunningWorker } from '../../src/server.js';
import { SPECIFIC_THANKS, makeComment } from '../factories.js';
import { SITE_A, createHarness, type Harness } from '../helpers/harness.js';
import { until } from '../helpers/until.js';

/**
 * Live model swaps in a running worker: a model published in Redis is loaded without a restart;
 * a corrupt or wrong-schema model is refused and the worker keeps scoring with the old one.
 */
const SHIPPED_DIR = process.env.CHAFF_TEST_SHIPPED_MODELS ?? 'models';
const asSite = { Authorization: `Bearer ${SITE_A.key}` };
const tempDirs: string[] = [];
after(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

async function scoredVersion(h: Harness): Promise<string> {
  const res = await request(h.api.app).post('/v1/comments?wait=10000').set(asSite).send(makeComment({ content: SPECIFIC_THANKS }));
  assert.equal(res.status, 200);
  return res.body.modelVersion as string;
}

describe('live model swap', () => {
  let h: Harness;
  let shipped: Model;
  let other: Model;
  let registry: ModelRegistry;
  let worker: RunningWorker;

  beforeEach(async () => {
    shipped = await findNewestModel(SHIPPED_DIR);
    const dir = mkdtempSync(path.join(tmpdir(), 'chaff-swap-'));
    tempDirs.push(dir);
    copyFileSync(path.join(SHIPPED_DIR, `${shipped.version}.json`), path.join(dir, `${shipped.version}.json`));
    // A second valid model: trained on part of the seed corpus.
    const seed = (await readCorpusFile(path.join(SHIPPED_DIR, 'seed-corpus.jsonl'))).filter((_, i) => i % 4 === 0);
    other = trainModel(seed, { corpora: [{ name: 'a quarter of the seed corpus', spam: 0, ham: 0 }], seed: 1, now: () => new Date('2030-01-01T00:00:00Z'), cutoffs: { ham: 0.2, spam: 0.8 } });
    // A long check interval: swaps in these tests come from pub/sub, not polling.
    h = await createHarness({ env: { CHAFF_MODELS_DIR: dir, CHAFF_MODEL_CHECK_MS: '600000' } });
    registry = createModelRegistry({ redis: h.redis, keyPrefix: h.config.keyPrefix, clock: Date, keep: 3 });
    worker = (await h.startWorker()) as RunningWorker;
  });
  afterEach(async () => h.close());

  test('with nothing in Redis the worker uses the newest model file; a published model is swapped in without a restart', async () => {
    assert.equal(worker.modelVersion(), shipped.version);
    assert.equal(await scoredVersion(h), shipped.version);
    await registry.publish(other, { reason: 'manual' });
    await until('the swap', () => worker.modelVersion(), (v) => v === other.version);
    assert.equal(await scoredVersion(h), other.version);
  });

  for (const [name, json] of [
    ['corrupt JSON', '{"schemaVersion": 1, "version": "2030'],
    ['a wrong schema version', () => JSON.stringify({ ...JSON.parse(serializeModel(other)), schemaVersion: 99 })],
    ['a version that does not match the model', () => serializeModel(shipped)],
  ] as const) {
    test(`a published model with ${name} is refused and the worker keeps scoring with the previous one`, async () => {
      await registry.publish(other, { reason: 'manual' });
      await until('the first swap', () => worker.modelVersion(), (v) => v === other.version);
      const bad = typeof json === 'function' ? json() : json;
      const badVersion = '20300101-000000-badbad';
      const { keys } = registry;
      await h.redis.multi().hset(keys.json, badVersion, bad).set(keys.active, badVersion).exec();
      await h.redis.publish(keys.channel, badVersion);
      // Give the worker a moment to see the announcement (had it taken the model, scoring would show
      // it; the holder test below checks the refusal itself without waiting).
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(worker.modelVersion(), other.version);
      assert.equal(await scoredVersion(h), other.version);
      // A valid model published afterwards is still taken.
      await registry.publish(shipped, { reason: 'manual' });
      await until('the swap after the refusal', () => worker.modelVersion(), (v) => v === shipped.version);
      assert.equal(await scoredVersion(h), shipped.version);
    });
  }

  test('the holder refuses an invalid model with a logged error and keeps the old one', async () => {
    const lines: Array<{ level: number; msg: string; modelVersion?: string }> = [];
    const logger = createLogger({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const subscriber = new Redis(h.config.redisUrl);
    const holder = createLiveModelHolder({ registry, subscriber, fallback: shipped, logger, clock: Date, checkIntervalMs: 600_000 });
    try {
      await holder.start(5000);
      assert.equal(holder.current().version, shipped.version, 'nothing in Redis: the fallback');
      const { keys } = registry;
      await h.redis.multi().hset(keys.json, '20300101-000000-badbad', '{"schemaVersion": 1, "vers').set(keys.active, '20300101-000000-badbad').exec();
      await holder.refresh();
      assert.equal(holder.current().version, shipped.version);
      const refusal = lines.find((l) => l.msg === 'refused an invalid published model; keeping the current model');
      assert.ok(refusal, JSON.stringify(lines));
      assert.equal(refusal.level, 50);
      assert.equal(refusal.modelVersion, '20300101-000000-badbad');
      await registry.publish(other, { reason: 'manual' });
      await holder.refresh();
      assert.equal(holder.current().version, other.version);
    } finally {
      await holder.close();
      subscriber.disconnect();
    }
  });

  test('only the last N versions are kept, never dropping the active one', async () => {
    const models = [0, 1, 2, 3].map((i) => ({ ...other, version: `2030010${i}-000000-00000${i}`, trainedAt: `2030-01-0${i + 1}T00:00:00.000Z` }));
    for (const m of models) await registry.publish(m, { reason: 'manual' });
    const { active, versions } = await registry.list();
    assert.equal(active, models[3]!.version);
    assert.deepEqual(versions.map((v) => v.version), models.slice(1).map((m) => m.version));
    assert.equal(await registry.readJson(models[0]!.version), null);
  });
});
