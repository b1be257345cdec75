/**
 * The model artefact: its runtime shape, its JSON shape, and the validation between them.
 *
 * At runtime the per-token document counts live in a Map (O(1) lookup, no dense vectors); in JSON
 * they are three parallel arrays (`vocabulary.tokens`, `.spam`, `.ham`), which is compact and keeps
 * object-key order out of the semantics. `parseModel` checks every field and throws ModelError
 * with the path of the first problem, so a worker can refuse a bad file with a useful message.
 */
import { ModelError } from '../errors.js';

/**
 * 2: stop words have no unigram, per-token weights are clipped (`params.maxTokenWeight`), and the
 * log-odds are divided by `calibration.temperature`. A schema-1 model would score differently, so
 * it is refused rather than misread.
 */
export const MODEL_SCHEMA_VERSION = 2;

/** How per-token evidence is combined into one probability (see score.ts). */
export type CombiningMethod = 'fisher' | 'multinomial' | 'bernoulli';
export const COMBINING_METHODS: readonly CombiningMethod[] = ['fisher', 'multinomial', 'bernoulli'];

export interface Cutoffs {
  /** Below this spam probability the verdict is ham. */
  ham: number;
  /** Above this spam probability the verdict is spam. */
  spam: number;
}

export interface CorpusInfo {
  name: string;
  spam: number;
  ham: number;
}

/** Figures measured when the model was trained (see evaluate.ts for their meaning). */
export interface ModelMetrics {
  [name: string]: unknown;
}

export interface ModelParams {
  /** Additive smoothing for naive Bayes (pseudo-count per token and class). */
  alpha: number;
  /** Robinson's s: strength of the 0.5 prior for rare tokens (fisher). */
  unknownWordStrength: number;
  /** Tokens whose probability is within this of 0.5 are ignored (fisher). */
  minimumProbStrength: number;
  /** At most this many strongest tokens are combined (fisher). */
  maxDiscriminators: number;
  /** Each token's log-odds weight is clipped to ±this (naive Bayes); 0 turns clipping off. */
  maxTokenWeight: number;
}

/** Probability calibration chosen on out-of-fold scores when the model was trained. */
export interface Calibration {
  /** p = sigmoid(logOdds / temperature); > 1 tempers naive Bayes's over-confidence. */
  temperature: number;
}

export interface TokenCounts {
  /** Spam documents that contain the token. */
  spam: number;
  /** Ham documents that contain the token. */
  ham: number;
}

export interface Model {
  schemaVersion: number;
  /** Sortable: `YYYYMMDD-HHMMSS-<6 hex of the content hash>`. */
  version: string;
  /** ISO 8601. */
  trainedAt: string;
  method: CombiningMethod;
  params: ModelParams;
  cutoffs: Cutoffs;
  calibration: Calibration;
  metrics: ModelMetrics;
  corpora: CorpusInfo[];
  seed: number;
  /** Training documents per class. */
  docs: { spam: number; ham: number };
  counts: ReadonlyMap<string, TokenCounts>;
}

export interface ModelJson extends Omit<Model, 'counts'> {
  vocabulary: { tokens: string[]; spam: number[]; ham: number[] };
}

export function toModelJson(model: Model): ModelJson {
  const tokens: string[] = [];
  const spam: number[] = [];
  const ham: number[] = [];
  // Sorted so the same model always serialises to the same bytes (and the same version hash).
  for (const token of [...model.counts.keys()].sort()) {
    const c = model.counts.get(token)!;
    tokens.push(token);
    spam.push(c.spam);
    ham.push(c.ham);
  }
  // Explicit field order: the same model always gives the same bytes.
  return {
    schemaVersion: model.schemaVersion,
    version: model.version,
    trainedAt: model.trainedAt,
    method: model.method,
    params: model.params,
    cutoffs: model.cutoffs,
    calibration: model.calibration,
    metrics: model.metrics,
    corpora: model.corpora,
    seed: model.seed,
    docs: model.docs,
    vocabulary: { tokens, spam, ham },
  };
}

export function serializeModel(model: Model): string {
  return JSON.stringify(toModelJson(model));
}

function fail(path: string, problem: string): never {
  throw new ModelError(`Invalid model: ${path} ${problem}. Retrain it with "chaff train" or pick another model file.`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function num(obj: Record<string, unknown>, key: string, path: string, opts: { min?: number; max?: number; int?: boolean } = {}): number {
  const v = obj[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${path}.${key}`, 'must be a finite number');
  if (opts.int && !Number.isInteger(v)) fail(`${path}.${key}`, 'must be an integer');
  if (opts.min !== undefined && v < opts.min) fail(`${path}.${key}`, `must be ≥ ${opts.min}`);
  if (opts.max !== undefined && v > opts.max) fail(`${path}.${key}`, `must be ≤ ${opts.max}`);
  return v;
}

function str(obj: Record<string, unknown>, key: string, path: string): string {
  const v = obj[key];
  if (typeof v !== 'string' || v.length === 0) fail(`${path}.${key}`, 'must be a non-empty string');
  return v;
}

function countArray(v: unknown, path: string, length: number): number[] {
  if (!Array.isArray(v)) fail(path, 'must be an array of counts');
  if (v.length !== length) fail(path, `must have ${length} entries like vocabulary.tokens, has ${v.length}`);
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (typeof c !== 'number' || !Number.isInteger(c) || c < 0) fail(`${path}[${i}]`, 'must be a non-negative integer');
  }
  return v as number[];
}

/** Validate parsed JSON (or a string of it) and build the runtime model. Throws ModelError. */
export function parseModel(json: unknown): Model {
  let data = json;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch (err) {
      throw new ModelError(`Invalid model: not JSON (${(err as Error).message}).`);
    }
  }
  if (!isObject(data)) fail('model', 'must be a JSON object');
  const schemaVersion = num(data, 'schemaVersion', 'model', { int: true });
  if (schemaVersion !== MODEL_SCHEMA_VERSION) {
    throw new ModelError(
      `Invalid model: model.schemaVersion is ${schemaVersion}, but this Chaff reads schema ${MODEL_SCHEMA_VERSION} only `
        + '(the features and scoring changed). Retrain with "npm run train:model" or "chaff train".',
    );
  }
  const version = str(data, 'version', 'model');
  if (!/^\d{8}-\d{6}-[0-9a-f]{6}$/.test(version)) fail('model.version', 'must look like 20261127-234501-ab12cd');
  const trainedAt = str(data, 'trainedAt', 'model');
  if (Number.isNaN(Date.parse(trainedAt))) fail('model.trainedAt', 'must be an ISO 8601 date');
  const method = data.method;
  if (typeof method !== 'string' || !COMBINING_METHODS.includes(method as CombiningMethod)) {
    fail('model.method', `must be one of ${COMBINING_METHODS.join(', ')}`);
  }

  if (!isObject(data.params)) fail('model.params', 'must be an object');
  const params: ModelParams = {
    alpha: num(data.params, 'alpha', 'model.params', { min: 1e-9, max: 100 }),
    unknownWordStrength: num(data.params, 'unknownWordStrength', 'model.params', { min: 0, max: 100 }),
    minimumProbStrength: num(data.params, 'minimumProbStrength', 'model.params', { min: 0, max: 0.5 }),
    maxDiscriminators: num(data.params, 'maxDiscriminators', 'model.params', { min: 1, max: 10_000, int: true }),
    maxTokenWeight: num(data.params, 'maxTokenWeight', 'model.params', { min: 0, max: 1000 }),
  };
  if (!isObject(data.calibration)) fail('model.calibration', 'must be an object { temperature }');
  const calibration: Calibration = {
    temperature: num(data.calibration, 'temperature', 'model.calibration', { min: 1e-3, max: 1e3 }),
  };

  if (!isObject(data.cutoffs)) fail('model.cutoffs', 'must be an object { ham, spam }');
  const cutoffs: Cutoffs = {
    ham: num(data.cutoffs, 'ham', 'model.cutoffs', { min: 0, max: 1 }),
    spam: num(data.cutoffs, 'spam', 'model.cutoffs', { min: 0, max: 1 }),
  };
  if (cutoffs.ham > cutoffs.spam) fail('model.cutoffs', `ham (${cutoffs.ham}) must not exceed spam (${cutoffs.spam})`);

  if (!isObject(data.metrics)) fail('model.metrics', 'must be an object');
  if (!Array.isArray(data.corpora)) fail('model.corpora', 'must be an array');
  const corpora: CorpusInfo[] = data.corpora.map((c, i) => {
    if (!isObject(c)) fail(`model.corpora[${i}]`, 'must be an object { name, spam, ham }');
    return {
      name: str(c, 'name', `model.corpora[${i}]`),
      spam: num(c, 'spam', `model.corpora[${i}]`, { min: 0, int: true }),
      ham: num(c, 'ham', `model.corpora[${i}]`, { min: 0, int: true }),
    };
  });
  const seed = num(data, 'seed', 'model', { int: true });

  if (!isObject(data.docs)) fail('model.docs', 'must be an object { spam, ham }');
  const docs = {
    spam: num(data.docs, 'spam', 'model.docs', { min: 0, int: true }),
    ham: num(data.docs, 'ham', 'model.docs', { min: 0, int: true }),
  };
  if (docs.spam === 0 || docs.ham === 0) fail('model.docs', 'must count at least one spam and one ham document');

  if (!isObject(data.vocabulary)) fail('model.vocabulary', 'must be an object { tokens, spam, ham }');
  const tokens = data.vocabulary.tokens;
  if (!Array.isArray(tokens)) fail('model.vocabulary.tokens', 'must be an array of strings');
  const spam = countArray(data.vocabulary.spam, 'model.vocabulary.spam', tokens.length);
  const ham = countArray(data.vocabulary.ham, 'model.vocabulary.ham', tokens.length);
  const counts = new Map<string, TokenCounts>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (typeof t !== 'string' || t.length === 0) fail(`model.vocabulary.tokens[${i}]`, 'must be a non-empty string');
    if (counts.has(t)) fail(`model.vocabulary.tokens[${i}]`, `repeats the token ${JSON.stringify(t.slice(0, 40))}`);
    if (spam[i]! > docs.spam || ham[i]! > docs.ham) fail(`model.vocabulary (token ${i})`, 'counts exceed the document counts');
    counts.set(t, { spam: spam[i]!, ham: ham[i]! });
  }

  return {
    schemaVersion,
    version,
    trainedAt,
    method: method as CombiningMethod,
    params,
    cutoffs,
    calibration,
    metrics: data.metrics,
    corpora,
    seed,
    docs,
    counts,
  };
}
