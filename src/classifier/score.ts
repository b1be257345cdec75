/**
 * Scoring: model + comment in, `{ spamProbability, verdict, clues }` out. Never throws.
 *
 * Three ways to combine per-token evidence are implemented so they can be compared on the same
 * counts (the model's `method` picks one; bench/classifier.ts measures them):
 *
 *  - multinomial: naive Bayes over binarised token occurrences, Lidstone smoothing (alpha),
 *    log-space, normalised with log-sum-exp. Unknown tokens are skipped. (Keeping the smoothed
 *    term for unseen words, which leans to ham, cut YouTube leave-one-video-out ham-called-spam
 *    from 4.9% to 3.8% but cost 0.8 points of F1 and turned any novel wording, such as generic
 *    praise on a new topic, into ham; so no.)
 *  - bernoulli:   naive Bayes over presence/absence of every vocabulary token; the absent-token
 *    term is precomputed once per model so scoring stays O(tokens in the comment).
 *  - fisher:      Gary Robinson's per-token probability f(w) = (s·x + n·p(w)) / (s + n), the
 *    strongest `maxDiscriminators` tokens combined with Fisher's chi-squared method into
 *    (1 + S − H) / 2, as SpamBayes does. It says 0.5 when evidence is weak or conflicting, which
 *    gives the three-way verdict a real "unsure" band; naive Bayes pushes almost everything to 0 or 1.
 *
 * Chosen: multinomial (the default in train.ts). Measured on YouTube leave-one-video-out mean F1
 * at p=0.5 (bench/classifier.ts): multinomial 0.93, fisher 0.84, bernoulli 0.73-0.84. Fisher
 * and presence-only combining lean to spam on an unseen video, because spam vocabulary ("check
 * out my channel") carries across videos while ham vocabulary is about each song; multinomial's
 * per-class normalisation offsets that.
 *
 * Per-token weights (log-odds) are computed once per model and cached in a WeakMap, so scoring is
 * one Map lookup per token plus a few additions.
 */
import { extractFeatures } from './features.js';
import type { Cutoffs, Model } from './model.schema.js';
import type { Clue, CommentText, Score, Verdict } from './types.js';

export interface ScoreOptions {
  /** How many clues to return, strongest first. Default 8. */
  maxClues?: number;
}

interface CompiledModel {
  /** Log-odds contribution of a present token (naive Bayes), or Robinson f(w) (fisher). */
  weights: Map<string, number>;
  /** Prior log-odds plus, for bernoulli, the all-absent term. */
  bias: number;
}

const compiled = new WeakMap<Model, CompiledModel>();

function compile(model: Model): CompiledModel {
  const cached = compiled.get(model);
  if (cached) return cached;
  const { docs, params, counts } = model;
  const weights = new Map<string, number>();
  let bias = Math.log(docs.spam) - Math.log(docs.ham);

  if (model.method === 'multinomial') {
    let totalSpam = 0;
    let totalHam = 0;
    for (const c of counts.values()) {
      totalSpam += c.spam;
      totalHam += c.ham;
    }
    const v = counts.size + 1;
    const a = params.alpha;
    const denomSpam = Math.log(totalSpam + a * v);
    const denomHam = Math.log(totalHam + a * v);
    for (const [token, c] of counts) {
      weights.set(token, Math.log(c.spam + a) - denomSpam - (Math.log(c.ham + a) - denomHam));
    }
  } else if (model.method === 'bernoulli') {
    const a = params.alpha;
    for (const [token, c] of counts) {
      const ps = (c.spam + a) / (docs.spam + 2 * a);
      const ph = (c.ham + a) / (docs.ham + 2 * a);
      bias += Math.log1p(-ps) - Math.log1p(-ph);
      weights.set(token, Math.log(ps) - Math.log1p(-ps) - (Math.log(ph) - Math.log1p(-ph)));
    }
  } else {
    const s = params.unknownWordStrength;
    for (const [token, c] of counts) {
      const spamRatio = c.spam / docs.spam;
      const hamRatio = c.ham / docs.ham;
      const p = spamRatio + hamRatio > 0 ? spamRatio / (spamRatio + hamRatio) : 0.5;
      const n = c.spam + c.ham;
      const f = (s * 0.5 + n * p) / (s + n);
      if (Math.abs(f - 0.5) >= params.minimumProbStrength) weights.set(token, f);
    }
  }
  const result = { weights, bias };
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

function topClues(clues: Clue[], maxClues: number): Clue[] {
  clues.sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight) || (x.token < y.token ? -1 : 1));
  if (clues.length > maxClues) clues.length = maxClues;
  for (const c of clues) c.weight = Math.round(c.weight * 1000) / 1000;
  return clues;
}

/** The maxClues tokens with the largest |weight|, by partial selection (no full sort). */
function strongest(tokens: string[], ws: number[], maxClues: number): Clue[] {
  const picked: number[] = [];
  for (let i = 0; i < ws.length; i++) {
    const a = Math.abs(ws[i]!);
    if (picked.length === maxClues && a <= Math.abs(ws[picked[picked.length - 1]!]!)) continue;
    let j = picked.length;
    if (j === maxClues) picked.pop();
    j = picked.length;
    while (j > 0 && Math.abs(ws[picked[j - 1]!]!) < a) j--;
    picked.splice(j, 0, i);
  }
  return picked.map((i) => ({ token: tokens[i]!, weight: Math.round(ws[i]! * 1000) / 1000 }));
}

function scoreTokens(model: Model, tokens: string[], maxClues: number): { p: number; clues: Clue[] } {
  const { weights, bias } = compile(model);
  if (model.method !== 'fisher') {
    let logOdds = bias;
    // Known tokens and their weights in parallel arrays; clue objects only for the winners.
    const known: string[] = [];
    const ws: number[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const w = weights.get(tokens[i]!);
      if (w === undefined) continue;
      logOdds += w;
      if (maxClues > 0) {
        known.push(tokens[i]!);
        ws.push(w);
      }
    }
    // Two-class log-sum-exp: p(spam) = exp(lS − logsumexp(lS, lH)) with lS − lH = logOdds.
    const p = logOdds >= 0 ? 1 / (1 + Math.exp(-logOdds)) : Math.exp(logOdds) / (1 + Math.exp(logOdds));
    return { p, clues: maxClues > 0 ? strongest(known, ws, maxClues) : [] };
  }

  const found: Array<{ token: string; f: number }> = [];
  for (const t of tokens) {
    const f = weights.get(t);
    if (f !== undefined) found.push({ token: t, f });
  }
  if (found.length > model.params.maxDiscriminators) {
    found.sort((x, y) => Math.abs(y.f - 0.5) - Math.abs(x.f - 0.5) || (x.token < y.token ? -1 : 1));
    found.length = model.params.maxDiscriminators;
  }
  if (found.length === 0) return { p: 0.5, clues: [] };
  let lnSpam = 0; // ln Π(1 − f): small when many tokens are spammy
  let lnHam = 0; //  ln Π f:      small when many tokens are hammy
  for (const { f } of found) {
    lnSpam += Math.log1p(-f);
    lnHam += Math.log(f);
  }
  const n = found.length;
  const S = 1 - chi2Q(-2 * lnSpam, 2 * n);
  const H = 1 - chi2Q(-2 * lnHam, 2 * n);
  const p = (1 + S - H) / 2;
  const clues = maxClues > 0 ? topClues(found.map(({ token, f }) => ({ token, weight: Math.log(f / (1 - f)) })), maxClues) : [];
  return { p, clues };
}

/** Spam probability, three-way verdict and the strongest clues. Never throws; p is finite in [0, 1]. */
export function scoreComment(model: Model, comment: CommentText, options: ScoreOptions = {}): Score {
  const maxClues = Math.max(0, Math.floor(options.maxClues ?? 8));
  let p = 0.5;
  let clues: Clue[] = [];
  try {
    ({ p, clues } = scoreTokens(model, extractFeatures(comment), maxClues));
  } catch {
    // A comment we cannot read is left to a moderator rather than failing the job.
    p = 0.5;
    clues = [];
  }
  if (!Number.isFinite(p)) p = 0.5;
  p = Math.min(1, Math.max(0, p));
  return { spamProbability: p, verdict: verdictFor(p, model.cutoffs), clues, modelVersion: model.version };
}

/** Spam probability of already-extracted feature tokens (cross-validation folds). */
export function probabilityOfTokens(model: Model, tokens: string[]): number {
  const { p } = scoreTokens(model, tokens, 0);
  return Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0.5;
}

/** Spam probability only, for training-time cross-validation and benchmarks. */
export function spamProbability(model: Model, comment: CommentText): number {
  try {
    const { p } = scoreTokens(model, extractFeatures(comment), 0);
    return Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0.5;
  } catch {
    return 0.5;
  }
}
