/**
 * The active model, published in Redis so every worker (on this machine or another) scores with it.
 *
 * Layout under the key prefix:
 *   model:active   string: the active version
 *   model:json     hash version → model JSON (the artefact, as written to models/<version>.json)
 *   model:meta     hash version → ModelSummary JSON (what `GET /v1/model` and `model list` show)
 *   model:history  zset version → first publication time in ms (publication order)
 *   events:model   pub/sub channel; each message is the newly active version
 *
 * Publishing writes the JSON, the summary and the active pointer in one MULTI, then announces the
 * version; workers also poll `model:active`, so a missed message only delays a swap. Only the last
 * `keep` versions are kept (the active one always is). Nothing here parses a model on the read
 * path except `readActive`, which returns the raw JSON for the worker to validate.
 */
import type { Redis } from 'ioredis';
import { type Model, parseModel, serializeModel } from '../classifier/index.js';
import { ModelError, NotFoundError } from '../errors.js';

/** How a version became active. */
export type PublishReason = 'retrain' | 'forced-retrain' | 'rollback' | 'baseline' | 'manual';

/** What is shown about a published model without loading it. */
export interface ModelSummary {
  version: string;
  trainedAt: string;
  /** ISO 8601: first publication to Redis. */
  publishedAt: string;
  /** ISO 8601: the last time this version was made active (publication or rollback). */
  activatedAt: string;
  reason: PublishReason;
  corpora: Model['corpora'];
  docs: Model['docs'];
  cutoffs: Model['cutoffs'];
  seed: number;
  metrics: Model['metrics'];
  /** File in the models folder that retrain wrote for this version, if any (deleted when the version is dropped). */
  file: string | null;
}

export interface ModelRegistryKeys {
  active: string;
  json: string;
  meta: string;
  history: string;
  channel: string;
}

export function modelRegistryKeys(keyPrefix: string): ModelRegistryKeys {
  return {
    active: `${keyPrefix}model:active`,
    json: `${keyPrefix}model:json`,
    meta: `${keyPrefix}model:meta`,
    history: `${keyPrefix}model:history`,
    channel: `${keyPrefix}events:model`,
  };
}

export interface ModelRegistryOptions {
  redis: Redis;
  keyPrefix: string;
  clock: { now(): number };
  /** Versions kept in Redis, the active one included (CHAFF_KEEP_MODEL_VERSIONS, default 5). */
  keep?: number;
}

export interface PublishOptions {
  reason: PublishReason;
  /** The file retrain wrote this version to; such files are deleted when the version is dropped. */
  file?: string | null;
  /** Make it the active model (default true); false only keeps it for a later rollback. */
  activate?: boolean;
}

export type ModelRegistry = ReturnType<typeof createModelRegistry>;

export function summarizeModel(model: Model, at: string, options: PublishOptions): ModelSummary {
  return {
    version: model.version,
    trainedAt: model.trainedAt,
    publishedAt: at,
    activatedAt: at,
    reason: options.reason,
    corpora: model.corpora,
    docs: model.docs,
    cutoffs: model.cutoffs,
    seed: model.seed,
    metrics: model.metrics,
    file: options.file ?? null,
  };
}

export function createModelRegistry(options: ModelRegistryOptions) {
  const { redis, clock } = options;
  const keep = Math.max(1, options.keep ?? 5);
  const keys = modelRegistryKeys(options.keyPrefix);

  /** Drops versions beyond the newest `keep` (never the active one). Returns what was dropped. */
  async function trim(): Promise<ModelSummary[]> {
    const [active, ordered] = await Promise.all([redis.get(keys.active), redis.zrange(keys.history, '0', '-1')]);
    const excess = ordered.length - keep;
    if (excess <= 0) return [];
    const dropped = ordered.slice(0, excess).filter((v) => v !== active);
    if (dropped.length === 0) return [];
    const metas = await redis.hmget(keys.meta, ...dropped);
    await redis.multi().hdel(keys.json, ...dropped).hdel(keys.meta, ...dropped).zrem(keys.history, ...dropped).exec();
    return metas.filter((m): m is string => m !== null).map((m) => JSON.parse(m) as ModelSummary);
  }

  async function announce(version: string): Promise<void> {
    await redis.publish(keys.channel, version);
  }

  return {
    keys,
    keep,

    /**
     * Validates, stores and activates a model, then tells the workers. Returns the versions
     * dropped to keep the last `keep`.
     */
    async publish(model: Model, publishOptions: PublishOptions): Promise<{ dropped: ModelSummary[] }> {
      const json = serializeModel(model);
      parseModel(json); // never publish what a worker would refuse
      const at = new Date(clock.now()).toISOString();
      const previous = await redis.hget(keys.meta, model.version);
      const summary = summarizeModel(model, at, publishOptions);
      if (previous) {
        const old = JSON.parse(previous) as ModelSummary;
        summary.publishedAt = old.publishedAt;
        summary.file = summary.file ?? old.file;
      }
      const activate = publishOptions.activate ?? true;
      const tx = redis
        .multi()
        .hset(keys.json, model.version, json)
        .hset(keys.meta, model.version, JSON.stringify(summary))
        .zadd(keys.history, 'NX', clock.now(), model.version);
      if (activate) tx.set(keys.active, model.version);
      await tx.exec();
      if (activate) await announce(model.version);
      return { dropped: await trim() };
    },

    /**
     * Makes a kept version active again (rollback). Its JSON is validated first; throws
     * NotFoundError if the version is not kept, ModelError if it no longer validates.
     */
    async activate(version: string): Promise<ModelSummary> {
      const [json, meta] = await Promise.all([redis.hget(keys.json, version), redis.hget(keys.meta, version)]);
      if (json === null || meta === null) {
        throw new NotFoundError(`Model ${version} is not among the kept versions; "model list" shows them.`);
      }
      const model = parseModel(json);
      if (model.version !== version) throw new ModelError(`Stored model ${version} says it is ${model.version}; refusing it.`);
      const summary = { ...(JSON.parse(meta) as ModelSummary), activatedAt: new Date(clock.now()).toISOString(), reason: 'rollback' as const };
      await redis.multi().hset(keys.meta, version, JSON.stringify(summary)).set(keys.active, version).exec();
      await announce(version);
      return summary;
    },

    async activeVersion(): Promise<string | null> {
      return redis.get(keys.active);
    },

    /** The active version and its raw JSON (unvalidated), or null when none is published. */
    async readActive(): Promise<{ version: string; json: string | null } | null> {
      const version = await redis.get(keys.active);
      if (version === null) return null;
      return { version, json: await redis.hget(keys.json, version) };
    },

    /** A kept version's raw JSON, or null. */
    async readJson(version: string): Promise<string | null> {
      return redis.hget(keys.json, version);
    },

    async summary(version: string): Promise<ModelSummary | null> {
      const meta = await redis.hget(keys.meta, version);
      return meta === null ? null : (JSON.parse(meta) as ModelSummary);
    },

    /** Kept versions, oldest first, with which one is active. */
    async list(): Promise<{ active: string | null; versions: ModelSummary[] }> {
      const [active, ordered, metas] = await Promise.all([redis.get(keys.active), redis.zrange(keys.history, '0', '-1'), redis.hgetall(keys.meta)]);
      const versions = ordered.filter((v) => metas[v] !== undefined).map((v) => JSON.parse(metas[v]!) as ModelSummary);
      return { active, versions };
    },

    trim,
  };
}
