import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = resolve(import.meta.dirname, '..', '..');

export interface ChaffProcess {
  mode: 'api' | 'worker' | 'all';
  child: ChildProcess;
  pid: number;
  /** Parsed pino lines seen so far (stdout). */
  logs: Array<Record<string, unknown>>;
  /** Everything written to stderr. */
  stderr(): string;
  /** Resolves with the exit code (or null and the signal) once the process exits. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves when a log line with this `msg` appears; rejects on exit or after `timeoutMs`. */
  waitForLog(msg: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  kill(signal: NodeJS.Signals): void;
}

/**
 * Spawns `tsx src/main.ts <mode>` with the given environment (on top of PATH and HOME only, so
 * nothing from the test runner leaks in). Stdout is read as pino JSON lines.
 */
export function spawnChaff(mode: ChaffProcess['mode'], env: Record<string, string>): ChaffProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', mode], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CHAFF_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  const waiters = new Set<() => void>();
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.startsWith('{')) return;
    try {
      logs.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      return;
    }
    for (const wake of waiters) wake();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once('exit', (code, signal) => {
      r({ code, signal });
      for (const wake of waiters) wake();
    }),
  );
  return {
    mode,
    child,
    pid: child.pid!,
    logs,
    stderr: () => stderr,
    exited,
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    waitForLog(msg, timeoutMs = 30_000) {
      return new Promise((resolveLog, reject) => {
        const check = () => {
          const found = logs.find((l) => l.msg === msg);
          if (found) return done(() => resolveLog(found));
          if (child.exitCode !== null || child.signalCode !== null) {
            return done(() => reject(new Error(`chaff ${mode} exited before logging "${msg}": ${stderr.slice(-2000)}`)));
          }
        };
        const timer = setTimeout(() => done(() => reject(new Error(`chaff ${mode} did not log "${msg}" within ${timeoutMs} ms`))), timeoutMs);
        const done = (fn: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          fn();
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** Starts an API process and waits until it listens. */
export async function startApiProcess(env: Record<string, string>, timeoutMs = 30_000): Promise<ChaffProcess> {
  const p = spawnChaff('api', env);
  await p.waitForLog('api listening', timeoutMs);
  return p;
}

/** Starts a worker process and waits until it has its model and takes jobs. */
export async function startWorkerProcess(env: Record<string, string>, timeoutMs = 30_000): Promise<ChaffProcess> {
  const p = spawnChaff('worker', env);
  await p.waitForLog('worker started', timeoutMs);
  return p;
}

/** Kills a process (default SIGKILL) and waits for it to be gone. */
export async function killProcess(p: ChaffProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  p.kill(signal);
  await p.exited;
}

export interface PostResult {
  status: number;
  id: string | null;
  /** Milliseconds from sending to the full reply. */
  durationMs: number;
  /** The JSON error code on a non-2xx reply. */
  code: string | null;
}

/** POSTs one comment to a listening Chaff; network failures come back as status 0. */
export async function postComment(baseUrl: string, key: string, body: unknown, timeoutMs = 10_000): Promise<PostResult> {
  const started = performance.now();
  try {
    const res = await fetch(`${baseUrl}/v1/comments`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const json = (await res.json().catch(() => null)) as { id?: string; error?: { code?: string } } | null;
    return { status: res.status, id: json?.id ?? null, durationMs: performance.now() - started, code: json?.error?.code ?? null };
  } catch {
    return { status: 0, id: null, durationMs: performance.now() - started, code: null };
  }
}

/** Posts many comments with at most `concurrency` in flight; results in input order. */
export async function postMany(
  baseUrl: string,
  key: string,
  bodies: unknown[],
  concurrency = 16,
): Promise<PostResult[]> {
  const results: PostResult[] = new Array(bodies.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, bodies.length) }, async () => {
      while (next < bodies.length) {
        const i = next++;
        results[i] = await postComment(baseUrl, key, bodies[i]);
      }
    }),
  );
  return results;
}
