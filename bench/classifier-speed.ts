/**
 * Scoring throughput of Chaff's classifier beside natural.BayesClassifier, in a fresh process.
 *
 * bench/classifier.ts runs this as a child so that the figure is not skewed by everything the
 * accuracy sections leave on the heap and in the JIT's type feedback (in-process it read 2.5×
 * lower). Both classifiers are trained on the same comments (the seed corpus's train split plus
 * the YouTube collection) and timed on the same pool of 120–320-character comments, one thread,
 * per wall-clock second and per CPU second of this process. Prints one JSON line.
 *
 * Options: --quick (1 s per measurement instead of 3 s).
 */
import { createRequire } from 'node:module';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type LabelledComment, scoreComment, splitHeldOut } from '../src/classifier/index.js';
import { readCorpusFile } from '../src/model/corpus.js';
import { findNewestModel } from '../src/model/model-file.js';

interface NaturalBayes {
  addDocument(text: string, label: string): void;
  train(): void;
  classify(text: string): string;
}
const require = createRequire(import.meta.url);
const NaturalBayesClassifier = require('natural/lib/natural/classifiers/bayes_classifier.js') as new () => NaturalBayes;

const { values: opts } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const youtubeDir = path.resolve('..', 'shared', 'corpus', 'youtube-spam-collection');
const shipped = await findNewestModel('models');
const seed = splitHeldOut(await readCorpusFile(path.join('models', 'seed-corpus.jsonl')), shipped.seed).train;
const youtube: LabelledComment[] = [];
for (const f of readdirSync(youtubeDir).filter((name) => name.endsWith('.csv')).sort()) {
  youtube.push(...(await readCorpusFile(path.join(youtubeDir, f))));
}
const trainAll = [...seed, ...youtube];
const pool = trainAll.filter((e) => e.content.length >= 120 && e.content.length <= 320);
const averageChars = Math.round(pool.reduce((sum, e) => sum + e.content.length, 0) / pool.length);

const natural = new NaturalBayesClassifier();
for (const e of trainAll) natural.addDocument(e.content, e.label);
natural.train();

/** Comments per wall-clock second and per CPU second of this process (the box is shared). */
function throughput(fn: (e: LabelledComment) => unknown, minMs: number): { wall: number; cpu: number } {
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

const ms = opts.quick ? 1000 : 3000;
throughput((e) => scoreComment(shipped, e), 500); // warm up caches and JIT
const withClues = throughput((e) => scoreComment(shipped, e), ms);
const noClues = throughput((e) => scoreComment(shipped, e, { maxClues: 0 }), ms);
throughput((e) => natural.classify(e.content), 300);
const naturalSpeed = throughput((e) => natural.classify(e.content), ms);
console.log(JSON.stringify({ pool: pool.length, averageChars, trainedOn: trainAll.length, withClues, noClues, natural: naturalSpeed }));
