import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type LabelledComment, serializeModel, trainModel } from '../../src/classifier/index.js';
import { AppError, ModelError } from '../../src/errors.js';
import { parseCsv } from '../../src/model/csv.js';
import { parseJsonlCorpus, parseYoutubeCsv } from '../../src/model/corpus.js';
import { findNewestModel, loadModelFile, modelFileName, writeModelFileAtomic } from '../../src/model/model-file.js';

const EXAMPLES: LabelledComment[] = [
  { content: 'Great post, visit my site for cheap pills', label: 'spam' },
  { content: 'Awesome blog, subscribe to my channel', label: 'spam' },
  { content: 'The second code sample throws on Node 18, use structuredClone instead', label: 'ham' },
  { content: 'Which version of the library did you test this with?', label: 'ham' },
];

function modelAt(iso: string) {
  return trainModel(EXAMPLES, { corpora: [{ name: 'inline', spam: 2, ham: 2 }], seed: 1, now: () => new Date(iso), minTokenCount: 1 });
}

async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'chaff-model-test-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('writeModelFileAtomic writes a loadable file and leaves no temp files', async () => {
  await withTempDir(async (dir) => {
    const model = modelAt('2026-11-27T10:00:00Z');
    const file = path.join(dir, modelFileName(model));
    await writeModelFileAtomic(file, model);
    await writeModelFileAtomic(file, model); // overwrite in place
    assert.deepEqual(await readdir(dir), [`${model.version}.json`]);
    const loaded = await loadModelFile(file);
    assert.equal(serializeModel(loaded), serializeModel(model));
  });
});

test('loadModelFile throws ModelError naming the file', async () => {
  await withTempDir(async (dir) => {
    const file = path.join(dir, 'broken.json');
    await writeFile(file, '{"schemaVersion": 1}');
    await assert.rejects(loadModelFile(file), (err: unknown) => err instanceof ModelError && err.message.includes('broken.json'));
    await assert.rejects(loadModelFile(path.join(dir, 'missing.json')), ModelError);
  });
});

test('findNewestModel picks the newest valid model by trainedAt and skips other files', async () => {
  await withTempDir(async (dir) => {
    const older = modelAt('2026-11-01T00:00:00Z');
    const newer = modelAt('2026-11-20T00:00:00Z');
    // File names deliberately disagree with the dates: trainedAt decides, not the name.
    await writeModelFileAtomic(path.join(dir, 'b.json'), older);
    await writeModelFileAtomic(path.join(dir, 'a.json'), newer);
    await writeFile(path.join(dir, 'z-not-a-model.json'), '{"hello": "world"}');
    await writeFile(path.join(dir, 'seed-corpus.jsonl'), '{"content":"x","label":"ham"}\n');
    await writeFile(path.join(dir, 'notes.txt'), 'not json');
    const found = await findNewestModel(dir);
    assert.equal(found.version, newer.version);
  });
});

test('findNewestModel explains when there is no valid model', async () => {
  await withTempDir(async (dir) => {
    await writeFile(path.join(dir, 'bad.json'), 'nope');
    await assert.rejects(findNewestModel(dir), (err: unknown) => err instanceof ModelError && /No valid model/.test(err.message) && /bad\.json/.test(err.message));
    await assert.rejects(findNewestModel(path.join(dir, 'absent')), ModelError);
  });
});

test('parseCsv handles quotes, doubled quotes, commas and multi-line fields', () => {
  const text = 'A,B,C\r\n1,"two, with comma","say ""hi"""\n2,"line one\nline two",\n';
  assert.deepEqual(parseCsv(text), [
    ['A', 'B', 'C'],
    ['1', 'two, with comma', 'say "hi"'],
    ['2', 'line one\nline two', ''],
  ]);
  assert.throws(() => parseCsv('a,"open'), SyntaxError);
});

test('parseYoutubeCsv reads AUTHOR, CONTENT and CLASS, never DATE', () => {
  const csv = 'COMMENT_ID,AUTHOR,DATE,CONTENT,CLASS\nid1,Some One,2014-01-01,"Lovely tune,\nreally",0\nid2,Promo Bot,,visit my channel,1\n';
  const rows = parseYoutubeCsv(csv);
  assert.deepEqual(rows, [
    { content: 'Lovely tune,\nreally', label: 'ham', author: { name: 'Some One' } },
    { content: 'visit my channel', label: 'spam', author: { name: 'Promo Bot' } },
  ]);
  assert.throws(() => parseYoutubeCsv('A,B\n1,2\n'), /header/);
});

test('parseJsonlCorpus accepts content or text, author objects or names, context, and Akismet/WordPress field names', () => {
  const jsonl = [
    JSON.stringify({ content: 'Thanks for the fix', label: 'ham', author: { name: 'Ana', url: 'https://ana.example' }, context: { title: 'T', excerpt: 'E' }, category: 'thanks' }),
    '',
    JSON.stringify({ text: 'buy now', label: 'spam', author: 'Seller' }),
  ].join('\n');
  assert.deepEqual(parseJsonlCorpus(jsonl), [
    { content: 'Thanks for the fix', label: 'ham', author: { name: 'Ana', url: 'https://ana.example' }, context: { title: 'T', excerpt: 'E' } },
    { content: 'buy now', label: 'spam', author: { name: 'Seller' } },
  ]);
  // Akismet's field names (and WordPress's comment_author_IP), as a wp_comments export has them.
  const akismet = JSON.stringify({
    comment_content: 'Nice post',
    comment_author: 'Cheap Essays',
    comment_author_email: 'sales@essays.example',
    comment_author_url: 'https://essays.example',
    comment_author_IP: '203.0.113.9',
    permalink: 'https://blog.example/p/1',
    label: 'spam',
  });
  assert.deepEqual(parseJsonlCorpus(akismet), [
    {
      content: 'Nice post',
      label: 'spam',
      author: { name: 'Cheap Essays', email: 'sales@essays.example', url: 'https://essays.example', ip: '203.0.113.9' },
      permalink: 'https://blog.example/p/1',
    },
  ]);
  // Author fields given flat beside `content` (its own names or Akismet's), when there is no `author`.
  assert.deepEqual(parseJsonlCorpus([
    JSON.stringify({ content: 'Nice post', label: 'spam', author_name: 'Cheap Essays', author_url: 'https://essays.example', author_email: 'a@essays.example' }),
    JSON.stringify({ content: 'Nice post', label: 'spam', comment_author: 'Cheap Essays', comment_author_url: 'https://essays.example' }),
    JSON.stringify({ content: 'Nice post', label: 'ham', author: { name: 'Ana' }, author_url: 'https://ignored.example' }),
  ].join('\n')).map((e) => e.author), [
    { name: 'Cheap Essays', email: 'a@essays.example', url: 'https://essays.example' },
    { name: 'Cheap Essays', url: 'https://essays.example' },
    { name: 'Ana' },
  ]);
  assert.throws(() => parseJsonlCorpus('{"content":"x","label":"maybe"}', 'f.jsonl'), /f\.jsonl:1: label must be "spam" or "ham", got "maybe"/);
  assert.throws(() => parseJsonlCorpus('{"content":"x","label":1}'), /got 1$/);
  // A byte-order mark (a Windows export; two such files concatenated) is not part of the JSON.
  assert.deepEqual(parseJsonlCorpus('\ufeff{"content":"x","label":"ham"}\r\n\ufeff{"content":"y","label":"spam"}\r\n').map((e) => e.content), ['x', 'y']);
  assert.deepEqual(parseJsonlCorpus('{"content":"x","label":"Spam"}\n{"content":"y","label":" HAM "}').map((e) => e.label), ['spam', 'ham']);
  assert.throws(() => parseJsonlCorpus('{"label":"ham"}'), /content/);
  assert.throws(() => parseJsonlCorpus('not json'), /not valid JSON/);
  assert.throws(
    () => parseJsonlCorpus('{"content":"ok","label":"ham"}\n{"content":"x"}', 'g.jsonl'),
    (err) => err instanceof AppError && err.code === 'invalid_corpus' && /^g\.jsonl:2: label/.test(err.message),
  );
});

test('a written model file is plain JSON with parallel vocabulary arrays', async () => {
  await withTempDir(async (dir) => {
    const model = modelAt('2026-11-27T10:00:00Z');
    const file = path.join(dir, 'm.json');
    await writeModelFileAtomic(file, model);
    const json = JSON.parse(await readFile(file, 'utf8'));
    assert.equal(json.vocabulary.tokens.length, json.vocabulary.spam.length);
    assert.equal(json.vocabulary.tokens.length, json.vocabulary.ham.length);
    assert.deepEqual(Object.keys(json).slice(0, 3), ['schemaVersion', 'version', 'trainedAt']);
  });
});
