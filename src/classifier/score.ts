/**
 * Scoring: model + comment in, `{ spamProbability, verdict, clues }` out. Never throws.
 *
 * Three ways to combine per-token evidence are implemented so they can be compared on the same
 * counts (the model's `method` picks one; bench/classifier.ts measures them):
 *
 *  - multinomial: naive Bayes over binarised token occurrences, Lidstone smoothing (alpha),
 *    each token's log-odds clipped to ±maxTokenWeight, summed in log space and turned into a
 *    probability with the two-class log-sum-exp (the logistic of the log-odds), after dividing by
 *    the calibration temperature. Unknown tokens are skipped (novel wording, such as generic
 *    praise on a new topic, must not lean ham).
 *  - bernoulli:   naive Bayes over presence/absence of every vocabulary token; the absent-token
 *    term is precomputed once per model so scoring stays O(tokens in the comment).
 *  - fisher:      Gary Robinson's per-token probability f(w) = (s·x + n·p(w)) / (s + n), the
 *    strongest `maxDiscriminators` tokens combined with Fisher's chi-squared method into
 *    (1 + S − H) / 2, as SpamBayes does.
 *
 * Chosen: multinomial with clipping (the default in train.ts), by YouTube leave-one-video-out,
 * the seed corpus held out by article, and the mission-example probes (bench/classifier.ts).
 *
 * Speed: a model is compiled once (WeakMap) into a frozen FeatureIndex and a Float64Array of
 * weights; a comment becomes feature ids (features.ts) and its score is a sum over them. Clues
 * are the top-k |weight| kept in small fixed arrays, only when asked for.
 */
import { FeatureIndex } from './feature-index.js';
import { collectFeatures } from './features.js';
import type { Cutoffs, Model, ModelParams, CombiningMethod } from './model.schema.js';
import type { Clue, CommentText, Score, Verdict } from './types.js';

export interface ScoreOptions {
  /** How many clues to return, strongest first. Default 8. */
  maxClues?: number;
}

/** Per-feature evidence: NaN marks a feature the model does not use. */
export interface TokenWeights {
  method: CombiningMethod;
  /** Log-odds of a present token (naive Bayes), or Robinson's f(w) (fisher). */
  weights: Float64Array;
  /** Prior log-odds plus, for bernoulli, the all-absent term. */
  bias: number;
  maxDiscriminators: number;
  /** |log-odds| before clipping: ranks clues, so clipped tokens still sort by their evidence. */
  strength: Float64Array;
}

/**
 * Weights from per-feature document counts. `keep(i)` says whether feature i survived pruning;
 * the others get NaN. Shared by scoring (whole model) and training (each cross-validation fold).
 */
export function computeWeights(
  method: CombiningMethod,
  params: ModelParams,
  docs: { spam: number; ham: number },
  spam: ArrayLike<number>,
  ham: ArrayLike<number>,
  keep: (i: number) => boolean,
): TokenWeights {
  const n = spam.length;
  const weights = new Float64Array(n).fill(Number.NaN);
  const strength = new Float64Array(n);
  let bias = Math.log(docs.spam) - Math.log(docs.ham);
  const a = params.alpha;
  const clip = params.maxTokenWeight > 0 ? params.maxTokenWeight : Infinity;
  if (method === 'multinomial') {
    let totalSpam = 0;
    let totalHam = 0;
    let v = 1;
    for (let i = 0; i < n; i++) {
      if (!keep(i)) continue;
      totalSpam += spam[i]!;
      totalHam += ham[i]!;
      v++;
    }
    const denom = Math.log(totalSpam + a * v) - Math.log(totalHam + a * v);
    for (let i = 0; i < n; i++) {
      if (!keep(i)) continue;
      const w = Math.log(spam[i]! + a) - Math.log(ham[i]! + a) - denom;
      weights[i] = w > clip ? clip : w < -clip ? -clip : w;
      strength[i] = Math.abs(w);
    }
  } else if (method === 'bernoulli') {
    for (let i = 0; i < n; i++) {
      if (!keep(i)) continue;
      const ps = (spam[i]! + a) / (docs.spam + 2 * a);
      const ph = (ham[i]! + a) / (docs.ham + 2 * a);
      bias += Math.log1p(-ps) - Math.log1p(-ph);
      const w = Math.log(ps) - Math.log1p(-ps) - (Math.log(ph) - Math.log1p(-ph));
      weights[i] = w > clip ? clip : w < -clip ? -clip : w;
      strength[i] = Math.abs(w);
    }
  } else {
    const s = params.unknownWordStrength;
    for (let i = 0; i < n; i++) {
      if (!keep(i)) continue;
      const spamRatio = spam[i]! / docs.spam;
      const hamRatio = ham[i]! / docs.ham;
      const p = spamRatio + hamRatio > 0 ? spamRatio / (spamRatio + hamRatio) : 0.5;
      const count = spam[i]! + ham[i]!;
      const f = (s * 0.5 + count * p) / (s + count);
      if (Math.abs(f - 0.5) >= params.minimumProbStrength) {
        weights[i] = f;
        strength[i] = Math.abs(Math.log(f / (1 - f)));
      }
    }
  }
  return { method, weights, bias, maxDiscriminators: params.maxDiscriminators, strength };
}

interface CompiledModel extends TokenWeights {
  index: FeatureIndex;
  inverseTemperature: number;
  /** Reused for every comment's clues (scoring is synchronous, so one buffer per model is enough). */
  top: TopK;
}

const compiled = new WeakMap<Model, CompiledModel>();

function compile(model: Model): CompiledModel {
  const cached = compiled.get(model);
  if (cached) return cached;
  const names: string[] = [];
  const spam: number[] = [];
  const ham: number[] = [];
  for (const [token, c] of model.counts) {
    names.push(token);
    spam.push(c.spam);
    ham.push(c.ham);
  }
  const result: CompiledModel = {
    ...computeWeights(model.method, model.params, model.docs, spam, ham, () => true),
    index: FeatureIndex.fromNames(names),
    inverseTemperature: 1 / model.calibration.temperature,
    top: new TopK(8),
  };
  compiled.set(model, result);
  return result;
}

/** Upper tail of the chi-squared distribution with an even number of degrees of freedom. */
function chi2Q(x2: number, degrees: number): number {
  const m = x2 / 2;
  let term = Math.exp(-m);
  let sum = term;
  for (let i = 1; i < degrees / 2; i++) {
    term *= m / i;
    sum += term;
  }
  return Math.min(sum, 1);
}

export function verdictFor(p: number, cutoffs: Cutoffs): Verdict {
  if (p < cutoffs.ham) return 'ham';
  if (p > cutoffs.spam) return 'spam';
  return 'unsure';
}

/** The logistic function, written so neither branch overflows. */
export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Top-k features by |weight|, kept sorted in two small arrays (insertion; k is single-digit). */
export class TopK {
  readonly ids: Int32Array;
  readonly strength: Float64Array;
  size = 0;
  constructor(readonly k: number) {
    this.ids = new Int32Array(k);
    this.strength = new Float64Array(k);
  }
  reset(): this {
    this.size = 0;
    return this;
  }
  offer(id: number, strength: number): void {
    const k = this.k;
    if (this.size === k && strength <= this.strength[k - 1]!) return;
    let j = this.size < k ? this.size++ : k - 1;
    while (j > 0 && this.strength[j - 1]! < strength) {
      this.strength[j] = this.strength[j - 1]!;
      this.ids[j] = this.ids[j - 1]!;
      j--;
    }
    this.strength[j] = strength;
    this.ids[j] = id;
  }
}

/**
 * Evidence for the feature ids ids[0 .. count): naive-Bayes log-odds, or for fisher the
 * probability already combined (returned as its log-odds so callers treat both alike).
 */
export function logOddsOfIds(w: TokenWeights, ids: Int32Array, count: number, top: TopK | null): number {
  const weights = w.weights;
  if (w.method !== 'fisher') {
    let logOdds = w.bias;
    for (let i = 0; i < count; i++) {
      const id = ids[i]!;
      const x = weights[id]!;
      if (x !== x) continue; // NaN: not in the model
      logOdds += x;
      if (top !== null) top.offer(id, w.strength[id]!);
    }
    return logOdds;
  }
  const found: number[] = [];
  for (let i = 0; i < count; i++) {
    const id = ids[i]!;
    if (weights[id]! === weights[id]!) found.push(id);
  }
  if (found.length > w.maxDiscriminators) {
    found.sort((x, y) => Math.abs(weights[y]! - 0.5) - Math.abs(weights[x]! - 0.5) || x - y);
    found.length = w.maxDiscriminators;
  }
  if (found.length === 0) return 0;
  let lnSpam = 0; // ln Π(1 − f): small when many tokens are spammy
  let lnHam = 0; //  ln Π f:      small when many tokens are hammy
  for (const id of found) {
    const f = weights[id]!;
    lnSpam += Math.log1p(-f);
    lnHam += Math.log(f);
    if (top !== null) top.offer(id, w.strength[id]!);
  }
  const n = found.length;
  const S = 1 - chi2Q(-2 * lnSpam, 2 * n);
  const H = 1 - chi2Q(-2 * lnHam, 2 * n);
  const p = Math.min(1 - 1e-12, Math.max(1e-12, (1 + S - H) / 2));
  return Math.log(p / (1 - p));
}

function clueWeight(c: CompiledModel, id: number): number {
  const x = c.weights[id]!;
  const w = c.method === 'fisher' ? Math.log(x / (1 - x)) : x * c.inverseTemperature;
  return Math.round(w * 1000) / 1000;
}

function scoreOf(model: Model, comment: CommentText, maxClues: number): { p: number; clues: Clue[] } {
  const c = compile(model);
  collectFeatures(comment, c.index);
  const top = maxClues === 0 ? null : maxClues === c.top.k ? c.top.reset() : new TopK(maxClues);
  const logOdds = logOddsOfIds(c, c.index.ids, c.index.count, top);
  const p = sigmoid(c.method === 'fisher' ? logOdds : logOdds * c.inverseTemperature);
  const clues: Clue[] = [];
  if (top !== null) {
    for (let i = 0; i < top.size; i++) clues.push({ token: c.index.name(top.ids[i]!), weight: clueWeight(c, top.ids[i]!) });
  }
  return { p, clues };
}

/** Spam probability, three-way verdict and the strongest clues. Never throws; p is finite in [0, 1]. */
export function scoreComment(model: Model, comment: CommentText, options: ScoreOptions = {}): Score {
  const maxClues = Math.max(0, Math.min(1000, Math.floor(options.maxClues ?? 8) || 0));
  let p = 0.5;
  let clues: Clue[] = [];
  try {
    ({ p, clues } = scoreOf(model, comment, maxClues));
  } catch {
    // A comment we cannot read is left to a moderator rather than failing the job.
    p = 0.5;
    clues = [];
  }
  if (!Number.isFinite(p)) p = 0.5;
  p = Math.min(1, Math.max(0, p));
  return { spamProbability: p, verdict: verdictFor(p, model.cutoffs), clues, modelVersion: model.version };
}

/** Spam probability only, for evaluation and benchmarks. */
export function spamProbability(model: Model, comment: CommentText): number {
  try {
    const { p } = scoreOf(model, comment, 0);
    return Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0.5;
  } catch {
    return 0.5;
  }
}
