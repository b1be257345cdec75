import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ENVIRONMENT_VARIABLES } from '../../src/config.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

test('the README configuration table lists every environment variable', () => {
  const missing = ENVIRONMENT_VARIABLES.filter((name) => !readme.includes(`| \`${name}\` |`));
  assert.deepEqual(missing, []);
});

test('the README gives the two set-up commands', () => {
  assert.match(readme, /npm install && npm start/);
  assert.match(readme, /npm test/);
});
