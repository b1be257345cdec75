/**
 * The promotion gate: a candidate replaces the current model only if, on the same validation
 * split, its spam F1 (at p = 0.5, as `chaff eval` prints it) is no more than `maxF1Drop` below the
 * current model's, and its share of ham called spam at its cutoffs (the costly error) is no higher.
 */
import type { EvalMetrics } from '../classifier/index.js';

/** 0.5 percentage points of F1. */
export const DEFAULT_MAX_F1_DROP = 0.005;
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
  const hamOk = candidate.atCutoffs.hamCalledSpam <= current.atCutoffs.hamCalledSpam + EPSILON;
  reasons.push(
    `ham called spam ${pct(candidate.atCutoffs.hamCalledSpam)} vs current ${pct(current.atCutoffs.hamCalledSpam)}: ${hamOk ? 'ok' : 'higher'}`,
  );
  return { pass: f1Ok && hamOk, reasons };
}
