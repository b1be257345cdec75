/**
 * Scoring throughput of Chaff's classifier beside natural.BayesClassifier, each in a fresh process
 * of its own.
 *
 * bench/classifier.ts runs this file, which forks itself twice (`--worker chaff`, `--worker
 * natural`) and drives the two children through interleaved windows, one child working at a time.
 * Fresh processes, because whatever else a process holds skews the figure: measured after the
 * accuracy sections, scoring read 2.5× lower; measured in one process with natural, whose every
 * call builds a dense vector over the whole vocabulary, it read 25 % lower (77k/s against 102k/s
 * with natural's calls skipped, back to back). A Chaff worker never hosts natural, so each
 * classifier gets a process to itself.
 *
 * Both classifiers are trained on the same comments (the seed corpus's train split plus the
 * YouTube collection) and timed on the same pool of 160–240-character comments (the bar's
 * "typical 200-character comments": about 190 on average), one thread, per wall-clock second and
 * per CPU second of the child, in seven interleaved 1-second windows each (median reported).
 * Prints one JSON line.
 *
 * `--training` times training instead (section 5 of bench/classifier.ts), in a fresh process for
 * the same reason: 1,000,000 comments, each a corpus comment with two random filler words spliced
 * in so the vocabulary keeps growing as it would with real new comments, trained with the shipped
 * model's cutoffs and calibration (no folds). Memory is sampled every 20,000 comments and every
 * 50 ms: the JS heap, and the heap plus the typed arrays that hold the counts and the bigram table
 * (ArrayBuffers live outside the heap). Prints one JSON line.
 *
 * Options: --quick (three 0.5 s windows each; training 100,000 comments).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type LabelledComment, createRandom, scoreComment, splitHeldOut, trainModel } from '../src/classifier/index.js';
import { readCorpusFile } from '../src/model/corpus.js';
import { findNewestModel } from '../src/model/model-file.js';
import { NaturalBayesClassifier } from './natural.js';

const { values: opts } = parseArgs({ options: { quick: { type: 'boolean', default: false }, training: { type: 'boolean', default: false }, worker: { type: 'string' } } });

interface Rate {
  wall: number;
  cpu: number;
}
type Measure = 'withClues' | 'noClues' | 'natural';
const MEASURES: Measure[] = ['withClues', 'noClues', 'natural'];

/** The comments both children train on, and the pool both are timed on (same files, same order). */
async function corpus(seedNumber: number): Promise<{ trainAll: LabelledComment[]; pool: LabelledComment[] }> {
  const youtubeDir = path.resolve('..', 'shared', 'corpus', 'youtube-spam-collection');
  const seed = splitHeldOut(await readCorpusFile(path.join('models', 'seed-corpus.jsonl')), seedNumber).train;
  const youtube: LabelledComment[] = [];
  for (const f of readdirSync(youtubeDir).filter((name) => name.endsWith('.csv')).sort()) {
    youtube.push(...(await readCorpusFile(path.join(youtubeDir, f))));
  }
  const trainAll = [...seed, ...youtube];
  return { trainAll, pool: trainAll.filter((e) => e.content.length >= 160 && e.content.length <= 240) };
}

/** Comments per wall-clock second and per CPU second of this process, over one window. */
function throughput(pool: readonly LabelledComment[], fn: (e: LabelledComment) => unknown, minMs: number): Rate {
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

/** A child: train or load its classifier, warm up, then time one window per message. */
async function worker(kind: 'chaff' | 'natural'): Promise<void> {
  const shipped = await findNewestModel('models');
  const { trainAll, pool } = await corpus(shipped.seed);
  const fns: Partial<Record<Measure, (e: LabelledComment) => unknown>> = {};
  if (kind === 'chaff') {
    fns.withClues = (e) => scoreComment(shipped, e);
    fns.noClues = (e) => scoreComment(shipped, e, { maxClues: 0 });
  } else {
    const natural = new NaturalBayesClassifier();
    for (const e of trainAll) natural.addDocument(e.content, e.label);
    natural.train();
    fns.natural = (e) => natural.classify(e.content);
  }
  for (const fn of Object.values(fns)) throughput(pool, fn, 500); // warm up caches and JIT
  process.on('message', (m: { measure: Measure; ms: number }) => process.send!(throughput(pool, fns[m.measure]!, m.ms)));
  process.send!({ ready: true, pool: pool.length, averageChars: Math.round(pool.reduce((sum, e) => sum + e.content.length, 0) / pool.length), trainedOn: trainAll.length });
}

/**
 * Nanoseconds per step of a pointer chase through `bytes` of memory (one random cycle, so every
 * step waits for the last): what a cache or memory miss costs on this box right now. Scoring is a
 * chain of table lookups, so a box whose caches are shared with a busy neighbour slows it far more
 * than it slows arithmetic; printed beside the throughput so a slow run can be told from a slow
 * box.
 */
function memoryLatencyNs(bytes: number): number {
  const n = bytes >> 2;
  const next = new Int32Array(n);
  for (let i = 0; i < n; i++) next[i] = i;
  const random = createRandom(11);
  for (let i = n - 1; i > 0; i--) {
    // Sattolo's shuffle: one cycle through every slot.
    const j = Math.floor(random() * i);
    const t = next[i]!;
    next[i] = next[j]!;
    next[j] = t;
  }
  const steps = 2_000_000;
  let p = 0;
  const start = performance.now();
  for (let i = 0; i < steps; i++) p = next[p]!;
  const ns = ((performance.now() - start) * 1e6) / steps;
  return p < 0 ? -1 : ns; // p is read so the chase cannot be optimised away
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function reply<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null): void => reject(new Error(`speed worker exited (${code}) before answering`));
    child.once('exit', onExit);
    child.once('message', (m) => {
      child.off('exit', onExit);
      resolve(m as T);
    });
  });
}

async function main(): Promise<void> {
  const self = fileURLToPath(import.meta.url);
  const spawn = (kind: string): ChildProcess => fork(self, ['--worker', kind], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const children = { chaff: spawn('chaff'), natural: spawn('natural') };
  type Ready = { pool: number; averageChars: number; trainedOn: number };
  const [ready] = await Promise.all([reply<Ready>(children.chaff), reply<Ready>(children.natural)]);
  // The box is shared and its speed drifts: the three are measured in interleaved windows and each
  // reports its median window, so a slow spell costs all three alike.
  const rounds = opts.quick ? 3 : 7;
  const ms = opts.quick ? 500 : 1000;
  const windows: Record<Measure, Rate[]> = { withClues: [], noClues: [], natural: [] };
  for (let r = 0; r < rounds; r++) {
    for (const measure of MEASURES) {
      const child = measure === 'natural' ? children.natural : children.chaff;
      const answer = reply<Rate>(child);
      child.send({ measure, ms });
      windows[measure].push(await answer);
    }
  }
  for (const child of Object.values(children)) child.kill();
  const latencyNs = Object.fromEntries([1, 4, 16].map((mb) => [`${mb}MB`, Math.round(memoryLatencyNs(mb * 2 ** 20) * 10) / 10]));
  const summary = (rates: Rate[]): Rate => ({ wall: median(rates.map((x) => x.wall)), cpu: median(rates.map((x) => x.cpu)) });
  console.log(
    JSON.stringify({
      pool: ready!.pool,
      averageChars: ready!.averageChars,
      trainedOn: ready!.trainedOn,
      rounds,
      windowMs: ms,
      withClues: summary(windows.withClues),
      noClues: summary(windows.noClues),
      natural: summary(windows.natural),
      windows: Object.fromEntries(Object.entries(windows).map(([k, v]) => [k, v.map((x) => Math.round(x.wall))])),
      latencyNs,
    }),
  );
}

/** Train on 1,000,000 synthesised comments (100,000 with --quick) and print time and peak memory. */
async function training(): Promise<void> {
  const shipped = await findNewestModel('models');
  const { trainAll } = await corpus(shipped.seed);
  const total = opts.quick ? 100_000 : 1_000_000;
  const random = createRandom(7);
  const fillers = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}`);
  let peakHeap = 0;
  let peakWithBuffers = 0;
  const sample = (): void => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakWithBuffers = Math.max(peakWithBuffers, m.heapUsed + m.arrayBuffers);
  };
  function* synthesise(): Generator<LabelledComment> {
    for (let i = 0; i < total; i++) {
      if (i % 20_000 === 0) sample();
      const base = trainAll[Math.floor(random() * trainAll.length)]!;
      const extra = `${fillers[Math.floor(random() * fillers.length)]} ${fillers[Math.floor(random() * fillers.length)]}`;
      yield { ...base, content: `${base.content} ${extra}` };
    }
  }
  sample();
  const sampler = setInterval(sample, 50);
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const model = trainModel(synthesise(), { corpora: [{ name: 'synthetic', spam: 0, ham: 0 }], seed: 1, now: () => new Date(0), cutoffs: shipped.cutoffs, calibration: shipped.calibration });
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  sample();
  clearInterval(sampler);
  console.log(
    JSON.stringify({
      comments: total,
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      peakHeapMb: peakHeap / 2 ** 20,
      peakHeapAndBuffersMb: peakWithBuffers / 2 ** 20,
      vocabulary: model.counts.size,
    }),
  );
}

if (opts.worker === 'chaff' || opts.worker === 'natural') await worker(opts.worker);
else if (opts.training) await training();
else await main();
