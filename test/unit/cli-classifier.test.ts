import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { type LabelledComment, evaluate, scoreComment, trainModel } from '../../src/classifier/index.js';
import type { CommandIo } from '../../src/cli/command.js';
import { evalCommand } from '../../src/cli/eval.command.js';
import { scoreCommand } from '../../src/cli/score.command.js';
import { loadModelFile, writeModelFileAtomic } from '../../src/model/model-file.js';

// `chaff score` and `chaff eval` driven with in-memory streams and a model written to a temp folder.

const EXAMPLES: LabelledComment[] = [
  { content: 'Great post, visit my site for cheap pills', label: 'spam', author: { name: 'cheap pills' } },
  { content: 'Awesome blog, subscribe to my channel', label: 'spam' },
  { content: 'Nice post, buy cheap followers at my site', label: 'spam' },
  { content: 'The second code sample throws on Node 18, use structuredClone instead', label: 'ham' },
  { content: 'Which version of the library did you test this with?', label: 'ham' },
  { content: 'The code sample worked once I upgraded the library', label: 'ham' },
];

async function withModel(fn: (dir: string, modelFile: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'chaff-cli-'));
  try {
    const model = trainModel(EXAMPLES, { corpora: [{ name: 'inline', spam: 3, ham: 3 }], seed: 1, now: () => new Date('2026-11-28T00:00:00Z'), minTokenCount: 1 });
    const modelFile = path.join(dir, 'model.json');
    await writeModelFileAtomic(modelFile, model);
    await fn(dir, modelFile);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function io(cwd: string, input: string): { io: CommandIo; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
  return { io: { stdin: Readable.from([input]), stdout, stderr, cwd }, out: () => out, err: () => err };
}

test('chaff score adds a verdict to each JSONL comment, in any of its shapes, and an error to lines it cannot read', async () => {
  await withModel(async (dir, modelFile) => {
    const lines = [
      { id: 1, content: 'visit my site for cheap pills', author: { name: 'cheap pills', url: 'https://pills.example' } },
      { id: 2, text: 'which version of node did the code sample need?', author: 'Ana' },
      { id: 3, comment_content: 'buy cheap followers at my site', comment_author: 'cheap followers', comment_author_IP: '203.0.113.9' },
      { id: 4, body: 'no content field' },
    ];
    // A byte-order mark and CRLF line ends, as a file saved on Windows has them.
    const input = `\ufeff${lines.map((l) => JSON.stringify(l)).join('\r\n')}\r\n\r\nnot json\r\n`;
    const run = io(dir, input);
    const code = await scoreCommand.run(['--model', modelFile, '--clues', '3'], run.io);
    assert.equal(code, 1, 'exit code 1 when a line could not be scored');
    const out = run.out().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(out.length, 5, 'one output line per non-blank input line');
    for (const [i, o] of out.slice(0, 3).entries()) {
      assert.equal(o.id, lines[i]!.id, 'input fields are kept, in input order');
      assert.ok(typeof o.spamProbability === 'number' && o.spamProbability >= 0 && o.spamProbability <= 1);
      assert.ok(['ham', 'unsure', 'spam'].includes(o.verdict as string));
      assert.ok(Array.isArray(o.clues) && (o.clues as unknown[]).length <= 3);
    }
    // The Akismet-shaped line scores as the same comment written in Chaff's own shape.
    const same = scoreComment(await loadModelFile(modelFile), { content: 'buy cheap followers at my site', author: { name: 'cheap followers', ip: '203.0.113.9' } });
    assert.equal(out[2]!.spamProbability, same.spamProbability);
    assert.match(String(out[3]!.error), /"content", "text" or "comment_content"/);
    assert.equal(out[3]!.id, 4);
    assert.deepEqual(out[4], { error: 'not valid JSON' });
    assert.match(run.err(), /2 line\(s\) could not be scored/);
  });
});

test('chaff eval --json prints the evaluation figures of the model on a labelled file', async () => {
  await withModel(async (dir, modelFile) => {
    const labelled: LabelledComment[] = [
      { content: 'cheap pills at my site', label: 'spam' },
      { content: 'subscribe to my channel for cheap followers', label: 'spam' },
      { content: 'the code sample needs node 18', label: 'ham' },
    ];
    await writeFile(path.join(dir, 'labelled.jsonl'), labelled.map((l) => JSON.stringify(l)).join('\n'));
    const run = io(dir, '');
    assert.equal(await evalCommand.run(['labelled.jsonl', '--model', modelFile, '--json'], run.io), 0);
    const printed = JSON.parse(run.out()) as ReturnType<typeof evaluate> & { modelVersion: string; file: string };
    const model = await loadModelFile(modelFile);
    const expected = evaluate(model, labelled);
    assert.equal(printed.modelVersion, model.version);
    assert.equal(printed.n, 3);
    assert.deepEqual(printed.atHalf, expected.atHalf);
    assert.deepEqual(printed.atCutoffs, expected.atCutoffs);

    const text = io(dir, '');
    assert.equal(await evalCommand.run(['labelled.jsonl', '--model', modelFile], text.io), 0);
    assert.match(text.out(), /3 comments \(2 spam, 1 ham\)/);
    assert.match(text.out(), /label \\ verdict/);
  });
});
