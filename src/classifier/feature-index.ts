/**
 * Feature ids: the dictionary between token names ("word:post", "bigram:great post", "links:0")
 * and dense integer ids, shared by training and scoring so neither builds token strings per word.
 *
 * Input: words (already normalised and cut) and non-word token names, one comment at a time.
 * Output: the comment's distinct feature ids in `ids[0 .. count)`.
 *
 * Idea: a word resolves, through a cache keyed by the surface word, to a StemEntry that holds its
 * unigram id and a stem id; a bigram is a lookup of the two stem ids in an open-addressing table of
 * typed arrays, instead of a string concatenation and a string hash. ASCII words are found by a
 * hash of their characters computed while scanning, without slicing them out of the text. Distinct ids per
 * comment come from a stamp array (one integer per id) rather than a Set.
 *
 * A growing index (training) creates ids for every new token; a frozen one (scoring, built from a
 * model's vocabulary) answers -1 for tokens the model never kept.
 */
import { UNIGRAM_STOPWORDS, RELEVANCE_STOPWORDS, stem } from './tokenize.js';

export interface StemEntry {
  readonly stem: string;
  /** Stem id in this index, or -1 for a stem the (frozen) index does not know. */
  readonly sid: number;
  /** Feature id of `word:<stem>`, or -1 (unknown, or a stop word, which has no unigram). */
  uni: number;
  /** Counts towards relevance to the article (3+ characters, not a stop word or a number). */
  readonly relevant: boolean;
}

/**
 * Open-addressing hash table from a pair of stem ids to a bigram's feature id. A slot is three
 * neighbouring integers (first stem id, second stem id, feature id) in one typed array, so a probe
 * touches one cache line (two when a slot straddles one), not three: training on new text grows
 * this table far past the caches.
 */
class PairTable {
  private slots = new Int32Array(3 << 12).fill(-1);
  private used = 0;

  private static slot(a: number, b: number, mask: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ b;
    h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
    return (h ^ (h >>> 13)) & mask;
  }

  get(a: number, b: number): number {
    const slots = this.slots;
    const mask = slots.length / 3 - 1;
    for (let h = PairTable.slot(a, b, mask); ; h = (h + 1) & mask) {
      const at = h * 3;
      const f = slots[at]!;
      if (f === -1) return -1;
      if (f === a && slots[at + 1] === b) return slots[at + 2]!;
    }
  }

  set(a: number, b: number, id: number): void {
    if ((this.used + 1) * 6 > this.slots.length) this.grow();
    const slots = this.slots;
    const mask = slots.length / 3 - 1;
    let h = PairTable.slot(a, b, mask);
    while (slots[h * 3] !== -1) h = (h + 1) & mask;
    slots[h * 3] = a;
    slots[h * 3 + 1] = b;
    slots[h * 3 + 2] = id;
    this.used++;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2).fill(-1);
    this.used = 0;
    for (let at = 0; at < old.length; at += 3) if (old[at] !== -1) this.set(old[at]!, old[at + 1]!, old[at + 2]!);
  }
}

/**
 * Token families whose names are a fixed prefix and a variable key (a host, a stem): added with
 * addKeyed, never with addToken, so each name has one id.
 */
export const KEYED_FAMILIES = ['domain:', 'author-domain:', 'tld:', 'author-tld:', 'urlword:', 'authorword:'] as const;
export type KeyedFamily = (typeof KEYED_FAMILIES)[number];

const SURFACE_CACHE_LIMIT = 200_000;
const DIGITS = /^\d+$/;

function isRelevant(s: string): boolean {
  return s.length >= 3 && !RELEVANCE_STOPWORDS.has(s) && !DIGITS.test(s);
}

/** FNV-1a over UTF-16 code units; asciiWords computes the same while it scans. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class FeatureIndex {
  /** Token name by feature id; bigram names are built only when asked for (see name()), since
   * training on new text creates far more bigrams than survive pruning. */
  private readonly names: Array<string | undefined> = [];
  private bigramFirst = new Int32Array(1024);
  private bigramSecond = new Int32Array(1024);
  private readonly stemById: string[] = [];
  /** The current comment's distinct feature ids are ids[0 .. count). */
  ids = new Int32Array(256);
  count = 0;

  private readonly tokenIds = new Map<string, number>();
  private readonly keyed = new Map<string, Map<string, number>>();
  private readonly stems = new Map<string, StemEntry>();
  private readonly pairs = new PairTable();
  private readonly surface = new Map<string, StemEntry>();
  private stamps = new Int32Array(1024);
  // Open-addressing table from (FNV-1a hash of a word's characters) to a surface-cache slot, so the
  // ASCII scanner finds a word's entry without slicing it out of the text (see wordAt).
  private slots = new Int32Array(1 << 14);
  private slotWords: string[] = [];
  private slotEntries: StemEntry[] = [];
  private epoch = 0;
  private nextSid = 0;

  constructor(private growing: boolean) {}

  /** A frozen index over a model's token names (feature id = position in `names`). */
  static fromNames(names: Iterable<string>): FeatureIndex {
    const index = new FeatureIndex(true);
    for (const name of names) {
      if (name.startsWith('word:')) {
        const e = index.stemEntry(name.slice(5));
        e.uni = index.register(name);
      } else if (name.startsWith('bigram:')) {
        const space = name.indexOf(' ', 7);
        const a = index.stemEntry(name.slice(7, space));
        const b = index.stemEntry(name.slice(space + 1));
        index.pairs.set(a.sid, b.sid, index.register(name));
      } else {
        const family = KEYED_FAMILIES.find((f) => name.startsWith(f));
        if (family === undefined) index.tokenIds.set(name, index.register(name));
        else index.keyedIds(family).set(name.slice(family.length), index.register(name));
      }
    }
    index.surface.clear();
    index.growing = false;
    return index;
  }

  get size(): number {
    return this.names.length;
  }

  /** The token name of a feature id. */
  name(id: number): string {
    let name = this.names[id];
    if (name === undefined) {
      name = `bigram:${this.stemById[this.bigramFirst[id]!]} ${this.stemById[this.bigramSecond[id]!]}`;
      this.names[id] = name;
    }
    return name;
  }

  /** Start a new comment. */
  begin(): void {
    this.count = 0;
    if (++this.epoch === 0x7fffffff) {
      this.stamps.fill(0);
      this.epoch = 1;
    }
  }

  /** Add a feature id to the current comment unless it is there already (or is -1). */
  add(id: number): void {
    if (id < 0) return;
    if (this.stamps[id] === this.epoch) return;
    this.stamps[id] = this.epoch;
    if (this.count === this.ids.length) {
      const grown = new Int32Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[this.count++] = id;
  }

  /** Add a non-word token by name (not one of KEYED_FAMILIES: see addKeyed). */
  addToken(name: string): void {
    const id = this.tokenIds.get(name);
    if (id !== undefined) this.add(id);
    else if (this.growing) {
      const created = this.register(name);
      this.tokenIds.set(name, created);
      this.add(created);
    }
  }

  /**
   * Add the token `family + key` (family is one of KEYED_FAMILIES): looked up by key within its
   * family, so the hot path never builds the joined name ("domain:" + host).
   */
  addKeyed(family: KeyedFamily, key: string): void {
    const ids = this.keyedIds(family);
    const id = ids.get(key);
    if (id !== undefined) this.add(id);
    else if (this.growing) {
      const created = this.register(family + key);
      ids.set(key, created);
      this.add(created);
    }
  }

  private keyedIds(family: string): Map<string, number> {
    let ids = this.keyed.get(family);
    if (ids === undefined) {
      ids = new Map();
      this.keyed.set(family, ids);
    }
    return ids;
  }

  /** The entry of a surface word (lower-case, apostrophes removed, at most 40 characters). */
  word(surface: string): StemEntry {
    let e = this.surface.get(surface);
    if (e === undefined) {
      const s = stem(surface);
      e = this.stems.get(s) ?? (this.growing ? this.stemEntry(s) : { stem: s, sid: -1, uni: -1, relevant: isRelevant(s) });
      if (this.growing && e.uni === -1 && !UNIGRAM_STOPWORDS.has(s)) e.uni = this.register(`word:${s}`);
      if (this.surface.size >= SURFACE_CACHE_LIMIT) this.surface.clear();
      this.surface.set(surface, e);
    }
    return e;
  }

  /**
   * The entry of the ASCII word text[start, end), whose FNV-1a hash the caller computed while
   * scanning. Same result as word(text.slice(start, end)), without the slice on a hit.
   */
  wordAt(text: string, start: number, end: number, hash: number): StemEntry {
    const slots = this.slots;
    const mask = slots.length - 1;
    const length = end - start;
    for (let h = hash & mask; ; h = (h + 1) & mask) {
      const slot = slots[h]!;
      if (slot === 0) break;
      const w = this.slotWords[slot - 1]!;
      if (w.length !== length) continue;
      let i = 0;
      while (i < length && w.charCodeAt(i) === text.charCodeAt(start + i)) i++;
      if (i === length) return this.slotEntries[slot - 1]!;
    }
    const w = text.slice(start, end);
    const e = this.word(w);
    if (this.slotWords.length * 2 >= slots.length) {
      if (slots.length < SURFACE_CACHE_LIMIT * 2) {
        this.rehash(slots.length * 2);
      } else {
        slots.fill(0);
        this.slotWords = [];
        this.slotEntries = [];
      }
    }
    this.insertSlot(w, e, hash);
    return e;
  }

  private insertSlot(w: string, e: StemEntry, hash: number): void {
    const mask = this.slots.length - 1;
    let h = hash & mask;
    while (this.slots[h] !== 0) h = (h + 1) & mask;
    this.slotWords.push(w);
    this.slotEntries.push(e);
    this.slots[h] = this.slotWords.length;
  }

  private rehash(size: number): void {
    const words = this.slotWords;
    const entries = this.slotEntries;
    this.slots = new Int32Array(size);
    this.slotWords = [];
    this.slotEntries = [];
    for (let i = 0; i < words.length; i++) this.insertSlot(words[i]!, entries[i]!, fnv1a(words[i]!));
  }

  /** The feature id of the bigram `a b`, or -1. */
  bigram(a: StemEntry, b: StemEntry): number {
    if (a.sid < 0 || b.sid < 0) return -1;
    const id = this.pairs.get(a.sid, b.sid);
    if (id !== -1 || !this.growing) return id;
    const created = this.register(undefined);
    if (created >= this.bigramFirst.length) {
      const first = new Int32Array(this.bigramFirst.length * 2);
      first.set(this.bigramFirst);
      this.bigramFirst = first;
      const second = new Int32Array(this.bigramSecond.length * 2);
      second.set(this.bigramSecond);
      this.bigramSecond = second;
    }
    this.bigramFirst[created] = a.sid;
    this.bigramSecond[created] = b.sid;
    this.pairs.set(a.sid, b.sid, created);
    return created;
  }

  private stemEntry(s: string): StemEntry {
    let e = this.stems.get(s);
    if (e === undefined) {
      e = { stem: s, sid: this.nextSid++, uni: -1, relevant: isRelevant(s) };
      this.stemById.push(s);
      this.stems.set(s, e);
    }
    return e;
  }

  private register(name: string | undefined): number {
    const id = this.names.length;
    this.names.push(name);
    if (id >= this.stamps.length) {
      const grown = new Int32Array(this.stamps.length * 2);
      grown.set(this.stamps);
      this.stamps = grown;
    }
    return id;
  }
}
