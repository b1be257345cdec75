/**
 * A stable train/held-out split: a comment's side depends only on its own text and the seed,
 * so adding or editing other lines of a corpus never moves it, and the benchmark can rebuild the
 * exact held-out set the shipped model was kept from (the seed is stored in the model).
 */
import { createHash } from 'node:crypto';
import type { CommentText } from './types.js';

/** Default share of a corpus kept out of training. */
export const HELD_OUT_SHARE = 0.2;

export function isHeldOut(comment: CommentText, seed: number, share = HELD_OUT_SHARE): boolean {
  const digest = createHash('sha256').update(`${seed}\u0000${comment.content}`).digest();
  return digest.readUInt32BE(0) / 0x1_0000_0000 < share;
}

export function splitHeldOut<T extends CommentText>(examples: readonly T[], seed: number, share = HELD_OUT_SHARE): { train: T[]; heldOut: T[] } {
  const train: T[] = [];
  const heldOut: T[] = [];
  for (const e of examples) (isHeldOut(e, seed, share) ? heldOut : train).push(e);
  return { train, heldOut };
}
