/**
 * `chaff model list` / `npm run model -- list`: the model versions kept in Redis, the active one
 * marked. `chaff model rollback <version>`: make a kept version (or a model file in the models
 * folder with that version) active again; running workers switch to it without a restart.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Model } from '../classifier/index.js';
import { loadConfig, type Config } from '../config.js';
import { AppError, NotFoundError } from '../errors.js';
import { loadModelFile } from '../model/model-file.js';
import { createModelRegistry, type ModelRegistry, type ModelSummary } from '../model/model-registry.js';
import { closeRedis, createRedis, waitForRedis } from '../redis.js';
import type { Command } from './command.js';

export const MODEL_USAGE = `usage:
  chaff model list
  chaff model rollback <version>`;

export interface ModelCommandIo {
  out(line: string): void;
  err(line: string): void;
  cwd: string;
}

async function withModelRegistry<T>(config: Readonly<Config>, run: (registry: ModelRegistry) => Promise<T>): Promise<T> {
  const redis = createRedis(config.redisUrl, 'worker', 'chaff-model-cli');
  redis.on('error', () => undefined);
  try {
    await waitForRedis(redis, 5000);
    return await run(createModelRegistry({ redis, keyPrefix: config.keyPrefix, clock: Date, keep: config.keepModelVersions }));
  } finally {
    await closeRedis(redis);
  }
}

/** A model file in the folder whose version is `version` (`<version>.json` first, then any file). */
async function findModelFile(dir: string, version: string): Promise<Model | null> {
  const tryFile = async (name: string): Promise<Model | null> => {
    try {
      const model = await loadModelFile(path.join(dir, name));
      return model.version === version ? model : null;
    } catch {
      return null;
    }
  };
  const direct = await tryFile(`${version}.json`);
  if (direct) return direct;
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.endsWith('.json') && !n.startsWith('.') && n !== `${version}.json`)) {
    const model = await tryFile(name);
    if (model) return model;
  }
  return null;
}

function validationF1(s: ModelSummary): string {
  const v = (s.metrics.validation ?? s.metrics.heldOut) as { atHalf?: { f1?: number } } | undefined;
  return typeof v?.atHalf?.f1 === 'number' ? `F1 ${(v.atHalf.f1 * 100).toFixed(2)}%` : 'F1 -';
}

export async function runModelCommand(args: string[], config: Readonly<Config>, io: ModelCommandIo): Promise<number> {
  const [sub, version, ...rest] = args;
  if (rest.length > 0 || (sub === 'list' && version) || (sub === 'rollback' && !version) || (sub !== 'list' && sub !== 'rollback')) {
    io.err(MODEL_USAGE);
    return 2;
  }
  try {
    if (sub === 'list') {
      const { active, versions } = await withModelRegistry(config, (r) => r.list());
      if (versions.length === 0) {
        io.out(`No model published in Redis; workers use the newest model in ${config.modelsDir}. "npm run retrain" publishes one.`);
        return 0;
      }
      for (const s of [...versions].reverse()) {
        const mark = s.version === active ? '*' : ' ';
        io.out(`${mark} ${s.version}\ttrained ${s.trainedAt}\t${s.reason}\t${s.docs.spam} spam + ${s.docs.ham} ham\t${validationF1(s)}${s.file ? `\t${s.file}` : ''}`);
      }
      io.out(`(* active; ${versions.length} kept, at most ${config.keepModelVersions})`);
      return 0;
    }
    const summary = await withModelRegistry(config, async (registry) => {
      try {
        return await registry.activate(version!);
      } catch (err) {
        if (!(err instanceof NotFoundError)) throw err;
        const model = await findModelFile(path.resolve(io.cwd, config.modelsDir), version!);
        if (!model) throw new NotFoundError(`Model ${version} is neither kept in Redis nor a file in ${config.modelsDir}; "chaff model list" shows the kept versions.`);
        await registry.publish(model, { reason: 'rollback' });
        return (await registry.summary(model.version))!;
      }
    });
    io.out(`Model ${summary.version} (trained ${summary.trainedAt}) is active; running workers switch to it within moments.`);
    return 0;
  } catch (error) {
    io.err(`chaff model ${sub}: ${error instanceof AppError ? error.message : (error as Error).message}`);
    return 1;
  }
}

export const modelCommand: Command = {
  name: 'model',
  usage: 'model list | model rollback <version>',
  summary: 'list the published model versions, or make one active again',
  run: (args, io) =>
    runModelCommand(args, loadConfig(), {
      out: (line) => io.stdout.write(`${line}\n`),
      err: (line) => io.stderr.write(`${line}\n`),
      cwd: io.cwd,
    }),
};
