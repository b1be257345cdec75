/**
 * Feature extraction: a comment in, a de-duplicated list of human-readable tokens out.
 *
 * Token families (the prefix is what a moderator sees in `clues`):
 *   word:<stem>            stemmed unigrams of the content
 *   bigram:<stem> <stem>   adjacent stemmed words
 *   url: / domain: / tld: / urlword:   links in the content, including <a href> targets;
 *                          url:ref-host for reference sites (docs, wikis, trackers, Q&A, archives,
 *                          government/academic hosts), url:ref-path for tracker/wiki/docs paths
 *   email: / phone:        contact details dropped in the text
 *   links:, len:, caps:, bang:          bucketed counts
 *   script:, emoji:, mixedscript        what the text is written in
 *   author:, author-domain:, author-tld:, authorword:   the author fields' shape
 *   rel:nocontext | rel:none | rel:low | rel:high       overlap with the article's title/excerpt
 *   concrete:code | concrete:quote | concrete:experience   content that generic praise lacks
 *
 * Presence only (each token once): comments are short, and repeated words say little more.
 * Work is capped (MAX_CONTENT_CHARS) so a 1 MB comment costs the same as a 20 kB one.
 *
 * Hot path (scoring ~200-character comments): `collectFeatures` writes feature ids into a
 * FeatureIndex, never token strings. ASCII text (most comments) is split into words by a
 * char-code loop, and the URL, e-mail and phone regexes run only when a cheap check says the
 * text may hold one. `extractFeatures` gives the same features as names, for tests and tools.
 */
import { FeatureIndex, type StemEntry } from './feature-index.js';
import { normalizeText } from './normalize.js';
import { RELEVANCE_STOPWORDS, stem, words } from './tokenize.js';
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
/** Could the (lower-case) text hold a URL? URL_RE needs a scheme, "www." or "label.tld". */
const MAYBE_URL = /[a-z0-9-]\.[a-z]|:\/\//;
const THREE_DIGITS = /\d{3}/;
const MAX_WORD_CHARS = 40;

/** Commercial words that make an author "name" a keyword phrase rather than a person. */
const KEYWORD_NAME_WORDS = new Set(
  ('buy cheap best online service services seo casino loan loans essay essays free discount shop store '
    + 'agency company insurance repair support marketing crypto bitcoin pills pharmacy deal deals sale '
    + 'hosting software download review reviews writing writer help cleaning plumbing lawyer dentist '
    + 'viagra cialis bet betting poker forex trading escort escorts dating hack hacks followers likes '
    + 'solutions consulting design web digital')
    .split(' '),
);

/** Stems s with KEYWORD_NAME_WORDS.has(s) || KEYWORD_NAME_WORDS.has(s + 's'), precomputed. */
const KEYWORD_NAME_MATCH: ReadonlySet<string> = new Set(
  [...KEYWORD_NAME_WORDS].flatMap((k) => (k.endsWith('s') ? [k, k.slice(0, -1)] : [k])),
);

function bucket(value: number, edges: readonly number[], names: readonly string[]): string {
  for (let i = 0; i < edges.length; i++) if (value < edges[i]!) return names[i]!;
  return names[names.length - 1]!;
}

// Bucket edges and the full token names, built once (no string building per comment).
const LINK_EDGES = [1, 2, 3];
const LINK_TOKENS = ['links:0', 'links:1', 'links:2', 'links:3+'];
const LEN_EDGES = [20, 60, 150, 400, 1000];
const LEN_TOKENS = ['len:xs', 'len:s', 'len:m', 'len:l', 'len:xl', 'len:xxl'];
const CAPS_EDGES = [0.08, 0.3, 0.7];
const CAPS_TOKENS = ['caps:low', 'caps:mid', 'caps:high', 'caps:shout'];
const BANG_EDGES = [1, 2, 4];
const BANG_TOKENS = ['bang:0', 'bang:1', 'bang:2-3', 'bang:4+'];

/** Hosts readers cite as references: their class generalises to doc sites the corpus never saw. */
const REF_HOSTS = new Set([
  'github.com', 'gist.github.com', 'gitlab.com', 'codeberg.org', 'bitbucket.org', 'sourceforge.net', 'stackoverflow.com',
  'serverfault.com', 'superuser.com', 'askubuntu.com', 'stackexchange.com', 'developer.mozilla.org', 'web.archive.org',
  'archive.org', 'arxiv.org', 'doi.org', 'pubmed.ncbi.nlm.nih.gov', 'ncbi.nlm.nih.gov', 'nature.com', 'wikipedia.org',
  'wikimedia.org', 'wiktionary.org', 'openstreetmap.org', 'python.org', 'rust-lang.org', 'go.dev', 'nodejs.org',
  'postgresql.org', 'kernel.org', 'man7.org', 'learn.microsoft.com', 'support.apple.com', 'mozilla.org', 'w3.org',
  'ietf.org', 'rfc-editor.org', 'npmjs.com', 'pypi.org', 'crates.io', 'docs.rs', 'pkg.go.dev', 'readthedocs.io',
  'news.ycombinator.com', 'bbc.co.uk', 'bbc.com', 'reuters.com', 'apnews.com', 'theguardian.com', 'nytimes.com', 'npr.org',
]);
const REF_HOST_RE = /^(?:docs|doc|wiki|developer|developers|bugs|bugzilla|issues|support|help|manual|man)\.|\.(?:gov|edu|ac\.[a-z]{2}|gov\.[a-z]{2}|gouv\.fr|bund\.de)$|\.wikipedia\.org$|\.readthedocs\.io$|\.stackexchange\.com$/;
const REF_PATH_RE = /\/(?:issues|pull|commit|blob|tree|wiki|questions|docs|doc|manual|reference|rfc)\/|\/web\/\d{8}/;

function isRefHost(host: string, reg: string): boolean {
  return REF_HOSTS.has(host) || REF_HOSTS.has(reg) || REF_HOST_RE.test(host);
}

const CODE_RE = /`[^`\n]{2,}`|\b[a-z_][\w.]*\(\)|(?:^|\s)--[a-z][a-z-]+|\b[a-z_]+\.[a-z_]+\(|^ {4}\S/im;
const QUOTE_RE = /["\u201c][^"\u201d\n]{3,80}["\u201d]|^> /m;
const EXPERIENCE_RE = /\b(?:i|we|my|our)\b[^.!?\n]{0,40}?\b(?:tried|used|had|found|ran|switched|measured|bought|built|fixed|moved|noticed|replaced|tested|grew|cooked|rode|visited|paid|lost)\b/i;

/**
 * Concrete content, judged without the article: code, a quotation (of the article or another
 * reader), a first-person report of having done something. Generic praise has none of these,
 * whatever the article is about. (Number and mid-sentence-name tokens were tried too and left
 * out: they made YouTube leave-one-video-out worse and helped nothing else.)
 */
function addConcrete(out: FeatureIndex, raw: string, text: string): void {
  const sample = raw.length > 2000 ? raw.slice(0, 2000) : raw;
  // Cheap character checks first: most comments hold none of `, (, -- or an indented line.
  const maybeCode = sample.includes('`') || sample.includes('(') || sample.includes('--') || sample.includes('    ');
  if (maybeCode && CODE_RE.test(sample)) out.addToken('concrete:code');
  if (QUOTE_RE.test(sample)) out.addToken('concrete:quote');
  if (EXPERIENCE_RE.test(text)) out.addToken('concrete:experience');
}

function hostOf(url: string): { host: string; path: string } | null {
  // Each rewrite only when it can apply: these run for every link on the hot path.
  let rest = url.includes('://') ? url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '') : url;
  const cut = rest.search(/[/?#]/);
  let host = cut === -1 ? rest : rest.slice(0, cut);
  if (host.startsWith('www') || host.startsWith('WWW')) host = host.replace(/^www\d?\./i, '');
  if (host.includes(':')) host = host.replace(/:\d+$/, '');
  if (host.endsWith('.')) host = host.slice(0, -1);
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

function addUrl(out: FeatureIndex, url: string, prefix: string): void {
  const parsed = hostOf(url);
  if (!parsed) return;
  const { host, path } = parsed;
  out.addToken(`${prefix}domain:${host}`);
  const reg = registrable(host);
  if (reg !== host) out.addToken(`${prefix}domain:${reg}`);
  out.addToken(`${prefix}tld:${host.slice(host.lastIndexOf('.') + 1)}`);
  if (SHORTENERS.has(host)) out.addToken(`${prefix}url:shortener`);
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) out.addToken(`${prefix}url:ip`);
  if (prefix === '') {
    out.addToken(path.length > 1 ? 'url:with-path' : 'url:bare-host');
    if (isRefHost(host, reg)) out.addToken('url:ref-host');
    if (REF_PATH_RE.test(path)) out.addToken('url:ref-path');
    for (const w of path.toLowerCase().split(/[^a-z0-9]+/)) {
      if (w.length >= 3 && w.length <= 20 && !/^\d+$/.test(w)) out.addToken(`urlword:${stem(w)}`);
    }
  } else if (path.replace(/[/?#]+$/, '').length > 1) {
    out.addToken(`${prefix}url:with-path`);
  }
}

function contentVocabulary(stems: string[]): Set<string> {
  const vocab = new Set<string>();
  for (const s of stems) if (s.length >= 3 && !RELEVANCE_STOPWORDS.has(s) && !/^\d+$/.test(s)) vocab.add(s);
  return vocab;
}

const contextCache = new Map<string, Map<string, Set<string>>>();

/** The article's vocabulary (stems), or null when the comment came without a title or excerpt. */
function contextVocabulary(context: CommentText['context']): Set<string> | null {
  const title = typeof context?.title === 'string' ? context.title.slice(0, MAX_CONTEXT_CHARS) : '';
  const excerpt = typeof context?.excerpt === 'string' ? context.excerpt.slice(0, MAX_CONTEXT_CHARS) : '';
  if (!title.trim() && !excerpt.trim()) return null;
  // Many comments share one article: cache its vocabulary (two levels, so no key is concatenated).
  let byExcerpt = contextCache.get(title);
  if (byExcerpt === undefined) {
    if (contextCache.size >= 1000) contextCache.clear();
    byExcerpt = new Map();
    contextCache.set(title, byExcerpt);
  }
  let vocab = byExcerpt.get(excerpt);
  if (vocab === undefined) {
    vocab = contentVocabulary(words(normalizeText(`${title}\n${excerpt}`).text).map(stem));
    if (byExcerpt.size >= 100) byExcerpt.clear();
    byExcerpt.set(excerpt, vocab);
  }
  return vocab;
}

function addAuthor(out: FeatureIndex, author: CommentText['author']): void {
  const name = typeof author?.name === 'string' ? author.name.slice(0, MAX_FIELD_CHARS) : '';
  const url = typeof author?.url === 'string' ? author.url.slice(0, MAX_FIELD_CHARS).trim() : '';
  const email = typeof author?.email === 'string' ? author.email.slice(0, MAX_FIELD_CHARS).trim() : '';

  if (!name.trim()) {
    out.addToken('author:no-name');
  } else {
    const norm = normalizeText(name).text;
    URL_RE.lastIndex = 0;
    const nameUrls = MAYBE_URL.test(norm) ? norm.match(URL_RE) : null;
    if (nameUrls) {
      out.addToken('author:name-is-url');
      for (const u of nameUrls) addUrl(out, u, 'author-');
    }
    const nameWords = words(norm);
    const stems = nameWords.map(stem);
    if (nameWords.length >= 4 || stems.some((s, i) => KEYWORD_NAME_WORDS.has(nameWords[i]!) || KEYWORD_NAME_WORDS.has(s))) {
      out.addToken('author:keyword-name');
    }
    if (THREE_DIGITS.test(norm)) out.addToken('author:name-digits');
    for (const s of stems) if (KEYWORD_NAME_MATCH.has(s)) out.addToken(`authorword:${s}`);
  }
  if (url) {
    out.addToken('author:has-url');
    addUrl(out, url, 'author-');
  }
  if (email) {
    const at = email.lastIndexOf('@');
    if (at > 0) {
      // The e-mail domain itself is left out: freemail providers say little, and a corpus's
      // choice of them is an artefact a model should not learn.
      out.addToken('author:has-email');
      if (/\d{4,}/.test(email.slice(0, at))) out.addToken('author:email-digits');
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

/**
 * Word features of the text: unigrams (stop words excepted), bigrams, and the overlap with the
 * article's vocabulary. Returns how many distinct relevant stems the article shares (0, 1 or 2+).
 */
class WordPass {
  prev: StemEntry | null = null;
  overlap = 0;
  firstMatch: StemEntry | null = null;
  constructor(private readonly index: FeatureIndex, private readonly ctx: Set<string> | null) {}

  word(w: string): void {
    this.entry(this.index.word(w));
  }

  entry(e: StemEntry): void {
    const index = this.index;
    index.add(e.uni);
    if (this.prev !== null) index.add(index.bigram(this.prev, e));
    this.prev = e;
    if (this.ctx !== null && this.overlap < 2 && e.relevant && e !== this.firstMatch && this.ctx.has(e.stem)) {
      this.overlap++;
      this.firstMatch = e;
    }
  }
}

function isWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
}

/** ASCII lower-case text: the same words as `words()`, found by a char-code loop. */
function asciiWords(text: string, index: FeatureIndex, pass: WordPass): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    while (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39))) {
      if (++i >= n) return;
      c = text.charCodeAt(i);
    }
    const start = i;
    let hash = 0x811c9dc5 | 0;
    let apostrophes = false;
    for (;;) {
      while (i < n && ((c = text.charCodeAt(i)) >= 0x61 && c <= 0x7a || c >= 0x30 && c <= 0x39)) {
        hash = Math.imul(hash ^ c, 0x01000193);
        i++;
      }
      // An inner apostrophe joins two runs ("don't" → "dont").
      if (i + 1 < n && text.charCodeAt(i) === 0x27 && isWordChar(text.charCodeAt(i + 1))) {
        apostrophes = true;
        i++;
        continue;
      }
      break;
    }
    if (!apostrophes && i - start <= MAX_WORD_CHARS) {
      pass.entry(index.wordAt(text, start, i, hash >>> 0));
    } else {
      let w = text.slice(start, i);
      if (apostrophes) w = w.replace(/'/g, '');
      if (w.length > MAX_WORD_CHARS) w = w.slice(0, MAX_WORD_CHARS);
      pass.word(w);
    }
  }
}

/**
 * Write the comment's distinct feature ids into `index` (index.ids[0 .. index.count)).
 * Never throws on odd input.
 */
export function collectFeatures(comment: CommentText, index: FeatureIndex): void {
  index.begin();
  const raw = typeof comment?.content === 'string' ? comment.content.slice(0, MAX_CONTENT_CHARS) : '';
  const { text: normalized, hrefs, mixedScript } = normalizeText(raw);

  // Links first, then blank them out so "http", "www" and "com" do not become words.
  let linkCount = hrefs.length;
  for (const u of hrefs) addUrl(index, u, '');
  let text = normalized;
  if (MAYBE_URL.test(normalized)) {
    URL_RE.lastIndex = 0;
    const urls = normalized.match(URL_RE);
    if (urls !== null) {
      for (const u of urls) {
        if (u.includes('@')) continue;
        linkCount++;
        addUrl(index, u, '');
      }
      text = normalized.replace(URL_RE, ' ');
    }
  }
  if (text.includes('@')) {
    EMAIL_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    let emails = 0;
    while ((m = EMAIL_RE.exec(text)) !== null && emails < 10) {
      emails++;
      index.addToken('email:yes');
      index.addToken(`email:${m[1]!.slice(m[1]!.lastIndexOf('.') + 1)}`);
    }
    if (emails > 0) text = text.replace(EMAIL_RE, ' ');
  }
  PHONE_RE.lastIndex = 0;
  if (THREE_DIGITS.test(text) && PHONE_RE.test(text)) index.addToken('phone:yes');

  const ctx = contextVocabulary(comment?.context);
  const pass = new WordPass(index, ctx);
  const ascii = !NON_ASCII.test(text);
  if (ascii) asciiWords(text, index, pass);
  else for (const w of words(text)) pass.word(w);

  index.addToken(bucket(linkCount, LINK_EDGES, LINK_TOKENS));
  index.addToken(bucket(raw.length, LEN_EDGES, LEN_TOKENS));
  const { letters, upper } = raw.length < 2000 ? letterCase(raw) : { letters: 0, upper: 0 };
  if (letters >= 12) index.addToken(bucket(upper / letters, CAPS_EDGES, CAPS_TOKENS));
  let bangs = 0;
  for (let i = raw.indexOf('!'); i !== -1 && bangs < 10; i = raw.indexOf('!', i + 1)) bangs++;
  index.addToken(bucket(bangs, BANG_EDGES, BANG_TOKENS));

  if (!ascii || NON_ASCII.test(normalized)) {
    for (const [name, re] of SCRIPTS) if (re.test(normalized)) index.addToken(`script:${name}`);
    if (EMOJI_RE.test(normalized)) index.addToken('emoji:yes');
  }
  if (mixedScript) index.addToken('mixedscript:yes');

  addConcrete(index, raw, text);
  addAuthor(index, comment?.author);
  index.addToken(ctx === null ? 'rel:nocontext' : pass.overlap === 0 ? 'rel:none' : pass.overlap === 1 ? 'rel:low' : 'rel:high');
}

/** The feature tokens of one comment, each once, by name. Never throws on odd input. */
export function extractFeatures(comment: CommentText): string[] {
  const index = new FeatureIndex(true);
  collectFeatures(comment, index);
  const out: string[] = new Array(index.count);
  for (let i = 0; i < index.count; i++) out[i] = index.name(index.ids[i]!);
  return out;
}
