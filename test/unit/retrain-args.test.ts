import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.js';
import { UsageError, parseRetrainArgs } from '../../src/retrain/retrain.cli.js';

test('retrain reads CHAFF_RETRAIN_CORPORA and --corpus, a folder standing for its .jsonl and .csv files', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'chaff-corpora-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(path.join(dir, 'youtube'));
  for (const f of ['b.csv', 'a.csv', 'notes.txt']) writeFileSync(path.join(dir, 'youtube', f), '');
  writeFileSync(path.join(dir, 'extra.jsonl'), '');
  mkdirSync(path.join(dir, 'empty'));

  const config = loadConfig({ CHAFF_RETRAIN_CORPORA: ' youtube , ' });
  assert.deepEqual(config.retrainCorpora, ['youtube']);
  const options = parseRetrainArgs(['--corpus', 'extra.jsonl'], config, dir);
  assert.deepEqual(options.corpusFiles, ['youtube/a.csv', 'youtube/b.csv', 'extra.jsonl'].map((f) => path.join(dir, f)));

  assert.deepEqual(parseRetrainArgs([], loadConfig({}), dir).corpusFiles, []);
  assert.throws(() => parseRetrainArgs(['--corpus', 'missing.jsonl'], config, dir), (err) => err instanceof UsageError && /missing\.jsonl does not exist/.test(err.message));
  assert.throws(() => parseRetrainArgs(['--corpus', 'empty'], loadConfig({}), dir), /holds no \.jsonl or \.csv files/);
});
