/**
 * Model files on disk: load with validation, write atomically, find the newest in a folder.
 *
 * Writing goes to a temporary file in the same folder, is fsynced, then renamed over the target,
 * so a reader (a worker starting up) sees either the old file or the new one, never half of one.
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { type Model, parseModel, serializeModel } from '../classifier/index.js';
import { ModelError } from '../errors.js';

/** Read and validate a model file. Throws ModelError naming the file and the problem. */
export async function loadModelFile(file: string): Promise<Model> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ModelError(`Cannot read model file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`);
  }
  try {
    return parseModel(text);
  } catch (err) {
    if (err instanceof ModelError) throw new ModelError(`${file}: ${err.message}`);
    throw err;
  }
}

/** Write a model as JSON via temp file + fsync + rename. */
export async function writeModelFileAtomic(file: string, model: Model): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(`${serializeModel(model)}\n`, 'utf8');
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(temp, { force: true });
    throw err;
  }
  await handle.close();
  try {
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/** The default file name for a model: `<version>.json`. */
export function modelFileName(model: Pick<Model, 'version'>): string {
  return `${model.version}.json`;
}

/**
 * The newest valid model (by trainedAt, then version) among `dir/*.json`. Files that are not
 * valid models are skipped; if none is valid, throws ModelError listing why each was rejected.
 */
export async function findNewestModel(dir: string): Promise<Model> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    throw new ModelError(`Cannot read the models folder ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`);
  }
  const rejected: string[] = [];
  let newest: Model | null = null;
  for (const name of names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort()) {
    try {
      const model = await loadModelFile(path.join(dir, name));
      const at = Date.parse(model.trainedAt);
      const newestAt = newest === null ? -Infinity : Date.parse(newest.trainedAt);
      if (newest === null || at > newestAt || (at === newestAt && model.version > newest.version)) {
        newest = model;
      }
    } catch (err) {
      rejected.push(`${name} (${(err as Error).message})`);
    }
  }
  if (newest === null) {
    const why = rejected.length > 0 ? ` Rejected: ${rejected.join('; ')}` : '';
    throw new ModelError(`No valid model (*.json) in ${dir}. Train one with "npm run train:model" or "chaff train --out ${dir}/model.json".${why}`);
  }
  return newest;
}
