/**
 * Labelled corpora for training and evaluation.
 *
 * JSONL: one object a line with `label` ("spam" | "ham", in any case), the text in `content` or
 * `text`, and optional `author` (an object, or a plain name string) and `context` ({ title,
 * excerpt }), and an optional `group` (or `article`) that keeps related comments on one side of a
 * held-out split.
 * A line may instead use Akismet's field names (`comment_content`, `comment_author`, …; see
 * commentFromAkismetFields), as a WordPress comment export does.
 * YouTube Spam Collection CSV: header COMMENT_ID,AUTHOR,DATE,CONTENT,CLASS; CLASS 1 is spam.
 * DATE is never read: in the Eminem file it is empty exactly on spam rows, a label leak.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CommentText, LabelledComment } from '../classifier/index.js';
import { AppError } from '../errors.js';
import { akismetToComment, toAkismetForm } from '../integrations/akismet/akismet-fields.js';
import { parseCsv } from './csv.js';

/** A corpus file that cannot be read as labelled comments; the message names the file and line. */
export class CorpusFormatError extends AppError {
  constructor(source: string, line: number, problem: string) {
    super('invalid_corpus', 400, `${source}:${line}: ${problem}`, { source, line });
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** WordPress's comment columns that differ from Akismet's field names (wp_comments exports). */
const WORDPRESS_ALIASES: Record<string, string> = { comment_author_IP: 'user_ip', comment_agent: 'user_agent' };

/**
 * A comment in Akismet's field names (comment_content, comment_author, comment_author_email,
 * comment_author_url, user_ip, user_agent, permalink; WordPress's comment_author_IP and
 * comment_agent too), mapped the way the Akismet endpoint maps them.
 */
function commentFromAkismetFields(obj: Record<string, unknown>): CommentText {
  const form = toAkismetForm(obj);
  for (const [from, to] of Object.entries(WORDPRESS_ALIASES)) if (form[from] !== undefined && form[to] === undefined) form[to] = form[from]!;
  const { comment } = akismetToComment(form);
  return { content: comment.content, ...(comment.author ? { author: comment.author } : {}), ...(comment.permalink ? { permalink: comment.permalink } : {}) };
}

/**
 * A comment body from a JSON object: `content` or `text`, plus author/context when well-formed
 * (or, without `author`, author fields given flat, as Akismet names them or as author_name,
 * author_email and author_url); or, failing those, a comment in Akismet's (and WordPress's) field
 * names.
 */
export function commentFromJson(obj: Record<string, unknown>): CommentText | null {
  const content = typeof obj.content === 'string' ? obj.content : typeof obj.text === 'string' ? obj.text : null;
  if (content === null) return typeof obj.comment_content === 'string' ? commentFromAkismetFields(obj) : null;
  const comment: CommentText = { content };
  if (typeof obj.author === 'string') comment.author = { name: obj.author };
  else if (isObject(obj.author)) {
    const a = obj.author;
    comment.author = {};
    for (const key of ['name', 'email', 'url', 'ip', 'userAgent'] as const) {
      if (typeof a[key] === 'string') comment.author[key] = a[key] as string;
    }
  } else {
    // Without an `author`, author fields given flat beside `content` count, read by the Akismet
    // mapping: losing a spammer's website would lose most of what gives the comment away.
    const { author } = commentFromAkismetFields({ comment_author: obj.author_name, comment_author_email: obj.author_email, comment_author_url: obj.author_url, ...obj });
    if (author) comment.author = author;
  }
  if (isObject(obj.context)) {
    comment.context = {};
    if (typeof obj.context.title === 'string') comment.context.title = obj.context.title;
    if (typeof obj.context.excerpt === 'string') comment.context.excerpt = obj.context.excerpt;
  }
  if (typeof obj.permalink === 'string') comment.permalink = obj.permalink;
  return comment;
}

/** Parse JSONL labelled comments; blank lines are skipped, anything else malformed throws. */
export function parseJsonlCorpus(text: string, source = 'corpus'): LabelledComment[] {
  const out: LabelledComment[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch {
      throw new CorpusFormatError(source, i + 1, 'not valid JSON');
    }
    if (!isObject(obj)) throw new CorpusFormatError(source, i + 1, 'expected a JSON object');
    // "Spam" and " HAM " are what a hand-made or exported file says as often as "spam".
    const label = typeof obj.label === 'string' ? obj.label.trim().toLowerCase() : obj.label;
    if (label !== 'spam' && label !== 'ham') throw new CorpusFormatError(source, i + 1, `label must be "spam" or "ham", got ${JSON.stringify(obj.label) ?? 'nothing'}`);
    const comment = commentFromJson(obj);
    if (!comment) throw new CorpusFormatError(source, i + 1, 'needs a string "content", "text" or "comment_content"');
    const group = typeof obj.group === 'string' ? obj.group : typeof obj.article === 'string' ? obj.article : undefined;
    // Assigned rather than spread: V8 gave each spread copy a hidden class of its own (1,983 for
    // 2,101 comments), so every read of a comment field missed the property cache.
    const labelled = comment as LabelledComment;
    labelled.label = label;
    if (group !== undefined) labelled.group = group;
    out.push(labelled);
  }
  return out;
}

/** Parse a YouTube Spam Collection CSV file. */
export function parseYoutubeCsv(text: string, source = 'youtube.csv'): LabelledComment[] {
  const rows = parseCsv(text);
  const header = rows[0]?.map((h) => h.trim().toUpperCase()) ?? [];
  const authorAt = header.indexOf('AUTHOR');
  const contentAt = header.indexOf('CONTENT');
  const classAt = header.indexOf('CLASS');
  if (contentAt === -1 || classAt === -1) {
    throw new CorpusFormatError(source, 1, 'expected the header COMMENT_ID,AUTHOR,DATE,CONTENT,CLASS');
  }
  const out: LabelledComment[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    if (row.length === 1 && row[0] === '') continue;
    const cls = row[classAt]?.trim();
    if (cls !== '0' && cls !== '1') throw new CorpusFormatError(source, r + 1, `CLASS must be 0 or 1, got ${JSON.stringify(cls)}`);
    const comment: LabelledComment = { content: row[contentAt] ?? '', label: cls === '1' ? 'spam' : 'ham' };
    const author = authorAt === -1 ? '' : (row[authorAt] ?? '');
    if (author) comment.author = { name: author };
    out.push(comment);
  }
  return out;
}

/** Read a corpus file, choosing the format by extension (.csv is YouTube CSV, else JSONL). */
export async function readCorpusFile(file: string): Promise<LabelledComment[]> {
  const text = await readFile(file, 'utf8');
  return path.extname(file).toLowerCase() === '.csv' ? parseYoutubeCsv(text, file) : parseJsonlCorpus(text, file);
}

/** Spam and ham counts, for a model's `corpora` provenance. */
export function corpusInfo(name: string, examples: readonly LabelledComment[]): { name: string; spam: number; ham: number } {
  let spam = 0;
  for (const e of examples) if (e.label === 'spam') spam++;
  return { name, spam, ham: examples.length - spam };
}
