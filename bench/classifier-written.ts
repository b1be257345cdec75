/**
 * Leave one hand-written part out: the seed corpus's category "written" comes in parts
 * (scripts/seed-corpus/written/w1.jsonl …), each written by a different writer on its own topics
 * and posts. For each part, train the full pipeline (trainModel: counts, temperature and cutoffs
 * by cross-validation) on every other seed comment plus YouTube, and score the part. It is the
 * bench's nearest stand-in for comments from a site the model has never seen: new writers, new
 * topics, no template shared with training. natural.BayesClassifier, trained on the same
 * comments, is scored beside it at p = 0.5 when asked (withNatural): its training grows with the
 * square of the corpus, about two minutes a fold at 17,000 comments.
 */
import { type LabelledComment, type ScoredExample, metricsFromScores, scoreComment, trainModel } from '../src/classifier/index.js';
import type { Verdict } from '../src/classifier/types.js';
import { NaturalBayesClassifier } from './natural.js';

interface AtHalf {
  hamCalledSpam: number;
  spamCalledHam: number;
  f1: number;
}

export interface WrittenPartsResult {
  parts: string[];
  ham: number;
  spam: number;
  /** Shares at each fold model's cutoffs. */
  hamVerdicts: Record<Verdict, number>;
  spamVerdicts: Record<Verdict, number>;
  atHalf: AtHalf;
  /** Null unless asked for (withNatural): natural's training is quadratic, an hour for 23 parts. */
  natural: AtHalf | null;
}

const HALF = { ham: 0.5, spam: 0.5 };

export function leaveOneWrittenPartOut(input: {
  /** Seed rows with the part each came from ('' for the generated ones). */
  seed: ReadonlyArray<LabelledComment & { part: string }>;
  youtube: readonly LabelledComment[];
  seedNumber: number;
  now: () => Date;
  withNatural: boolean;
}): WrittenPartsResult | null {
  const parts = [...new Set(input.seed.map((r) => r.part).filter(Boolean))].sort();
  if (parts.length < 2) return null;
  const counts = { ham: { ham: 0, unsure: 0, spam: 0 }, spam: { ham: 0, unsure: 0, spam: 0 } };
  const chaff: ScoredExample[] = [];
  const natural: ScoredExample[] = [];
  for (const part of parts) {
    const train = [...input.seed.filter((r) => r.part !== part), ...input.youtube];
    const test = input.seed.filter((r) => r.part === part);
    const model = trainModel(train, { corpora: [], seed: input.seedNumber, now: input.now });
    const nb = input.withNatural ? new NaturalBayesClassifier() : null;
    if (nb) {
      for (const e of train) nb.addDocument(e.content, e.label);
      nb.train();
    }
    for (const e of test) {
      const s = scoreComment(model, e, { maxClues: 0 });
      counts[e.label][s.verdict]++;
      chaff.push({ p: s.spamProbability, label: e.label });
      if (nb) natural.push({ p: nb.classify(e.content) === 'spam' ? 1 : 0, label: e.label });
    }
  }
  const ham = counts.ham.ham + counts.ham.unsure + counts.ham.spam;
  const spam = counts.spam.ham + counts.spam.unsure + counts.spam.spam;
  const share = (c: Record<Verdict, number>, n: number): Record<Verdict, number> => ({ ham: c.ham / n, unsure: c.unsure / n, spam: c.spam / n });
  const atHalf = (scored: ScoredExample[]): AtHalf => {
    const { hamCalledSpam, spamCalledHam, f1 } = metricsFromScores(scored, HALF).atHalf;
    return { hamCalledSpam, spamCalledHam, f1 };
  };
  return { parts, ham, spam, hamVerdicts: share(counts.ham, ham), spamVerdicts: share(counts.spam, spam), atHalf: atHalf(chaff), natural: input.withNatural ? atHalf(natural) : null };
}
