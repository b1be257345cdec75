/**
 * The variant study behind the shipped classifier's settings: naive-Bayes family variants scored
 * on the same feature tokens (extracted once), each judged three ways:
 *   - YouTube leave-one-video-out at p = 0.5 (mean F1, mean and worst ham called spam),
 *   - the seed corpus held out by article (train on seed-train + YouTube), at p = 0.5,
 *   - probes: mission-example variants that must be spam, specific thanks that must be ham.
 *
 * Variants: smoothing alpha, per-token log-ratio clipping, pruning by document count, bigrams
 * off, document-length normalisation of the summed evidence (sum / n^power), and Transformed
 * Weight-normalised Complement NB (Rennie et al. 2003: IDF, per-document L2 normalisation,
 * weight normalisation). Presence (binary) counts throughout: features are extracted once each.
 */
import { type LabelledComment, extractFeatures } from '../src/classifier/index.js';

export interface Variant {
  name: string;
  method: 'nb' | 'cnb';
  alpha: number;
  minCount: number;
  /** 0 = no clipping. */
  clip: number;
  bigrams: boolean;
  /** Summed evidence divided by n^lengthPower (0 = off). */
  lengthPower: number;
  /** CNB only. */
  idf?: boolean;
  docNorm?: boolean;
  weightNorm?: boolean;
}

interface Example {
  tokens: string[];
  spam: boolean;
}

interface Weights {
  w: Map<string, number>;
  bias: number;
}

const CHOSEN: Variant = { name: 'chosen: NB alpha 1, clip ±3, min 3', method: 'nb', alpha: 1, minCount: 3, clip: 3, bigrams: true, lengthPower: 0 };

export const VARIANTS: Variant[] = [
  CHOSEN,
  { ...CHOSEN, name: 'NB alpha 0.5, min 2, no clip (before)', alpha: 0.5, minCount: 2, clip: 0 },
  { ...CHOSEN, name: 'no clipping', clip: 0 },
  { ...CHOSEN, name: 'clip ±2.5', clip: 2.5 },
  { ...CHOSEN, name: 'clip ±4', clip: 4 },
  { ...CHOSEN, name: 'alpha 0.5', alpha: 0.5 },
  { ...CHOSEN, name: 'alpha 0.2', alpha: 0.2 },
  { ...CHOSEN, name: 'alpha 2', alpha: 2 },
  { ...CHOSEN, name: 'alpha 4', alpha: 4 },
  { ...CHOSEN, name: 'alpha 8', alpha: 8 },
  { ...CHOSEN, name: 'min count 2', minCount: 2 },
  { ...CHOSEN, name: 'min count 5', minCount: 5 },
  { ...CHOSEN, name: 'no bigrams', bigrams: false },
  { ...CHOSEN, name: 'length norm sum/√n', lengthPower: 0.5 },
  { ...CHOSEN, name: 'length norm sum/n', lengthPower: 1 },
  { name: 'TWCNB (Rennie 2003)', method: 'cnb', alpha: 1, minCount: 3, clip: 0, bigrams: true, lengthPower: 0, idf: true, docNorm: true, weightNorm: true },
  { name: 'CNB, no weight norm', method: 'cnb', alpha: 1, minCount: 3, clip: 0, bigrams: true, lengthPower: 0, idf: true, docNorm: true, weightNorm: false },
  { name: 'TWCNB alpha 0.1', method: 'cnb', alpha: 0.1, minCount: 3, clip: 0, bigrams: true, lengthPower: 0, idf: true, docNorm: true, weightNorm: true },
];

function keepToken(v: Variant, t: string): boolean {
  return v.bigrams || !t.startsWith('bigram:');
}

function trainNb(examples: readonly Example[], v: Variant): Weights {
  const counts = new Map<string, [number, number]>();
  let spamDocs = 0;
  for (const e of examples) {
    if (e.spam) spamDocs++;
    for (const t of e.tokens) {
      if (!keepToken(v, t)) continue;
      let c = counts.get(t);
      if (!c) counts.set(t, (c = [0, 0]));
      c[e.spam ? 1 : 0]++;
    }
  }
  for (const [t, c] of counts) if (c[0] + c[1] < v.minCount) counts.delete(t);
  let hamTotal = 0;
  let spamTotal = 0;
  for (const c of counts.values()) {
    hamTotal += c[0];
    spamTotal += c[1];
  }
  const a = v.alpha;
  const size = counts.size + 1;
  const w = new Map<string, number>();
  for (const [t, c] of counts) {
    let x = Math.log((c[1] + a) / (spamTotal + a * size)) - Math.log((c[0] + a) / (hamTotal + a * size));
    if (v.clip > 0) x = Math.max(-v.clip, Math.min(v.clip, x));
    w.set(t, x);
  }
  return { w, bias: Math.log(spamDocs / (examples.length - spamDocs)) };
}

/** Rennie et al.'s TWCNB for two classes: the complement of spam is ham, so the weights are the
 * (normalised) log-parameter differences estimated from transformed counts. */
function trainCnb(examples: readonly Example[], v: Variant): Weights {
  const df = new Map<string, number>();
  for (const e of examples) for (const t of e.tokens) if (keepToken(v, t)) df.set(t, (df.get(t) ?? 0) + 1);
  for (const [t, n] of df) if (n < v.minCount) df.delete(t);
  const counts = new Map<string, [number, number]>();
  const totals = [0, 0];
  for (const e of examples) {
    const parts: Array<[string, number]> = [];
    let norm = 0;
    for (const t of e.tokens) {
      const n = df.get(t);
      if (n === undefined) continue;
      const d = v.idf ? Math.log(examples.length / n) : 1; // log(1 + tf) is constant for presence
      parts.push([t, d]);
      norm += d * d;
    }
    norm = v.docNorm ? Math.sqrt(norm) || 1 : 1;
    const k = e.spam ? 1 : 0;
    for (const [t, d] of parts) {
      let c = counts.get(t);
      if (!c) counts.set(t, (c = [0, 0]));
      c[k] += d / norm;
      totals[k] += d / norm;
    }
  }
  const a = v.alpha;
  const size = counts.size + 1;
  const logs = new Map<string, [number, number]>();
  let hamAbs = 0;
  let spamAbs = 0;
  for (const [t, c] of counts) {
    const lh = Math.log((c[0] + a) / (totals[0]! + a * size));
    const ls = Math.log((c[1] + a) / (totals[1]! + a * size));
    logs.set(t, [lh, ls]);
    hamAbs += Math.abs(lh);
    spamAbs += Math.abs(ls);
  }
  const w = new Map<string, number>();
  // Weight-normalised weights are tiny; scale by the vocabulary size so p = 0.5 stays the decision.
  for (const [t, [lh, ls]] of logs) w.set(t, v.weightNorm ? (ls / spamAbs - lh / hamAbs) * size : ls - lh);
  return { w, bias: 0 };
}

function logOdds(m: Weights, e: Example, v: Variant): number {
  let sum = 0;
  let n = 0;
  for (const t of e.tokens) {
    const x = m.w.get(t);
    if (x === undefined) continue;
    sum += x;
    n++;
  }
  if (v.lengthPower > 0 && n > 0) sum /= n ** v.lengthPower;
  return sum + m.bias;
}

interface AtHalf {
  f1: number;
  hamCalledSpam: number;
  spamCalledHam: number;
}

function atHalf(model: Weights, examples: readonly Example[], v: Variant): AtHalf {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (const e of examples) {
    const spam = logOdds(model, e, v) > 0;
    if (e.spam) spam ? tp++ : fn++;
    else spam ? fp++ : tn++;
  }
  const precision = tp / (tp + fp || 1);
  const recall = tp / (tp + fn || 1);
  return { f1: (2 * precision * recall) / (precision + recall || 1), hamCalledSpam: fp / (fp + tn || 1), spamCalledHam: fn / (fn + tp || 1) };
}

export interface VariantResult {
  name: string;
  youtube: { meanF1: number; meanHamCalledSpam: number; maxHamCalledSpam: number };
  seedByArticle: AtHalf;
  probes: { missionSpam: number; missionTotal: number; thanksHam: number; thanksTotal: number };
}

const toExamples = (rows: readonly LabelledComment[]): Example[] => rows.map((r) => ({ tokens: extractFeatures(r), spam: r.label === 'spam' }));
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

export function runVariants(input: {
  videos: ReadonlyArray<readonly LabelledComment[]>;
  seedTrain: readonly LabelledComment[];
  seedHeldOut: readonly LabelledComment[];
  mission: readonly LabelledComment[];
  thanks: readonly LabelledComment[];
}): VariantResult[] {
  const videos = input.videos.map(toExamples);
  const seedTrain = toExamples(input.seedTrain);
  const seedHeldOut = toExamples(input.seedHeldOut);
  const mission = toExamples(input.mission);
  const thanks = toExamples(input.thanks);
  const youtubeAll = videos.flat();
  return VARIANTS.map((v) => {
    const train = v.method === 'cnb' ? trainCnb : trainNb;
    const lovo = videos.map((test, k) => atHalf(train(videos.filter((_, i) => i !== k).flat(), v), test, v));
    const shipped = train([...seedTrain, ...youtubeAll], v);
    return {
      name: v.name,
      youtube: { meanF1: mean(lovo.map((r) => r.f1)), meanHamCalledSpam: mean(lovo.map((r) => r.hamCalledSpam)), maxHamCalledSpam: Math.max(...lovo.map((r) => r.hamCalledSpam)) },
      seedByArticle: atHalf(shipped, seedHeldOut, v),
      probes: {
        missionSpam: mission.filter((e) => logOdds(shipped, e, v) > 0).length,
        missionTotal: mission.length,
        thanksHam: thanks.filter((e) => logOdds(shipped, e, v) <= 0).length,
        thanksTotal: thanks.length,
      },
    };
  });
}

export interface CategoryResult {
  category: string;
  label: 'spam' | 'ham';
  n: number;
  /** Share of the category's comments given their true label at p = 0.5. */
  correct: number;
}

/**
 * Leave one seed category out (the chosen variant): train on every other seed category plus
 * YouTube, test on the held-out category, so a spam kind (or ham voice) is scored with none of
 * its own template siblings in training. This is the harshest test of generalisation we have.
 */
export function leaveOneCategoryOut(input: {
  seed: ReadonlyArray<LabelledComment & { category: string }>;
  youtube: readonly LabelledComment[];
}): CategoryResult[] {
  const v = VARIANTS[0]!;
  const seed = input.seed.map((r) => ({ ...toExamples([r])[0]!, category: r.category }));
  const youtube = toExamples(input.youtube);
  const categories = [...new Set(seed.map((e) => `${e.spam ? 'spam' : 'ham'}\u0000${e.category}`))].sort();
  return categories.map((key) => {
    const [label, category] = key.split('\u0000') as ['spam' | 'ham', string];
    // Training drops the whole category (both labels); the row scores this label's comments.
    const test = seed.filter((e) => e.category === category && e.spam === (label === 'spam'));
    const model = trainNb([...seed.filter((e) => e.category !== category), ...youtube], v);
    const correct = test.filter((e) => (logOdds(model, e, v) > 0) === e.spam).length;
    return { category, label, n: test.length, correct: correct / test.length };
  });
}
