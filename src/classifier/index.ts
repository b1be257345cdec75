/** The classifier's public surface. Everything here is pure: no I/O, no environment. */
export type { CommentText, LabelledComment, Label, Verdict, Clue, Score } from './types.js';
export {
  MODEL_SCHEMA_VERSION,
  COMBINING_METHODS,
  parseModel,
  serializeModel,
  toModelJson,
  type CombiningMethod,
  type Calibration,
  type CorpusInfo,
  type Cutoffs,
  type Model,
  type ModelJson,
  type ModelParams,
} from './model.schema.js';
export { scoreComment, spamProbability, verdictFor, sigmoid, type ScoreOptions } from './score.js';
export { trainModel, createRandom, fitTemperature, DEFAULT_METHOD, DEFAULT_PARAMS, DEFAULT_MIN_TOKEN_COUNT, type TrainOptions } from './train.js';
export {
  evaluate,
  metricsFromScores,
  selectCutoffs,
  DEFAULT_CUTOFF_TARGETS,
  type CutoffTargets,
  type EvalMetrics,
  type ScoredExample,
} from './evaluate.js';
export { extractFeatures, collectFeatures, MAX_CONTENT_CHARS } from './features.js';
export { FeatureIndex } from './feature-index.js';
export { normalizeText } from './normalize.js';
export { isHeldOut, splitHeldOut, HELD_OUT_SHARE } from './split.js';
