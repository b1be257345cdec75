/**
 * CHAFF_RETRAIN_EVERY=<n>: a worker process retrains in the background after n new labels.
 *
 * Every `checkIntervalMs` it counts the labels after the cursor `<prefix>model:retrain:cursor`
 * (XRANGE … COUNT n, so counting stops at n). At n it takes the lock `<prefix>model:retrain:lock`
 * (one retrain across all workers), moves the cursor to the newest label, and runs the retrain
 * process (retrain.main.ts, the same code and gate as `npm run retrain`) as a child process, so
 * training never blocks this worker's event loop or its job locks. A refused candidate is logged;
 * the next attempt waits for n more labels.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

export interface AutoRetrainOptions {
  /** A patient connection the caller owns. */
  redis: Redis;
  keyPrefix: string;
  everyLabels: number;
  checkIntervalMs: number;
  logger: Logger;
  /** Runs one retrain and resolves to its exit code (default: fork retrain.main); aborted on stop. */
  run?: (signal: AbortSignal) => Promise<number | null>;
}

const LOCK_MS = 30 * 60_000;

/** Forks the retrain entry next to this file (.ts under tsx, .js when built). */
export function forkRetrain(logger: Logger, signal?: AbortSignal): Promise<number | null> {
  const self = fileURLToPath(import.meta.url);
  const entry = path.join(path.dirname(self), `retrain.main${path.extname(self)}`);
  const child = fork(entry, [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], ...(signal ? { signal, killSignal: 'SIGTERM' as const } : {}) });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString('utf8')).slice(-4000);
  });
  return new Promise((resolve) => {
    child.once('error', (err) => {
      if (err.name === 'AbortError') return; // stopped with the worker; 'exit' follows
      logger.error({ err: { message: err.message } }, 'background retrain could not start');
      resolve(null);
    });
    child.once('exit', (code) => {
      if (code !== 0) logger.warn({ exitCode: code, stderr: stderr.split('\n').filter((l) => l.startsWith('retrain:')).slice(-3) }, 'background retrain did not promote');
      resolve(code);
    });
  });
}

export function startAutoRetrain(options: AutoRetrainOptions): { stop(): Promise<void> } {
  const { redis, logger } = options;
  const keys = {
    labels: `${options.keyPrefix}labels`,
    cursor: `${options.keyPrefix}model:retrain:cursor`,
    lock: `${options.keyPrefix}model:retrain:lock`,
  };
  const run = options.run ?? ((signal: AbortSignal) => forkRetrain(logger, signal));
  const abort = new AbortController();
  let running: Promise<void> | null = null;
  let stopped = false;

  async function tick(): Promise<void> {
    const cursor = (await redis.get(keys.cursor)) ?? '0';
    const fresh = await redis.xrange(keys.labels, `(${cursor}`, '+', 'COUNT', options.everyLabels);
    if (fresh.length < options.everyLabels) return;
    const token = randomBytes(8).toString('hex');
    if ((await redis.set(keys.lock, token, 'PX', LOCK_MS, 'NX')) !== 'OK') return;
    try {
      const newest = await redis.xrevrange(keys.labels, '+', '-', 'COUNT', 1);
      await redis.set(keys.cursor, newest[0]?.[0] ?? cursor);
      logger.info({ newLabels: `${options.everyLabels}+` }, 'background retrain starting');
      const code = await run(abort.signal);
      logger.info({ exitCode: code }, 'background retrain finished');
    } finally {
      // Release only our own lock.
      await redis.eval("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end", 1, keys.lock, token);
    }
  }

  const timer = setInterval(() => {
    if (running || stopped) return;
    running = tick()
      .catch((err: Error) => logger.warn({ err: { message: err.message } }, 'background retrain check failed'))
      .finally(() => {
        running = null;
      });
  }, options.checkIntervalMs);
  timer.unref();

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      abort.abort(); // a retrain in progress is stopped; the next one starts over
      await running;
    },
  };
}
