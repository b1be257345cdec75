import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, afterEach, beforeEach, describe, test } from 'node:test';
import request from 'supertest';
import { type Model, scoreComment, trainModel } from '../../src/classifier/index.js';
import { runModelCommand } from '../../src/cli/model.command.js';
import { createLogger } from '../../src/logger.js';
import { findNewestModel } from '../../src/model/model-file.js';
import { createModelRegistry, type ModelRegistry } from '../../src/model/model-registry.js';
import { type RetrainOptions, runRetrain } from '../../src/retrain/retrain.js';
import { readLabelExamples } from '../../src/retrain/training-data.js';
import { startAutoRetrain } from '../../src/retrain/auto-retrain.js';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { labelFields, readLabels } from '../../src/moderation/labels.js';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../helpers/redis.js';
import { Redis } from 'ioredis';
import type { RunningWorker } from '../../src/server.js';
import { SPECIFIC_THANKS, makeComment } from '../factories.js';
import { SITE_A, createHarness, type Harness } from '../helpers/harness.js';
import { campaignComment } from './retrain-campaign.fixture.js';
import { until } from '../helpers/until.js';

/** Worker swaps and background retrains get longer than the helper's default 10 s. */
const RETRAIN_WAIT_MS = 15_000;

/**
 * The retraining loop end to end on real Redis with a running worker: moderators reject a new
 * campaign through the API, retrain promotes a model, the same worker swaps it in and calls the
 * campaign spam; the gate refuses a model trained on flipped labels; rollback restores verdicts.
 * Every test works on a temporary copy of the shipped model and seed corpus, never on models/.
 */
/** The shipped models folder (CHAFF_TEST_SHIPPED_MODELS overrides it while a new shipped model is being trained). */
const SHIPPED_DIR = process.env.CHAFF_TEST_SHIPPED_MODELS ?? 'models';
const MODERATOR = { id: 'ann', token: 'mod-token-ann-0123456789' };
const asSite = { Authorization: `Bearer ${SITE_A.key}` };
const asModerator = { Authorization: `Bearer ${MODERATOR.token}` };
const logger = createLogger({ level: 'silent' });
const tempDirs: string[] = [];

after(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** A temporary models folder holding the shipped model (the newest valid one) and the seed corpus. */
async function copyOfModels(): Promise<{ dir: string; shipped: Model }> {
  const shipped = await findNewestModel(SHIPPED_DIR);
  const dir = mkdtempSync(path.join(tmpdir(), 'chaff-retrain-'));
  tempDirs.push(dir);
  copyFileSync(path.join(SHIPPED_DIR, `${shipped.version}.json`), path.join(dir, `${shipped.version}.json`));
  copyFileSync(path.join(SHIPPED_DIR, 'seed-corpus.jsonl'), path.join(dir, 'seed-corpus.jsonl'));
  return { dir, shipped };
}

/** Posts a comment and waits for the worker's verdict. */
async function postAndScore(h: Harness, comment: ReturnType<typeof makeComment>) {
  const res = await request(h.api.app).post('/v1/comments?wait=10000').set(asSite).send(comment);
  assert.equal(res.status, 200, `scored within the wait: ${JSON.stringify(res.body)}`);
  return res.body as { id: string; verdict: string; modelVersion: string; spamProbability: number };
}

describe('retrain', () => {
  let h: Harness;
  let dir: string;
  let shipped: Model;
  let registry: ModelRegistry;
  let worker: RunningWorker;

  beforeEach(async () => {
    ({ dir, shipped } = await copyOfModels());
    h = await createHarness({ env: { CHAFF_MODELS_DIR: dir, CHAFF_MODERATOR_TOKENS: `${MODERATOR.id}:${MODERATOR.token}`, CHAFF_MODEL_CHECK_MS: '200' } });
    registry = createModelRegistry({ redis: h.redis, keyPrefix: h.config.keyPrefix, clock: Date, keep: h.config.keepModelVersions });
    worker = (await h.startWorker()) as RunningWorker;
  });
  afterEach(async () => h.close());

  const retrain = (options: Partial<RetrainOptions> = {}, train?: typeof trainModel) =>
    runRetrain({ modelsDir: dir, ...options }, { redis: h.redis, labelsKey: h.api.store.keys.labels, registry, logger, clock: Date, ...(train ? { train } : {}) });

  async function rejectCampaign(n: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      const scored = await postAndScore(h, makeComment(campaignComment(i)));
      await request(h.api.app).post(`/v1/moderation/comments/${scored.id}/decision`).set(asModerator).send({ decision: 'reject' }).expect(200);
    }
  }

  test('20 rejected comments of a new campaign: retrain promotes, the running worker swaps, the campaign is spam and ham stays ham; rollback restores the old verdicts', { timeout: 120_000 }, async () => {
    // Precondition: the shipped model does not know this campaign.
    const fresh = makeComment(campaignComment(1000));
    const later = makeComment(campaignComment(1001));
    for (const c of [fresh, later, ...Array.from({ length: 20 }, (_, i) => campaignComment(i))]) {
      assert.notEqual(scoreComment(shipped, c).verdict, 'spam', `the shipped model already calls this campaign spam: ${c.content}`);
    }
    assert.equal(worker.modelVersion(), shipped.version);

    await rejectCampaign(20);
    const result = await retrain();
    assert.equal(result.decision, 'promoted', result.reasons.join('; '));
    assert.equal(result.data.labels.spam, 20);
    assert.equal(result.currentSource, 'files');
    assert.ok(readdirSync(dir).includes(`${result.candidate.version}.json`), 'models/<version>.json written');

    // The same worker, not restarted, picks the new model up and scores with it.
    await until('the worker to swap models', () => worker.modelVersion(), (v) => v === result.candidate.version, RETRAIN_WAIT_MS);
    const spam = await postAndScore(h, fresh);
    assert.equal(spam.verdict, 'spam');
    assert.equal(spam.modelVersion, result.candidate.version);
    const ham = await postAndScore(h, makeComment({ content: SPECIFIC_THANKS }));
    assert.equal(ham.verdict, 'ham');

    const shown = await request(h.api.app).get('/v1/model').set(asModerator).expect(200);
    assert.equal(shown.body.version, result.candidate.version);
    assert.equal(shown.body.source, 'redis');
    assert.equal(shown.body.trainedOn.provenance.labels.spam, 20);
    assert.equal(typeof shown.body.metrics.validation.atHalf.f1, 'number');
    await request(h.api.app).get('/v1/model').expect(401);

    // Rollback to the shipped model: the worker swaps back and the campaign is not spam again.
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l), cwd: process.cwd() };
    assert.equal(await runModelCommand(['list'], h.config, io), 0);
    assert.ok(out.some((l) => l.startsWith(`* ${result.candidate.version}`)), out.join('\n'));
    assert.ok(out.some((l) => l.includes(shipped.version)), 'the shipped model is kept for rollback');
    assert.equal(await runModelCommand(['rollback', shipped.version], h.config, io), 0, out.join('\n'));
    await until('the worker to roll back', () => worker.modelVersion(), (v) => v === shipped.version, RETRAIN_WAIT_MS);
    const again = await postAndScore(h, later);
    assert.equal(again.modelVersion, shipped.version);
    assert.equal(again.verdict, scoreComment(shipped, later).verdict);
    assert.notEqual(again.verdict, 'spam');
  });

  test('the gate refuses a candidate trained on flipped labels and keeps the current model', { timeout: 120_000 }, async () => {
    await rejectCampaign(20);
    const flipped: typeof trainModel = (examples, options) =>
      trainModel((function* () {
        for (const e of examples) yield { ...e, label: e.label === 'spam' ? ('ham' as const) : ('spam' as const) };
      })(), options);
    const result = await retrain({}, flipped);
    assert.equal(result.decision, 'kept');
    assert.match(result.reasons.join('; '), /spam F1 .* more than 0\.5 points lower/);
    assert.equal(await registry.activeVersion(), null, 'nothing published');
    assert.deepEqual(readdirSync(dir).sort(), [`${shipped.version}.json`, 'seed-corpus.jsonl'].sort(), 'no model file written');
    const scored = await postAndScore(h, makeComment({ content: SPECIFIC_THANKS }));
    assert.equal(scored.modelVersion, shipped.version);

    // --force promotes it anyway; --dry-run never does.
    const dry = await retrain({ dryRun: true, force: true }, flipped);
    assert.equal(dry.decision, 'dry-run');
    assert.equal(await registry.activeVersion(), null);
    const forced = await retrain({ force: true }, flipped);
    assert.equal(forced.decision, 'forced');
    assert.equal(await registry.activeVersion(), forced.candidate.version);
  });

  test('labels: the last decision per comment wins, and a label overrides the seed corpus for the same normalised text', async () => {
    const first = await postAndScore(h, makeComment(campaignComment(0)));
    await request(h.api.app).post(`/v1/moderation/comments/${first.id}/decision`).set(asModerator).send({ decision: 'reject' }).expect(200);
    await request(h.api.app).post(`/v1/moderation/comments/${first.id}/decision`).set(asModerator).send({ decision: 'approve' }).expect(200);
    const { examples, counts } = await readLabelExamples(h.redis, h.api.store.keys.labels);
    assert.equal(counts.entries, 2);
    assert.deepEqual(examples.map((e) => e.label), ['ham']);

    // A seed spam comment, re-posted in other case and spacing and approved, becomes ham.
    const seedSpam = (await import('../../src/model/corpus.js')).readCorpusFile(path.join(dir, 'seed-corpus.jsonl'));
    const spamText = (await seedSpam).find((e) => e.label === 'spam')!.content;
    const repost = await postAndScore(h, makeComment({ content: `  ${spamText.toUpperCase()}  ` }));
    await request(h.api.app).post(`/v1/moderation/comments/${repost.id}/decision`).set(asModerator).send({ decision: 'approve' }).expect(200);
    const result = await retrain({ dryRun: true });
    assert.ok(result.data.conflicts >= 1, `a conflict was resolved (${result.data.conflicts})`);
    assert.equal(result.data.labels.ham, 2);
  });

  test('Akismet is_test: a moderator may decide the comment, but the label never trains', async () => {
    const checked = await request(h.api.app)
      .post('/1.1/comment-check')
      .type('form')
      .send({ api_key: SITE_A.key, blog: 'https://blog.example.org', user_ip: '203.0.113.9', comment_content: campaignComment(2000).content, is_test: '1' })
      .expect(200);
    const testId = checked.headers['x-akismet-guid'];
    assert.match(testId, /^c_[0-9a-f]{24}$/);
    await request(h.api.app).post(`/v1/moderation/comments/${testId}/decision`).set(asModerator).send({ decision: 'reject' }).expect(200);
    const real = await postAndScore(h, makeComment(campaignComment(2001)));
    await request(h.api.app).post(`/v1/moderation/comments/${real.id}/decision`).set(asModerator).send({ decision: 'reject' }).expect(200);

    // Both decisions are in the stream (history, webhooks); only the real one is a training example.
    const stream = await readLabels(h.redis, h.api.store.keys.labels);
    assert.deepEqual(stream.map((l) => [l.commentId, l.test ?? false]), [[testId, true], [real.id, false]]);
    const { examples, counts } = await readLabelExamples(h.redis, h.api.store.keys.labels);
    assert.deepEqual(examples.map((e) => e.content), [campaignComment(2001).content]);
    assert.equal(counts.test, 1);
    assert.equal(counts.spam, 1);
  });
});

describe('retrain outside the worker', () => {
  test('npm run retrain: plain progress lines off a terminal, the summary table; --dry-run publishes nothing, --force publishes', { timeout: 120_000 }, async () => {
    const { dir } = await copyOfModels();
    const prefix = uniquePrefix('retrain-cli');
    const env = { ...process.env, REDIS_URL: testRedisUrl(), CHAFF_KEY_PREFIX: prefix, CHAFF_MODELS_DIR: dir };
    const redis = new Redis(testRedisUrl());
    try {
      const run = (args: string[]) =>
        promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/retrain.ts', ...args], { env, timeout: 100_000 }).then(
          (r) => ({ code: 0, ...r }),
          (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
        );
      const dry = await run(['--dry-run']);
      assert.equal(dry.code, 0, dry.stderr);
      assert.match(dry.stderr, /^retrain: read labels\.\.\.$/m);
      assert.match(dry.stderr, /^retrain: train candidate done in [\d.]+ s$/m);
      assert.doesNotMatch(dry.stderr, /\r/);
      assert.match(dry.stdout, /spam F1 at p=0\.5/);
      assert.match(dry.stdout, /decision: DRY RUN/);
      assert.equal(await redis.get(`${prefix}model:active`), null);
      const forced = await run(['--force']);
      assert.equal(forced.code, 0, forced.stderr);
      assert.match(forced.stdout, /decision: PROMOTED/);
      const active = await redis.get(`${prefix}model:active`);
      assert.ok(active && readdirSync(dir).includes(`${active}.json`), 'written and published');
    } finally {
      await deletePrefix(redis, prefix);
      await redis.quit();
    }
  });

  test('CHAFF_RETRAIN_EVERY: a background retrain starts after n new labels, once, and again after n more', async () => {
    const prefix = uniquePrefix('auto-retrain');
    const redis = new Redis(testRedisUrl());
    const runs: number[] = [];
    const auto = startAutoRetrain({
      redis,
      keyPrefix: prefix,
      everyLabels: 3,
      checkIntervalMs: 20,
      logger,
      run: async () => {
        runs.push(Date.now());
        return 0;
      },
    });
    const add = async (n: number) => {
      for (let i = 0; i < n; i++) {
        await redis.xadd(`${prefix}labels`, '*', ...labelFields({ commentId: `c${Math.random()}`, siteId: 's', label: 'spam', actor: 'x', source: 'moderator', note: null, at: '2026-11-28T00:00:00Z', modelVerdict: null, spamProbability: null, modelVersion: null, comment: { content: 'x' } }));
      }
    };
    try {
      await add(2);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(runs.length, 0, 'two labels are not enough');
      await add(1);
      await until('the first background retrain', () => runs.length, (n) => n === 1, RETRAIN_WAIT_MS);
      await add(2);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(runs.length, 1, 'the cursor moved: two more are not enough');
      await add(1);
      await until('the second background retrain', () => runs.length, (n) => n === 2, RETRAIN_WAIT_MS);
    } finally {
      await auto.stop();
      await deletePrefix(redis, prefix);
      await redis.quit();
    }
  });
});
