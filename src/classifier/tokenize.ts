/**
 * Word tokenising and stemming.
 *
 * natural's WordTokenizer splits on /[^A-Za-z0-9_]+/ and so drops é, ё and 中; we split on Unicode
 * letters and numbers instead and use natural only for the Porter stemmer, which we apply to
 * ASCII-Latin words alone (stemming "привет" with English rules is noise). natural's top-level
 * module loads dotenv (which prints to stdout) and every submodule, so we require the stemmer file
 * directly. Stems are cached: comment vocabularies are small and Porter is the hot path.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const porter = require('natural/lib/natural/stemmers/porter_stemmer.js') as { stem(word: string): string };
const naturalStopwords = require('natural/lib/natural/util/stopwords.js') as { words: string[] };

/** Letters/marks/numbers, allowing inner apostrophes which we drop ("readers’" → "readers"). */
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;
const ASCII_WORD = /^[a-z]+$/;
const MAX_WORD_CHARS = 40;
const STEM_CACHE_LIMIT = 200_000;

const stemCache = new Map<string, string>();

/** Porter stem for ASCII-Latin words; other words are returned unchanged. */
export function stem(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  const stemmed = ASCII_WORD.test(word) && word.length > 2 ? porter.stem(word) : word;
  // Bound memory on adversarial input (e.g. 1 MB of random words).
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(word, stemmed);
  return stemmed;
}

const wordTokenCache = new Map<string, string>();
const bigramCache = new Map<string, Map<string, string>>();

/**
 * `word:<stem>` for a word, from a cache: reusing one string per token lets V8 reuse its hash,
 * which makes the model's Map lookups several times cheaper than fresh concatenations.
 */
export function wordToken(stemmed: string): string {
  let token = wordTokenCache.get(stemmed);
  if (token === undefined) {
    if (wordTokenCache.size >= STEM_CACHE_LIMIT) wordTokenCache.clear();
    token = `word:${stemmed}`;
    wordTokenCache.set(stemmed, token);
  }
  return token;
}

/** `bigram:<a> <b>` from a two-level cache (see wordToken). */
export function bigramToken(a: string, b: string): string {
  let inner = bigramCache.get(a);
  if (inner === undefined) {
    if (bigramCache.size >= STEM_CACHE_LIMIT) bigramCache.clear();
    inner = new Map();
    bigramCache.set(a, inner);
  }
  let token = inner.get(b);
  if (token === undefined) {
    if (inner.size >= 10_000) inner.clear();
    token = `bigram:${a} ${b}`;
    inner.set(b, token);
  }
  return token;
}

/** Words of already-normalised (lower-case) text, apostrophes removed, over-long words cut. */
export function words(text: string): string[] {
  const found = text.match(WORD);
  if (!found) return [];
  for (let i = 0; i < found.length; i++) {
    let w = found[i]!;
    if (w.includes("'") || w.includes('’')) w = w.replace(/['’]/g, '');
    if (w.length > MAX_WORD_CHARS) w = w.slice(0, MAX_WORD_CHARS);
    found[i] = w;
  }
  return found;
}

/**
 * Stop words for the relevance feature: natural's English list plus words any comment on any
 * article may use ("post", "great", "thanks"), so that generic praise never counts as on-topic.
 */
export const RELEVANCE_STOPWORDS: ReadonlySet<string> = new Set([
  ...naturalStopwords.words,
  ...'a i it im ive youre dont doesnt isnt just really also one get got thing things way lot lots'
    .split(' '),
  ...('post posts article articles blog blogs write writes wrote writing written writer read reading reader readers '
    + 'site website page content information info topic subject point points work job thank thanks '
    + 'great good nice awesome amazing excellent wonderful fantastic magnificent useful helpful '
    + 'informative interesting love like know think keep share sharing time new best really '
    + 'people everyone someone here there today day year will can would could should')
    .split(' '),
].map((w) => stem(w)).concat([...naturalStopwords.words]));
