/**
 * Akismet's request fields and how they map onto Chaff's comment. Pure functions, no I/O.
 *
 * Mapped into the comment: comment_content → content, comment_author → author.name,
 * comment_author_email → author.email, comment_author_url → author.url, user_ip → author.ip (when
 * it is an IP address), user_agent → author.userAgent, permalink → permalink,
 * comment_date_gmt → createdAt. Every other field (referrer, comment_type, blog, blog_lang,
 * blog_charset, user_role, is_test, recheck_reason, comment_post_modified_gmt, honeypot_field_name
 * and the honeypot field, and any unknown field) is kept with the record as `extra`.
 * The key fields (`key`, `api_key`) are never stored.
 */
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { MAX_CONTENT_CHARS, type SubmittedComment } from '../../comments/comment.schema.js';

export type AkismetForm = Record<string, string>;

export const AKISMET_THANKS = 'Thanks for making the web a better place.';
export const GUARANTEED_SPAM_AUTHOR = 'akismet-guaranteed-spam';
export const GUARANTEED_SPAM_EMAIL = 'akismet-guaranteed-spam@example.com';

const KEY_FIELDS = new Set(['key', 'api_key']);
const MAPPED = new Set([
  'comment_content', 'comment_author', 'comment_author_email', 'comment_author_url', 'user_ip', 'user_agent', 'permalink',
]);
const MAX_EXTRA_FIELDS = 100;
const MAX_EXTRA_VALUE_CHARS = 2000;

/** Flattens a parsed urlencoded body to string fields (repeated fields keep the first value). */
export function toAkismetForm(body: unknown): AkismetForm {
  const out: AkismetForm = {};
  if (!body || typeof body !== 'object' || Array.isArray(body)) return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    const value = Array.isArray(v) ? v[0] : v;
    if (typeof value === 'string') out[k] = value;
  }
  return out;
}

/**
 * The API key of a request: the `api_key` or `key` field, else the first label of the Host header
 * (`<key>.chaff.example.org`, how most clients send it). IP-address hosts and single-label hosts
 * carry no key.
 */
export function akismetKey(form: AkismetForm, hostHeader: string | undefined): string | null {
  const fromForm = form.api_key || form.key;
  if (fromForm) return fromForm;
  if (!hostHeader) return null;
  const host = hostHeader.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) return null;
  const labels = host.split('.');
  if (labels.length < 2 || !labels[0]) return null;
  return labels[0];
}

const truthy = (v: string | undefined) => v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';

export function isTestRequest(form: AkismetForm): boolean {
  return truthy(form.is_test);
}

/** Akismet's documented test triggers: 'spam' and 'ham' answers without scoring. */
export function testTrigger(form: AkismetForm): 'spam' | 'ham' | null {
  if (form.comment_author === GUARANTEED_SPAM_AUTHOR || form.comment_author_email?.toLowerCase() === GUARANTEED_SPAM_EMAIL) return 'spam';
  if (form.user_role?.toLowerCase() === 'administrator') return 'ham';
  return null;
}

/** True when the site's honeypot field (named by honeypot_field_name) was filled in: a bot. */
export function honeypotFilled(form: AkismetForm): boolean {
  const name = form.honeypot_field_name;
  return !!name && !KEY_FIELDS.has(name) && (form[name] ?? '').trim() !== '';
}

const cut = (value: string | undefined, max: number) => {
  const v = value?.trim();
  return v ? v.slice(0, max) : undefined;
};

/** Parses Akismet's comment_date_gmt (ISO 8601, or WordPress's "YYYY-MM-DD hh:mm:ss" in UTC). */
function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const normalized = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(value) ? `${value.replace(' ', 'T')}Z` : value;
  const ms = Date.parse(normalized);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/** Maps an Akismet request onto Chaff's comment, keeping every unmapped field (but the key) as extra. */
export function akismetToComment(form: AkismetForm): { comment: SubmittedComment; extra: Record<string, string> } {
  const content =
    cut(form.comment_content, MAX_CONTENT_CHARS) ?? cut(form.comment_author_url, 2000) ?? cut(form.comment_author, 200) ?? '(empty comment)';
  const ip = form.user_ip?.trim();
  const author = {
    name: cut(form.comment_author, 200),
    email: cut(form.comment_author_email, 320),
    url: cut(form.comment_author_url, 2000),
    ip: ip && isIP(ip) !== 0 ? ip : undefined,
    userAgent: cut(form.user_agent, 1000),
  };
  const definedAuthor = Object.fromEntries(Object.entries(author).filter(([, v]) => v !== undefined));
  const comment: SubmittedComment = { content };
  if (Object.keys(definedAuthor).length > 0) comment.author = definedAuthor;
  const permalink = cut(form.permalink, 2000);
  if (permalink) comment.permalink = permalink;
  const createdAt = isoDate(form.comment_date_gmt);
  if (createdAt) comment.createdAt = createdAt;

  const extra: Record<string, string> = {};
  for (const [k, v] of Object.entries(form)) {
    if (KEY_FIELDS.has(k) || MAPPED.has(k) || Object.keys(extra).length >= MAX_EXTRA_FIELDS) continue;
    if (k === 'comment_date_gmt' && createdAt) continue;
    extra[k] = v.slice(0, MAX_EXTRA_VALUE_CHARS);
  }
  if (ip && !author.ip) extra.user_ip = ip.slice(0, 200);
  return { comment, extra };
}

/**
 * Identifies "the same comment" across comment-check and a later submit-spam/ham that does not
 * carry the guid: a hash of its text, author fields, permalink and IP.
 */
export function akismetFingerprint(form: AkismetForm): string {
  const parts = [form.comment_content, form.comment_author, form.comment_author_email, form.comment_author_url, form.permalink, form.user_ip];
  return createHash('sha256').update(JSON.stringify(parts.map((p) => p?.trim() ?? '')), 'utf8').digest('hex').slice(0, 32);
}
