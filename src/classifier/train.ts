/**
 * Training: labelled comments in, a complete Model out (counts, cutoffs, metrics, provenance).
 *
 * Counting is one pass: each comment's feature tokens (each once) bump a per-token document count
 * for its class. Cutoffs are chosen from out-of-fold scores (k-fold cross-validation over the
 * training examples; comments of one group, such as an article, share a fold, the rest are dealt
 * by a seeded shuffle), so every validation score comes from a model that never saw that comment
 * or its article; the shipped model is then trained on all examples. The same
 * out-of-fold scores fit the calibration temperature first, so cutoffs are chosen on calibrated
 * probabilities. A caller that knows its cutoffs and calibration (the 1M-comment benchmark)
 * passes them and skips the folds.
 */
import { createHash } from 'node:crypto';
import {
  DEFAULT_CUTOFF_TARGETS,
  type CutoffTargets,
  type EvalMetrics,
  type ScoredExample,
  evaluate,
  metricsFromScores,
  selectCutoffs,
} from './evaluate.js';
import { FeatureIndex } from './feature-index.js';
import { collectFeatures } from './features.js';
import {
  type Calibration,
  type CombiningMethod,
  type CorpusInfo,
  type Cutoffs,
  type Model,
  type ModelParams,
  type TokenCounts,
  MODEL_SCHEMA_VERSION,
  serializeModel,
} from './model.schema.js';
import { computeWeights, logOddsOfIds, sigmoid } from './score.js';
import type { LabelledComment } from './types.js';

export const DEFAULT_METHOD: CombiningMethod = 'multinomial';
/**
 * Chosen by measurement (bench/classifier.ts, "variants"): alpha 1 and tokens seen in fewer than 3
 * documents dropped gave the best YouTube leave-one-video-out F1; smaller alpha or no clipping let
 * one rare word decide. Weights are clipped at ±3: ±2.5 made the fewest YouTube ham spam (2.4 %
 * against 2.9 % mean, same F1), but on blog comments it capped the near-certain author tokens
 * (author:selling, 1,820 spam to 5 ham) at the weight of an ordinary word; leaving out each
 * hand-written part, ±3 lowered spam called ham from 9.9 % to 9.6 % and genuine comments sent
 * to review from 5.5 % to 5.1 % (±4: 9.0 % and 4.8 %, but 3.6 % of YouTube ham spam).
 */
export const DEFAULT_PARAMS: ModelParams = {
  alpha: 1,
  unknownWordStrength: 0.45,
  minimumProbStrength: 0.1,
  maxDiscriminators: 150,
  maxTokenWeight: 3,
};
export const DEFAULT_MIN_TOKEN_COUNT = 3;

export interface TrainOptions {
  /** Where the examples came from, recorded in the model. */
  corpora: CorpusInfo[];
  /** Seeds the fold shuffle; recorded so a split can be reproduced. */
  seed: number;
  /** The clock for `trainedAt` (pass a fixed one in tests). */
  now: () => Date;
  /** Evidence combining; default 'multinomial' (see score.ts and bench/classifier.ts). */
  method?: CombiningMethod;
  params?: Partial<ModelParams>;
  /** Fixed cutoffs; when absent they are chosen by cross-validation. */
  cutoffs?: Cutoffs;
  /** Fixed calibration; when absent it is fitted on the cross-validation scores (or 1 without folds). */
  calibration?: Calibration;
  /** Folds for cutoff selection. Default 5. */
  folds?: number;
  /** Error ceilings for cutoff selection. Default DEFAULT_CUTOFF_TARGETS. */
  targets?: CutoffTargets;
  /** Tokens seen in fewer training documents than this are dropped. Default 3. */
  minTokenCount?: number;
  /** Labelled comments kept out of training; their metrics are recorded in the model. */
  heldOut?: readonly LabelledComment[];
}

/** Per-feature document counts by class, in growable typed arrays indexed by feature id. */
class ClassCounts {
  spam = new Int32Array(4096);
  ham = new Int32Array(4096);
  docs = { spam: 0, ham: 0 };

  add(ids: Int32Array, count: number, label: 'spam' | 'ham', size: number): void {
    if (size > this.spam.length) {
      let length = this.spam.length;
      while (length < size) length *= 2;
      const spam = new Int32Array(length);
      spam.set(this.spam);
      const ham = new Int32Array(length);
      ham.set(this.ham);
      this.spam = spam;
      this.ham = ham;
    }
    this.docs[label]++;
    const target = label === 'spam' ? this.spam : this.ham;
    for (let i = 0; i < count; i++) target[ids[i]!]!++;
  }
}

/** Small seeded PRNG (mulberry32): deterministic folds without I/O or global state. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function stamp(date: Date): string {
  const iso = date.toISOString(); // 2026-11-27T23:45:01.000Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

function buildModel(base: Omit<Model, 'version'>): Model {
  const draft: Model = { ...base, version: '00000000-000000-000000' };
  const hash = createHash('sha256').update(serializeModel(draft)).digest('hex').slice(0, 6);
  return { ...draft, version: `${stamp(new Date(base.trainedAt))}-${hash}` };
}

/**
 * Train a model. Throws RangeError if either class has no examples.
 *
 * Each comment is turned into feature ids once; counts are typed arrays indexed by id; the
 * cross-validation folds reuse the ids (a fold's counts are the totals minus the fold's own).
 */
export function trainModel(examples: Iterable<LabelledComment>, options: TrainOptions): Model {
  const method = options.method ?? DEFAULT_METHOD;
  const params: ModelParams = { ...DEFAULT_PARAMS, ...options.params };
  const minTokenCount = options.minTokenCount ?? DEFAULT_MIN_TOKEN_COUNT;
  const needFolds = options.cutoffs === undefined || options.calibration === undefined;
  const index = new FeatureIndex(true);
  const total = new ClassCounts();
  const featureLists: Int32Array[] = [];
  const labels: Array<'spam' | 'ham'> = [];
  const groups: Array<string | undefined> = [];

  for (const example of examples) {
    if (example.label !== 'spam' && example.label !== 'ham') continue;
    collectFeatures(example, index);
    total.add(index.ids, index.count, example.label, index.size);
    if (needFolds) {
      featureLists.push(index.ids.slice(0, index.count));
      labels.push(example.label);
      groups.push(typeof example.group === 'string' ? example.group : undefined);
    }
  }
  const docs = total.docs;
  if (docs.spam === 0 || docs.ham === 0) {
    throw new RangeError(`trainModel needs spam and ham examples (got ${docs.spam} spam, ${docs.ham} ham).`);
  }

  const trainedAt = options.now().toISOString();
  const shared = {
    schemaVersion: MODEL_SCHEMA_VERSION,
    trainedAt,
    method,
    params,
    corpora: options.corpora.map((c) => ({ ...c })),
    seed: options.seed,
  };

  let cutoffs = options.cutoffs;
  let calibration = options.calibration;
  const metrics: Record<string, unknown> = {};
  if (needFolds) {
    const folds = options.folds ?? 5;
    const oof = crossValidatedLogOdds(featureLists, labels, groups, total, index.size, { method, params, minTokenCount, folds, seed: options.seed });
    calibration ??= method === 'fisher' ? { temperature: 1 } : fitTemperature(oof.logOdds, labels);
    const inverse = method === 'fisher' ? 1 : 1 / calibration.temperature;
    const scored: ScoredExample[] = oof.logOdds.map((z, i) => ({ p: sigmoid(z * inverse), label: labels[i]! }));
    const targets = options.targets ?? DEFAULT_CUTOFF_TARGETS;
    cutoffs ??= selectCutoffs(scored, targets);
    const cv: EvalMetrics = metricsFromScores(scored, cutoffs);
    metrics.crossValidation = { folds, targets, temperature: calibration.temperature, ...cv };
  }

  const counts = new Map<string, TokenCounts>();
  for (let i = 0; i < index.size; i++) {
    const s = total.spam[i]!;
    const h = total.ham[i]!;
    if (s + h >= minTokenCount) counts.set(index.name(i), { spam: s, ham: h });
  }
  const model = buildModel({
    ...shared,
    cutoffs: cutoffs!,
    calibration: calibration ?? { temperature: 1 },
    metrics,
    docs: { ...docs },
    counts,
  });
  if (options.heldOut && options.heldOut.length > 0) {
    // Metrics are part of the hashed content, so the version is recomputed with them in place.
    const { version: _v, ...rest } = model;
    return buildModel({ ...rest, metrics: { ...metrics, heldOut: evaluate(model, options.heldOut) } });
  }
  return model;
}

/**
 * Temperature T for p = sigmoid(z / T) that minimises the log loss of out-of-fold log-odds z
 * (golden-section search on log T). Dividing by T keeps every decision at p = 0.5 as it was and
 * only tempers over-confidence, so the cutoffs land in a readable range.
 */
export function fitTemperature(logOdds: readonly number[], labels: readonly ('spam' | 'ham')[]): Calibration {
  const loss = (logT: number): number => {
    const inv = Math.exp(-logT);
    let sum = 0;
    for (let i = 0; i < logOdds.length; i++) {
      const z = logOdds[i]! * inv * (labels[i] === 'spam' ? 1 : -1);
      // −log sigmoid(z), stable for large |z|
      sum += z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z));
    }
    return sum;
  };
  let lo = Math.log(0.25);
  let hi = Math.log(64);
  const g = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - g * (hi - lo);
  let x2 = lo + g * (hi - lo);
  let f1 = loss(x1);
  let f2 = loss(x2);
  for (let it = 0; it < 60; it++) {
    if (f1 < f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - g * (hi - lo);
      f1 = loss(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + g * (hi - lo);
      f2 = loss(x2);
    }
  }
  return { temperature: Math.round(Math.exp((lo + hi) / 2) * 1000) / 1000 };
}

/**
 * Out-of-fold log-odds for every example, k folds. Examples that share a group (the article a
 * seed comment was written under) share a fold, chosen by a hash of the group and seed, so each is
 * scored by a model that saw none of its article: cutoffs chosen on these scores hold for new
 * articles (random folds let near-identical comments of one article vouch for each other, and
 * chose cutoffs that let several times more ham through as spam on unseen articles). The others
 * are dealt round-robin in a seeded shuffle.
 */
function crossValidatedLogOdds(
  featureLists: Int32Array[],
  labels: Array<'spam' | 'ham'>,
  groups: Array<string | undefined>,
  total: ClassCounts,
  size: number,
  opts: { method: CombiningMethod; params: ModelParams; minTokenCount: number; folds: number; seed: number },
): { logOdds: number[] } {
  const n = featureLists.length;
  const folds = Math.max(2, Math.min(opts.folds, n));
  const order = Array.from({ length: n }, (_, i) => i);
  const random = createRandom(opts.seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const foldOf = new Uint8Array(n);
  const groupFold = new Map<string, number>();
  order.forEach((i, position) => {
    const group = groups[i];
    if (group === undefined) {
      foldOf[i] = position % folds;
      return;
    }
    let f = groupFold.get(group);
    if (f === undefined) {
      f = createHash('sha256').update(`${opts.seed}\u0000${group}`).digest().readUInt32BE(0) % folds;
      groupFold.set(group, f);
    }
    foldOf[i] = f;
  });
  const logOdds: number[] = new Array(n).fill(0);
  for (let k = 0; k < folds; k++) {
    const held = order.filter((i) => foldOf[i] === k);
    // Fold counts = total counts minus the held-out fold's counts.
    const spam = total.spam.slice(0, size);
    const ham = total.ham.slice(0, size);
    const docs = { ...total.docs };
    for (const i of held) {
      docs[labels[i]!]--;
      const target = labels[i] === 'spam' ? spam : ham;
      const ids = featureLists[i]!;
      for (let j = 0; j < ids.length; j++) target[ids[j]!]!--;
    }
    if (docs.spam === 0 || docs.ham === 0) continue;
    const min = opts.minTokenCount;
    const weights = computeWeights(opts.method, opts.params, docs, spam, ham, (i) => spam[i]! + ham[i]! >= min);
    for (const i of held) logOdds[i] = logOddsOfIds(weights, featureLists[i]!, featureLists[i]!.length, null);
  }
  return { logOdds };
}
