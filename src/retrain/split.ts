/**
 * Stratified train/validation split with a fixed seed.
 *
 * Inputs: examples tagged with source and label, a seed, a validation share.
 * Output: train and validation lists.
 *  - Examples with a group (the seed corpus's article) go by the classifier's held-out split
 *    (isHeldOut): whole articles to one side. With the model's own seed that is exactly the part of
 *    the seed corpus the shipped model was kept from, so the gate scores the current model on
 *    comments it never trained on, as it does the candidate.
 *  - The others are ranked within their stratum (source × label) by sha256(seed, content), and the
 *    lowest round(share · n) go to validation, so each stratum (even 20 moderator labels) is
 *    represented in proportion. Either way the split is reproducible.
 */
import { createHash } from 'node:crypto';
import { isHeldOut } from '../classifier/index.js';
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
  const inValidation = new Uint8Array(examples.length);
  examples.forEach((e, i) => {
    if (typeof e.group === 'string') {
      inValidation[i] = isHeldOut(e, seed, share) ? 1 : 0;
      return;
    }
    const key = `${e.source}:${e.label}`;
    let list = strata.get(key);
    if (!list) strata.set(key, (list = []));
    list.push(i);
    ranks[i] = rank(seed, e.content);
  });
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
