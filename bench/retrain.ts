/**
 * `npm run bench:retrain [-- --labels N] [--skip-weights] [--skip-scale]`: two measurements of
 * `npm run retrain`, on a private redis-server (never a real one) and a temporary models folder.
 *
 * 1. Label weight: 20 moderator rejections of a campaign the shipped model calls ham
 *    (test/integration/retrain-campaign.fixture.ts, half 'a'); for each weight, the share of 200
 *    fresh comments of the same campaign written with other phrases (half 'b') that the candidate
 *    calls spam, ordinary ham from the seed validation split, and the gate's verdict.
 * 2. Scale: N (default 1,000,000) labels in the Redis stream, synthesised from the seed corpus with
 *    two random filler words each; `scripts/retrain.ts --force` runs as a child process, timed, its
 *    peak RSS (VmHWM) sampled. Bars: < 120 s and < 1.5 GB.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { type LabelledComment, createRandom, scoreComment } from '../src/classifier/index.js';
import { createLogger } from '../src/logger.js';
import { readCorpusFile } from '../src/model/corpus.js';
import { findNewestModel } from '../src/model/model-file.js';
import { createModelRegistry } from '../src/model/model-registry.js';
import { type LabelEntry, labelFields } from '../src/moderation/labels.js';
import { runRetrain } from '../src/retrain/retrain.js';
import { startPrivateRedis } from '../test/helpers/redis-server.js';
import { campaignComment } from '../test/integration/retrain-campaign.fixture.js';
import { ROOT, peakRssMb } from './bench-lib.js';

const { values: opts } = parseArgs({
  options: {
    labels: { type: 'string', default: '1000000' },
    'skip-weights': { type: 'boolean', default: false },
    'skip-scale': { type: 'boolean', default: false },
    models: { type: 'string', default: path.join(ROOT, 'models') },
  },
});

function table(header: string[], rows: Array<Array<string | number>>): void {
  const all = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, c) => Math.max(...all.map((r) => r[c]!.length)));
  for (const r of all) console.log(`  ${r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ')}`);
  console.log();
}

function label(i: number, e: LabelledComment, siteId = 'bench'): LabelEntry {
  return {
    commentId: `c${i.toString(36)}`,
    siteId,
    label: e.label,
    actor: 'bench-moderator',
    source: 'moderator',
    note: null,
    at: '2026-11-28T00:00:00.000Z',
    modelVerdict: null,
    spamProbability: null,
    modelVersion: null,
    comment: { content: e.content, ...(e.author ? { author: e.author } : {}), ...(e.context ? { context: e.context } : {}) },
  };
}

const redisServer = await startPrivateRedis();
const redis = new Redis(redisServer.url);
const shipped = await findNewestModel(opts.models);
const seedFile = path.join(opts.models, 'seed-corpus.jsonl');
const tempDirs: string[] = [];
function modelsCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'chaff-bench-retrain-'));
  tempDirs.push(dir);
  copyFileSync(path.join(opts.models, `${shipped.version}.json`), path.join(dir, `${shipped.version}.json`));
  copyFileSync(seedFile, path.join(dir, 'seed-corpus.jsonl'));
  return dir;
}
const results: Record<string, unknown> = { shipped: shipped.version };

try {
  // 1. Label weight -------------------------------------------------------------------------------
  if (!opts['skip-weights']) {
    const prefix = 'bench-weights:';
    const labelsKey = `${prefix}labels`;
    const campaign = Array.from({ length: 20 }, (_, i) => ({ ...campaignComment(i, 'a'), label: 'spam' as const }));
    const fresh = Array.from({ length: 200 }, (_, i) => campaignComment(i, 'b'));
    const shippedSpam = fresh.filter((c) => scoreComment(shipped, c).verdict === 'spam').length + campaign.filter((c) => scoreComment(shipped, c).verdict === 'spam').length;
    for (let i = 0; i < campaign.length; i++) await redis.xadd(labelsKey, '*', ...labelFields(label(i, campaign[i]!)));
    const seedHam = (await readCorpusFile(seedFile)).filter((e) => e.label === 'ham');
    const rows: Array<Array<string | number>> = [];
    const weights: Record<string, unknown> = {};
    for (const w of [1, 2, 5, 10, 20]) {
      const registry = createModelRegistry({ redis, keyPrefix: prefix, clock: Date });
      const r = await runRetrain({ modelsDir: modelsCopy(), labelWeight: w, dryRun: true }, { redis, labelsKey, registry, logger: createLogger({ level: 'silent' }), clock: Date });
      const verdicts = fresh.map((c) => scoreComment(r.candidate, c));
      const spam = verdicts.filter((v) => v.verdict === 'spam').length;
      const unsure = verdicts.filter((v) => v.verdict === 'unsure').length;
      const minP = Math.min(...verdicts.map((v) => v.spamProbability));
      const hamSpam = seedHam.filter((e) => scoreComment(r.candidate, e).verdict === 'spam').length;
      rows.push([w, `${spam}/200`, unsure, minP.toPrecision(3), `${hamSpam}/${seedHam.length}`, (r.metrics.candidate.atHalf.f1 * 100).toFixed(2), (r.metrics.candidate.atCutoffs.hamCalledSpam * 100).toFixed(2), r.gate.pass ? 'pass' : 'refuse']);
      weights[w] = { freshSpam: spam, freshUnsure: unsure, minP, seedHamCalledSpam: hamSpam, f1: r.metrics.candidate.atHalf.f1, gate: r.gate.pass };
    }
    console.log(`1. Label weight: 20 rejected campaign comments (shipped model calls ${shippedSpam} of these 220 spam); 200 fresh comments in other words`);
    table(['weight', 'fresh spam', 'unsure', 'min p', 'seed ham → spam', 'val F1 %', 'val ham→spam %', 'gate'], rows);
    results.weights = weights;
  }

  // 2. Scale ----------------------------------------------------------------------------------------
  if (!opts['skip-scale']) {
    const total = Number(opts.labels);
    const prefix = 'bench-scale:';
    const labelsKey = `${prefix}labels`;
    const seed = await readCorpusFile(seedFile);
    const random = createRandom(11);
    const fillers = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}`);
    const writeStart = performance.now();
    for (let i = 0; i < total; ) {
      const pipeline = redis.pipeline();
      for (let k = 0; k < 5000 && i < total; k++, i++) {
        const base = seed[Math.floor(random() * seed.length)]!;
        const extra = `${fillers[Math.floor(random() * fillers.length)]} ${fillers[Math.floor(random() * fillers.length)]}`;
        pipeline.xadd(labelsKey, '*', ...labelFields(label(i, { ...base, content: `${base.content} ${extra}` })));
      }
      await pipeline.exec();
    }
    console.log(`2. Scale: wrote ${total.toLocaleString('en')} labels to the stream in ${((performance.now() - writeStart) / 1000).toFixed(1)} s; retraining (child process)...`);
    const dir = modelsCopy();
    const start = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'retrain.ts'), '--force', '--json'], {
      cwd: ROOT,
      env: { ...process.env, REDIS_URL: redisServer.url, CHAFF_KEY_PREFIX: prefix, CHAFF_MODELS_DIR: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    let peak = 0;
    const sampler = setInterval(() => {
      const hwm = peakRssMb(child.pid);
      if (Number.isFinite(hwm)) peak = Math.max(peak, hwm);
    }, 50);
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    clearInterval(sampler);
    const seconds = (performance.now() - start) / 1000;
    if (code !== 0) throw new Error(`retrain exited with ${code}: ${stderr}`);
    const out = JSON.parse(stdout) as { decision: string; data: { labels: { comments: number }; train: { spam: number; ham: number }; duplicates: number }; candidateVersion: string };
    console.log(stderr.split('\n').filter((l) => l.includes('done in')).map((l) => `  ${l}`).join('\n'));
    table(['figure', 'measured', 'bar'], [
      ['labels in the stream', total.toLocaleString('en'), '1,000,000'],
      ['distinct after dedupe (train)', (out.data.train.spam + out.data.train.ham).toLocaleString('en'), ''],
      ['wall time (process start to exit)', `${seconds.toFixed(1)} s`, '< 120 s'],
      ['peak RSS (VmHWM, sampled every 50 ms)', `${peak.toFixed(0)} MB`, '< 1536 MB'],
      ['decision', out.decision, ''],
    ]);
    results.scale = { labels: total, seconds, peakRssMb: peak, train: out.data.train, duplicates: out.data.duplicates, pass: total >= 1_000_000 && seconds < 120 && peak < 1536 };
  }
  console.log(JSON.stringify(results));
} finally {
  redis.disconnect();
  await redisServer.destroy();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
}
