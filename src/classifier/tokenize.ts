/**
 * Word tokenising and stemming.
 *
 * natural's WordTokenizer splits on /[^A-Za-z0-9_]+/ and so drops é, ё and 中; we split on Unicode
 * letters and numbers instead and use natural only for the Porter stemmer, which we apply to
 * ASCII-Latin words alone (stemming "привет" with English rules is noise). natural's top-level
 * module loads dotenv (which prints to stdout) and every submodule, so we require the stemmer file
 * directly. Stems are cached: comment vocabularies are small and Porter is the hot path.
 * (Feature ids per word are cached again in FeatureIndex, so scoring rarely reaches the stemmer.)
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const porter = require('natural/lib/natural/stemmers/porter_stemmer.js') as { stem(word: string): string };
const naturalStopwords = require('natural/lib/natural/util/stopwords.js') as { words: string[] };

/** Letters/marks/numbers, allowing inner apostrophes which we drop ("readers’" → "readers"). */
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;
const ASCII_WORD = /^[a-z]+$/;
const ASCII_WORDS = /[A-Za-z0-9]+(?:'[A-Za-z0-9]+)*/g;
const NON_ASCII = /[^\x00-\x7F]/;
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

/** Chinese and Japanese characters: written without spaces between words. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30FC]+|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30FC]+/gu;

/**
 * A run of Chinese or Japanese characters as overlapping character bigrams ("网站排名" → 网站, 站排,
 * 排名), the usual way to get word-like tokens from text without spaces; a single character stays
 * as it is. Without this a whole clause was one "word" that no other comment shares.
 */
function cjkBigrams(run: string, out: string[]): void {
  const chars = Array.from(run);
  if (chars.length === 1) out.push(run);
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
}

/**
 * Words of already-normalised (lower-case) text, apostrophes removed, over-long words cut;
 * Chinese and Japanese runs become character bigrams (cjkBigrams).
 */
export function words(text: string): string[] {
  // ASCII text takes a regex without the u flag (several times faster, same words).
  const nonAscii = NON_ASCII.test(text);
  const found = nonAscii ? text.match(WORD) : text.match(ASCII_WORDS);
  if (!found) return [];
  for (let i = 0; i < found.length; i++) {
    let w = found[i]!;
    if (w.includes("'") || w.includes('’')) w = w.replace(/['’]/g, '');
    if (w.length > MAX_WORD_CHARS) w = w.slice(0, MAX_WORD_CHARS);
    found[i] = w;
  }
  return nonAscii && CJK.test(text) ? splitCjk(found) : found;
}

function splitCjk(found: string[]): string[] {
  const out: string[] = [];
  for (const w of found) {
    if (!CJK.test(w)) {
      out.push(w);
      continue;
    }
    for (const part of w.match(CJK_RUN)!) {
      if (CJK.test(part)) cjkBigrams(part, out);
      else out.push(part);
    }
  }
  return out;
}

/**
 * Words that get no unigram feature (they still form bigrams): natural's English stop words.
 * Measured on YouTube leave-one-video-out, their unigram weights ("is", "on", "as") were noise
 * that cost about a point of ham called spam.
 */
export const UNIGRAM_STOPWORDS: ReadonlySet<string> = new Set(
  naturalStopwords.words.flatMap((w) => {
    const bare = w.replace(/'/g, '');
    return [bare, stem(bare)];
  }),
);

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
