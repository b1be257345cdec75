import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import { gzipSync, deflateSync } from 'node:zlib';
import request from 'supertest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startApi, type RunningApi } from '../../src/server.js';
import { SITE_A, createHarness, type Harness } from '../helpers/harness.js';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../helpers/redis.js';
import { Redis } from 'ioredis';

/** Odd headers and hostile transfers: Content-Type, Content-Encoding, gzip bombs, slow clients. */
let h: Harness;
before(async () => {
  h = await createHarness();
});
after(async () => h.close());

// serialize() keeps superagent from JSON-encoding Buffer bodies: the server gets these exact bytes.
const post = () => request(h.api.app).post('/v1/comments').set('Authorization', `Bearer ${SITE_A.key}`).serialize((b: unknown) => b as string);
const comment = JSON.stringify({ content: 'Thanks, the DNS flush fixed it.' });

function assertJsonError(res: request.Response, status: number): void {
  assert.equal(res.status, status, res.text.slice(0, 200));
  assert.match(String(res.headers['content-type']), /application\/json/);
  assert.equal(typeof res.body.error.code, 'string');
}

test('missing or odd Content-Type → 4xx JSON, never 5xx', async () => {
  // No Content-Type at all.
  const bare = await request(h.api.app).post('/v1/comments').set('Authorization', `Bearer ${SITE_A.key}`).send(Buffer.from(comment));
  assertJsonError(bare, 400);
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream', 'foo', ';;;', 'application/json; charset=nonsense']) {
    const res = await post().set('Content-Type', type).send(comment);
    assert.ok(res.status >= 400 && res.status < 500, `${type} → ${res.status}`);
    assert.equal(typeof res.body.error.code, 'string', type);
  }
  assertJsonError(await post().set('Content-Type', 'application/json; charset=nonsense').send(comment), 415);
  // UTF-16 is a charset body-parser decodes; UTF-8 text read as UTF-16 is not JSON.
  assertJsonError(await post().set('Content-Type', 'application/json; charset=utf-16').send(comment), 400);
  assert.equal((await post().set('Content-Type', 'application/json; charset=UTF-8').send(comment)).status, 202);
  assert.equal((await post().set('Content-Type', 'application/merge-patch+json').send(comment)).status, 202);
});

test('gzip and deflate bodies are read; unknown encodings are 415', async () => {
  const gz = await post().set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').send(gzipSync(comment));
  assert.equal(gz.status, 202);
  const df = await post().set('Content-Type', 'application/json').set('Content-Encoding', 'deflate').send(deflateSync(comment));
  assert.equal(df.status, 202);
  assertJsonError(await post().set('Content-Type', 'application/json').set('Content-Encoding', 'compress').send(comment), 415);
  // A corrupt gzip body was a 500 until the error handler learnt zlib's bare 400.
  assertJsonError(await post().set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').send(Buffer.from('not gzip at all')), 400);
});

test('a gzip bomb is cut off at 64 KB after inflation (413), without inflating it all', async () => {
  // 50 MB of JSON content compresses to about 50 KB; body-parser stops inflating at the 64 KB limit.
  const inflated = Buffer.concat([Buffer.from('{"content":"'), Buffer.alloc(50 * 1024 * 1024, 'a'), Buffer.from('"}')]);
  const bomb = gzipSync(inflated, { level: 9 });
  assert.ok(bomb.length < 64 * 1024, 'the bomb itself is under the limit');
  const rssBefore = process.memoryUsage().rss;
  const res = await post().set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').send(bomb);
  assertJsonError(res, 413);
  assert.ok(process.memoryUsage().rss - rssBefore < 40 * 1024 * 1024, 'the body was not inflated in full');
});

test('slow clients (slow-loris headers, trickled body) are cut off by the server timeouts', { timeout: 30_000 }, async () => {
  const prefix = uniquePrefix('slow');
  const config = loadConfig({
    REDIS_URL: testRedisUrl(),
    CHAFF_KEY_PREFIX: prefix,
    CHAFF_SITE_KEYS: `${SITE_A.siteId}:${SITE_A.key}`,
    CHAFF_LOG_LEVEL: 'silent',
    PORT: '0',
    CHAFF_HEADERS_TIMEOUT_MS: '500',
    CHAFF_REQUEST_TIMEOUT_MS: '1000',
  });
  const api: RunningApi = await startApi(config, createLogger({ level: 'silent' }));
  const redis = new Redis(testRedisUrl());
  try {
    /** Sends `first`, then one byte of `rest` every 100 ms; resolves with what came back when the server closed. */
    const trickle = (first: string, rest: string) =>
      new Promise<{ reply: string; closedAfterMs: number }>((resolve, reject) => {
        const started = Date.now();
        const socket = connect(api.port, '127.0.0.1');
        let reply = '';
        let i = 0;
        let timer: NodeJS.Timeout | undefined;
        socket.setEncoding('utf8');
        socket.on('data', (d: string) => (reply += d));
        socket.on('error', () => undefined);
        socket.on('close', () => {
          clearInterval(timer);
          resolve({ reply, closedAfterMs: Date.now() - started });
        });
        socket.on('connect', () => {
          socket.write(first);
          timer = setInterval(() => {
            if (i < rest.length && !socket.destroyed) socket.write(rest[i++]);
          }, 100);
        });
        setTimeout(() => reject(new Error('the server kept a slow client for 10 s')), 10_000).unref();
      });

    const headers = `POST /v1/comments HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${SITE_A.key}\r\nContent-Type: application/json\r\n`;
    const slowHeaders = await trickle('POST /v1/comments HTTP/1.1\r\n', 'X-Slow: ' + 'a'.repeat(200));
    assert.match(slowHeaders.reply, /^HTTP\/1\.1 408/, 'slow headers get 408');
    const slowBody = await trickle(`${headers}Content-Length: ${comment.length}\r\n\r\n`, comment);
    assert.match(slowBody.reply, /^HTTP\/1\.1 (408|400)/, `a trickled body is cut off (${slowBody.reply.slice(0, 40)})`);
  } finally {
    await api.close();
    await deletePrefix(redis, prefix);
    await redis.quit();
  }
});
