/**
 * Training: labelled comments in, a complete Model out (counts, cutoffs, metrics, provenance).
 *
 * Counting is one pass: each comment's feature tokens (each once) bump a per-token document count
 * for its class. Cutoffs are chosen from out-of-fold scores (k-fold cross-validation over the
 * training examples, folds assigned by a seeded shuffle), so every validation score comes from a
 * model that never saw that comment; the shipped model is then trained on all examples. A caller
 * that knows its cutoffs (the 1M-comment benchmark) passes them and skips the folds.
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
import { extractFeatures } from './features.js';
import {
  type CombiningMethod,
  type CorpusInfo,
  type Cutoffs,
  type Model,
  type ModelParams,
  type TokenCounts,
  MODEL_SCHEMA_VERSION,
  serializeModel,
} from './model.schema.js';
// Folds re-score cached tokens rather than re-extracting features once per fold.
import { probabilityOfTokens } from './score.js';
import type { LabelledComment } from './types.js';

export const DEFAULT_METHOD: CombiningMethod = 'multinomial';
export const DEFAULT_PARAMS: ModelParams = {
  alpha: 0.5,
  unknownWordStrength: 0.45,
  minimumProbStrength: 0.1,
  maxDiscriminators: 150,
};

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
  /** Folds for cutoff selection. Default 5. */
  folds?: number;
  /** Error ceilings for cutoff selection. Default DEFAULT_CUTOFF_TARGETS. */
  targets?: CutoffTargets;
  /** Tokens seen in fewer training documents than this are dropped. Default 2. */
  minTokenCount?: number;
  /** Labelled comments kept out of training; their metrics are recorded in the model. */
  heldOut?: readonly LabelledComment[];
}

interface Counts {
  counts: Map<string, TokenCounts>;
  docs: { spam: number; ham: number };
}

function addCounts(target: Counts, tokens: readonly string[], label: 'spam' | 'ham'): void {
  target.docs[label]++;
  for (const t of tokens) {
    let c = target.counts.get(t);
    if (c === undefined) {
      c = { spam: 0, ham: 0 };
      target.counts.set(t, c);
    }
    c[label]++;
  }
}

function pruned(counts: Map<string, TokenCounts>, minTokenCount: number): Map<string, TokenCounts> {
  if (minTokenCount <= 1) return counts;
  const out = new Map<string, TokenCounts>();
  for (const [t, c] of counts) if (c.spam + c.ham >= minTokenCount) out.set(t, c);
  return out;
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

/** Train a model. Throws RangeError if either class has no examples. */
export function trainModel(examples: Iterable<LabelledComment>, options: TrainOptions): Model {
  const method = options.method ?? DEFAULT_METHOD;
  const params: ModelParams = { ...DEFAULT_PARAMS, ...options.params };
  const minTokenCount = options.minTokenCount ?? 2;
  const needFolds = options.cutoffs === undefined;
  const featureLists: string[][] = [];
  const labels: Array<'spam' | 'ham'> = [];
  const total: Counts = { counts: new Map(), docs: { spam: 0, ham: 0 } };

  for (const example of examples) {
    if (example.label !== 'spam' && example.label !== 'ham') continue;
    const tokens = extractFeatures(example);
    addCounts(total, tokens, example.label);
    if (needFolds) {
      featureLists.push(tokens);
      labels.push(example.label);
    }
  }
  if (total.docs.spam === 0 || total.docs.ham === 0) {
    throw new RangeError(`trainModel needs spam and ham examples (got ${total.docs.spam} spam, ${total.docs.ham} ham).`);
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
  const metrics: Record<string, unknown> = {};
  if (cutoffs === undefined) {
    const scored = crossValidatedScores(featureLists, labels, total, { ...shared, minTokenCount, folds: options.folds ?? 5 });
    const targets = options.targets ?? DEFAULT_CUTOFF_TARGETS;
    cutoffs = selectCutoffs(scored, targets);
    const cv: EvalMetrics = metricsFromScores(scored, cutoffs);
    metrics.crossValidation = { folds: options.folds ?? 5, targets, ...cv };
  }

  const model = buildModel({
    ...shared,
    cutoffs,
    metrics,
    docs: { ...total.docs },
    counts: pruned(total.counts, minTokenCount),
  });
  if (options.heldOut && options.heldOut.length > 0) {
    // Metrics are part of the hashed content, so the version is recomputed with them in place.
    const { version: _v, ...rest } = model;
    return buildModel({ ...rest, metrics: { ...metrics, heldOut: evaluate(model, options.heldOut) } });
  }
  return model;
}

function crossValidatedScores(
  featureLists: string[][],
  labels: Array<'spam' | 'ham'>,
  total: Counts,
  opts: Omit<Model, 'version' | 'cutoffs' | 'metrics' | 'docs' | 'counts'> & { minTokenCount: number; folds: number },
): ScoredExample[] {
  const n = featureLists.length;
  const folds = Math.max(2, Math.min(opts.folds, n));
  const order = Array.from({ length: n }, (_, i) => i);
  const random = createRandom(opts.seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const scored: ScoredExample[] = new Array(n);
  for (let k = 0; k < folds; k++) {
    const held = order.filter((_, idx) => idx % folds === k);
    // Fold model = total counts minus the held-out fold's counts.
    const counts = new Map<string, TokenCounts>();
    for (const [t, c] of total.counts) counts.set(t, { spam: c.spam, ham: c.ham });
    const docs = { ...total.docs };
    for (const i of held) {
      docs[labels[i]!]--;
      for (const t of featureLists[i]!) counts.get(t)![labels[i]!]--;
    }
    if (docs.spam === 0 || docs.ham === 0) {
      for (const i of held) scored[i] = { p: 0.5, label: labels[i]! };
      continue;
    }
    const foldModel: Model = {
      schemaVersion: opts.schemaVersion,
      version: '00000000-000000-000000',
      trainedAt: opts.trainedAt,
      method: opts.method,
      params: opts.params,
      cutoffs: { ham: 0.5, spam: 0.5 },
      metrics: {},
      corpora: [],
      seed: opts.seed,
      docs,
      counts: pruned(counts, opts.minTokenCount),
    };
    for (const i of held) {
      scored[i] = { p: probabilityOfTokens(foldModel, featureLists[i]!), label: labels[i]! };
    }
  }
  return scored;
}
