import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import type { Model } from './classifier/index.js';
import { hashSecret, type Config } from './config.js';
import { createVerdictWaiter } from './comments/verdict-waiter.js';
import { findNewestModel } from './model/model-file.js';
import { createScoreQueue, type ScoreQueue } from './queues/score-comment.queue.js';
import { createRedis } from './redis.js';
import { createFixedModelHolder } from './scoring/model-holder.js';
import { createCommentStore, type Clock, type CommentStore } from './store/comment-store.js';
import { createScoreCommentProcessor, createScoreCommentWorker } from '../workers/score-comment.worker.js';

/**
 * The composition root: the only place that opens connections, listens, and starts workers.
 * Each start function returns a handle whose close() releases everything it opened.
 */
export interface Running {
  close(): Promise<void>;
}

export const systemClock: Clock = { now: () => Date.now() };

function retentionMs(config: Readonly<Config>): number {
  return config.commentRetentionDays * 24 * 60 * 60 * 1000;
}

export interface RunningApi extends Running {
  server: Server;
  port: number;
}

export interface BuiltApi extends Running {
  app: Express;
  store: CommentStore;
  scoreQueue: ScoreQueue;
}

/** Opens the API's connections and builds its app, without listening. Tests use this directly. */
export async function buildApi(config: Readonly<Config>, logger: Logger, clock: Clock = systemClock): Promise<BuiltApi> {
  const redis = createRedis(config.redisUrl, 'api');
  redis.on('error', (err) => logger.warn({ err: { message: err.message } }, 'api redis connection error'));
  const subscriber = createRedis(config.redisUrl, 'subscriber', 'chaff-api-subscriber');
  subscriber.on('error', (err) => logger.warn({ err: { message: err.message } }, 'api subscriber connection error'));
  const store = createCommentStore({ redis, keyPrefix: config.keyPrefix, retentionMs: retentionMs(config), clock });
  const scoreQueue = createScoreQueue({
    connection: redis,
    keyPrefix: config.keyPrefix,
    attempts: config.jobAttempts,
    backoffMs: config.jobBackoffMs,
    keepCompleted: config.keepCompletedJobs,
    keepFailed: config.keepFailedJobs,
  });
  scoreQueue.on('error', (err) => logger.warn({ err: { message: err.message } }, 'score queue error'));
  const waiter = createVerdictWaiter(subscriber, store.keys.scoredChannel);
  const app = createApp({ config, logger, redis, store, scoreQueue, waiter, clock });
  return {
    app,
    store,
    scoreQueue,
    async close() {
      await waiter.close();
      await scoreQueue.close();
      await Promise.allSettled([redis.quit(), subscriber.quit()]);
    },
  };
}

export async function startApi(config: Readonly<Config>, logger: Logger, clock: Clock = systemClock): Promise<RunningApi> {
  const api = await buildApi(config, logger, clock);
  const server = createServer(api.app);
  // Slow clients may not hold sockets open forever.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ host: config.host, port }, 'api listening');
  return {
    server,
    port,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await api.close();
    },
  };
}

/** Loads the newest valid model in the models folder, or throws saying why there is none. */
export async function loadStartupModel(config: Readonly<Config>): Promise<Model> {
  return findNewestModel(config.modelsDir);
}

export async function startWorker(config: Readonly<Config>, logger: Logger, clock: Clock = systemClock): Promise<Running> {
  const model = await loadStartupModel(config);
  logger.info({ modelVersion: model.version }, 'model loaded');
  const connection = createRedis(config.redisUrl, 'worker');
  connection.on('error', (err) => logger.warn({ err: { message: err.message } }, 'worker redis connection error'));
  const store = createCommentStore({ redis: connection, keyPrefix: config.keyPrefix, retentionMs: retentionMs(config), clock });
  const processor = createScoreCommentProcessor({ store, models: createFixedModelHolder(model), logger });
  const worker = createScoreCommentWorker({
    connection,
    keyPrefix: config.keyPrefix,
    concurrency: config.workerConcurrency,
    processor,
    logger,
  });
  logger.info({ concurrency: config.workerConcurrency }, 'worker started');
  return {
    async close() {
      await worker.close();
      await connection.quit().catch(() => undefined);
    },
  };
}

/**
 * With no CHAFF_SITE_KEYS, `npm start` serves one `demo` site. Its key is made once, printed once,
 * and kept in Redis (hashed) so it survives restarts.
 */
export async function ensureDemoSite(config: Readonly<Config>, logger: Logger): Promise<string | null> {
  if (config.siteKeys.length > 0) return null;
  const redis = createRedis(config.redisUrl, 'worker', 'chaff-setup');
  try {
    const store = createCommentStore({ redis, keyPrefix: config.keyPrefix, retentionMs: retentionMs(config), clock: systemClock });
    if (await store.siteHasKey('demo')) {
      logger.info('demo site exists; its key was printed when it was created (stored hashed, so it cannot be shown again)');
      return null;
    }
    const key = `chaff_demo_${randomBytes(18).toString('base64url')}`;
    await store.addSiteKey('demo', hashSecret(key));
    return key;
  } finally {
    await redis.quit().catch(() => undefined);
  }
}
