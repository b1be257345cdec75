/**
 * Text normalisation before tokenising.
 *
 * Input: raw comment text (may hold HTML, entities, look-alike letters, zero-width characters).
 * Output: `{ text, hrefs, mixedScript, ascii }` where `text` is NFKC-normalised, case-folded, free of tags
 * and zero-width characters, with Cyrillic/Greek look-alike letters mapped to Latin inside words
 * that mix scripts (a common filter-evasion trick: "саsino"). `hrefs` are the link targets of
 * stripped `<a href>` tags, which spam hides behind anchor text, so they are kept as URLs.
 *
 * Non-Latin text is kept as it is: a Russian or Chinese comment stays Russian or Chinese.
 * Pure ASCII text without `<` or `&` takes a fast path (most comments), found in one character loop.
 */

// Without the u flag (faster in V8): the tag characters U+E0000..U+E0FFF are written as their
// surrogate pairs (high surrogates DB40..DB43).
const ZERO_WIDTH = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]|[\uDB40-\uDB43][\uDC00-\uDFFF]/g;
const ONE_ZERO_WIDTH = new RegExp(`^(?:${ZERO_WIDTH.source})$`);

/** Whether one character (a code point) is one that normalizeText drops as zero-width. */
export function isZeroWidth(ch: string): boolean {
  return ONE_ZERO_WIDTH.test(ch);
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', hellip: '…', rsquo: '’',
  lsquo: '‘', ldquo: '“', rdquo: '”', mdash: '—', ndash: '–', copy: '©', reg: '®', trade: '™',
  eacute: 'é', egrave: 'è', agrave: 'à', aacute: 'á', ccedil: 'ç', uuml: 'ü', ouml: 'ö',
  auml: 'ä', szlig: 'ß', ntilde: 'ñ', iacute: 'í', oacute: 'ó', uacute: 'ú', euro: '€',
  pound: '£', laquo: '«', raquo: '»', middot: '·', bull: '•', zwj: '', zwnj: '', shy: '',
};

/** Cyrillic and Greek letters that look like Latin ones (lower case: we map after case-folding). */
const HOMOGLYPHS: Record<string, string> = {
  // Cyrillic
  'а': 'a', 'в': 'b', 'е': 'e', 'ё': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p',
  'с': 'c', 'т': 't', 'у': 'y', 'х': 'x', 'ѕ': 's', 'і': 'i', 'ї': 'i', 'ј': 'j', 'ԁ': 'd',
  'һ': 'h', 'ԛ': 'q', 'ԝ': 'w', 'ь': 'b', 'ɡ': 'g', 'ո': 'n', 'ս': 'u',
  // Greek
  'α': 'a', 'β': 'b', 'ε': 'e', 'η': 'n', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'ο': 'o', 'ρ': 'p',
  'τ': 't', 'υ': 'u', 'χ': 'x', 'γ': 'y', 'ω': 'w', 'ϲ': 'c', 'ѵ': 'v',
};

const NON_ASCII = /[^\x00-\x7F]/;
const LETTER_RUN = /[\p{L}\p{M}]+/gu;
const LATIN = /\p{Script=Latin}/u;
const CONFUSABLE_SCRIPT = /[\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}]/u;

export interface NormalizedText {
  text: string;
  hrefs: readonly string[];
  mixedScript: boolean;
  /** The normalised text is all ASCII. */
  ascii: boolean;
}

const HAS_LT = 1;
const HAS_AMP = 2;
const HAS_NON_ASCII = 4;

/** Which of '<', '&' and non-ASCII characters the text holds, in one pass (cheaper than three). */
function scan(text: string): number {
  let flags = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3c) flags |= HAS_LT;
    else if (c === 0x26) flags |= HAS_AMP;
    else if (c > 0x7f) flags |= HAS_NON_ASCII;
  }
  return flags;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,8});/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code < 1 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return ' ';
      return String.fromCodePoint(code);
    }
    const named = NAMED_ENTITIES[body.toLowerCase()];
    return named ?? whole;
  });
}

const HREF_TAG = /<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>/gi;
const ANY_TAG = /<\/?[a-z!][^>]{0,2000}>/gi;

function stripTags(text: string, hrefs: string[]): string {
  const withLinks = text.replace(HREF_TAG, (_m, dq?: string, sq?: string, bare?: string) => {
    const href = (dq ?? sq ?? bare ?? '').trim();
    if (href) hrefs.push(href);
    return ' ';
  });
  return withLinks.replace(ANY_TAG, ' ');
}

function unmaskMixedScript(text: string): { text: string; mixed: boolean } {
  let mixed = false;
  const out = text.replace(LETTER_RUN, (word) => {
    if (!LATIN.test(word) || !CONFUSABLE_SCRIPT.test(word)) return word;
    mixed = true;
    let mapped = '';
    for (const ch of word) mapped += HOMOGLYPHS[ch] ?? ch;
    return mapped;
  });
  return { text: out, mixed };
}

const NO_HREFS: readonly string[] = Object.freeze([]);

/**
 * normalizeText's answer for text that is ASCII without '<' or '&': only lower-cased. Callers
 * that already scanned the text (features.ts) call it directly.
 */
export function normalizePlainAscii(text: string, hrefs: readonly string[] = NO_HREFS): NormalizedText {
  return { text: text.toLowerCase(), hrefs, mixedScript: false, ascii: true };
}

/**
 * normalizeText's answer for text without '<' or '&' whose only non-ASCII characters are inert
 * (features.ts: neutral, not zero-width, their own NFKC form and lower case): only lower-cased.
 */
export function normalizeInert(text: string): NormalizedText {
  return { text: text.toLowerCase(), hrefs: NO_HREFS, mixedScript: false, ascii: false };
}

/** Case-fold, NFKC-normalise, decode entities, strip tags and zero-width characters. Pure. */
export function normalizeText(raw: string): NormalizedText {
  let text = raw;
  const flags = scan(text);
  if (flags === 0) return normalizePlainAscii(text);
  const hrefs: string[] = [];
  if (flags & HAS_LT) text = stripTags(text, hrefs);
  if (flags & HAS_AMP) text = decodeEntities(text);
  if (!NON_ASCII.test(text)) return normalizePlainAscii(text, hrefs);
  // Zero-width characters first: text that is ASCII without them (YouTube appends U+FEFF to
  // every comment) still takes the fast path.
  text = text.replace(ZERO_WIDTH, '');
  if (!NON_ASCII.test(text)) return normalizePlainAscii(text, hrefs);

  text = text.normalize('NFKC').replace(ZERO_WIDTH, '').toLowerCase();
  // NFKC maps fullwidth and mathematical letters to ASCII; a second entity pass is not needed.
  const ascii = !NON_ASCII.test(text);
  if (ascii || !CONFUSABLE_SCRIPT.test(text)) return { text, hrefs, mixedScript: false, ascii };
  const { text: unmasked, mixed } = unmaskMixedScript(text);
  return { text: unmasked, hrefs, mixedScript: mixed, ascii: !NON_ASCII.test(unmasked) };
}
