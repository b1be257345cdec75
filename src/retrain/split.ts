/**
 * Stratified train/validation split with a fixed seed.
 *
 * Inputs: examples tagged with source and label, a seed, a validation share.
 * Output: train and validation lists.
 *  - Seed-corpus and --corpus examples go by the classifier's held-out split (isHeldOut): whole
 *    groups (the seed corpus's articles) or else single comments, by a hash of the seed. With the
 *    model's own seed that is exactly the part the shipped model was kept from (the shipped
 *    trainer holds out the YouTube collection the same way), so the gate scores the current model
 *    on comments it never trained on, as it does the candidate.
 *  - Moderator labels are ranked within their label by sha256(seed, content), and the lowest
 *    round(share · n) go to validation, so even 20 labels are represented in proportion.
 * Either way the split is reproducible.
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
    if (e.source !== 'labels') {
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
