/**
 * Leave one hand-written part out: the seed corpus's category "written" comes in parts
 * (scripts/seed-corpus/written/w1.jsonl …), each written by a different writer on its own topics
 * and posts. For each part, train the full pipeline (trainModel: counts, temperature and cutoffs
 * by cross-validation) on every other seed comment plus YouTube, and score the part. It is the
 * bench's nearest stand-in for comments from a site the model has never seen: new writers, new
 * topics, no template shared with training. natural.BayesClassifier, trained on the same
 * comments, is scored beside it at p = 0.5.
 */
import { type LabelledComment, scoreComment, trainModel } from '../src/classifier/index.js';
import type { Verdict } from '../src/classifier/types.js';

export interface WrittenPartsResult {
  parts: string[];
  ham: number;
  spam: number;
  /** Shares at each fold model's cutoffs. */
  hamVerdicts: Record<Verdict, number>;
  spamVerdicts: Record<Verdict, number>;
  /** At p = 0.5. */
  atHalf: { hamCalledSpam: number; spamCalledHam: number; f1: number };
  natural: { hamCalledSpam: number; spamCalledHam: number; f1: number };
}

interface NaturalBayes {
  addDocument(text: string, label: string): void;
  train(): void;
  classify(text: string): string;
}

const f1 = (tp: number, fp: number, fn: number): number => (2 * tp) / (2 * tp + fp + fn);

export function leaveOneWrittenPartOut(input: {
  /** Seed rows with the part each came from ('' for the generated ones). */
  seed: ReadonlyArray<LabelledComment & { part: string }>;
  youtube: readonly LabelledComment[];
  seedNumber: number;
  now: () => Date;
  naturalClassifier: () => NaturalBayes;
}): WrittenPartsResult | null {
  const parts = [...new Set(input.seed.map((r) => r.part).filter(Boolean))].sort();
  if (parts.length < 2) return null;
  const counts = { ham: { ham: 0, unsure: 0, spam: 0 }, spam: { ham: 0, unsure: 0, spam: 0 } };
  const half = { tp: 0, fp: 0, fn: 0 };
  const nat = { tp: 0, fp: 0, fn: 0 };
  for (const part of parts) {
    const train = [...input.seed.filter((r) => r.part !== part), ...input.youtube];
    const test = input.seed.filter((r) => r.part === part);
    const model = trainModel(train, { corpora: [], seed: input.seedNumber, now: input.now });
    const natural = input.naturalClassifier();
    for (const e of train) natural.addDocument(e.content, e.label);
    natural.train();
    for (const e of test) {
      const s = scoreComment(model, e, { maxClues: 0 });
      counts[e.label][s.verdict]++;
      const spam = s.spamProbability > 0.5;
      const natSpam = natural.classify(e.content) === 'spam';
      if (e.label === 'spam') {
        if (spam) half.tp++;
        else half.fn++;
        if (natSpam) nat.tp++;
        else nat.fn++;
      } else {
        if (spam) half.fp++;
        if (natSpam) nat.fp++;
      }
    }
  }
  const ham = counts.ham.ham + counts.ham.unsure + counts.ham.spam;
  const spam = counts.spam.ham + counts.spam.unsure + counts.spam.spam;
  const share = (c: Record<Verdict, number>, n: number): Record<Verdict, number> => ({ ham: c.ham / n, unsure: c.unsure / n, spam: c.spam / n });
  return {
    parts,
    ham,
    spam,
    hamVerdicts: share(counts.ham, ham),
    spamVerdicts: share(counts.spam, spam),
    atHalf: { hamCalledSpam: half.fp / ham, spamCalledHam: half.fn / spam, f1: f1(half.tp, half.fp, half.fn) },
    natural: { hamCalledSpam: nat.fp / ham, spamCalledHam: nat.fn / spam, f1: f1(nat.tp, nat.fp, nat.fn) },
  };
}
