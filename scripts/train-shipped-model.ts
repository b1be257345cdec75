/**
 * Trains the shipped model: our seed corpus (models/seed-corpus.jsonl, minus its held-out split)
 * plus the YouTube Spam Collection (../shared/corpus/youtube-spam-collection/*.csv, read at run
 * time, never copied), and writes models/<version>.json atomically. Both corpora are recorded in
 * the model's `corpora`; the seed held-out metrics go in `metrics.heldOut`. The seed corpus is split
 * by article (each line's `article`), so held-out comments come from articles the model never saw;
 * the YouTube collection by comment, so that retraining with it validates on unseen comments.
 * Delete the previous models/*.json yourself so one shipped model remains.
 *
 *   npm run train:model [-- --seed 42 --youtube DIR --seed-corpus FILE --out-dir models]
 *
 * Until the seed corpus exists, a few comments written in this file stand in for it (and the
 * model says so), so the API can run against a model that knows blog comments at all.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type LabelledComment, splitHeldOut, trainModel } from '../src/classifier/index.js';
import { corpusInfo, readCorpusFile } from '../src/model/corpus.js';
import { modelFileName, writeModelFileAtomic } from '../src/model/model-file.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '20261127' },
    youtube: { type: 'string', default: path.resolve('..', 'shared', 'corpus', 'youtube-spam-collection') },
    'seed-corpus': { type: 'string', default: path.join('models', 'seed-corpus.jsonl') },
    'out-dir': { type: 'string', default: 'models' },
  },
});
const seed = Number.parseInt(values.seed, 10);

const BOOTSTRAP_CONTEXT = {
  title: 'Fixing "JavaScript heap out of memory" in Node builds',
  excerpt: 'Raise the heap limit with NODE_OPTIONS=--max-old-space-size and find the leak with heap snapshots.',
};
const BOOTSTRAP: LabelledComment[] = [
  ...[
    'Great post, very informative. Keep writing!',
    'I wonder why the other experts of this field do not notice this. You should keep writing.',
    'Wonderful article, I have bookmarked your site and will come back for more.',
    'Hi there, I read your blog daily and your writing style is awesome, keep it up!',
    'This is exactly the information I was looking for, thanks for sharing!',
    'I am sure you have a huge readers base already. Pretty valuable piece of content.',
    'Nice post! Visit my site for cheap essay writing service http://essays-cheap.example',
    'Awesome blog! Do you have any tips for aspiring writers? Check my page too.',
  ].map((content): LabelledComment => ({ content, label: 'spam', context: BOOTSTRAP_CONTEXT })),
  ...[
    'Thanks, setting NODE_OPTIONS=--max-old-space-size=4096 fixed my webpack build.',
    'The heap snapshot tip found our leak: a Map of sessions we never cleared. Thank you.',
    'Does --max-old-space-size also apply to worker threads, or do they need their own limit?',
    'Small correction: the flag takes megabytes, not bytes, so 4096 means 4 GB.',
    'I disagree a little: raising the heap limit hides leaks. Snapshots first, then the flag.',
    'Worked for our Next.js build on CI too, the out of memory error is gone.',
  ].map((content): LabelledComment => ({ content, label: 'ham', context: BOOTSTRAP_CONTEXT })),
];

async function main(): Promise<void> {
  const csvFiles = readdirSync(values.youtube).filter((f) => f.endsWith('.csv')).sort();
  if (csvFiles.length === 0) throw new Error(`No YouTube CSV files in ${values.youtube}.`);
  const youtube = (await Promise.all(csvFiles.map((f) => readCorpusFile(path.join(values.youtube, f))))).flat();

  const seedPath = values['seed-corpus'];
  const haveSeed = existsSync(seedPath);
  const seedCorpus = haveSeed ? await readCorpusFile(seedPath) : BOOTSTRAP;
  const seedName = haveSeed ? seedPath.split(path.sep).join('/') : 'scripts/train-shipped-model.ts bootstrap comments';
  const { train, heldOut } = haveSeed ? splitHeldOut(seedCorpus, seed) : { train: seedCorpus, heldOut: [] };
  if (!haveSeed) console.error(`warning: ${seedPath} not found; training on YouTube plus ${BOOTSTRAP.length} bootstrap comments.`);

  // YouTube comments are held out by the same rule (by comment), so that a retrain that reads the
  // collection again (CHAFF_RETRAIN_CORPORA) validates the shipped model on comments it never saw.
  const youtubeTrain = splitHeldOut(youtube, seed).train;
  const model = trainModel([...train, ...youtubeTrain], {
    corpora: [
      corpusInfo(`${seedName} (train split: articles not held out, seed ${seed})`, train),
      corpusInfo(`youtube-spam-collection (UCI, CC BY 4.0; Alberto, Lochter, Almeida 2015) (train split: comments not held out, seed ${seed})`, youtubeTrain),
    ],
    seed,
    now: () => new Date(),
    heldOut,
  });
  const file = path.join(values['out-dir'], modelFileName(model));
  await writeModelFileAtomic(file, model);

  const cv = model.metrics.crossValidation as { atHalf: { f1: number }; atCutoffs: Record<string, number> } | undefined;
  const held = model.metrics.heldOut as { n: number; atCutoffs: Record<string, number> } | undefined;
  console.log(JSON.stringify({
    file,
    version: model.version,
    method: model.method,
    cutoffs: model.cutoffs,
    calibration: model.calibration,
    vocabulary: model.counts.size,
    corpora: model.corpora,
    crossValidationF1: cv?.atHalf.f1,
    heldOut: held ? { n: held.n, hamCalledSpam: held.atCutoffs.hamCalledSpam, spamCalledHam: held.atCutoffs.spamCalledHam, unsure: held.atCutoffs.unsure } : null,
  }, null, 2));
}

await main();
