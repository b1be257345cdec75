/**
 * `npm test`: runs every test/**\/*.test.ts with node's test runner.
 *
 * Unless REDIS_URL is set, it starts its own redis-server (from PATH) on a free port in a
 * temporary folder, points the tests at it, and stops it afterwards, so tests never touch a
 * Redis that holds real data. Arguments narrow the run: `npm test -- test/unit`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';

function findTests(path: string): string[] {
  if (statSync(path).isFile()) return path.endsWith('.test.ts') ? [path] : [];
  return readdirSync(path)
    .sort()
    .flatMap((name) => findTests(join(path, name)));
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function startRedis(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'chaff-test-redis-'));
  let child: ChildProcess;
  try {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'], {
      stdio: 'ignore',
    });
  } catch (error) {
    throw new Error(`could not start redis-server (is it installed?): ${(error as Error).message}`);
  }
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.once('error', (err) => {
    process.stderr.write(`could not start redis-server (install it, or set REDIS_URL): ${err.message}\n`);
  });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error('redis-server exited before it answered');
    const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    client.on('error', () => undefined);
    const ok = await client.connect().then(() => client.ping()).then(() => true, () => false);
    client.disconnect();
    if (ok) {
      return {
        url,
        async stop() {
          child.kill('SIGTERM');
          await exited;
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('redis-server did not answer within 10 s');
}

async function main(): Promise<number> {
  const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['test'];
  const files = roots.flatMap((root) => findTests(resolve(root)));
  if (files.length === 0) {
    process.stderr.write(`no test files under ${roots.join(', ')}\n`);
    return 1;
  }
  let redis: { url: string; stop: () => Promise<void> } | null = null;
  const env = { ...process.env };
  if (!env.REDIS_URL) {
    redis = await startRedis();
    env.REDIS_URL = redis.url;
    process.stdout.write(`tests use their own redis-server at ${redis.url}\n`);
  }
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit', env });
    return await new Promise<number>((r) => child.once('exit', (code, signal) => r(code ?? (signal ? 1 : 0))));
  } finally {
    await redis?.stop();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
