/**
 * A stable train/held-out split: a comment's side depends only on its group (the article it was
 * posted under, when the corpus says) or else its own text, and the seed. So adding or editing
 * other lines never moves it, the benchmark can rebuild the exact held-out set the shipped model
 * was kept from (the seed is stored in the model), and, split by article, near-duplicate comments
 * on one article never sit on both sides: the held-out figures measure unseen articles.
 */
import { createHash } from 'node:crypto';
import type { CommentText } from './types.js';

/** Default share of a corpus kept out of training. */
export const HELD_OUT_SHARE = 0.2;

export function isHeldOut(comment: CommentText & { group?: string }, seed: number, share = HELD_OUT_SHARE): boolean {
  const key = typeof comment.group === 'string' ? `group\u0000${comment.group}` : comment.content;
  const digest = createHash('sha256').update(`${seed}\u0000${key}`).digest();
  return digest.readUInt32BE(0) / 0x1_0000_0000 < share;
}

export function splitHeldOut<T extends CommentText & { group?: string }>(examples: readonly T[], seed: number, share = HELD_OUT_SHARE): { train: T[]; heldOut: T[] } {
  const train: T[] = [];
  const heldOut: T[] = [];
  for (const e of examples) (isHeldOut(e, seed, share) ? heldOut : train).push(e);
  return { train, heldOut };
}
