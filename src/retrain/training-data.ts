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
import type { LabelSource } from '../moderation/labels.js';

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
  /** Entries skipped because their comment was sent as a test (Akismet `is_test`). */
  test: number;
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
 * Server-side projection of a batch of label entries: [id, "commentId\0label\0source\0test\0comment JSON", …].
 * Returning two strings per entry instead of the 22 of XRANGE cuts the client's reply parsing,
 * which dominated reading a million labels, about threefold. JSON never holds a raw NUL.
 */
const READ_LABELS_LUA = `
local rows = redis.call('XRANGE', KEYS[1], ARGV[1], '+', 'COUNT', tonumber(ARGV[2]))
local out = {}
for _, row in ipairs(rows) do
  local f = row[2]
  local c, l, s, t, j = '', '', '', '', ''
  for k = 1, #f, 2 do
    local name = f[k]
    if name == 'commentId' then c = f[k + 1]
    elseif name == 'label' then l = f[k + 1]
    elseif name == 'source' then s = f[k + 1]
    elseif name == 'test' then t = f[k + 1]
    elseif name == 'comment' then j = f[k + 1] end
  end
  out[#out + 1] = row[1]
  out[#out + 1] = c .. '\\0' .. l .. '\\0' .. s .. '\\0' .. t .. '\\0' .. j
end
return out`;

/**
 * Replays the labels stream in batches, keeping the last label per comment (in the order of that
 * last label). Reads entries up to the stream's length at the start, so labels added meanwhile
 * wait for the next retrain. (Entry format: src/moderation/labels.ts.)
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
  const fetch = (start: string) => redis.eval(READ_LABELS_LUA, 1, streamKey, start, batch) as Promise<string[]>;
  let after = '0';
  let entries = 0;
  let test = 0;
  // The next batch is requested before this one is parsed, so Redis and parsing overlap.
  let pending = total > 0 ? fetch('-') : Promise.resolve([] as string[]);
  while (entries < total) {
    const rows = await pending;
    const n = rows.length / 2;
    if (n > 0) after = rows[rows.length - 2]!;
    const more = n === batch && entries + n < total;
    if (more) pending = fetch(`(${after}`);
    for (let i = 1; i < rows.length; i += 2) {
      const [commentId, label, source, testMark, json] = rows[i]!.split('\0', 5) as [string, string, string, string, string];
      if (label !== 'spam' && label !== 'ham') continue;
      // A test comment's labels are kept in the stream (webhooks, history) but never train.
      if (testMark === '1') {
        test++;
        continue;
      }
      last.delete(commentId);
      // One object per label (not parse + commentText + spread): a million labels are read here.
      const parsed = JSON.parse(json) as CommentText;
      const example: LabelledComment = { content: parsed.content, label };
      if (parsed.author) example.author = parsed.author;
      if (parsed.permalink) example.permalink = parsed.permalink;
      if (parsed.context) example.context = parsed.context;
      last.set(commentId, example);
      const from: LabelSource = source === 'site' ? 'site' : 'moderator';
      bySource[from]++;
    }
    entries += n;
    options.onProgress?.(entries, total);
    if (!more) break;
  }
  const examples = [...last.values()];
  let spam = 0;
  for (const e of examples) if (e.label === 'spam') spam++;
  return {
    examples,
    counts: { entries, comments: examples.length, spam, ham: examples.length - spam, bySource, lastStreamId: after, test },
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

/** Later sources win: pass seed first, then corpora, then labels. Tags the given objects with their source. */
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
      // Tagged in place rather than copied: a million labels should not exist twice in memory.
      const tagged = e as TrainingExample;
      tagged.source = source;
      byKey.set(key, tagged);
    }
  }
  return { examples: [...byKey.values()], duplicates, conflicts };
}

export function countLabels(examples: readonly { label: Label }[]): { spam: number; ham: number } {
  let spam = 0;
  for (const e of examples) if (e.label === 'spam') spam++;
  return { spam, ham: examples.length - spam };
}
