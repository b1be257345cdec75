/**
 * Shared pieces of `npm run bench` and `npm run bench:soak`: a private redis-server, Chaff api and
 * worker child processes, an autocannon run with realistic comment bodies, reading every
 * comment's receivedAt/scoredAt back from Redis (or a counter from a process's /metrics), and
 * small statistics for the soak's flatness check.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { SCORE_COMMENT_QUEUE, bullPrefix } from '../src/queues/score-comment.queue.js';
import { freePort } from '../test/helpers/redis-server.js';

export const ROOT = resolve(import.meta.dirname, '..');
export const SITE = { siteId: 'bench', key: 'bench-key-0123456789abcdef' };

/** Comment texts from the project's own seed corpus (models/seed-corpus.jsonl), read at run time. */
export function loadBodies(limit = 2000): Array<Record<string, unknown>> {
  const lines = readFileSync(resolve(ROOT, 'models/seed-corpus.jsonl'), 'utf8').split('\n').filter(Boolean);
  const bodies: Array<Record<string, unknown>> = [];
  for (let i = 0; i < lines.length && bodies.length < limit; i += Math.max(1, Math.floor(lines.length / limit))) {
    const row = JSON.parse(lines[i]) as { content: string; author?: Record<string, string>; context?: Record<string, string> };
    bodies.push({
      content: row.content,
      author: { name: row.author?.name ?? 'Reader', email: 'reader@example.org', ip: '203.0.113.7', url: row.author?.url },
      permalink: 'https://blog.example.org/posts/1#comments',
      context: row.context,
    });
  }
  return bodies;
}

/** The environment every bench Chaff process gets: limits out of the way, quiet logs. */
export function chaffEnv(redisUrl: string, prefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    REDIS_URL: redisUrl,
    CHAFF_KEY_PREFIX: prefix,
    CHAFF_SITE_KEYS: `${SITE.siteId}:${SITE.key}`,
    CHAFF_LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    CHAFF_RATE_LIMIT_PER_KEY: '100000000',
    CHAFF_RATE_LIMIT_PER_IP: '100000000',
    ...extra,
  };
}

export interface Child {
  name: string;
  proc: ChildProcess;
  port: number;
  stop(): Promise<void>;
}

async function waitHttp(url: string, timeoutMs: number, proc: ChildProcess, name: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${name} exited with code ${proc.exitCode}`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(1000) }).then((r) => r.status === 200, () => false);
    if (ok) return;
    if (Date.now() > end) throw new Error(`${name} not ready at ${url} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts `tsx src/main.ts <mode>` and waits for its /readyz (a worker's on its metrics port). */
export async function startChaff(mode: 'api' | 'worker', env: Record<string, string>, extraNodeArgs: string[] = []): Promise<Child> {
  const port = await freePort();
  const portEnv = mode === 'api' ? { PORT: String(port) } : { CHAFF_METRICS_PORT: String(port) };
  const proc = spawn(process.execPath, [...extraNodeArgs, '--import', 'tsx', 'src/main.ts', mode], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, ...portEnv },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  await waitHttp(`http://127.0.0.1:${port}/readyz`, 30_000, proc, `chaff ${mode}`);
  return {
    name: mode,
    proc,
    port,
    async stop() {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      await exited;
    },
  };
}

/** Starts bench/ceiling-server.ts (MODE parse or add). */
export async function startCeilingServer(mode: 'parse' | 'add', redisUrl: string): Promise<Child> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'bench/ceiling-server.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', MODE: mode, REDIS_URL: redisUrl, PREFIX: `bench:ceiling:${mode}` },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const port = await new Promise<number>((resolvePort, reject) => {
    proc.stdout!.setEncoding('utf8').on('data', (d: string) => {
      const m = /listening (\d+)/.exec(d);
      if (m) resolvePort(Number(m[1]));
    });
    proc.once('exit', (code) => reject(new Error(`ceiling server exited with ${code}`)));
  });
  return {
    name: `ceiling-${mode}`,
    proc,
    port,
    async stop() {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      await exited;
    },
  };
}

interface AutocannonResult {
  duration: number;
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latency: { p50: number; p99: number; average: number };
  requests: { average: number; total: number };
}
type Autocannon = (opts: Record<string, unknown>, cb: (err: Error | null, result: AutocannonResult) => void) => unknown;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface LoadResult {
  ok: number;
  non2xx: number;
  errors: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  durationS: number;
}

/** POSTs comments at `port` for `durationS` seconds with `connections` connections, optionally at a steady overall rate. */
export async function runLoad(options: {
  port: number;
  durationS: number;
  connections: number;
  bodies: Array<Record<string, unknown>>;
  overallRate?: number;
  amount?: number;
}): Promise<LoadResult> {
  let i = 0;
  const bodies = options.bodies.map((b) => JSON.stringify(b));
  const result = await new Promise<AutocannonResult>((resolveRun, reject) => {
    autocannon(
      {
        url: `http://127.0.0.1:${options.port}`,
        connections: options.connections,
        ...(options.amount ? { amount: options.amount } : { duration: options.durationS }),
        ...(options.overallRate ? { overallRate: options.overallRate } : {}),
        requests: [
          {
            method: 'POST',
            path: '/v1/comments',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${SITE.key}` },
            setupRequest: (req: Record<string, unknown>) => ({ ...req, body: bodies[i++ % bodies.length] }),
          },
        ],
      },
      (err, res) => (err ? reject(err) : resolveRun(res)),
    );
  });
  return {
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    perSecond: result['2xx'] / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    durationS: result.duration,
  };
}

export interface Timing {
  id: string;
  receivedAt: number;
  scoredAt: number | null;
}

/** Reads receivedAt/scoredAt of every comment under a prefix. */
export async function readTimings(redis: Redis, prefix: string): Promise<Timing[]> {
  const out: Timing[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}comment:*`, 'COUNT', 2000);
    cursor = next;
    if (keys.length === 0) continue;
    const pipeline = redis.pipeline();
    for (const key of keys) pipeline.hmget(key, 'receivedAt', 'scoredAt');
    const rows = (await pipeline.exec()) ?? [];
    rows.forEach(([, v], n) => {
      const [received, scored] = v as Array<string | null>;
      out.push({ id: keys[n].slice(`${prefix}comment:`.length), receivedAt: Number(received), scoredAt: scored ? Number(scored) : null });
    });
  } while (cursor !== '0');
  return out;
}

/**
 * Waits until every comment under the prefix is scored; returns the timings. While the queue still
 * holds jobs it polls only the queue's counts: reading every comment record each time (as this
 * did before) kept Redis busy enough to halve the scoring rate it was measuring.
 */
export async function waitAllScored(redis: Redis, prefix: string, expected: number, timeoutMs = 300_000): Promise<Timing[]> {
  const end = Date.now() + timeoutMs;
  const connection = redis.duplicate();
  const queue = new Queue(SCORE_COMMENT_QUEUE, { connection, prefix: bullPrefix(prefix) });
  try {
    for (;;) {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      if (Object.values(counts).every((n) => n === 0)) {
        const t = await readTimings(redis, prefix);
        if (t.length >= expected && t.every((x) => x.scoredAt !== null)) return t;
      }
      if (Date.now() > end) {
        const t = await readTimings(redis, prefix);
        throw new Error(`only ${t.filter((x) => x.scoredAt !== null).length} of ${expected} scored in time`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await queue.close();
    await connection.quit().catch(() => undefined);
  }
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** A memory field of /proc/<pid>/status in MB (Linux), or NaN elsewhere. */
function procStatusMb(pid: number | undefined, field: 'VmHWM' | 'VmRSS'): number {
  if (!pid) return NaN;
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Peak resident set size of a process in MB (VmHWM), or NaN off Linux. */
export const peakRssMb = (pid: number | undefined): number => procStatusMb(pid, 'VmHWM');

/** Current resident set size of a process in MB (VmRSS), or NaN off Linux. */
export const rssMb = (pid: number | undefined): number => procStatusMb(pid, 'VmRSS');

export const round = (x: number, digits = 1) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);

export const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN);

/** Least-squares slope of (seconds, value) points, per minute. */
export function slopePerMinute(points: Array<[number, number]>): number {
  const mx = mean(points.map(([x]) => x));
  const my = mean(points.map(([, y]) => y));
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den > 0 ? (num / den) * 60 : NaN;
}

/** A counter's total over all its labels, read from a Chaff process's /metrics (with its token when it needs one). */
export async function counterTotal(port: number, name: string, token?: string): Promise<number> {
  const headers = token ? { Authorization: `Bearer ${token}` } : undefined;
  const response = await fetch(`http://127.0.0.1:${port}/metrics`, { headers, signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`/metrics on port ${port} answered ${response.status}`);
  const text = await response.text();
  let total = 0;
  for (const m of text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+)$`, 'gm'))) total += Number(m[1]);
  return total;
}
