/**
 * Keyset pagination over a Redis sorted set, newest (highest score) first.
 *
 * Inputs: a zset key, optional score bounds, an opaque cursor from the previous page, a page size.
 * Output: up to `limit` (member, score) entries that come strictly after the cursor in the order
 * (score desc, member desc) — the order ZREVRANGEBYSCORE uses.
 *
 * Idea: the cursor is the (score, member) of the last entry shown, not an offset, so comments that
 * arrive (higher scores) or leave (decided) while a moderator pages never shift what the next page
 * holds: nothing is skipped, nothing shown twice. Entries tied with the cursor's score are read
 * with one exact-score range and filtered by member; the indexes keep tie groups small.
 */
import type { Redis } from 'ioredis';
import { ValidationError } from '../errors.js';

export interface KeysetCursor {
  /** The score exactly as Redis printed it, so it parses back to the same double. */
  score: string;
  member: string;
}

export interface ScoreBounds {
  /** Inclusive lower bound. */
  min?: number;
  /** Exclusive upper bound. */
  maxExclusive?: number;
}

export interface ZsetEntry {
  member: string;
  score: string;
}

const MEMBER = /^c_[0-9a-f]{24}$/;
const SCORE = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(`${cursor.score}~${cursor.member}`, 'utf8').toString('base64url');
}

/** Parses a cursor from a query string; a malformed one is the caller's mistake (400). */
export function decodeCursor(raw: string): KeysetCursor {
  const text = /^[A-Za-z0-9_-]{1,200}$/.test(raw) ? Buffer.from(raw, 'base64url').toString('utf8') : '';
  const [score, member] = text.split('~');
  if (!score || !member || !SCORE.test(score) || !MEMBER.test(member)) {
    throw new ValidationError('cursor is not one this API returned; start again without it.', [
      { field: 'cursor', message: 'must be a nextCursor value from a previous page' },
    ]);
  }
  return { score, member };
}

/** Reads up to `limit` entries after `after` (or from the top), within `bounds`. */
export async function readDescending(
  redis: Redis,
  key: string,
  options: { after: KeysetCursor | null; limit: number; bounds?: ScoreBounds },
): Promise<ZsetEntry[]> {
  const { after, limit } = options;
  const min = options.bounds?.min ?? -Infinity;
  const maxExclusive = options.bounds?.maxExclusive ?? Infinity;
  const minArg = Number.isFinite(min) ? String(min) : '-inf';
  const out: ZsetEntry[] = [];

  let upper = Number.isFinite(maxExclusive) ? `(${maxExclusive}` : '+inf';
  if (after) {
    const s = Number(after.score);
    if (s < maxExclusive && s >= min) {
      const tied = await redis.zrangebyscore(key, after.score, after.score);
      for (let i = tied.length - 1; i >= 0 && out.length < limit; i--) {
        if (tied[i] < after.member) out.push({ member: tied[i], score: after.score });
      }
      upper = `(${after.score}`;
    } else if (s < min) {
      return [];
    }
  }
  if (out.length >= limit) return out;
  const flat = await redis.zrevrangebyscore(key, upper, minArg, 'WITHSCORES', 'LIMIT', 0, limit - out.length);
  for (let i = 0; i + 1 < flat.length; i += 2) out.push({ member: flat[i], score: flat[i + 1] });
  return out;
}
