/**
 * `chaff train --out FILE [--corpus FILE…] [--seed N] [--method M]`: train a model from JSONL
 * (`label` + `content`/`text`) and YouTube-format CSV files; cutoffs come from cross-validation.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { COMBINING_METHODS, type CombiningMethod, type LabelledComment, trainModel } from '../classifier/index.js';
import { corpusInfo, readCorpusFile } from '../model/corpus.js';
import { writeModelFileAtomic } from '../model/model-file.js';
import type { Command } from './command.js';

export const trainCommand: Command = {
  name: 'train',
  usage: 'train --out FILE [--corpus FILE…] [--seed N] [--method M]',
  summary: 'train a model from labelled JSONL/CSV corpora',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        corpus: { type: 'string', multiple: true, default: [] },
        seed: { type: 'string', default: '1' },
        method: { type: 'string' },
      },
    });
    if (!values.out) throw new Error('--out FILE is required.');
    const files = [...values.corpus, ...positionals];
    if (files.length === 0) throw new Error('give at least one --corpus FILE (JSONL with "label", or YouTube CSV).');
    if (values.method && !COMBINING_METHODS.includes(values.method as CombiningMethod)) {
      throw new Error(`--method must be one of ${COMBINING_METHODS.join(', ')}.`);
    }
    const corpora: Array<{ name: string; spam: number; ham: number }> = [];
    const examples: LabelledComment[] = [];
    for (const file of files) {
      const rows = await readCorpusFile(path.resolve(io.cwd, file));
      corpora.push(corpusInfo(file, rows));
      examples.push(...rows);
    }
    const model = trainModel(examples, {
      corpora,
      seed: Number.parseInt(values.seed, 10) || 1,
      now: () => new Date(),
      ...(values.method ? { method: values.method as CombiningMethod } : {}),
    });
    const out = path.resolve(io.cwd, values.out);
    await writeModelFileAtomic(out, model);
    io.stderr.write(`chaff train: wrote ${values.out} (version ${model.version}, ${model.docs.spam} spam + ${model.docs.ham} ham, cutoffs ${model.cutoffs.ham.toPrecision(3)}/${model.cutoffs.spam.toPrecision(3)})\n`);
    return 0;
  },
};
