/**
 * Opens what a worker needs to follow the published model: the newest model file as the
 * fallback, a reading connection and a subscriber connection, and a started LiveModelHolder.
 * The returned close() releases all of it.
 */
import type { Logger } from 'pino';
import type { Model } from '../classifier/index.js';
import type { Config } from '../config.js';
import { findNewestModel } from '../model/model-file.js';
import { createModelRegistry } from '../model/model-registry.js';
import { closeRedis, createRedis } from '../redis.js';
import { createLiveModelHolder, type LiveModelHolder } from './live-model-holder.js';

export interface LiveModel {
  holder: LiveModelHolder;
  close(): Promise<void>;
}

/** How long start-up waits for Redis to answer the first model check before using models/. */
const FIRST_CHECK_TIMEOUT_MS = 5000;

export async function openLiveModel(
  config: Pick<Config, 'redisUrl' | 'keyPrefix' | 'modelsDir' | 'modelCheckMs' | 'keepModelVersions'>,
  logger: Logger,
  clock: { now(): number },
  onSwap?: (model: Model) => void,
): Promise<LiveModel> {
  let fallback: Model | null = null;
  let fallbackError: Error | null = null;
  try {
    fallback = await findNewestModel(config.modelsDir);
  } catch (err) {
    fallbackError = err as Error;
  }
  const redis = createRedis(config.redisUrl, 'worker', 'chaff-model-reader');
  redis.on('error', (err) => logger.warn({ err: { message: err.message } }, 'model reader connection error'));
  const subscriber = createRedis(config.redisUrl, 'subscriber', 'chaff-model-subscriber');
  subscriber.on('error', (err) => logger.warn({ err: { message: err.message } }, 'model subscriber connection error'));
  const registry = createModelRegistry({ redis, keyPrefix: config.keyPrefix, clock, keep: config.keepModelVersions });
  const holder = createLiveModelHolder({
    registry,
    subscriber,
    fallback,
    logger,
    clock,
    checkIntervalMs: config.modelCheckMs,
    onSwap: (model) => onSwap?.(model),
  });
  const close = async (): Promise<void> => {
    await holder.close();
    await Promise.all([closeRedis(redis), closeRedis(subscriber)]);
  };
  await holder.start(FIRST_CHECK_TIMEOUT_MS);
  if (holder.peek() === null) {
    await close();
    throw fallbackError ?? new Error('No model: none is published in Redis and none is in the models folder.');
  }
  return { holder, close };
}
