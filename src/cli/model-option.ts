import path from 'node:path';
import type { Model } from '../classifier/index.js';
import { findNewestModel, loadModelFile } from '../model/model-file.js';

/** `--model FILE`, or the newest valid model in ./models. */
export async function loadModelOption(file: string | undefined, cwd: string): Promise<Model> {
  return file ? loadModelFile(path.resolve(cwd, file)) : findNewestModel(path.join(cwd, 'models'));
}
