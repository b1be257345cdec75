import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import request from 'supertest';
import { SITE_A, createHarness, type Harness } from '../helpers/harness.js';

/**
 * Property-based bad input on POST /v1/comments (and the Akismet endpoints): whatever arrives,
 * the answer is a 2xx, or a 4xx with a JSON error; never a 5xx, and nothing pollutes
 * Object.prototype. Runs are bounded (a few hundred cases) to stay quick in CI.
 */
let h: Harness;
before(async () => {
  h = await createHarness({ env: { CHAFF_AKISMET_WAIT_MS: '0' } });
});
after(async () => h.close());

const NASTY_CHARS = ['\u0000', '\u200b', '\u200d', '\u202e', '\u2066', '\ufeff', '\ud800', '\udfff', '\uffff', '💩', '\u0301', '\r\n', '"', '\\'];
const nastyString = fc
  .array(fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(...NASTY_CHARS), fc.string({ unit: 'binary', maxLength: 40 })), { maxLength: 12 })
  .map((parts) => parts.join(''));
const pollutionKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf');
const nastyValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), pollutionKey), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Bodies shaped roughly like a comment, with any field of any type, plus prototype keys. */
const commentish = fc.record(
  {
    id: nastyValue,
    content: fc.oneof(nastyString, nastyValue),
    author: fc.oneof(nastyValue, fc.record({ name: nastyValue, email: nastyValue, ip: nastyValue, url: nastyValue }, { requiredKeys: [] })),
    permalink: nastyValue,
    context: nastyValue,
    createdAt: fc.oneof(nastyValue, fc.date({ noInvalidDate: true }).map((d) => d.toISOString())),
    __proto__: fc.record({ polluted: fc.constant('yes') }),
    constructor: fc.record({ prototype: fc.record({ polluted: fc.constant('yes') }) }),
  },
  { requiredKeys: [] },
);

function deepNesting(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Raw JSON text: serialised values, prototype keys spelled out, deep nesting, broken text. */
const rawBody = fc.oneof(
  commentish.map((v) => JSON.stringify(v)),
  nastyValue.map((v) => JSON.stringify(v) ?? 'null'),
  fc.tuple(pollutionKey, nastyString).map(([k, s]) => `{"content":${JSON.stringify(s || 'x')},"${k}":{"polluted":"yes"},"author":{"${k}":{"polluted":"yes"}}}`),
  fc.tuple(fc.integer({ min: 1, max: 20_000 }), fc.constantFrom<'array' | 'object'>('array', 'object')).map(([d, k]) => deepNesting(d, k)),
  fc.integer({ min: 1, max: 5000 }).map((d) => `{"content":"deep","context":${deepNesting(d, 'object')}}`),
  fc.string({ maxLength: 200 }),
);

function assertSafeAnswer(res: request.Response, what: string): void {
  assert.ok(res.status >= 200 && res.status < 500, `${what}: got ${res.status} ${res.text.slice(0, 200)}`);
  if (res.status >= 400) {
    assert.match(String(res.headers['content-type']), /application\/json/, `${what}: JSON error`);
    assert.equal(typeof res.body?.error?.code, 'string', `${what}: error code`);
  }
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype was polluted');
}

// serialize() makes superagent send these exact bytes (it would JSON-encode a Buffer otherwise).
const post = (body: string | Buffer, type = 'application/json') =>
  request(h.api.app)
    .post('/v1/comments')
    .set('Authorization', `Bearer ${SITE_A.key}`)
    .set('Content-Type', type)
    .serialize((b: unknown) => b as string)
    .send(body);

test('random JSON-ish bodies never cause a 5xx or prototype pollution', { timeout: 120_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(rawBody, async (body) => {
      assertSafeAnswer(await post(body), `body ${body.slice(0, 80)}`);
    }),
    { numRuns: 150 },
  );
});

test('huge strings: over-long fields are 400, bodies over 64 KB are 413', { timeout: 60_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 15_000, max: 200_000 }), fc.constantFrom('content', 'permalink', 'id'), async (size, field) => {
      const res = await post(JSON.stringify({ content: 'ok', [field]: 'x'.repeat(size) }));
      assertSafeAnswer(res, `${field} of ${size}`);
      assert.ok(res.status === 400 || res.status === 413 || (field === 'content' && size <= 20_000 && res.status === 202), `${field} ${size} → ${res.status}`);
    }),
    { numRuns: 20 },
  );
});

test('invalid UTF-8 bytes, NUL, zero-width and right-to-left text', { timeout: 60_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 200 }), nastyString, async (bytes, text) => {
      const raw = Buffer.concat([Buffer.from('{"content":"'), Buffer.from(bytes), Buffer.from('"}')]);
      assertSafeAnswer(await post(raw), 'raw bytes');
      const res = await post(JSON.stringify({ content: `${text}\u202eevil\u0000\u200b` }));
      assertSafeAnswer(res, 'nasty text');
      assert.equal(res.status, 202, 'text that is not blank is accepted');
    }),
    { numRuns: 60 },
  );
});

test('Akismet endpoints: random form bodies never cause a 5xx', { timeout: 60_000 }, async () => {
  const form = fc.dictionary(
    fc.oneof(fc.constantFrom('api_key', 'key', 'blog', 'user_ip', 'comment_content', 'comment_author', 'comment_type', 'permalink', 'is_test'), pollutionKey, fc.string({ maxLength: 10 })),
    fc.oneof(nastyString, fc.constant(SITE_A.key)),
    { maxKeys: 10 },
  );
  const path = fc.constantFrom('/1.1/comment-check', '/1.1/verify-key', '/1.1/submit-spam', '/1.1/submit-ham');
  await fc.assert(
    fc.asyncProperty(path, form, async (p, fields) => {
      const res = await request(h.api.app).post(p).type('form').send(new URLSearchParams(fields as Record<string, string>).toString());
      assert.ok(res.status < 500, `${p} → ${res.status} ${res.text.slice(0, 200)}`);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    }),
    { numRuns: 80 },
  );
});
