/**
 * Retraining: moderator labels + seed corpus + extra corpora in, a gated model promotion out.
 *
 * Steps: find the current model (the one active in Redis, else the newest in models/); gather and
 * deduplicate the data (training-data.ts); split it stratified with a fixed seed (split.ts); pick
 * cutoffs by cross-validation on the unweighted training part (at most `cutoffSampleMax` examples,
 * so a million labels cost one extra pass over a sample, not five over everything); train the
 * candidate on the training part with each label example counted `labelWeight` times; evaluate the
 * candidate and the current model on the same validation part; gate (gate.ts). Promotion writes
 * models/<version>.json atomically and publishes the model in Redis; the workers pick it up.
 *
 * Why weight labels: the seed corpus holds thousands of spam comments, so 16 training examples of
 * a new campaign barely move naive Bayes's per-class token totals. Counting each moderator label
 * several times makes a campaign that moderators reject move the model (measured in the report of
 * issue 5: with weight 1 the campaign stayed unsure, with the default it is spam). Cutoffs come from
 * the unweighted data because duplicates in cross-validation folds would score their own copies.
 */
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import {
  type CorpusInfo,
  type EvalMetrics,
  type LabelledComment,
  type Model,
  createRandom,
  evaluate,
  parseModel,
  serializeModel,
  trainModel,
} from '../classifier/index.js';
import { AppError } from '../errors.js';
import { corpusInfo, readCorpusFile } from '../model/corpus.js';
import { findNewestModel, modelFileName, writeModelFileAtomic } from '../model/model-file.js';
import type { ModelRegistry } from '../model/model-registry.js';
import { type GateResult, DEFAULT_MAX_F1_DROP, gate } from './gate.js';
import { DEFAULT_VALIDATION_SHARE, stratifiedSplit } from './split.js';
import { type LabelCounts, type TrainingExample, countLabels, dedupe, readLabelExamples } from './training-data.js';

/** Seed when the current model records none (it is the shipped model's). */
export const DEFAULT_RETRAIN_SEED = 20261127;
/** Each moderator/site label counts this many times in training (see the header). */
export const DEFAULT_LABEL_WEIGHT = 5;
/** Cross-validation for cutoffs runs on at most this many training examples. */
export const DEFAULT_CUTOFF_SAMPLE_MAX = 100_000;
/** Both models are evaluated on at most this many validation examples (the same ones). */
export const DEFAULT_VALIDATION_MAX = 50_000;

export class RetrainError extends AppError {
  constructor(message: string) {
    super('retrain_failed', 500, message);
  }
}

/** Progress of the long steps; the CLI draws a bar on a terminal and logs lines otherwise. */
export interface RetrainProgress {
  start(phase: string, total: number): void;
  update(value: number): void;
  stop(): void;
}

const silentProgress: RetrainProgress = { start() {}, update() {}, stop() {} };

export interface RetrainOptions {
  modelsDir: string;
  /** Seed corpus (JSONL); default `<modelsDir>/seed-corpus.jsonl`; null for none. */
  seedCorpusFile?: string | null;
  /** Extra corpora: JSONL with `label`, or YouTube CSV. */
  corpusFiles?: readonly string[];
  /** Split and fold seed; default the current model's seed, else DEFAULT_RETRAIN_SEED. */
  seed?: number;
  /** Share of each stratum kept for validation; default 0.2. */
  validationShare?: number;
  /** Times each label example counts in training; default DEFAULT_LABEL_WEIGHT. */
  labelWeight?: number;
  /** Promote even if the gate refuses. */
  force?: boolean;
  /** Train and evaluate, promote nothing, write nothing. */
  dryRun?: boolean;
  /** Allowed F1 drop (0..1); default 0.005 (half a point). */
  maxF1Drop?: number;
  cutoffSampleMax?: number;
  validationMax?: number;
  /** Recorded in the model's provenance. */
  gitCommit?: string | null;
}

export interface RetrainDeps {
  /** A connection for reading the labels stream (the caller owns it). */
  redis: Redis;
  /** The labels stream key (`<prefix>labels`). */
  labelsKey: string;
  registry: ModelRegistry;
  logger: Logger;
  clock: { now(): number };
  progress?: RetrainProgress;
  /** The trainer (default trainModel); tests pass one that corrupts labels to exercise the gate. */
  train?: typeof trainModel;
}

export type RetrainDecision = 'promoted' | 'forced' | 'kept' | 'dry-run';

export interface RetrainResult {
  decision: RetrainDecision;
  /** Why: the gate's checks, and for `kept` what failed. */
  reasons: string[];
  gate: GateResult;
  candidate: Model;
  current: Model | null;
  currentSource: 'redis' | 'files' | null;
  metrics: { candidate: EvalMetrics; current: EvalMetrics | null };
  data: RetrainDataCounts;
  /** The file written on promotion. */
  file: string | null;
  /** Versions dropped from Redis to keep the last N. */
  dropped: string[];
}

export interface RetrainDataCounts {
  labels: LabelCounts;
  seed: { file: string | null; spam: number; ham: number };
  corpora: CorpusInfo[];
  duplicates: number;
  conflicts: number;
  train: { spam: number; ham: number; labels: number };
  validation: { spam: number; ham: number; labels: number };
  labelWeight: number;
  seedValue: number;
}

/** Same versioning as the classifier's: `<trainedAt stamp>-<6 hex of the content hash>`. */
function withVersion(model: Model): Model {
  const iso = model.trainedAt;
  const stamp = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
  const draft = { ...model, version: '00000000-000000-000000' };
  const hash = createHash('sha256').update(serializeModel(draft)).digest('hex').slice(0, 6);
  return { ...model, version: `${stamp}-${hash}` };
}

/** The model workers would use now: the valid active one in Redis, else the newest file. */
export async function loadCurrentModel(
  registry: ModelRegistry,
  modelsDir: string,
  logger: Logger,
): Promise<{ model: Model | null; source: 'redis' | 'files' | null }> {
  const active = await registry.readActive();
  if (active?.json) {
    try {
      return { model: parseModel(active.json), source: 'redis' };
    } catch (err) {
      logger.warn({ modelVersion: active.version, err: { message: (err as Error).message } }, 'the active model in Redis is invalid; comparing with the newest model file');
    }
  }
  try {
    return { model: await findNewestModel(modelsDir), source: 'files' };
  } catch {
    return { model: null, source: null };
  }
}

/** A deterministic sample of at most `max` examples (seeded shuffle prefix). */
function sample<T>(items: readonly T[], max: number, seed: number): readonly T[] {
  if (items.length <= max) return items;
  const random = createRandom(seed ^ 0x5eed);
  const idx = Array.from({ length: items.length }, (_, i) => i);
  for (let i = 0; i < max; i++) {
    const j = i + Math.floor(random() * (idx.length - i));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx.slice(0, max).sort((a, b) => a - b).map((i) => items[i]!);
}

function* weighted(examples: readonly TrainingExample[], labelWeight: number): Generator<LabelledComment> {
  for (const e of examples) {
    const times = e.source === 'labels' ? labelWeight : 1;
    for (let k = 0; k < times; k++) yield e;
  }
}

function labelsIn(examples: readonly TrainingExample[]): number {
  let n = 0;
  for (const e of examples) if (e.source === 'labels') n++;
  return n;
}

export async function runRetrain(options: RetrainOptions, deps: RetrainDeps): Promise<RetrainResult> {
  const { logger, registry } = deps;
  const progress = deps.progress ?? silentProgress;
  const train = deps.train ?? trainModel;
  const labelWeight = Math.max(1, Math.round(options.labelWeight ?? DEFAULT_LABEL_WEIGHT));
  const now = () => new Date(deps.clock.now());

  const { model: current, source: currentSource } = await loadCurrentModel(registry, options.modelsDir, logger);
  const seed = options.seed ?? current?.seed ?? DEFAULT_RETRAIN_SEED;

  // 1. Data.
  const labels = await (async () => {
    progress.start('read labels', 1);
    try {
      return await readLabelExamples(deps.redis, deps.labelsKey, {
        onProgress: (done, total) => {
          progress.start('read labels', Math.max(total, 1));
          progress.update(done);
        },
      });
    } finally {
      progress.stop();
    }
  })();
  const seedFile = options.seedCorpusFile === undefined ? path.join(options.modelsDir, 'seed-corpus.jsonl') : options.seedCorpusFile;
  const corpusFiles = options.corpusFiles ?? [];
  progress.start('read corpora', corpusFiles.length + (seedFile ? 1 : 0));
  const seedExamples = seedFile ? await readCorpusFile(seedFile) : [];
  const seedCounts = countLabels(seedExamples);
  const corpora: CorpusInfo[] = [];
  const corpusExamples: LabelledComment[] = [];
  let filesRead = seedFile ? 1 : 0;
  progress.update(filesRead);
  for (const file of corpusFiles) {
    const rows = await readCorpusFile(file);
    corpora.push(corpusInfo(path.basename(file), rows));
    for (const r of rows) corpusExamples.push(r);
    progress.update(++filesRead);
  }
  progress.stop();

  progress.start('deduplicate and split', 2);
  const deduped = dedupe([
    { source: 'seed', examples: seedExamples },
    { source: 'corpus', examples: corpusExamples },
    { source: 'labels', examples: labels.examples },
  ]);
  progress.update(1);
  // The deduplicated list holds every example now; drop the per-source lists.
  seedExamples.length = 0;
  corpusExamples.length = 0;
  labels.examples.length = 0;
  const split = stratifiedSplit(deduped.examples, seed, options.validationShare ?? DEFAULT_VALIDATION_SHARE);
  progress.update(2);
  progress.stop();
  const trainCounts = countLabels(split.train);
  if (trainCounts.spam === 0 || trainCounts.ham === 0) {
    throw new RetrainError(`Not enough data to train: ${trainCounts.spam} spam and ${trainCounts.ham} ham examples in the training part. Add a seed corpus or --corpus FILE.`);
  }
  const data: RetrainDataCounts = {
    labels: labels.counts,
    seed: { file: seedFile, ...seedCounts },
    corpora,
    duplicates: deduped.duplicates,
    conflicts: deduped.conflicts,
    train: { ...trainCounts, labels: labelsIn(split.train) },
    validation: { ...countLabels(split.validation), labels: labelsIn(split.validation) },
    labelWeight,
    seedValue: seed,
  };
  logger.info({ labels: labels.counts, seed: data.seed, corpora, duplicates: deduped.duplicates, conflicts: deduped.conflicts, train: data.train, validation: data.validation }, 'retrain data gathered');

  // 2. Cutoffs by cross-validation on unweighted training data, then the weighted candidate.
  // Labels count `labelWeight` times, but their copies never outnumber the rest of the training
  // data: with many labels they are the data, and copying a million of them only costs time.
  const otherTrain = split.train.length - data.train.labels;
  const effectiveWeight = data.train.labels === 0 ? 1 : Math.max(1, Math.min(labelWeight, Math.floor(otherTrain / data.train.labels)));
  data.labelWeight = effectiveWeight;

  const trainBy = (source: TrainingExample['source']) => {
    let spam = 0;
    let ham = 0;
    for (const e of split.train) if (e.source === source) e.label === 'spam' ? spam++ : ham++;
    return { spam, ham };
  };
  const corporaInfo: CorpusInfo[] = [
    ...(seedFile ? [{ name: `${path.basename(seedFile)} (train split, seed ${seed})`, ...trainBy('seed') }] : []),
    ...(corpora.length > 0 ? [{ name: `${corpora.map((c) => c.name).join(' + ')} (train split, seed ${seed})`, ...trainBy('corpus') }] : []),
    { name: `moderator labels (train split, each counted ${effectiveWeight}x)`, ...trainBy('labels') },
  ];

  progress.start('choose cutoffs (cross-validation)', 1);
  const cutoffSample = sample(split.train, options.cutoffSampleMax ?? DEFAULT_CUTOFF_SAMPLE_MAX, seed);
  const cutoffModel = train(cutoffSample, { corpora: [], seed, now });
  progress.update(1);
  progress.stop();

  progress.start('train candidate', 1);
  // The cutoffs were chosen on probabilities calibrated by the sample's temperature, so the
  // candidate takes both; passing the calibration too skips a second cross-validation over the
  // whole (weighted) training part, which cost most of the time and memory with a million labels.
  const trained = train(weighted(split.train, effectiveWeight), { corpora: corporaInfo, seed, now, cutoffs: cutoffModel.cutoffs, calibration: cutoffModel.calibration });
  progress.update(1);
  progress.stop();

  progress.start('evaluate', current ? 2 : 1);
  const validation = sample(split.validation, options.validationMax ?? DEFAULT_VALIDATION_MAX, seed + 1);
  const candidateMetrics = evaluate(trained, validation);
  progress.update(1);
  const currentMetrics = current ? evaluate(current, validation) : null;
  progress.update(current ? 2 : 1);
  progress.stop();

  const verdict = gate(candidateMetrics, currentMetrics, options.maxF1Drop ?? DEFAULT_MAX_F1_DROP);
  const candidate = withVersion({
    ...trained,
    metrics: {
      ...trained.metrics,
      crossValidation: { ...(cutoffModel.metrics.crossValidation as object), sampled: cutoffSample.length },
      validation: candidateMetrics,
      gate: { against: current?.version ?? null, currentValidation: currentMetrics, pass: verdict.pass, reasons: verdict.reasons },
      provenance: {
        gitCommit: options.gitCommit ?? null,
        labels: labels.counts,
        seedCorpus: data.seed,
        corpora,
        duplicates: deduped.duplicates,
        conflicts: deduped.conflicts,
        train: data.train,
        validation: data.validation,
        labelWeight: { asked: labelWeight, used: effectiveWeight },
        evaluatedOn: validation.length,
        validationShare: options.validationShare ?? DEFAULT_VALIDATION_SHARE,
        previousVersion: current?.version ?? null,
      },
    },
  });

  let decision: RetrainDecision;
  const reasons = [...verdict.reasons];
  if (options.dryRun) {
    decision = 'dry-run';
    reasons.push(`--dry-run: nothing promoted (the gate ${verdict.pass ? 'would promote' : 'would refuse'} it)`);
  } else if (verdict.pass) decision = 'promoted';
  else if (options.force) {
    decision = 'forced';
    reasons.push('--force: promoted although the gate refused it');
  } else {
    decision = 'kept';
    reasons.push(`kept ${current?.version ?? 'the current model'}`);
  }

  let file: string | null = null;
  let dropped: string[] = [];
  if (decision === 'promoted' || decision === 'forced') {
    progress.start('write and publish', 2);
    file = path.join(options.modelsDir, modelFileName(candidate));
    await writeModelFileAtomic(file, candidate);
    progress.update(1);
    // The model in use until now becomes a kept version, so `model rollback` can return to it.
    if (current && currentSource === 'files' && (await registry.summary(current.version)) === null) {
      await registry.publish(current, { reason: 'baseline', activate: false });
    }
    const published = await registry.publish(candidate, { reason: decision === 'forced' ? 'forced-retrain' : 'retrain', file: path.basename(file) });
    dropped = published.dropped.map((d) => d.version);
    for (const d of published.dropped) {
      if (d.file) await rm(path.join(options.modelsDir, d.file), { force: true });
    }
    progress.update(2);
    progress.stop();
    logger.info({ modelVersion: candidate.version, previousVersion: current?.version ?? null, decision, dropped }, 'model promoted and published');
  } else {
    logger.info({ modelVersion: candidate.version, keptVersion: current?.version ?? null, decision, reasons }, 'candidate not promoted');
  }

  return {
    decision,
    reasons,
    gate: verdict,
    candidate,
    current,
    currentSource,
    metrics: { candidate: candidateMetrics, current: currentMetrics },
    data,
    file,
    dropped,
  };
}
