/**
 * Writes models/seed-corpus.jsonl: the labelled seed corpus the classifier
 * starts from before moderators have labelled anything.
 *
 * Input: nothing but this directory (no network, no outside comment data): the template
 * generators (ham*.ts, spam*.ts over articles.ts) and written/*.jsonl, comments we wrote one by
 * one under posts of their own, with no template or phrase list behind them.
 * Output: one JSON object per line, {content, label, category, article, kind?, author?, context?},
 * shuffled, exact-duplicate free, identical on every run for a given seed.
 *
 * Run: npx tsx scripts/seed-corpus/generate.ts [--seed N] [--out path]
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ARTICLES, type Article } from "./articles.js";
import type { Author } from "./authors.js";
import { HAM_GENERATORS, HAM_TARGETS } from "./ham.js";
import { HAM_VOICE_GENERATORS, HAM_VOICE_TARGETS } from "./ham-voices.js";
import { createRng, type Rng } from "./random.js";
import { type DraftComment, SPAM_GENERATORS, SPAM_TARGETS } from "./spam.js";
import { SPAM_EXTRA_GENERATORS, SPAM_EXTRA_TARGETS } from "./spam-extra.js";

export type Label = "spam" | "ham";

export interface SeedComment {
  content: string;
  label: Label;
  category: string;
  /** Slug of the article the comment was posted under (with or without `context`): the held-out
   * split groups by it, so no article's comments sit on both sides. */
  article: string;
  /** For category "written": what kind of comment it is (question, promo, …). */
  kind?: string;
  author?: Author;
  context?: { title: string; excerpt: string };
}

/** One line of written/*.jsonl. */
interface WrittenLine {
  content: string;
  label: Label;
  kind: string;
  article: string;
  context: { title: string; excerpt: string };
  author?: Author;
}

const DEFAULT_SEED = 20240611;
/** Give up on a category after this many draws in a row produce nothing new. */
const MAX_MISSES = 400;
/** Share of lines that carry the article they were posted under. */
const CONTEXT_RATE: Record<Label, number> = { ham: 0.85, spam: 0.8 };

type Generator = (rng: Rng, article: Article) => DraftComment | undefined;

function cleanAuthor(author: Author | undefined): Author | undefined {
  if (!author) return undefined;
  const out: Author = {};
  if (author.name) out.name = author.name;
  if (author.email) out.email = author.email;
  if (author.url) out.url = author.url;
  return Object.keys(out).length ? out : undefined;
}

function collect(options: {
  rng: Rng;
  label: Label;
  generators: Record<string, Generator>;
  targets: Record<string, number>;
  seen: Set<string>;
}): SeedComment[] {
  const { rng, label, generators, targets, seen } = options;
  const out: SeedComment[] = [];
  for (const [category, target] of Object.entries(targets)) {
    const generate = generators[category];
    if (!generate) throw new Error(`no ${label} generator for category ${category}`);
    let made = 0;
    let misses = 0;
    while (made < target && misses < MAX_MISSES) {
      const article = rng.pick(ARTICLES);
      const draft = generate(rng, article);
      const content = draft?.content.trim();
      // Dedupe ignoring case and spacing too, so "Great post!" and "great post!" count once.
      const key = content?.toLowerCase().replace(/\s+/g, " ");
      if (!draft || !content || !key || seen.has(key)) {
        misses++;
        continue;
      }
      seen.add(key);
      misses = 0;
      made++;
      const line: SeedComment = { content, label, category, article: article.slug };
      const author = cleanAuthor(draft.author);
      if (author) line.author = author;
      if (draft.allowContext !== false && rng.chance(CONTEXT_RATE[label])) {
        line.context = { title: article.title, excerpt: article.excerpt };
      }
      out.push(line);
    }
  }
  return out;
}

/**
 * The hand-written comments, category "written" (both labels: leaving the category out trains on
 * templates alone and tests on free writing). Each keeps its post as context at the same rate as
 * the generated comments.
 */
function written(rng: Rng, seen: Set<string>): SeedComment[] {
  const dir = resolve(dirname(fileURLToPath(import.meta.url)), "written");
  const out: SeedComment[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".jsonl")).sort()) {
    const lines = readFileSync(join(dir, file), "utf8").split("\n").filter((l) => l.trim());
    lines.forEach((text, i) => {
      const w = JSON.parse(text) as WrittenLine;
      if ((w.label !== "spam" && w.label !== "ham") || !w.content?.trim() || !w.article || !w.kind) {
        throw new Error(`${file}:${i + 1}: needs content, label (spam|ham), kind and article`);
      }
      const content = w.content.trim();
      const key = content.toLowerCase().replace(/\s+/g, " ");
      if (seen.has(key)) return;
      seen.add(key);
      const line: SeedComment = { content, label: w.label, category: "written", article: w.article, kind: w.kind };
      const author = cleanAuthor(w.author);
      if (author) line.author = author;
      if (w.context && rng.chance(CONTEXT_RATE[w.label])) line.context = { title: w.context.title, excerpt: w.context.excerpt };
      out.push(line);
    });
  }
  return out;
}

export function buildCorpus(seed: number): SeedComment[] {
  const rng = createRng(seed);
  const seen = new Set<string>();
  const spam = collect({ rng, label: "spam", generators: { ...SPAM_GENERATORS, ...SPAM_EXTRA_GENERATORS }, targets: { ...SPAM_TARGETS, ...SPAM_EXTRA_TARGETS }, seen });
  const ham = collect({ rng, label: "ham", generators: { ...HAM_GENERATORS, ...HAM_VOICE_GENERATORS }, targets: { ...HAM_TARGETS, ...HAM_VOICE_TARGETS }, seen });
  return rng.shuffle([...spam, ...ham, ...written(rng, seen)]);
}

function summarise(corpus: SeedComment[]): string {
  const counts = new Map<string, number>();
  for (const c of corpus) counts.set(`${c.label}\t${c.category}`, (counts.get(`${c.label}\t${c.category}`) ?? 0) + 1);
  const rows = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k.padEnd(36)}\t${n}`);
  const total = (label: Label) => corpus.filter((c) => c.label === label).length;
  const withContext = corpus.filter((c) => c.context).length;
  const withLink = (label: Label) => corpus.filter((c) => c.label === label && /https?:\/\//.test(c.content)).length;
  return [
    "label\tcategory\tcount",
    ...rows,
    "",
    `spam ${total("spam")}  ham ${total("ham")}  total ${corpus.length}`,
    `with context ${withContext}; link in body: spam ${withLink("spam")}, ham ${withLink("ham")}`,
  ].join("\n");
}

function parseArgs(argv: string[]): { seed: number; out: string } {
  const here = dirname(fileURLToPath(import.meta.url));
  let seed = DEFAULT_SEED;
  let out = resolve(here, "../../models/seed-corpus.jsonl");
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--seed") seed = Number(argv[++i]);
    else if (argv[i] === "--out") out = resolve(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!Number.isInteger(seed)) throw new Error("--seed must be an integer");
  return { seed, out };
}

function main(): void {
  const { seed, out } = parseArgs(process.argv.slice(2));
  const corpus = buildCorpus(seed);
  mkdirSync(dirname(out), { recursive: true });
  // Temp file + rename so a crash never leaves a half-written corpus behind.
  const tmp = `${out}.tmp`;
  writeFileSync(tmp, corpus.map((c) => JSON.stringify(c)).join("\n") + "\n");
  renameSync(tmp, out);
  process.stdout.write(`${summarise(corpus)}\nwrote ${out} (seed ${seed})\n`);
}

main();
