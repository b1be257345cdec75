/**
 * The promotion gate: a candidate replaces the current model only if, on the same validation
 * split, its spam F1 (at p = 0.5, as `chaff eval` prints it) is no more than `maxF1Drop` below the
 * current model's, and it calls no more ham comments spam at its cutoffs (the costly error) than
 * the current model does, give or take one comment (HAM_CALLED_SPAM_SLACK): on a validation split
 * of a few hundred ham, a single comment is a share like 0.1 %, and a gate that turns on one
 * comment refuses good models by chance.
 */
import type { EvalMetrics } from '../classifier/index.js';

/** 0.5 percentage points of F1. */
export const DEFAULT_MAX_F1_DROP = 0.005;
/** Ham comments of the validation split the candidate may call spam beyond the current model's count. */
export const HAM_CALLED_SPAM_SLACK = 1;
// Metrics are rounded to 1e-6 by evaluate(); compare with a margin below that.
const EPSILON = 1e-9;

export interface GateResult {
  pass: boolean;
  /** One sentence per check, saying what was compared and how it came out. */
  reasons: string[];
}

const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;

export function gate(candidate: EvalMetrics, current: EvalMetrics | null, maxF1Drop = DEFAULT_MAX_F1_DROP): GateResult {
  if (current === null) return { pass: true, reasons: ['there is no current model to compare with'] };
  const reasons: string[] = [];
  const f1Ok = candidate.atHalf.f1 >= current.atHalf.f1 - maxF1Drop - EPSILON;
  reasons.push(
    `spam F1 ${pct(candidate.atHalf.f1)} vs current ${pct(current.atHalf.f1)}: ${f1Ok ? 'ok' : `more than ${(maxF1Drop * 100).toFixed(1)} points lower`}`,
  );
  const candidateFalse = candidate.atCutoffs.confusion.ham.spam;
  const currentFalse = current.atCutoffs.confusion.ham.spam;
  const hamOk = candidateFalse <= currentFalse + HAM_CALLED_SPAM_SLACK;
  reasons.push(
    `ham called spam ${pct(candidate.atCutoffs.hamCalledSpam)} (${candidateFalse}) vs current ${pct(current.atCutoffs.hamCalledSpam)} (${currentFalse}): ${hamOk ? 'ok' : `higher by more than ${HAM_CALLED_SPAM_SLACK} comment`}`,
  );
  return { pass: f1Ok && hamOk, reasons };
}
