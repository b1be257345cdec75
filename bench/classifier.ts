/**
 * `npm run bench:classifier`: accuracy and speed of Chaff's classifier beside natural.BayesClassifier,
 * against the bars in issue 3. Prints a table per section and, last, one JSON line with every figure.
 *
 * Reads ../shared/corpus/youtube-spam-collection (at run time only; never copied) and
 * models/seed-corpus.jsonl plus the newest model in models/. Sections:
 *   1. YouTube leave-one-video-out (train on four videos, test on the fifth), every combining method
 *      and natural.BayesClassifier, F1 and ham-called-spam at p = 0.5.
 *   2. Seed corpus held-out split (rebuilt from the shipped model's seed) at the model's cutoffs.
 *   3. Scoring throughput on ~200-character comments, ours vs natural trained on the same data.
 *   4. Training 1,000,000 comments synthesised from the corpora: time and peak heap.
 * Options: --quick (smaller speed/training runs), --skip-train.
 */
import { createRequire } from 'node:module';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  type CombiningMethod,
  type LabelledComment,
  type Model,
  createRandom,
  evaluate,
  metricsFromScores,
  scoreComment,
  splitHeldOut,
  trainModel,
} from '../src/classifier/index.js';
import { readCorpusFile } from '../src/model/corpus.js';
import { findNewestModel } from '../src/model/model-file.js';

interface NaturalBayes {
  addDocument(text: string, label: string): void;
  train(): void;
  classify(text: string): string;
}
const require = createRequire(import.meta.url);
// The classifier file alone: natural's index loads dotenv and every other module.
const NaturalBayesClassifier = require('natural/lib/natural/classifiers/bayes_classifier.js') as new () => NaturalBayes;

const { values: opts } = parseArgs({ options: { quick: { type: 'boolean', default: false }, 'skip-train': { type: 'boolean', default: false } } });
const YOUTUBE_DIR = path.resolve('..', 'shared', 'corpus', 'youtube-spam-collection');
const SEED_CORPUS = path.join('models', 'seed-corpus.jsonl');
const NOW = (): Date => new Date('2026-11-27T00:00:00Z');
const FIXED = { ham: 0.5, spam: 0.5 };

const f3 = (x: number): string => x.toFixed(3);
const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;
function table(headers: string[], rows: Array<Array<string | number>>): void {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  for (const [n, r] of cells.entries()) {
    console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
    if (n === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  console.log();
}

function naturalMetrics(train: readonly LabelledComment[], test: readonly LabelledComment[]) {
  const nb = new NaturalBayesClassifier();
  for (const e of train) nb.addDocument(e.content, e.label);
  nb.train();
  return metricsFromScores(test.map((e) => ({ p: nb.classify(e.content) === 'spam' ? 1 : 0, label: e.label })), FIXED);
}

console.log('Chaff classifier benchmark');
console.log(`Reads ${YOUTUBE_DIR} (YouTube Spam Collection, CC BY 4.0) and ${SEED_CORPUS} at run time; nothing is copied.\n`);

// 1. YouTube leave-one-video-out -------------------------------------------------------------
const videoFiles = readdirSync(YOUTUBE_DIR).filter((f) => f.endsWith('.csv')).sort();
const videos = await Promise.all(videoFiles.map(async (f) => ({ name: f.replace(/^Youtube\d+-|\.csv$/g, ''), rows: await readCorpusFile(path.join(YOUTUBE_DIR, f)) })));
const methods: CombiningMethod[] = ['multinomial', 'fisher', 'bernoulli'];
const lovo: Record<string, { f1: number[]; hamCalledSpam: number[] }> = {};
for (const name of [...methods, 'natural']) lovo[name] = { f1: [], hamCalledSpam: [] };
for (const [k, video] of videos.entries()) {
  const train = videos.filter((_, i) => i !== k).flatMap((v) => v.rows);
  for (const method of methods) {
    const m = evaluate(trainModel(train, { corpora: [], seed: 1, now: NOW, method, cutoffs: FIXED }), video.rows);
    lovo[method]!.f1.push(m.atHalf.f1);
    lovo[method]!.hamCalledSpam.push(m.atHalf.hamCalledSpam);
  }
  const n = naturalMetrics(train, video.rows);
  lovo.natural!.f1.push(n.atHalf.f1);
  lovo.natural!.hamCalledSpam.push(n.atHalf.hamCalledSpam);
}
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log('1. YouTube, leave one video out (train on 4, test on the 5th), F1 / ham called spam at p = 0.5');
table(
  ['classifier', ...videos.map((v) => v.name), 'mean F1', 'max ham→spam'],
  Object.entries(lovo).map(([name, r]) => [name === 'natural' ? 'natural.BayesClassifier' : `chaff ${name}`, ...r.f1.map((f, i) => `${f3(f)} / ${pct(r.hamCalledSpam[i]!)}`), f3(mean(r.f1)), pct(Math.max(...r.hamCalledSpam))]),
);
const shakiraAt = videos.findIndex((v) => v.name === 'Shakira');
console.log(`Train-4-test-Shakira: chaff ${f3(lovo.multinomial!.f1[shakiraAt]!)} (ham→spam ${pct(lovo.multinomial!.hamCalledSpam[shakiraAt]!)}), natural.BayesClassifier ${f3(lovo.natural!.f1[shakiraAt]!)} (ham→spam ${pct(lovo.natural!.hamCalledSpam[shakiraAt]!)})\n`);

// 2. Seed corpus held-out at the shipped model's cutoffs -------------------------------------
const shipped: Model = await findNewestModel('models');
let seedHeldOut: ReturnType<typeof evaluate> | null = null;
let seedTrain: LabelledComment[] = [];
if (existsSync(SEED_CORPUS)) {
  const seedRows = await readCorpusFile(SEED_CORPUS);
  const split = splitHeldOut(seedRows, shipped.seed);
  seedTrain = split.train;
  seedHeldOut = evaluate(shipped, split.heldOut);
  console.log(`2. Seed corpus held-out split (seed ${shipped.seed}, ${split.heldOut.length} comments) at model ${shipped.version}'s cutoffs (ham < ${shipped.cutoffs.ham.toPrecision(3)}, spam > ${shipped.cutoffs.spam.toPrecision(3)})`);
  const h = seedHeldOut.atCutoffs;
  table(['figure', 'measured', 'bar'], [
    ['ham called spam', pct(h.hamCalledSpam), '≤ 0.5%'],
    ['spam called ham', pct(h.spamCalledHam), '≤ 2%'],
    ['unsure', pct(h.unsure), '≤ 10%'],
    ['F1 at p = 0.5', f3(seedHeldOut.atHalf.f1), ''],
  ]);
} else {
  console.log(`2. ${SEED_CORPUS} not found: seed held-out figures skipped.\n`);
}

// 3. Scoring throughput -------------------------------------------------------------------------
const youtubeAll = videos.flatMap((v) => v.rows);
const trainAll = [...seedTrain, ...youtubeAll];
const pool = trainAll.filter((e) => e.content.length >= 120 && e.content.length <= 320);
const avgChars = Math.round(mean(pool.map((e) => e.content.length)));
const natural = new NaturalBayesClassifier();
for (const e of trainAll) natural.addDocument(e.content, e.label);
natural.train();
function throughput(fn: (e: LabelledComment) => unknown, minMs: number): number {
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 200; i++) fn(pool[(n + i) % pool.length]!);
    n += 200;
    elapsed = performance.now() - start;
  }
  return (n / elapsed) * 1000;
}
throughput((e) => scoreComment(shipped, e), 300); // warm up caches and JIT
const oursPerSec = throughput((e) => scoreComment(shipped, e), opts.quick ? 1000 : 3000);
const naturalPerSec = throughput((e) => natural.classify(e.content), opts.quick ? 1000 : 3000);
console.log(`3. Scoring throughput, one core, ${pool.length} comments of ${avgChars} characters on average, both trained on the same ${trainAll.length} comments`);
table(['classifier', 'comments/s', 'bar'], [
  ['chaff (shipped model, with clues)', Math.round(oursPerSec), '≥ 100,000 and ≥ 50× natural'],
  ['natural.BayesClassifier', Math.round(naturalPerSec), ''],
  ['ratio', `${(oursPerSec / naturalPerSec).toFixed(1)}×`, ''],
]);

// 4. Training on 1,000,000 synthesised comments ------------------------------------------------
let training: { comments: number; seconds: number; peakHeapMb: number; vocabulary: number } | null = null;
if (!opts['skip-train']) {
  const total = opts.quick ? 100_000 : 1_000_000;
  const random = createRandom(7);
  const fillers = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}`);
  // Each synthetic comment is a corpus comment with a few random filler words spliced in, so the
  // vocabulary keeps growing as it would with real new comments.
  function* synthesise(): Generator<LabelledComment> {
    for (let i = 0; i < total; i++) {
      const base = trainAll[Math.floor(random() * trainAll.length)]!;
      const extra = `${fillers[Math.floor(random() * fillers.length)]} ${fillers[Math.floor(random() * fillers.length)]}`;
      yield { ...base, content: `${base.content} ${extra}` };
    }
  }
  let peak = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 50);
  const sampled = (function* (): Generator<LabelledComment> {
    let n = 0;
    for (const e of synthesise()) {
      if (++n % 20_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
      yield e;
    }
  })();
  const start = performance.now();
  const model = trainModel(sampled, { corpora: [{ name: 'synthetic', spam: 0, ham: 0 }], seed: 1, now: NOW, cutoffs: shipped.cutoffs });
  const seconds = (performance.now() - start) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  training = { comments: total, seconds, peakHeapMb: peak / 2 ** 20, vocabulary: model.counts.size };
  console.log(`4. Training on ${total.toLocaleString('en')} synthesised comments (corpus comments + filler words)`);
  table(['figure', 'measured', 'bar'], [
    ['seconds', seconds.toFixed(1), '< 60 s'],
    ['peak heap', `${training.peakHeapMb.toFixed(0)} MB`, '< 1024 MB'],
    ['vocabulary', training.vocabulary, ''],
  ]);
}

// Bars and the final JSON line ----------------------------------------------------------------
const ours = lovo.multinomial!;
const bars = {
  youtubeLovoMeanF1: mean(ours.f1) >= 0.95,
  youtubeLovoHamCalledSpam: Math.max(...ours.hamCalledSpam) <= 0.02,
  seedHamCalledSpam: seedHeldOut ? seedHeldOut.atCutoffs.hamCalledSpam <= 0.005 : null,
  seedSpamCalledHam: seedHeldOut ? seedHeldOut.atCutoffs.spamCalledHam <= 0.02 : null,
  seedUnsure: seedHeldOut ? seedHeldOut.atCutoffs.unsure <= 0.1 : null,
  speed50xNatural: oursPerSec >= 50 * naturalPerSec,
  speed100k: oursPerSec >= 100_000,
  train1MUnder60s: training ? training.comments >= 1_000_000 && training.seconds < 60 : null,
  train1MUnder1GB: training ? training.comments >= 1_000_000 && training.peakHeapMb < 1024 : null,
};
console.log('Bars:', Object.entries(bars).map(([k, v]) => `${k} ${v === null ? 'n/a' : v ? 'PASS' : 'FAIL'}`).join(', '));
console.log(JSON.stringify({
  model: shipped.version,
  youtubeLeaveOneVideoOut: Object.fromEntries(Object.entries(lovo).map(([k, r]) => [k, { meanF1: mean(r.f1), f1: r.f1, hamCalledSpam: r.hamCalledSpam, maxHamCalledSpam: Math.max(...r.hamCalledSpam) }])),
  trainFourTestShakira: { chaff: { f1: ours.f1[shakiraAt], hamCalledSpam: ours.hamCalledSpam[shakiraAt] }, natural: { f1: lovo.natural!.f1[shakiraAt], hamCalledSpam: lovo.natural!.hamCalledSpam[shakiraAt] } },
  seedHeldOut: seedHeldOut ? { n: seedHeldOut.n, ...seedHeldOut.atCutoffs, f1AtHalf: seedHeldOut.atHalf.f1 } : null,
  speed: { commentsPerSecond: oursPerSec, naturalCommentsPerSecond: naturalPerSec, ratio: oursPerSec / naturalPerSec, averageChars: avgChars },
  training,
  bars,
}));
