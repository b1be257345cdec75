/**
 * Stratified train/validation split with a fixed seed.
 *
 * Inputs: examples tagged with source and label, a seed, a validation share.
 * Output: train and validation lists. Within each stratum (source × label) the examples are ranked
 * by sha256(seed, content), the same hash as the classifier's held-out split, and the lowest
 * round(share · n) go to validation. So each stratum (even 20 moderator labels) is represented in
 * proportion, the split is reproducible, and with the model's own seed the seed corpus's validation
 * part is (up to the boundary) the held-out part the shipped model never trained on.
 */
import { createHash } from 'node:crypto';
import type { TrainingExample } from './training-data.js';

export const DEFAULT_VALIDATION_SHARE = 0.2;

function rank(seed: number, content: string): number {
  return createHash('sha256').update(`${seed}\u0000${content}`).digest().readUInt32BE(0);
}

export function stratifiedSplit(
  examples: readonly TrainingExample[],
  seed: number,
  share = DEFAULT_VALIDATION_SHARE,
): { train: TrainingExample[]; validation: TrainingExample[] } {
  // Per stratum a list of indices, ranks in one typed array: no object per example.
  const ranks = new Float64Array(examples.length);
  const strata = new Map<string, number[]>();
  examples.forEach((e, i) => {
    const key = `${e.source}:${e.label}`;
    let list = strata.get(key);
    if (!list) strata.set(key, (list = []));
    list.push(i);
    ranks[i] = rank(seed, e.content);
  });
  const inValidation = new Uint8Array(examples.length);
  for (const list of strata.values()) {
    list.sort((a, b) => ranks[a]! - ranks[b]! || a - b);
    const take = Math.round(share * list.length);
    for (let k = 0; k < take; k++) inValidation[list[k]!] = 1;
  }
  const train: TrainingExample[] = [];
  const validation: TrainingExample[] = [];
  examples.forEach((e, i) => (inValidation[i] ? validation : train).push(e));
  return { train, validation };
}
