/**
 * Feature extraction: a comment in, a de-duplicated list of human-readable tokens out.
 *
 * Token families (the prefix is what a moderator sees in `clues`):
 *   word:<stem>            stemmed unigrams of the content
 *   bigram:<stem> <stem>   adjacent stemmed words
 *   url: / domain: / tld: / urlword:   links in the content, including <a href> targets
 *                          (url:html-anchor when the link is an HTML anchor);
 *                          url:ref-host for reference sites (docs, wikis, trackers, Q&A, archives,
 *                          government/academic hosts), url:ref-path for tracker/wiki/docs paths,
 *                          url:keyword for a domain name that holds a money word ("cheap-pills-24")
 *   email: / phone:        contact details dropped in the text
 *   links:, len:, caps:, bang:          bucketed counts
 *   script:, emoji:, mixedscript        what the text is written in
 *   author:, author-domain:, author-tld:, authorword:   the author fields' shape (a keyword
 *                          phrase or brand for a name, a money word in the website's domain;
 *                          author:selling when a website comes with either)
 *                          (author-url:profile for a page on a social or blog-hosting platform,
 *                          "instagram.com/…", "name.wordpress.com": a person's, not a shop's)
 *   payload:none           no link, website, e-mail address or phone number anywhere: nothing to sell
 *   rel:nocontext | rel:none | rel:low | rel:high       overlap with the article's title/excerpt
 *                          (the article's own words are not word: or bigram: features: see WordPass),
 *                          and the same with "+author-url" when the author gave a website
 *   concrete:code | concrete:quote | concrete:experience   content that generic praise lacks
 *
 * Presence only (each token once): comments are short, and repeated words say little more.
 * Work is capped (MAX_CONTENT_CHARS) so a 1 MB comment costs the same as a 20 kB one.
 *
 * Hot path (scoring ~200-character comments): `collectFeatures` writes feature ids into a
 * FeatureIndex, never token strings. One pass over the raw text (scanRaw) counts case and '!',
 * and says whether the text is ASCII without markup (most comments): such text is only
 * lower-cased, never run through normalizeText. ASCII text is split into words by a char-code
 * loop, and the URL, e-mail and phone regexes run only when a cheap check says the text may hold
 * one; one URL regex pass both finds links and cuts them out. Link tokens are looked up by host
 * within their family (FeatureIndex.addKeyed), so no token name is built per comment.
 * `extractFeatures` gives the same features as names, for tests and tools.
 */
import { FeatureIndex, fnv1a, type KeyedFamily, type StemEntry } from './feature-index.js';
import { isZeroWidth, normalizeInert, normalizePlainAscii, normalizeText } from './normalize.js';
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
const SHORTENERS = new Set(['bit.ly', 'goo.gl', 'tinyurl.com', 't.co', 'ow.ly', 'is.gd', 'buff.ly', 'adf.ly', 'cutt.ly', 'rebrand.ly', 'shorturl.at', 'tiny.cc']);
const EMOJI_RE = /\p{Extended_Pictographic}/u;
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
const THREE_DIGITS = /\d{3}/;
/** A lower-case letter then a capital, not in Mc/Mac names ("McDonald", "MacLeod"). */
const INNER_CAPITAL = /(?<!\bMa?)\p{Ll}\p{Lu}/u;
const MAX_WORD_CHARS = 40;

/** Commercial words that make an author "name" a keyword phrase rather than a person. */
const KEYWORD_NAME_WORDS = new Set(
  ('buy cheap best online service services seo casino loan loans essay essays free discount shop store '
    + 'agency company insurance repair support marketing crypto bitcoin pills pharmacy deal deals sale '
    + 'hosting software download review reviews writing writer help cleaning plumbing lawyer dentist '
    + 'viagra cialis bet betting poker forex trading escort escorts dating hack hacks followers likes '
    + 'solutions consulting design web digital '
    // Verticals that buy comment links (a name such as "Cheap Banneton Baskets UK" or "Pest
    // Control Manchester" is a keyword phrase, not a person).
    + 'cbd gummies keto diet detox vape mortgage cash credit jerseys replica outlet wholesale supplier '
    + 'manufacturer assignment homework thesis dissertation tutor tutoring academy course courses '
    + 'coaching removal movers packers plumber plumbers roofing locksmith pest contractor contractors '
    + 'clinic rehab attorney attorneys rx meds pharma iptv apk coupon coupons promo '
    // Words that make a name a business's: "Garden Clearance Birmingham", "Auto Parts Direct".
    + 'direct hub pros kit kits tuition claims grants guide guides tips tours ltd llc inc clearance')
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
const REL_TOKENS = ['rel:nocontext', 'rel:none', 'rel:low', 'rel:high'];
const REL_WITH_URL_TOKENS = REL_TOKENS.map((t) => `${t}+author-url`);

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

/** Platforms where a person's own page lives: a social profile or a hosted blog. */
const PROFILE_HOSTS = new Set([
  'instagram.com', 'facebook.com', 'twitter.com', 'x.com', 'tiktok.com', 'youtube.com', 'linkedin.com', 'pinterest.com',
  'github.com', 'gitlab.com', 'codeberg.org', 'medium.com', 'substack.com', 'wordpress.com', 'blogspot.com', 'tumblr.com',
  'github.io', 'neocities.org', 'strava.com', 'twitch.tv', 'itch.io', 'flickr.com', 'behance.net', 'dribbble.com',
  'letterboxd.com', 'goodreads.com', 'lichess.org', 'mastodon.social', 'bsky.app', 'threads.net', 'soundcloud.com',
  'bandcamp.com', 'vimeo.com', 'livejournal.com', 'wixsite.com', 'weebly.com', 'squarespace.com', 'ko-fi.com',
]);
const BLOGSPOT_RE = /\.blogspot\.[a-z.]+$/;

function isProfileHost(host: string, reg: string): boolean {
  return PROFILE_HOSTS.has(reg) || PROFILE_HOSTS.has(host) || BLOGSPOT_RE.test(host);
}

function isRefHost(host: string, reg: string): boolean {
  return REF_HOSTS.has(host) || REF_HOSTS.has(reg) || REF_HOST_RE.test(host);
}

const CODE_RE = /`[^`\n]{2,}`|\b[a-z_][\w.]*\(\)|(?:^|\s)--[a-z][a-z-]+|\b[a-z_]+\.[a-z_]+\(|^ {4}\S/im;
const QUOTE_RE = /["\u201c][^"\u201d\n]{3,80}["\u201d]|^> /m;
const EXPERIENCE_VERBS = 'tried used had found ran switched measured bought built fixed moved noticed replaced tested grew cooked rode visited paid lost'.split(' ');
/** First person, then within 40 characters of the same sentence a past-tense verb of doing. */
const EXPERIENCE_RE = new RegExp(String.raw`\b(?:i|we|my|our)\b[^.!?\n]{0,40}?\b(?:${EXPERIENCE_VERBS.join('|')})\b`, 'i');
/** The ASCII word scan (see asciiWords) looks the verbs up by their FNV-1a hash while it scans. */
const EXPERIENCE_VERB_HASHES = new Map(EXPERIENCE_VERBS.map((v) => [fnv1a(v), v]));
/** One bit per low 10 bits of those hashes: most words are ruled out without the Map lookup. */
const EXPERIENCE_VERB_FILTER = new Uint8Array(1024);
for (const h of EXPERIENCE_VERB_HASHES.keys()) EXPERIENCE_VERB_FILTER[h & 1023] = 1;
const EXPERIENCE_VERB_SET: ReadonlySet<string> = new Set(EXPERIENCE_VERBS);

/**
 * Concrete content, judged without the article: code, a quotation (of the article or another
 * reader), a first-person report of having done something. Generic praise has none of these,
 * whatever the article is about. (Number and mid-sentence-name tokens were tried too and left
 * out: they made YouTube leave-one-video-out worse and helped nothing else.)
 */
function addConcrete(out: FeatureIndex, raw: string, normalized: string, chars: RawScan, experience: boolean): void {
  const sample = raw.length > 2000 ? raw.slice(0, 2000) : raw;
  // The regexes run only when the raw scan saw a character they need.
  const maybeCode = chars.backtick || chars.paren || (chars.dash && sample.includes('--')) || sample.includes('    ');
  if (maybeCode && CODE_RE.test(sample)) out.addToken('concrete:code');
  // Quotations in the text without its markup: <a href="…"> is not a quotation.
  if ((chars.quote || chars.gt) && QUOTE_RE.test(normalized.length > 2000 ? normalized.slice(0, 2000) : normalized)) out.addToken('concrete:quote');
  if (experience) out.addToken('concrete:experience');
}

/** Where the host starts: after a scheme ("https://", /^[a-z][a-z0-9+.-]*:\/\//i), else 0. */
function hostStart(url: string): number {
  const colon = url.indexOf('://');
  if (colon <= 0) return 0;
  for (let i = 0; i < colon; i++) {
    const c = url.charCodeAt(i);
    const lower = c | 0x20; // lands in a-z for A-Z and a-z only
    if (lower >= 0x61 && lower <= 0x7a) continue;
    if (i > 0 && ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2e || c === 0x2d)) continue;
    return 0;
  }
  return colon + 3;
}

function hostOf(url: string): { host: string; path: string } | null {
  // Character loops, and each rewrite only when it can apply: these run for every link.
  const start = hostStart(url);
  let cut = start;
  while (cut < url.length) {
    const c = url.charCodeAt(cut);
    if (c === 0x2f || c === 0x3f || c === 0x23) break;
    cut++;
  }
  let host = url.slice(start, cut);
  if (host.startsWith('www') || host.startsWith('WWW')) {
    // /^www\d?\./i
    const dot = host.charCodeAt(3) >= 0x30 && host.charCodeAt(3) <= 0x39 ? 4 : 3;
    if (host.charCodeAt(dot) === 0x2e) host = host.slice(dot + 1);
  }
  if (host.includes(':')) host = host.replace(/:\d+$/, '');
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (!host || host.length > 253 || !host.includes('.')) return null;
  return { host: host.toLowerCase(), path: url.slice(cut) };
}

/** path.replace(/[/?#]+$/, '').length, without building the string. */
function lengthWithoutTrailingSeparators(path: string): number {
  let end = path.length;
  while (end > 0) {
    const c = path.charCodeAt(end - 1);
    if (c !== 0x2f && c !== 0x3f && c !== 0x23) break;
    end--;
  }
  return end;
}

const SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'ac', 'gov', 'edu']);

/** The registrable part of a host, approximately: last two labels, three for "co.uk"-style. */
function registrable(host: string): string {
  const last = host.lastIndexOf('.');
  const second = last > 0 ? host.lastIndexOf('.', last - 1) : -1;
  if (second === -1) return host;
  if (last - second - 1 <= 3 && SECOND_LEVEL.has(host.slice(second + 1, last))) {
    return second === 0 ? host : host.slice(host.lastIndexOf('.', second - 1) + 1);
  }
  return host.slice(second + 1);
}

/**
 * Money words inside a domain name ("bestcasinobonus", "essay-writing-now"): a spam domain the
 * corpus never saw still says what it sells. Only words that are rarely part of an innocent name
 * ("sussex" holds "sex", "seoul" holds "seo"; neither is here).
 */
const MONEY_DOMAIN_WORD = /casino|loan|payday|essay|pills|pharma|viagra|cialis|crypto|bitcoin|forex|betting|poker|escort|dating|followers|insurance|discount|replica|backlink|gummies|cbd|vpn|hvac|locksmith|roofing|lawyer|attorney|togel|judi|gacor|porn|xxx|keto|detox|vape|mortgage|jerseys|wholesale|assignment|homework|dissertation|movers|packers|plumber|plumbing|adderall|xanax|tramadol|iptv|coupon|slotonline|nearme|near-me/;

/** A link's token names, in the content or in the author fields ("author-" prefix). */
interface LinkTokens {
  inContent: boolean;
  domain: KeyedFamily;
  tld: KeyedFamily;
  keyword: string;
  shortener: string;
  ip: string;
  withPath: string;
}
const CONTENT_LINK: LinkTokens = { inContent: true, domain: 'domain:', tld: 'tld:', keyword: 'url:keyword', shortener: 'url:shortener', ip: 'url:ip', withPath: 'url:with-path' };
const AUTHOR_LINK: LinkTokens = {
  inContent: false,
  domain: 'author-domain:',
  tld: 'author-tld:',
  keyword: 'author-url:keyword',
  shortener: 'author-url:shortener',
  ip: 'author-url:ip',
  withPath: 'author-url:with-path',
};

/** Adds a link's tokens; returns whether its domain name holds a money word. */
function addUrl(out: FeatureIndex, url: string, t: LinkTokens): boolean {
  const parsed = hostOf(url);
  if (!parsed) return false;
  const { host, path } = parsed;
  out.addKeyed(t.domain, host);
  const reg = registrable(host);
  if (reg !== host) out.addKeyed(t.domain, reg);
  const name = reg.slice(0, reg.indexOf('.'));
  const money = MONEY_DOMAIN_WORD.test(name);
  if (money) out.addToken(t.keyword);
  out.addKeyed(t.tld, host.slice(host.lastIndexOf('.') + 1));
  if (SHORTENERS.has(host)) out.addToken(t.shortener);
  if (host.charCodeAt(0) <= 0x39 && /^\d+\.\d+\.\d+\.\d+$/.test(host)) out.addToken(t.ip);
  if (t.inContent) {
    out.addToken(path.length > 1 ? 'url:with-path' : 'url:bare-host');
    if (isRefHost(host, reg)) out.addToken('url:ref-host');
    if (REF_PATH_RE.test(path)) out.addToken('url:ref-path');
    for (const w of path.toLowerCase().split(/[^a-z0-9]+/)) {
      if (w.length >= 3 && w.length <= 20 && !/^\d+$/.test(w)) out.addKeyed('urlword:', stem(w));
    }
  } else if (isProfileHost(host, reg)) {
    out.addToken('author-url:profile');
  } else if (lengthWithoutTrailingSeparators(path) > 1) {
    out.addToken(t.withPath);
  }
  return money;
}

function contentVocabulary(stems: string[]): Set<string> {
  const vocab = new Set<string>();
  for (const s of stems) if (s.length >= 3 && !RELEVANCE_STOPWORDS.has(s) && !/^\d+$/.test(s)) vocab.add(s);
  return vocab;
}

/** A string field cut to `max` characters; '' when it is not a string. */
function field(value: unknown, max: number): string {
  if (typeof value !== 'string') return '';
  return value.length > max ? value.slice(0, max) : value;
}

const contextCache = new Map<string, Map<string, Set<string>>>();

/** The article's vocabulary (stems), or null when the comment came without a title or excerpt. */
function contextVocabulary(context: CommentText['context']): Set<string> | null {
  const title = field(context?.title, MAX_CONTEXT_CHARS);
  const excerpt = field(context?.excerpt, MAX_CONTEXT_CHARS);
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

function addAuthor(out: FeatureIndex, author: CommentText['author']): boolean {
  const name = field(author?.name, MAX_FIELD_CHARS);
  const url = field(author?.url, MAX_FIELD_CHARS).trim();
  const email = field(author?.email, MAX_FIELD_CHARS).trim();

  let business = false;
  if (!name.trim()) {
    out.addToken('author:no-name');
  } else {
    const norm = normalizeText(name).text;
    URL_RE.lastIndex = 0;
    const nameUrls = scanText(norm) & MAYBE_URL_FLAG ? norm.match(URL_RE) : null;
    if (nameUrls) {
      out.addToken('author:name-is-url');
      for (const u of nameUrls) addUrl(out, u, AUTHOR_LINK);
    }
    const nameWords = words(norm);
    const stems = nameWords.map(stem);
    if (nameWords.length >= 4 || stems.some((s, i) => KEYWORD_NAME_WORDS.has(nameWords[i]!) || KEYWORD_NAME_WORDS.has(s))) {
      out.addToken('author:keyword-name');
      business = true;
    }
    if (THREE_DIGITS.test(norm)) out.addToken('author:name-digits');
    // A capital inside a word ("TapParts Direct", "VacuSeal"): a brand, rarely a person.
    if (INNER_CAPITAL.test(name)) {
      out.addToken('author:brand-name');
      business = true;
    }
    for (const s of stems) if (KEYWORD_NAME_MATCH.has(s)) out.addKeyed('authorword:', s);
  }
  if (url) {
    out.addToken('author:has-url');
    if (addUrl(out, url, AUTHOR_LINK) || business) out.addToken('author:selling');
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
  return url !== '';
}

/**
 * A small class number (1–255) per code point, from `classify` on first sight: a byte per UTF-16
 * code unit and a bounded map above U+FFFF, so the regex tests run once per distinct character
 * and text with a few non-ASCII characters (YouTube appends U+FEFF to every comment) costs the
 * same as ASCII text.
 */
class CodePointClasses {
  private readonly units = new Uint8Array(0x10000);
  private readonly astral = new Map<number, number>();

  constructor(private readonly classify: (ch: string) => number) {}

  /** The class of the code unit c (outside the surrogates, or a lone one). */
  unit(c: number): number {
    let k = this.units[c]!;
    if (k === 0) {
      k = this.classify(String.fromCharCode(c));
      this.units[c] = k;
    }
    return k;
  }

  /** The class of the code point cp (above U+FFFF: mathematical letters, emoji, rare CJK). */
  point(cp: number): number {
    let k = this.astral.get(cp);
    if (k === undefined) {
      k = this.classify(String.fromCodePoint(cp));
      if (this.astral.size < 10_000) this.astral.set(cp, k);
    }
    return k;
  }
}

const SINGLE_LETTER = /^\p{L}$/u;
const SINGLE_UPPER = /^\p{Lu}$/u;
/** Letter class: 1 not a letter, 2 letter, 3 capital. */
const LETTERS = new CodePointClasses((ch) => (SINGLE_UPPER.test(ch) ? 3 : SINGLE_LETTER.test(ch) ? 2 : 1));

/**
 * Which of a URL, an e-mail address and a run of three digits the normalised text may hold. A URL
 * (URL_RE needs a scheme, "www." or "label.tld") is possible where urlHintAt finds "x.y" or "://".
 */
const MAYBE_URL_FLAG = 1;
const AT_FLAG = 2;
const DIGITS_FLAG = 4;

/**
 * What one pass over the raw text finds: letter case, '!' count, characters later regexes need,
 * and, for text that normalisation would only lower-case (ASCII without '<' or '&'), the
 * scanText flags of the lower-cased text, so such text (most comments) is read once, not three times.
 */
interface RawScan {
  letters: number;
  upper: number;
  bangs: number;
  quote: boolean;
  gt: boolean;
  backtick: boolean;
  paren: boolean;
  dash: boolean;
  /** ASCII without '<' or '&': normalizeText(raw) is raw.toLowerCase() and `flags` hold for it. */
  plain: boolean;
  /**
   * Not plain only for inert characters (see INERT), without '<' or '&': normalizeText(raw)
   * is still raw.toLowerCase() and `flags` hold for it, but the text is not ASCII.
   */
  inert: boolean;
  /** scanText(raw.toLowerCase()), valid only when `plain` or `inert`. */
  flags: number;
}

/**
 * Non-ASCII characters that cannot change the words: punctuation and symbols of the Common or
 * Inherited script that are not letters, marks or numbers (curly quotes, dashes, "…", emoji).
 * Text whose only non-ASCII characters are such takes the ASCII word scanner. Class 1 neutral, 2
 * anything else.
 */
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
const COMMON_CHAR = /^[\p{Script=Common}\p{Script=Inherited}]$/u;

function isNeutral(ch: string): boolean {
  return !WORD_CHAR.test(ch) && COMMON_CHAR.test(ch);
}

const NEUTRAL = new CodePointClasses((ch) => (isNeutral(ch) ? 1 : 2));

/** Does the text hold only ASCII and neutral characters (so no word has a non-ASCII letter)? */
function onlyNeutralNonAscii(text: string): boolean {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      if (NEUTRAL.point(text.codePointAt(i)!) !== 1) return false;
      i++;
      continue;
    }
    if (NEUTRAL.unit(c) !== 1) return false;
  }
  return true;
}

/**
 * Non-ASCII characters that normalisation leaves as they are: neutral (see isNeutral), not
 * zero-width, and their own NFKC form and lower case ("’", "—", "«", most emoji; not "…", "™"
 * or a no-break space, which NFKC spells "...", "TM" and " "). None is a letter or a combining
 * mark, so none composes with a neighbour, and NFKC and lower-casing of a text made of them and
 * ASCII act character by character. Class 1 inert, 2 anything else.
 */
function isInert(ch: string): boolean {
  return isNeutral(ch) && !isZeroWidth(ch) && ch.normalize('NFKC') === ch && ch.toLowerCase() === ch;
}

const INERT = new CodePointClasses((ch) => (isInert(ch) ? 1 : 2));

function isAsciiAlnum(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

/**
 * A link may start near the '.' or ':' at text[i], ignoring case: "x.y" with x in [a-z0-9-] and y a
 * letter, or "://". Shared by scanRaw (raw text) and scanText (lower-cased text).
 */
function urlHintAt(text: string, i: number): boolean {
  if (text.charCodeAt(i) === 0x3a) return text.startsWith('//', i + 1);
  if (i === 0 || i + 1 >= text.length) return false;
  const before = text.charCodeAt(i - 1);
  const after = text.charCodeAt(i + 1) | 0x20; // lands in a-z for A-Z and a-z only
  return (isAsciiAlnum(before) || before === 0x2d) && after >= 0x61 && after <= 0x7a;
}

/** Letters and capitals (as \\p{L} and \\p{Lu} count them), and more (see RawScan). */
function scanRaw(raw: string, out: RawScan): void {
  let letters = 0;
  let upper = 0;
  let bangs = 0;
  let quote = false;
  let gt = false;
  let backtick = false;
  let paren = false;
  let dash = false;
  let markup = false;
  let ascii = true;
  let inert = true;
  let flags = 0;
  let digits = 0;
  const n = raw.length;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x61 && c <= 0x7a) {
        letters++;
        digits = 0;
        continue;
      }
      if (c >= 0x41 && c <= 0x5a) {
        letters++;
        upper++;
        digits = 0;
        continue;
      }
      if (c >= 0x30 && c <= 0x39) {
        if (++digits >= 3) flags |= DIGITS_FLAG;
        continue;
      }
      digits = 0;
      switch (c) {
        case 0x21: bangs++; break;
        case 0x22: quote = true; break;
        case 0x3e: gt = true; break;
        case 0x60: backtick = true; break;
        case 0x28: paren = true; break;
        case 0x2d: dash = true; break;
        case 0x3c: case 0x26: markup = true; break;
        case 0x40: flags |= AT_FLAG; break;
        case 0x2e: case 0x3a:
          if (urlHintAt(raw, i)) flags |= MAYBE_URL_FLAG;
          break;
        default:
      }
      continue;
    }
    ascii = false;
    digits = 0; // as in scanText, any other character ends a run of digits
    let k: number;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const low = raw.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        const cp = raw.codePointAt(i++)!;
        k = LETTERS.point(cp);
        if (inert && INERT.point(cp) !== 1) inert = false;
      } else {
        k = 1;
        inert = false;
      }
    } else {
      k = LETTERS.unit(c);
      if (inert && (k !== 1 || (c >= 0xd800 && c <= 0xdfff) || INERT.unit(c) !== 1)) inert = false;
    }
    if (k >= 2) {
      letters++;
      if (k === 3) upper++;
    } else if (c === 0x201c) quote = true;
  }
  out.letters = letters;
  out.upper = upper;
  out.bangs = bangs;
  out.quote = quote;
  out.gt = gt;
  out.backtick = backtick;
  out.paren = paren;
  out.dash = dash;
  out.plain = ascii && !markup;
  out.inert = !ascii && inert && !markup;
  out.flags = flags;
}
const rawScan: RawScan = { letters: 0, upper: 0, bangs: 0, quote: false, gt: false, backtick: false, paren: false, dash: false, plain: true, inert: false, flags: 0 };

/**
 * Word features of the text: unigrams (stop words excepted), bigrams, and the overlap with the
 * article's vocabulary. Returns how many distinct relevant stems the article shares (0, 1 or 2+).
 *
 * Words of the article itself (when the comment came with its title or excerpt) give no unigram
 * or bigram: being on topic is counted once, by the rel: token, not once per borrowed word. Spam
 * that repeats the title ("Fixing a dripping mixer tap is easy with the right tools, we stock…")
 * otherwise drew ham evidence from every topic word; measured leaving out each hand-written part
 * of the seed corpus, this lowered spam called ham from 5.5 % to 4.2 % and genuine comments sent
 * to review from 6.7 % to 5.6 %.
 */
class WordPass {
  /** The previous word, or null at the start and after a word of the article (no bigram). */
  prev: StemEntry | null = null;
  overlap = 0;
  firstMatch: StemEntry | null = null;
  private index!: FeatureIndex;
  private ctx: Set<string> | null = null;

  /** Start a comment (one pass object is reused: feature extraction is synchronous). */
  reset(index: FeatureIndex, ctx: Set<string> | null): this {
    this.index = index;
    this.ctx = ctx;
    this.prev = null;
    this.overlap = 0;
    this.firstMatch = null;
    return this;
  }

  word(w: string): void {
    this.entry(this.index.word(w));
  }

  entry(e: StemEntry): void {
    const index = this.index;
    const inArticle = this.ctx !== null && e.relevant && this.ctx.has(e.stem);
    if (!inArticle) {
      index.add(e.uni);
      if (this.prev !== null) index.add(index.bigram(this.prev, e));
    } else if (this.overlap < 2 && e !== this.firstMatch) {
      this.overlap++;
      this.firstMatch = e;
    }
    this.prev = inArticle ? null : e;
  }
}

const wordPass = new WordPass();

function isWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
}

/**
 * Lower-case text that is ASCII apart from neutral characters (see onlyNeutralNonAscii): the same
 * words as `words()`, found by a char-code loop. Returns whether the text may hold a first-person
 * experience: whether any run of letters between non-word characters or apostrophes is one of
 * EXPERIENCE_VERBS (the caller then runs EXPERIENCE_RE, which most comments never need).
 */
function asciiWords(text: string, index: FeatureIndex, pass: WordPass): boolean {
  const n = text.length;
  let i = 0;
  let verb = false;
  while (i < n) {
    let c = text.charCodeAt(i);
    while (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39))) {
      if (++i >= n) return verb;
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
      // An inner apostrophe joins two runs ("don't" → "dont", "I’m" → "im").
      if (i + 1 < n && (c === 0x27 || c === 0x2019) && isWordChar(text.charCodeAt(i + 1))) {
        apostrophes = true;
        i++;
        continue;
      }
      break;
    }
    const length = i - start;
    if (!apostrophes && length <= MAX_WORD_CHARS) {
      if (!verb && length >= 3 && length <= 8) {
        const v = EXPERIENCE_VERB_FILTER[hash & 1023] === 0 ? undefined : EXPERIENCE_VERB_HASHES.get(hash >>> 0);
        verb = v !== undefined && v.length === length && text.startsWith(v, start);
      }
      pass.entry(index.wordAt(text, start, i, hash >>> 0));
    } else {
      let w = text.slice(start, i);
      if (apostrophes) {
        if (!verb) verb = w.split(/['’]/).some((run) => EXPERIENCE_VERB_SET.has(run));
        w = w.replace(/['’]/g, '');
      }
      if (w.length > MAX_WORD_CHARS) w = w.slice(0, MAX_WORD_CHARS);
      pass.word(w);
    }
  }
  return verb;
}

function scanText(text: string): number {
  let flags = 0;
  let digits = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      if (++digits >= 3) flags |= DIGITS_FLAG;
      continue;
    }
    digits = 0;
    if (c === 0x40) flags |= AT_FLAG;
    else if ((c === 0x2e || c === 0x3a) && urlHintAt(text, i)) flags |= MAYBE_URL_FLAG;
  }
  return flags;
}

/**
 * Write the comment's distinct feature ids into `index` (index.ids[0 .. index.count)).
 * Never throws on odd input.
 */
export function collectFeatures(comment: CommentText, index: FeatureIndex): void {
  index.begin();
  const raw = field(comment?.content, MAX_CONTENT_CHARS);
  scanRaw(raw, rawScan);
  // Plain or inert text is only lower-cased by normalizeText: skip it and the second scan.
  const simple = rawScan.plain || rawScan.inert;
  const { text: normalized, hrefs, mixedScript, ascii: normalizedAscii } = rawScan.plain ? normalizePlainAscii(raw) : rawScan.inert ? normalizeInert(raw) : normalizeText(raw);
  const flags = simple ? rawScan.flags : scanText(normalized);

  // Links first, then blank them out so "http", "www" and "com" do not become words.
  let linkCount = hrefs.length;
  for (const u of hrefs) addUrl(index, u, CONTENT_LINK);
  // An HTML anchor: readers paste links, link sellers write anchor text ("cheap auto parts").
  if (hrefs.length > 0) index.addToken('url:html-anchor');
  let text = normalized;
  if (flags & MAYBE_URL_FLAG) {
    // One regex pass finds the links and cuts them out (match + replace ran it twice).
    URL_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    let kept = '';
    let end = 0;
    while ((m = URL_RE.exec(normalized)) !== null) {
      const u = m[0];
      if (!u.includes('@')) {
        linkCount++;
        addUrl(index, u, CONTENT_LINK);
      }
      kept += `${normalized.slice(end, m.index)} `;
      end = m.index + u.length;
    }
    if (end > 0) text = kept + normalized.slice(end);
  }
  let contact = false;
  if (flags & AT_FLAG) {
    EMAIL_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    let emails = 0;
    while ((m = EMAIL_RE.exec(text)) !== null && emails < 10) {
      emails++;
      index.addToken('email:yes');
      index.addToken(`email:${m[1]!.slice(m[1]!.lastIndexOf('.') + 1)}`);
    }
    if (emails > 0) {
      text = text.replace(EMAIL_RE, ' ');
      contact = true;
    }
  }
  PHONE_RE.lastIndex = 0;
  if (flags & DIGITS_FLAG && (text === normalized || THREE_DIGITS.test(text)) && PHONE_RE.test(text)) {
    index.addToken('phone:yes');
    contact = true;
  }

  const ctx = contextVocabulary(comment?.context);
  const pass = wordPass.reset(index, ctx);
  let experience: boolean;
  // Scripts are named only for letters outside ASCII: text with none skips those regexes.
  const neutral = normalizedAscii || rawScan.inert || onlyNeutralNonAscii(normalized);
  if (neutral || (text !== normalized && onlyNeutralNonAscii(text))) {
    experience = asciiWords(text, index, pass) && EXPERIENCE_RE.test(text);
  } else {
    for (const w of words(text)) pass.word(w);
    experience = EXPERIENCE_RE.test(text);
  }

  index.addToken(bucket(linkCount, LINK_EDGES, LINK_TOKENS));
  // Length of what a reader sees: markup stripped, entities decoded (plain text is its own).
  index.addToken(bucket(simple ? raw.length : normalized.length, LEN_EDGES, LEN_TOKENS));
  if (raw.length < 2000 && rawScan.letters >= 12) index.addToken(bucket(rawScan.upper / rawScan.letters, CAPS_EDGES, CAPS_TOKENS));
  index.addToken(bucket(Math.min(rawScan.bangs, 10), BANG_EDGES, BANG_TOKENS));

  if (!normalizedAscii) {
    if (!neutral) for (const [name, re] of SCRIPTS) if (re.test(normalized)) index.addToken(`script:${name}`);
    if (EMOJI_RE.test(normalized)) index.addToken('emoji:yes');
  }
  if (mixedScript) index.addToken('mixedscript:yes');

  addConcrete(index, raw, normalized, rawScan, experience);
  const authorUrl = addAuthor(index, comment?.author);
  const rel = ctx === null ? 0 : pass.overlap === 0 ? 1 : pass.overlap === 1 ? 2 : 3;
  index.addToken(REL_TOKENS[rel]!);
  // Relevance and an author website together: off-topic praise whose payload is the website is
  // the commonest blog spam, while on-topic readers who give their blog are common ham.
  if (authorUrl) index.addToken(REL_WITH_URL_TOKENS[rel]!);
  // Nothing to follow or call: most spam carries a link, a website, an address or a number. A
  // conjunction naive Bayes cannot build from links:0 and the author tokens, which it sums.
  if (linkCount === 0 && !authorUrl && !contact) index.addToken('payload:none');
}

/** The feature tokens of one comment, each once, by name. Never throws on odd input. */
export function extractFeatures(comment: CommentText): string[] {
  const index = new FeatureIndex(true);
  collectFeatures(comment, index);
  const out: string[] = new Array(index.count);
  for (let i = 0; i < index.count; i++) out[i] = index.name(index.ids[i]!);
  return out;
}
