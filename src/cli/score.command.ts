/**
 * `chaff score [--model FILE]`: JSONL comments on stdin, the same objects on stdout with
 * `spamProbability`, `verdict` and `clues` added. A line that is not a comment gets an `error`
 * field instead, so output lines match input lines one to one.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { scoreComment } from '../classifier/index.js';
import { commentFromJson } from '../model/corpus.js';
import type { Command } from './command.js';
import { loadModelOption } from './model-option.js';

export const scoreCommand: Command = {
  name: 'score',
  usage: 'score [--model FILE] [--clues N] < comments.jsonl',
  summary: 'add spamProbability, verdict and clues to JSONL comments',
  async run(args, io) {
    const { values } = parseArgs({ args, options: { model: { type: 'string' }, clues: { type: 'string', default: '8' } } });
    const model = await loadModelOption(values.model, io.cwd);
    const maxClues = Number.parseInt(values.clues, 10);
    let failed = 0;
    const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
    for await (const raw of lines) {
      // trim() also drops the byte-order mark a file saved on Windows starts with (JSON.parse does not).
      const line = raw.trim();
      if (!line) continue;
      let out: Record<string, unknown>;
      try {
        const obj = JSON.parse(line) as unknown;
        const comment = typeof obj === 'object' && obj !== null && !Array.isArray(obj) ? commentFromJson(obj as Record<string, unknown>) : null;
        if (!comment) {
          out = { ...(typeof obj === 'object' && obj !== null ? obj : { value: obj }), error: 'expected an object with a string "content", "text" or "comment_content"' };
          failed++;
        } else {
          const s = scoreComment(model, comment, { maxClues: Number.isFinite(maxClues) ? maxClues : 8 });
          out = { ...(obj as Record<string, unknown>), spamProbability: s.spamProbability, verdict: s.verdict, clues: s.clues, modelVersion: s.modelVersion };
        }
      } catch {
        out = { error: 'not valid JSON' };
        failed++;
      }
      if (!io.stdout.write(`${JSON.stringify(out)}\n`)) await new Promise((r) => io.stdout.once('drain', r));
    }
    if (failed > 0) io.stderr.write(`chaff score: ${failed} line(s) could not be scored (see their "error" field).\n`);
    return failed > 0 ? 1 : 0;
  },
};
