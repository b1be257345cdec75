/**
 * Gathering retraining data: moderator (and site) labels replayed from the Redis `labels` stream,
 * the seed corpus, and extra corpora, deduplicated by normalised text.
 *
 * Inputs: examples from each source in order (seed, then corpora, then labels in stream order).
 * Output: one example per normalised text, each tagged with its source; a later source (and a
 * later label) replaces an earlier one with the same text, so a moderator's label overrides the
 * seed corpus and a moderator's change of mind overrides their first decision. Texts are keyed by
 * a SHA-1 of the normalised content so a million comments do not keep a second copy of each text.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { type CommentText, type Label, type LabelledComment, normalizeText } from '../classifier/index.js';
import { parseLabelFields, type LabelSource } from '../moderation/labels.js';

/** Where an example came from; the split stratifies by it and training weights labels by it. */
export type ExampleSource = 'labels' | 'seed' | 'corpus';

export interface TrainingExample extends LabelledComment {
  source: ExampleSource;
}

export interface LabelCounts {
  /** Stream entries read (every decision, changes of mind included). */
  entries: number;
  /** Distinct comments labelled (last label per comment). */
  comments: number;
  spam: number;
  ham: number;
  bySource: Record<LabelSource, number>;
  /** Stream id of the last entry read ("0" when the stream is empty). */
  lastStreamId: string;
}

export interface ReadLabelsProgress {
  (entriesSoFar: number, total: number): void;
}

/** The parts of a submitted comment the classifier reads. */
export function commentText(comment: CommentText): CommentText {
  const out: CommentText = { content: comment.content };
  if (comment.author) out.author = comment.author;
  if (comment.permalink) out.permalink = comment.permalink;
  if (comment.context) out.context = comment.context;
  return out;
}

/**
 * Replays the labels stream in batches, keeping the last label per comment (in the order of that
 * last label). Reads entries up to the stream's length at the start, so labels added meanwhile
 * wait for the next retrain.
 */
export async function readLabelExamples(
  redis: Redis,
  streamKey: string,
  options: { batch?: number; onProgress?: ReadLabelsProgress } = {},
): Promise<{ examples: LabelledComment[]; counts: LabelCounts }> {
  const batch = options.batch ?? 10_000;
  const total = await redis.xlen(streamKey);
  const last = new Map<string, LabelledComment>();
  const bySource: Record<LabelSource, number> = { moderator: 0, site: 0 };
  const fetch = (after: string) => redis.xrange(streamKey, `(${after}`, '+', 'COUNT', batch);
  let after = '0';
  let entries = 0;
  // The next batch is requested before this one is parsed, so Redis and parsing overlap.
  let pending = total > 0 ? fetch(after) : Promise.resolve([] as Array<[string, string[]]>);
  while (entries < total) {
    const rows = await pending;
    if (rows.length > 0) after = rows[rows.length - 1]![0];
    const more = rows.length === batch && entries + rows.length < total;
    if (more) pending = fetch(after);
    for (const [id, flat] of rows) {
      const label = parseLabelFields(id, flat);
      if (label.label !== 'spam' && label.label !== 'ham') continue;
      last.delete(label.commentId);
      last.set(label.commentId, { ...commentText(label.comment), label: label.label });
      bySource[label.source] = (bySource[label.source] ?? 0) + 1;
    }
    entries += rows.length;
    options.onProgress?.(entries, total);
    if (!more) break;
  }
  const examples = [...last.values()];
  let spam = 0;
  for (const e of examples) if (e.label === 'spam') spam++;
  return {
    examples,
    counts: { entries, comments: examples.length, spam, ham: examples.length - spam, bySource, lastStreamId: after },
  };
}

/** Key for deduplication: normalised text (case, entities, look-alikes, whitespace folded). */
export function dedupeKey(content: string): string {
  const text = normalizeText(content).text.replace(/\s+/g, ' ').trim();
  return createHash('sha1').update(text).digest('base64');
}

export interface DedupeResult {
  examples: TrainingExample[];
  /** Examples dropped because a later one had the same normalised text. */
  duplicates: number;
  /** Of those, how many had the other label (the later one won). */
  conflicts: number;
}

/** Later sources win: pass seed first, then corpora, then labels. */
export function dedupe(sources: ReadonlyArray<{ source: ExampleSource; examples: readonly LabelledComment[] }>): DedupeResult {
  const byKey = new Map<string, TrainingExample>();
  let duplicates = 0;
  let conflicts = 0;
  for (const { source, examples } of sources) {
    for (const e of examples) {
      if (e.label !== 'spam' && e.label !== 'ham') continue;
      const key = dedupeKey(e.content);
      const previous = byKey.get(key);
      if (previous) {
        duplicates++;
        if (previous.label !== e.label) conflicts++;
        byKey.delete(key); // re-insert so the order follows the winning example
      }
      byKey.set(key, { ...e, source });
    }
  }
  return { examples: [...byKey.values()], duplicates, conflicts };
}

export function countLabels(examples: readonly { label: Label }[]): { spam: number; ham: number } {
  let spam = 0;
  for (const e of examples) if (e.label === 'spam') spam++;
  return { spam, ham: examples.length - spam };
}
