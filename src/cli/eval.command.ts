/**
 * `chaff eval FILE.jsonl [--model FILE] [--json]`: precision, recall, F1 and accuracy at p = 0.5,
 * and at the model's cutoffs the share of ham called spam, spam called ham and unsure, with a
 * confusion table. `--json` prints one JSON object instead.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type EvalMetrics, evaluate } from '../classifier/index.js';
import { readCorpusFile } from '../model/corpus.js';
import type { Command } from './command.js';
import { loadModelOption } from './model-option.js';

const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;

export function formatEval(m: EvalMetrics, modelVersion: string, file: string): string {
  const c = m.atCutoffs.confusion;
  const row = (label: string, r: { spam: number; unsure: number; ham: number }): string =>
    `  ${label.padEnd(10)} ${String(r.spam).padStart(8)} ${String(r.unsure).padStart(8)} ${String(r.ham).padStart(8)}`;
  return [
    `model ${modelVersion} on ${file}: ${m.n} comments (${m.spam} spam, ${m.ham} ham)`,
    '',
    'at p = 0.5',
    `  precision ${m.atHalf.precision.toFixed(4)}  recall ${m.atHalf.recall.toFixed(4)}  F1 ${m.atHalf.f1.toFixed(4)}  accuracy ${m.atHalf.accuracy.toFixed(4)}`,
    `  ham called spam ${pct(m.atHalf.hamCalledSpam)}  spam called ham ${pct(m.atHalf.spamCalledHam)}`,
    '',
    `at the model's cutoffs (ham < ${m.atCutoffs.cutoffs.ham.toPrecision(4)}, spam > ${m.atCutoffs.cutoffs.spam.toPrecision(4)})`,
    `  ham called spam ${pct(m.atCutoffs.hamCalledSpam)}  spam called ham ${pct(m.atCutoffs.spamCalledHam)}  unsure ${pct(m.atCutoffs.unsure)}`,
    '',
    '  label \\ verdict    spam   unsure      ham',
    row('spam', c.spam),
    row('ham', c.ham),
  ].join('\n');
}

export const evalCommand: Command = {
  name: 'eval',
  usage: 'eval FILE.jsonl [--model FILE] [--json]',
  summary: 'accuracy figures of a model on labelled comments',
  async run(args, io) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { model: { type: 'string' }, json: { type: 'boolean', default: false } } });
    if (positionals.length !== 1) throw new Error('give exactly one labelled file: chaff eval FILE.jsonl [--model FILE] [--json]');
    const file = positionals[0]!;
    const examples = await readCorpusFile(path.resolve(io.cwd, file));
    if (examples.length === 0) throw new Error(`${file} has no labelled comments.`);
    const model = await loadModelOption(values.model, io.cwd);
    const metrics = evaluate(model, examples);
    io.stdout.write(values.json ? `${JSON.stringify({ modelVersion: model.version, file, ...metrics })}\n` : `${formatEval(metrics, model.version, file)}\n`);
    return 0;
  },
};
