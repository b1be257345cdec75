/**
 * Feature extraction: a comment in, a de-duplicated list of human-readable tokens out.
 *
 * Token families (the prefix is what a moderator sees in `clues`):
 *   word:<stem>            stemmed unigrams of the content
 *   bigram:<stem> <stem>   adjacent stemmed words
 *   url: / domain: / tld: / urlword:   links in the content, including <a href> targets
 *   email: / phone:        contact details dropped in the text
 *   links:, len:, caps:, bang:          bucketed counts
 *   script:, emoji:, mixedscript        what the text is written in
 *   author:, author-domain:, author-tld:, authorword:   the author fields' shape
 *   rel:nocontext | rel:none | rel:low | rel:high       overlap with the article's title/excerpt
 *
 * Presence only (each token once): comments are short, and repeated words say little more.
 * Work is capped (MAX_CONTENT_CHARS) so a 1 MB comment costs the same as a 20 kB one.
 */
import { normalizeText } from './normalize.js';
import { RELEVANCE_STOPWORDS, bigramToken, stem, wordToken, words } from './tokenize.js';
import type { CommentText } from './types.js';

export const MAX_CONTENT_CHARS = 20_000;
const MAX_FIELD_CHARS = 300;
const MAX_CONTEXT_CHARS = 5_000;

const TLDS = 'com|net|org|info|biz|io|co|ru|de|fr|uk|us|xyz|top|online|site|club|tk|ml|ga|cf|gq|pw|cc|ly|gl|ca|au|br|pl|nl|es|eu|tv|app|dev|shop|store|live|blog|link|click|win|vip|pro|su|ua|cn|jp|kr|vn|id|ph|pk|tr|ir|ws|mobi|name|asia|tech|space|website|fun|icu|buzz|cam|bid|loan|men|work|today|news|media|agency|guru|email|life|world|ly';
const URL_RE = new RegExp(
  String.raw`(?:https?:\/\/|www\.)[^\s<>"'()\[\]{}]+|\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:${TLDS})\b(?:\/[^\s<>"'()\[\]{}]*)?|\byoutu\.be\/[^\s<>"']+`,
  'gi',
);
const EMAIL_RE = /[\p{L}\p{N}._%+-]+@((?:[\p{L}\p{N}-]+\.)+[\p{L}]{2,})/gu;
const PHONE_RE = /(?:\+|\b)\d[\d\s().-]{8,18}\d\b/g;
const SHORTENERS = new Set(['bit.ly', 'goo.gl', 'tinyurl.com', 't.co', 'ow.ly', 'is.gd', 'buff.ly', 'adf.ly', 'cutt.ly', 'rebrand.ly', 'shorturl.at', 'tiny.cc', 'youtu.be']);
const EMOJI_RE = /\p{Extended_Pictographic}/u;
const UPPER_RE = /\p{Lu}/gu;
const LETTER_RE = /\p{L}/gu;
const SCRIPTS: Array<[string, RegExp]> = [
  ['cyrillic', /\p{Script=Cyrillic}/u],
  ['greek', /\p{Script=Greek}/u],
  ['arabic', /\p{Script=Arabic}/u],
  ['hebrew', /\p{Script=Hebrew}/u],
  ['han', /\p{Script=Han}/u],
  ['kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['hangul', /\p{Script=Hangul}/u],
  ['devanagari', /\p{Script=Devanagari}/u],
  ['thai', /\p{Script=Thai}/u],
];
const NON_ASCII = /[^\x00-\x7F]/;

/** Commercial words that make an author "name" a keyword phrase rather than a person. */
const KEYWORD_NAME_WORDS = new Set(
  ('buy cheap best online service services seo casino loan loans essay essays free discount shop store '
    + 'agency company insurance repair support marketing crypto bitcoin pills pharmacy deal deals sale '
    + 'hosting software download review reviews writing writer help cleaning plumbing lawyer dentist '
    + 'viagra cialis bet betting poker forex trading escort escorts dating hack hacks followers likes '
    + 'solutions consulting design web digital')
    .split(' '),
);

function bucket(value: number, edges: number[], names: string[]): string {
  for (let i = 0; i < edges.length; i++) if (value < edges[i]!) return names[i]!;
  return names[names.length - 1]!;
}

function hostOf(url: string): { host: string; path: string } | null {
  let rest = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const cut = rest.search(/[/?#]/);
  const host = (cut === -1 ? rest : rest.slice(0, cut)).replace(/^www\d?\./, '').replace(/:\d+$/, '').replace(/\.$/, '');
  rest = cut === -1 ? '' : rest.slice(cut);
  if (!host || host.length > 253 || !host.includes('.')) return null;
  return { host: host.toLowerCase(), path: rest };
}

/** The registrable part of a host, approximately: last two labels, three for "co.uk"-style. */
function registrable(host: string): string {
  const labels = host.split('.');
  if (labels.length <= 2) return host;
  const sld = labels[labels.length - 2]!;
  const n = sld.length <= 3 && ['co', 'com', 'net', 'org', 'ac', 'gov', 'edu'].includes(sld) ? 3 : 2;
  return labels.slice(-n).join('.');
}

function addUrl(out: Set<string>, url: string, prefix: string): void {
  const parsed = hostOf(url);
  if (!parsed) return;
  const { host, path } = parsed;
  out.add(`${prefix}domain:${host}`);
  const reg = registrable(host);
  if (reg !== host) out.add(`${prefix}domain:${reg}`);
  out.add(`${prefix}tld:${host.slice(host.lastIndexOf('.') + 1)}`);
  if (SHORTENERS.has(host)) out.add(`${prefix}url:shortener`);
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) out.add(`${prefix}url:ip`);
  if (prefix === '') {
    out.add(path.length > 1 ? 'url:with-path' : 'url:bare-host');
    for (const w of path.toLowerCase().split(/[^a-z0-9]+/)) {
      if (w.length >= 3 && w.length <= 20 && !/^\d+$/.test(w)) out.add(`urlword:${stem(w)}`);
    }
  } else if (path.replace(/[/?#]+$/, '').length > 1) {
    out.add(`${prefix}url:with-path`);
  }
}

function contentVocabulary(stems: string[]): Set<string> {
  const vocab = new Set<string>();
  for (const s of stems) if (s.length >= 3 && !RELEVANCE_STOPWORDS.has(s) && !/^\d+$/.test(s)) vocab.add(s);
  return vocab;
}

const contextCache = new Map<string, Set<string>>();

function addRelevance(out: Set<string>, stems: string[], context: CommentText['context']): void {
  const title = typeof context?.title === 'string' ? context.title : '';
  const excerpt = typeof context?.excerpt === 'string' ? context.excerpt : '';
  if (!title.trim() && !excerpt.trim()) {
    out.add('rel:nocontext');
    return;
  }
  const key = `${title}\n${excerpt}`.slice(0, MAX_CONTEXT_CHARS);
  // Many comments share one article: cache its vocabulary.
  let ctxVocab = contextCache.get(key);
  if (ctxVocab === undefined) {
    ctxVocab = contentVocabulary(words(normalizeText(key).text).map(stem));
    if (contextCache.size >= 1000) contextCache.clear();
    contextCache.set(key, ctxVocab);
  }
  const mine = contentVocabulary(stems);
  let overlap = 0;
  for (const s of mine) if (ctxVocab.has(s)) overlap++;
  out.add(overlap === 0 ? 'rel:none' : overlap === 1 ? 'rel:low' : 'rel:high');
}

function addAuthor(out: Set<string>, author: CommentText['author']): void {
  const name = typeof author?.name === 'string' ? author.name.slice(0, MAX_FIELD_CHARS) : '';
  const url = typeof author?.url === 'string' ? author.url.slice(0, MAX_FIELD_CHARS).trim() : '';
  const email = typeof author?.email === 'string' ? author.email.slice(0, MAX_FIELD_CHARS).trim() : '';

  if (!name.trim()) {
    out.add('author:no-name');
  } else {
    const norm = normalizeText(name).text;
    URL_RE.lastIndex = 0;
    const nameUrls = norm.match(URL_RE);
    if (nameUrls) {
      out.add('author:name-is-url');
      for (const u of nameUrls) addUrl(out, u, 'author-');
    }
    const nameWords = words(norm);
    const stems = nameWords.map(stem);
    if (nameWords.length >= 4 || stems.some((s, i) => KEYWORD_NAME_WORDS.has(nameWords[i]!) || KEYWORD_NAME_WORDS.has(s))) {
      out.add('author:keyword-name');
    }
    if (/\d{3,}/.test(norm)) out.add('author:name-digits');
    for (const s of stems) if (KEYWORD_NAME_WORDS.has(s) || KEYWORD_NAME_WORDS.has(s + 's')) out.add(`authorword:${s}`);
  }
  if (url) {
    out.add('author:has-url');
    addUrl(out, url, 'author-');
  }
  if (email) {
    const at = email.lastIndexOf('@');
    if (at > 0) {
      // The e-mail domain itself is left out: freemail providers say little, and a corpus's
      // choice of them is an artefact a model should not learn.
      out.add('author:has-email');
      if (/\d{4,}/.test(email.slice(0, at))) out.add('author:email-digits');
    }
  }
}

/** Letters and capitals, with an ASCII fast path (regex \\p{L} matching is slow). */
function letterCase(raw: string): { letters: number; upper: number } {
  let letters = 0;
  let upper = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) letters++;
    else if (c >= 0x41 && c <= 0x5a) {
      letters++;
      upper++;
    } else if (c > 0x7f) {
      return { letters: raw.match(LETTER_RE)?.length ?? 0, upper: raw.match(UPPER_RE)?.length ?? 0 };
    }
  }
  return { letters, upper };
}

/** The feature tokens of one comment, each once. Never throws on odd input. */
export function extractFeatures(comment: CommentText): string[] {
  const out = new Set<string>();
  const raw = typeof comment?.content === 'string' ? comment.content.slice(0, MAX_CONTENT_CHARS) : '';
  const { text: normalized, hrefs, mixedScript } = normalizeText(raw);

  // Links first, then blank them out so "http", "www" and "com" do not become words.
  URL_RE.lastIndex = 0;
  const urls = normalized.match(URL_RE) ?? [];
  let linkCount = hrefs.length;
  for (const u of hrefs) addUrl(out, u, '');
  for (const u of urls) {
    if (u.includes('@')) continue;
    linkCount++;
    addUrl(out, u, '');
  }
  let text = urls.length > 0 ? normalized.replace(URL_RE, ' ') : normalized;
  if (text.includes('@')) {
    EMAIL_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    let emails = 0;
    while ((m = EMAIL_RE.exec(text)) !== null && emails < 10) {
      emails++;
      out.add('email:yes');
      out.add(`email:${m[1]!.slice(m[1]!.lastIndexOf('.') + 1)}`);
    }
    if (emails > 0) text = text.replace(EMAIL_RE, ' ');
  }
  PHONE_RE.lastIndex = 0;
  if (/\d{3}/.test(text) && PHONE_RE.test(text)) out.add('phone:yes');

  const ws = words(text);
  const stems = new Array<string>(ws.length);
  for (let i = 0; i < ws.length; i++) {
    const s = stem(ws[i]!);
    stems[i] = s;
    out.add(wordToken(s));
    if (i > 0) out.add(bigramToken(stems[i - 1]!, s));
  }

  out.add(`links:${bucket(linkCount, [1, 2, 3], ['0', '1', '2', '3+'])}`);
  out.add(`len:${bucket(raw.length, [20, 60, 150, 400, 1000], ['xs', 's', 'm', 'l', 'xl', 'xxl'])}`);
  const { letters, upper } = raw.length < 2000 ? letterCase(raw) : { letters: 0, upper: 0 };
  if (letters >= 12) out.add(`caps:${bucket(upper / letters, [0.08, 0.3, 0.7], ['low', 'mid', 'high', 'shout'])}`);
  let bangs = 0;
  for (let i = raw.indexOf('!'); i !== -1 && bangs < 10; i = raw.indexOf('!', i + 1)) bangs++;
  out.add(`bang:${bucket(bangs, [1, 2, 4], ['0', '1', '2-3', '4+'])}`);

  if (NON_ASCII.test(normalized)) {
    for (const [name, re] of SCRIPTS) if (re.test(normalized)) out.add(`script:${name}`);
    if (EMOJI_RE.test(normalized)) out.add('emoji:yes');
  }
  if (mixedScript) out.add('mixedscript:yes');

  addAuthor(out, comment?.author);
  addRelevance(out, stems, comment?.context);
  return [...out];
}
