import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { type LabelledComment, type Model, MAX_CONTENT_CHARS, extractFeatures, scoreComment, trainModel } from '../../src/classifier/index.js';

const CORPUS: LabelledComment[] = [
  { content: 'Great post, very informative! Visit http://cheap.example.com now', label: 'spam', author: { name: 'Cheap Pills Online', url: 'http://cheap.example.com' } },
  { content: 'Отличная статья, смотрите тут https://zaimy.example.ru', label: 'spam' },
  { content: 'Nice blog, keep writing. Check out my channel!', label: 'spam' },
  { content: 'The second example fails on Windows because of the path separator.', label: 'ham', context: { title: 'Paths in Node', excerpt: 'path.join and separators' } },
  { content: '谢谢，这个方法解决了我的问题。', label: 'ham' },
  { content: 'Which Node version did you use for the benchmark?', label: 'ham' },
];

function models(): Model[] {
  return (['multinomial', 'bernoulli', 'fisher'] as const).map((method) =>
    trainModel(CORPUS, { corpora: [], seed: 3, now: () => new Date('2026-11-27T00:00:00Z'), method, minTokenCount: 1 }),
  );
}

function assertValidScore(model: Model, content: string, extra: Partial<LabelledComment> = {}): void {
  const s = scoreComment(model, { content, ...extra });
  assert.ok(Number.isFinite(s.spamProbability), `not finite: ${s.spamProbability}`);
  assert.ok(s.spamProbability >= 0 && s.spamProbability <= 1, `out of range: ${s.spamProbability}`);
  assert.ok(['ham', 'unsure', 'spam'].includes(s.verdict));
  for (const c of s.clues) assert.ok(Number.isFinite(c.weight));
}

const awkward = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom('', '\u0000', '\u0000\u0000abc\u0000', '\u200B\u200C\u200D\uFEFF', '\u202Eevil\u202C', 'مرحبا بالعالم', 'שלום עולם', '😀🔥💯 free 💊💊', '<a href="javascript:alert(1)">x</a>', '&#0; &#x110000; &#xD800; &bogus;', 'http://', 'a@b', '!!!!!!!!', 'A'.repeat(5000)),
);

test('scoring never throws and gives a finite probability in [0, 1] for any string', () => {
  const ms = models();
  fc.assert(
    fc.property(awkward, fc.option(awkward), fc.option(awkward), (content, author, title) => {
      for (const m of ms) {
        assertValidScore(m, content, {
          ...(author !== null ? { author: { name: author, url: author, email: author } } : {}),
          ...(title !== null ? { context: { title, excerpt: title } } : {}),
        });
      }
    }),
    { numRuns: 300 },
  );
});

test('scoring copes with 1 MB comments, and the work per comment is capped', () => {
  const ms = models();
  const megabyte = 'great post visit http://spam.example.com \u200B 😀 '.repeat(Math.ceil(2 ** 20 / 45));
  for (const m of ms) assertValidScore(m, megabyte);
  assertValidScore(ms[0]!, '\u0000'.repeat(2 ** 20));
  assertValidScore(ms[0]!, 'é'.repeat(2 ** 20));
  // Capped: only the first MAX_CONTENT_CHARS characters are read, so the features (and the work)
  // of a 1 MB comment are those of its first 20 kB.
  for (const text of [megabyte, 'é'.repeat(2 ** 20), `${'word '.repeat(5000)}${'late-word '.repeat(100_000)}`]) {
    assert.deepEqual(extractFeatures({ content: text }), extractFeatures({ content: text.slice(0, MAX_CONTENT_CHARS) }));
  }
  // A word that first appears past the cap is not read.
  assert.ok(!extractFeatures({ content: `${'word '.repeat(5000)} zebra` }).includes('word:zebra'));
  assert.ok(extractFeatures({ content: `${'word '.repeat(100)} zebra` }).includes('word:zebra'));
});

test('scoring tolerates malformed comment objects from untyped callers', () => {
  const [m] = models();
  for (const bad of [{}, { content: 42 }, { content: 'x', author: 'not an object' }, { content: 'x', context: null }, { content: 'x', author: { name: 7 } }]) {
    const s = scoreComment(m!, bad as never);
    assert.ok(s.spamProbability >= 0 && s.spamProbability <= 1);
  }
});

test('features are deterministic and unique', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (content) => {
      const a = extractFeatures({ content });
      assert.deepEqual(a, extractFeatures({ content }));
      assert.equal(new Set(a).size, a.length);
    }),
    { numRuns: 200 },
  );
});
