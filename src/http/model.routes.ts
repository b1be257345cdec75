/**
 * `GET /v1/model` (moderator token): the model workers score with: its version, when and from
 * what it was trained, its metrics, and the other kept versions. With nothing published in Redis
 * that is the newest model file in the models folder (read at most once a minute).
 */
import { Router } from 'express';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { Model } from '../classifier/index.js';
import { findNewestModel } from '../model/model-file.js';
import { createModelRegistry, type ModelSummary } from '../model/model-registry.js';
import { NotFoundError } from '../errors.js';
import type { Clock } from '../store/comment-store.js';
import { requireModerator, type ModeratorAuthDeps } from './auth.js';

export interface ModelRouteDeps extends ModeratorAuthDeps {
  config: Pick<Config, 'keyPrefix' | 'modelsDir' | 'keepModelVersions' | 'moderatorTokens' | 'siteKeys'>;
  redis: Redis;
  clock: Clock;
}

const FILE_CACHE_MS = 60_000;

function view(s: ModelSummary, source: 'redis' | 'files') {
  const { provenance, ...metrics } = s.metrics as Record<string, unknown>;
  return {
    source,
    version: s.version,
    trainedAt: s.trainedAt,
    publishedAt: source === 'redis' ? s.publishedAt : null,
    activatedAt: source === 'redis' ? s.activatedAt : null,
    reason: source === 'redis' ? s.reason : null,
    trainedOn: { corpora: s.corpora, docs: s.docs, seed: s.seed, provenance: provenance ?? null },
    cutoffs: s.cutoffs,
    metrics,
  };
}

export function createModelRouter(deps: ModelRouteDeps): Router {
  const router = Router();
  const registry = createModelRegistry({ redis: deps.redis, keyPrefix: deps.config.keyPrefix, clock: deps.clock, keep: deps.config.keepModelVersions });
  let fileCache: { at: number; model: Model | null } | null = null;

  async function newestFile(): Promise<Model | null> {
    const now = deps.clock.now();
    if (!fileCache || now - fileCache.at > FILE_CACHE_MS) {
      fileCache = { at: now, model: await findNewestModel(deps.config.modelsDir).catch(() => null) };
    }
    return fileCache.model;
  }

  router.get('/v1/model', requireModerator(deps), async (_req, res) => {
    const { active, versions } = await registry.list();
    const kept = versions.map((v) => ({ version: v.version, trainedAt: v.trainedAt, publishedAt: v.publishedAt, reason: v.reason, active: v.version === active }));
    const summary = active === null ? undefined : versions.find((v) => v.version === active);
    if (summary) {
      res.json({ ...view(summary, 'redis'), kept });
      return;
    }
    const model = await newestFile();
    if (!model) throw new NotFoundError(`No model is published in Redis and none is in ${deps.config.modelsDir}; run "npm run retrain" or "npm run train:model".`);
    const at = model.trainedAt;
    res.json({ ...view({ ...model, publishedAt: at, activatedAt: at, reason: 'manual', file: null }, 'files'), kept });
  });
  return router;
}
