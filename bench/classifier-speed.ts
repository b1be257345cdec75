/**
 * Scoring throughput of Chaff's classifier beside natural.BayesClassifier, in a fresh process.
 *
 * bench/classifier.ts runs this as a child so that the figure is not skewed by everything the
 * accuracy sections leave on the heap and in the JIT's type feedback (in-process it read 2.5×
 * lower). Both classifiers are trained on the same comments (the seed corpus's train split plus
 * the YouTube collection) and timed on the same pool of 160–240-character comments (the bar's
 * "typical 200-character comments": about 190 on average), one thread, per wall-clock second and
 * per CPU second of this process, in seven interleaved 1-second windows each (median reported).
 * Prints one JSON line.
 *
 * Options: --quick (three 0.5 s windows each).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type LabelledComment, scoreComment, splitHeldOut } from '../src/classifier/index.js';
import { readCorpusFile } from '../src/model/corpus.js';
import { NaturalBayesClassifier } from './natural.js';
import { findNewestModel } from '../src/model/model-file.js';


const { values: opts } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const youtubeDir = path.resolve('..', 'shared', 'corpus', 'youtube-spam-collection');
const shipped = await findNewestModel('models');
const seed = splitHeldOut(await readCorpusFile(path.join('models', 'seed-corpus.jsonl')), shipped.seed).train;
const youtube: LabelledComment[] = [];
for (const f of readdirSync(youtubeDir).filter((name) => name.endsWith('.csv')).sort()) {
  youtube.push(...(await readCorpusFile(path.join(youtubeDir, f))));
}
const trainAll = [...seed, ...youtube];
const pool = trainAll.filter((e) => e.content.length >= 160 && e.content.length <= 240);
const averageChars = Math.round(pool.reduce((sum, e) => sum + e.content.length, 0) / pool.length);

const natural = new NaturalBayesClassifier();
for (const e of trainAll) natural.addDocument(e.content, e.label);
natural.train();

interface Rate {
  wall: number;
  cpu: number;
}

/** Comments per wall-clock second and per CPU second of this process, over one window. */
function throughput(fn: (e: LabelledComment) => unknown, minMs: number): Rate {
  let n = 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 200; i++) fn(pool[(n + i) % pool.length]!);
    n += 200;
    elapsed = performance.now() - start;
  }
  const cpu = process.cpuUsage(cpuStart);
  return { wall: (n / elapsed) * 1000, cpu: n / ((cpu.user + cpu.system) / 1e6) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

// The box is shared and its speed drifts: the three are measured in interleaved windows and each
// reports its median window, so a slow spell costs all three alike.
const rounds = opts.quick ? 3 : 7;
const ms = opts.quick ? 500 : 1000;
const measures: Record<'withClues' | 'noClues' | 'natural', (e: LabelledComment) => unknown> = {
  withClues: (e) => scoreComment(shipped, e),
  noClues: (e) => scoreComment(shipped, e, { maxClues: 0 }),
  natural: (e) => natural.classify(e.content),
};
for (const fn of Object.values(measures)) throughput(fn, 500); // warm up caches and JIT
const windows: Record<keyof typeof measures, Rate[]> = { withClues: [], noClues: [], natural: [] };
for (let r = 0; r < rounds; r++) {
  for (const [name, fn] of Object.entries(measures) as Array<[keyof typeof measures, (e: LabelledComment) => unknown]>) windows[name].push(throughput(fn, ms));
}
const summary = (rates: Rate[]): Rate => ({ wall: median(rates.map((x) => x.wall)), cpu: median(rates.map((x) => x.cpu)) });
console.log(
  JSON.stringify({
    pool: pool.length,
    averageChars,
    trainedOn: trainAll.length,
    rounds,
    windowMs: ms,
    withClues: summary(windows.withClues),
    noClues: summary(windows.noClues),
    natural: summary(windows.natural),
    windows: Object.fromEntries(Object.entries(windows).map(([k, v]) => [k, v.map((x) => Math.round(x.wall))])),
  }),
);
