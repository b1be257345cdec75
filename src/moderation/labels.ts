/**
 * Training labels: every moderator's (and site's) decision, with the comment exactly as it was
 * submitted, appended to the Redis stream `<prefix>labels`. The stream outlives comment records,
 * so retraining can replay labels long after the comments expired.
 *
 * Stream entry fields (all strings; empty string = null):
 *   commentId, siteId, label ("spam" | "ham"), actor (moderator id or "site:<id>"),
 *   source ("moderator" | "site"), note, at (ISO 8601),
 *   modelVerdict ("ham" | "unsure" | "spam" | ""), spamProbability, modelVersion,
 *   comment (JSON of the SubmittedComment),
 *   test ("1", only on labels of comments their source sent as tests: retraining skips them).
 * A later entry for the same commentId is a change of mind and supersedes earlier ones: readers
 * should keep the last label per commentId (readLabels below does).
 */
import type { Redis } from 'ioredis';
import type { SubmittedComment } from '../comments/comment.schema.js';
import type { Label, Verdict } from '../classifier/types.js';

export type LabelSource = 'moderator' | 'site';

export interface LabelEntry {
  commentId: string;
  siteId: string;
  label: Label;
  actor: string;
  source: LabelSource;
  note: string | null;
  at: string;
  modelVerdict: Verdict | null;
  spamProbability: number | null;
  modelVersion: string | null;
  comment: SubmittedComment;
  /** The comment was sent as a test (Akismet `is_test`); the label is kept but never trains. */
  test?: boolean;
}

/** A label as stored, with its stream id (milliseconds-sequence, increasing). */
export interface StoredLabel extends LabelEntry {
  streamId: string;
}

/** The stream field/value list for one label. */
export function labelFields(entry: LabelEntry): string[] {
  return [
    'commentId', entry.commentId,
    'siteId', entry.siteId,
    'label', entry.label,
    'actor', entry.actor,
    'source', entry.source,
    'note', entry.note ?? '',
    'at', entry.at,
    'modelVerdict', entry.modelVerdict ?? '',
    'spamProbability', entry.spamProbability === null ? '' : String(entry.spamProbability),
    'modelVersion', entry.modelVersion ?? '',
    'comment', JSON.stringify(entry.comment),
    ...(entry.test ? ['test', '1'] : []),
  ];
}

export function parseLabelFields(streamId: string, flat: string[]): StoredLabel {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) f[flat[i]] = flat[i + 1];
  return {
    streamId,
    commentId: f.commentId,
    siteId: f.siteId,
    label: f.label as Label,
    actor: f.actor,
    source: (f.source as LabelSource) || 'moderator',
    note: f.note || null,
    at: f.at,
    modelVerdict: (f.modelVerdict as Verdict) || null,
    spamProbability: f.spamProbability ? Number(f.spamProbability) : null,
    modelVersion: f.modelVersion || null,
    comment: JSON.parse(f.comment) as SubmittedComment,
    ...(f.test === '1' ? { test: true } : {}),
  };
}

/**
 * Reads labels from the stream in order, starting after `afterStreamId` (exclusive; "0" for all),
 * `batch` entries per round trip. With `latestOnly` (default true) only the last label per
 * comment is returned, in the order of that last label.
 */
export async function readLabels(
  redis: Redis,
  streamKey: string,
  options: { afterStreamId?: string; batch?: number; latestOnly?: boolean } = {},
): Promise<StoredLabel[]> {
  const batch = options.batch ?? 1000;
  let after = options.afterStreamId ?? '0';
  const all: StoredLabel[] = [];
  for (;;) {
    const entries = await redis.xrange(streamKey, `(${after}`, '+', 'COUNT', batch);
    for (const [id, flat] of entries) all.push(parseLabelFields(id, flat));
    if (entries.length < batch) break;
    after = entries[entries.length - 1][0];
  }
  if (options.latestOnly === false) return all;
  const last = new Map<string, StoredLabel>();
  for (const label of all) {
    last.delete(label.commentId);
    last.set(label.commentId, label);
  }
  return [...last.values()];
}
