/**
 * `npm test`: runs every test/**\/*.test.ts with node's test runner.
 *
 * Unless REDIS_URL is set, it starts its own redis-server (from PATH) on a free port in a
 * temporary folder, points the tests at it, and stops it afterwards, so tests never touch a
 * Redis that holds real data. Arguments narrow the run: `npm test -- test/unit`.
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startPrivateRedis, type PrivateRedis } from './helpers/redis-server.js';

function findTests(path: string): string[] {
  if (statSync(path).isFile()) return path.endsWith('.test.ts') ? [path] : [];
  return readdirSync(path)
    .sort()
    .flatMap((name) => findTests(join(path, name)));
}

async function main(): Promise<number> {
  const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['test'];
  const files = roots.flatMap((root) => findTests(resolve(root)));
  if (files.length === 0) {
    process.stderr.write(`no test files under ${roots.join(', ')}\n`);
    return 1;
  }
  let redis: PrivateRedis | null = null;
  const env = { ...process.env };
  if (!env.REDIS_URL) {
    redis = await startPrivateRedis(['--appendonly', 'no']).catch((error: Error) => {
      throw new Error(`could not start redis-server (install it, or set REDIS_URL): ${error.message}`);
    });
    env.REDIS_URL = redis.url;
    process.stdout.write(`tests use their own redis-server at ${redis.url}\n`);
  }
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit', env });
    return await new Promise<number>((r) => child.once('exit', (code, signal) => r(code ?? (signal ? 1 : 0))));
  } finally {
    await redis?.destroy();
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
