import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/** A free TCP port on 127.0.0.1 (the OS picks it; it is free when this returns). */
export async function freePort(): Promise<number> {
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

export interface PrivateRedis {
  url: string;
  port: number;
  dir: string;
  /** The redis-server's pid while it runs. */
  pid(): number | undefined;
  /** Stops it (SIGTERM, or SIGKILL with `{ kill: true }`) and waits for the exit; keeps the data folder. */
  stop(options?: { kill?: boolean }): Promise<void>;
  /** Starts it again on the same port and data folder. */
  start(): Promise<void>;
  /** Stops it and deletes the data folder. */
  destroy(): Promise<void>;
}

/**
 * A private redis-server on a spare port with its own data folder, for tests and benchmarks that
 * need to restart Redis or measure it alone. Extra arguments go to redis-server, e.g.
 * `['--appendonly', 'yes', '--appendfsync', 'always']`.
 */
export async function startPrivateRedis(extraArgs: string[] = []): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'chaff-private-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();

  async function start(): Promise<void> {
    const proc = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--maxmemory-policy', 'noeviction', ...extraArgs],
      { stdio: 'ignore' },
    );
    child = proc;
    exited = new Promise<void>((r) => proc.once('exit', () => r()));
    proc.once('error', () => undefined);
    for (let i = 0; i < 200; i++) {
      if (proc.exitCode !== null) throw new Error(`redis-server on port ${port} exited with code ${proc.exitCode}`);
      const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
      client.on('error', () => undefined);
      const ok = await client.connect().then(() => client.ping()).then(() => true, () => false);
      client.disconnect();
      if (ok) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    proc.kill('SIGKILL');
    throw new Error(`redis-server on port ${port} did not answer within 10 s`);
  }

  async function stop(options: { kill?: boolean } = {}): Promise<void> {
    const proc = child;
    if (!proc || proc.exitCode !== null) return;
    proc.kill(options.kill ? 'SIGKILL' : 'SIGTERM');
    await exited;
    child = null;
  }

  await start();
  return {
    url,
    port,
    dir,
    pid: () => child?.pid,
    stop,
    start,
    async destroy() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
