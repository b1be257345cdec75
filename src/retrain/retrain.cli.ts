/**
 * `npm run retrain -- [--corpus PATH…] [--force] [--dry-run] [--seed N] [--label-weight N]
 * [--seed-corpus FILE|none] [--json]`: the command-line face of runRetrain. Progress goes to
 * stderr (a bar on a terminal, lines otherwise); the summary table (or one JSON object) to stdout.
 *
 * Exit codes: 0 promoted, forced or dry run; 3 the gate kept the current model; 1 error; 2 usage.
 */
import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { promisify } from 'node:util';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { createModelRegistry } from '../model/model-registry.js';
import { closeRedis, createRedis, waitForRedis } from '../redis.js';
import { createProgress } from './progress.js';
import { type RetrainOptions, runRetrain } from './retrain.js';
import { formatRetrainSummary } from './summary.js';

export const EXIT_KEPT = 3;

export const RETRAIN_USAGE = `usage: npm run retrain -- [--corpus PATH]... [--force] [--dry-run] [--seed N] [--label-weight N] [--seed-corpus FILE|none] [--json]
  --corpus PATH        extra labelled data: JSONL with "label", or YouTube CSV, or a folder of
                       them (repeatable; added to CHAFF_RETRAIN_CORPORA)
  --force              promote even if the gate refuses the candidate
  --dry-run            train and evaluate only; promote and write nothing
  --seed N             split/fold seed (default: the current model's seed)
  --label-weight N     times each moderator label counts in training (default 5, at most
                       as many copies as there are other training examples)
  --seed-corpus FILE   seed corpus (default <models dir>/seed-corpus.jsonl; "none" for none)
  --json               print the result as one JSON object instead of the table`;

/** The commit the code runs from, for provenance; null outside a git checkout. */
export async function gitCommit(cwd: string): Promise<string | null> {
  try {
    const { stdout } = await promisify(execFile)('git', ['rev-parse', 'HEAD'], { cwd, timeout: 5000 });
    return stdout.trim() || null;
  } catch {
    return null;
  }
}

export interface RetrainCliIo {
  stdout: NodeJS.WriteStream | NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
  cwd: string;
}

/** Corpus paths as files: a folder stands for its .jsonl and .csv files, in name order. */
export function expandCorpusPaths(paths: readonly string[], cwd: string): string[] {
  const files: string[] = [];
  for (const p of paths) {
    const full = path.resolve(cwd, p);
    let isDir: boolean;
    try {
      isDir = statSync(full).isDirectory();
    } catch {
      throw new UsageError(`corpus ${p} does not exist`);
    }
    if (!isDir) {
      files.push(full);
      continue;
    }
    const inside = readdirSync(full).filter((f) => /\.(jsonl|csv)$/i.test(f)).sort();
    if (inside.length === 0) throw new UsageError(`corpus folder ${p} holds no .jsonl or .csv files`);
    for (const f of inside) files.push(path.join(full, f));
  }
  return files;
}

export function parseRetrainArgs(args: string[], config: Pick<Config, 'modelsDir' | 'retrainCorpora'>, cwd: string): RetrainOptions & { json: boolean } {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      corpus: { type: 'string', multiple: true, default: [] },
      force: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      seed: { type: 'string' },
      'label-weight': { type: 'string' },
      'seed-corpus': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const int = (name: string, v: string | undefined, min: number): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer ≥ ${min}`);
    return n;
  };
  const seedCorpus = values['seed-corpus'];
  return {
    modelsDir: path.resolve(cwd, config.modelsDir),
    seedCorpusFile: seedCorpus === undefined ? undefined : seedCorpus === 'none' ? null : path.resolve(cwd, seedCorpus),
    corpusFiles: expandCorpusPaths([...config.retrainCorpora, ...values.corpus], cwd),
    seed: int('seed', values.seed, 0),
    labelWeight: int('label-weight', values['label-weight'], 1),
    force: values.force,
    dryRun: values['dry-run'],
    json: values.json,
  };
}

/** A bad `npm run retrain` argument; the CLI prints the message and the usage, and exits with 2. */
export class UsageError extends AppError {
  constructor(message: string) {
    super('invalid_arguments', 400, message);
  }
}

export async function runRetrainCli(args: string[], config: Readonly<Config>, logger: Logger, io: RetrainCliIo): Promise<number> {
  let options: ReturnType<typeof parseRetrainArgs>;
  try {
    options = parseRetrainArgs(args, config, io.cwd);
  } catch (err) {
    io.stderr.write(`retrain: ${(err as Error).message}\n${RETRAIN_USAGE}\n`);
    return 2;
  }
  const redis = createRedis(config.redisUrl, 'worker', 'chaff-retrain');
  redis.on('error', () => undefined);
  try {
    await waitForRedis(redis, 5000);
    const registry = createModelRegistry({ redis, keyPrefix: config.keyPrefix, clock: Date, keep: config.keepModelVersions });
    const result = await runRetrain(
      { ...options, gitCommit: await gitCommit(io.cwd) },
      { redis, labelsKey: `${config.keyPrefix}labels`, registry, logger, clock: Date, progress: createProgress(io.stderr) },
    );
    if (options.json) {
      const { candidate, current, ...rest } = result;
      io.stdout.write(`${JSON.stringify({ ...rest, candidateVersion: candidate.version, currentVersion: current?.version ?? null })}\n`);
    } else {
      io.stdout.write(`${formatRetrainSummary(result)}\n`);
    }
    if (result.decision === 'kept') {
      io.stderr.write(`retrain: kept ${result.current?.version ?? 'the current model'}; the candidate failed the gate: ${result.gate.reasons.join('; ')}. Use --force to promote it anyway.\n`);
      return EXIT_KEPT;
    }
    return 0;
  } catch (err) {
    io.stderr.write(`retrain: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await closeRedis(redis);
  }
}
