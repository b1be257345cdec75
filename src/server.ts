import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Express } from 'express';
import type { Logger } from 'pino';
import express from 'express';
import { createApp } from './app.js';
import { createErrorHandler, notFoundHandler } from './http/error-handler.js';
import { createHealthRouter } from './http/health.routes.js';
import { createMetricsRouter } from './http/metrics.routes.js';
import { securityHeaders } from './http/security.js';
import { createMetrics, type Metrics } from './metrics/metrics.js';
import { hashSecret, type Config } from './config.js';
import { createVerdictWaiter } from './comments/verdict-waiter.js';
import { createScoreQueue, type ScoreQueue } from './queues/score-comment.queue.js';
import { closeRedis, createRedis, waitForRedis } from './redis.js';
import { openLiveModel } from './scoring/live-model.js';
import { startAutoRetrain } from './retrain/auto-retrain.js';
import { createCommentStore, type Clock, type CommentStore } from './store/comment-store.js';
import { createModerationStore, type ModerationStore } from './moderation/moderation-store.js';
import { createSiteRegistry, generateSiteKey, type SiteRegistry } from './sites/site-registry.js';
import { createCachedWebhookLookup } from './sites/cached-webhook-lookup.js';
import { createWebhookQueue, DEFAULT_WEBHOOK_RETRY, type WebhookRetryPolicy } from './queues/webhook.queue.js';
import { createWebhookEmitter } from './webhooks/webhook-emitter.js';
import { startDecisionRelay } from './webhooks/decision-relay.js';
import { createDeliverWebhookProcessor, createDeliverWebhookWorker } from '../workers/deliver-webhook.worker.js';
import { pruneIntervalMs, startIndexPruner } from './moderation/index-pruner.js';
import { createScoreCommentProcessor, createScoreCommentWorker } from '../workers/score-comment.worker.js';

/**
 * The composition root: the only place that opens connections, listens, and starts workers.
 * Each start function returns a handle whose close() releases everything it opened.
 */
export interface Running {
  close(): Promise<void>;
}

export const systemClock: Clock = { now: () => Date.now() };

/** How long a worker reuses a site's webhook setting when deciding to queue an event, in ms. */
export const WEBHOOK_LOOKUP_TTL_MS = 5_000;

/** How often Node sweeps sockets for expired header/request timeouts: a quarter of the shorter one, 100 ms to 30 s. */
function connectionsCheckMs(config: Pick<Config, 'headersTimeoutMs' | 'requestTimeoutMs'>): number {
  return Math.min(30_000, Math.max(100, Math.floor(Math.min(config.headersTimeoutMs, config.requestTimeoutMs) / 4)));
}

export interface RunningApi extends Running {
  server: Server;
  port: number;
}

export interface BuiltApi extends Running {
  app: Express;
  /** Resolves when the API's Redis connection is ready; rejects after `timeoutMs`. */
  ready(timeoutMs: number): Promise<void>;
  store: CommentStore;
  moderation: ModerationStore;
  sites: SiteRegistry;
  scoreQueue: ScoreQueue;
  metrics: Metrics;
}

/** What a process shares between its parts: one metrics registry, and in `all` mode the worker's model. */
export interface ProcessOptions {
  /** This process's metrics (default: a fresh registry). */
  metrics?: Metrics;
  /** The loaded model's version, for /readyz in a process that scores. */
  modelVersion?: () => string | null;
}

/** Opens the API's connections and builds its app, without listening. Tests use this directly. */
export async function buildApi(
  config: Readonly<Config>,
  logger: Logger,
  clock: Clock = systemClock,
  options: ProcessOptions = {},
): Promise<BuiltApi> {
  const metrics = options.metrics ?? createMetrics();
  const redis = createRedis(config.redisUrl, 'api');
  redis.on('error', (err) => logger.warn({ err: { message: err.message } }, 'api redis connection error'));
  const subscriber = createRedis(config.redisUrl, 'subscriber', 'chaff-api-subscriber');
  subscriber.on('error', (err) => logger.warn({ err: { message: err.message } }, 'api subscriber connection error'));
  const store = createCommentStore({ redis, keyPrefix: config.keyPrefix, retentionMs: config.commentRetentionMs, clock });
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
  metrics.observeQueue(scoreQueue.name, scoreQueue);
  const moderation = createModerationStore({ redis, keyPrefix: config.keyPrefix, comments: store, clock, retentionMs: config.commentRetentionMs });
  const sites = createSiteRegistry({ redis, keyPrefix: config.keyPrefix, clock });
  const app = createApp({ config, logger, redis, store, moderation, sites, scoreQueue, waiter, clock, metrics, modelVersion: options.modelVersion });
  return {
    app,
    store,
    moderation,
    sites,
    scoreQueue,
    metrics,
    ready: (timeoutMs) => waitForRedis(redis, timeoutMs),
    async close() {
      await waiter.close();
      await scoreQueue.close();
      await Promise.all([closeRedis(redis), closeRedis(subscriber)]);
    },
  };
}

/**
 * Listens with Chaff's server timeouts (slow-loris clients may not hold sockets open forever).
 * close() stops accepting, ends idle keep-alive sockets and waits for requests in flight.
 */
async function listenHttp(
  handler: Express,
  options: { config: Readonly<Config>; port: number; logger: Logger; name: string },
): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const { config } = options;
  // Node enforces the timeouts below on a sweep every connectionsCheckingInterval (30 s by
  // default); sweep often enough that a slow client is cut off near its deadline.
  const server = createServer({ connectionsCheckingInterval: connectionsCheckMs(config) }, handler);
  server.headersTimeout = config.headersTimeoutMs;
  server.requestTimeout = config.requestTimeoutMs;
  server.keepAliveTimeout = config.keepAliveTimeoutMs;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  options.logger.info({ host: config.host, port }, `${options.name} listening`);
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

export async function startApi(
  config: Readonly<Config>,
  logger: Logger,
  clock: Clock = systemClock,
  options: ProcessOptions = {},
): Promise<RunningApi> {
  const api = await buildApi(config, logger, clock, options);
  // Start answering even if Redis is down (requests get 503 until it returns), but give it a
  // moment first so a normal start does not begin with errors.
  await api.ready(5_000).catch(() => logger.warn('Redis is not answering yet; requests get 503 until it does'));
  const http = await listenHttp(api.app, { config, port: config.port, logger, name: 'api' });
  return {
    server: http.server,
    port: http.port,
    async close() {
      await http.close();
      await api.close();
    },
  };
}

export interface RunningWorker extends Running {
  /** The version of the model this worker scores with. */
  modelVersion(): string;
}

export async function startWorker(
  config: Readonly<Config>,
  logger: Logger,
  clock: Clock = systemClock,
  options: ProcessOptions = {},
): Promise<RunningWorker> {
  const metrics = options.metrics ?? createMetrics();
  // The model published in Redis (else the newest file in models/), swapped live between jobs.
  const liveModel = await openLiveModel(config, logger, clock, (m) => metrics.setModelVersion(m.version));
  const modelVersion = (): string => liveModel.holder.peek()!.version;
  logger.info({ modelVersion: modelVersion() }, 'model loaded');
  metrics.setModelVersion(modelVersion());
  const connection = createRedis(config.redisUrl, 'worker');
  connection.on('error', (err) => logger.warn({ err: { message: err.message } }, 'worker redis connection error'));
  const store = createCommentStore({ redis: connection, keyPrefix: config.keyPrefix, retentionMs: config.commentRetentionMs, clock });
  // Webhooks: their own queue and worker, fed by the scorer (comment.scored) and by a relay on the
  // labels stream (comment.decided). Neither can block or fail scoring.
  const sites = createSiteRegistry({ redis: connection, keyPrefix: config.keyPrefix, clock });
  const webhookRetry: WebhookRetryPolicy = { ...DEFAULT_WEBHOOK_RETRY, baseDelayMs: config.webhookBackoffMs };
  const webhookQueue = createWebhookQueue({
    connection,
    keyPrefix: config.keyPrefix,
    retry: webhookRetry,
    keepCompleted: config.keepCompletedJobs,
    keepFailed: config.keepFailedJobs,
  });
  webhookQueue.on('error', (err) => logger.warn({ err: { message: err.message } }, 'webhook queue error'));
  // The scorer asks after every verdict; a per-process cache saves that Redis round trip. A webhook
  // set or removed applies within WEBHOOK_LOOKUP_TTL_MS; deliveries always read the current one.
  const webhookLookup = createCachedWebhookLookup({ sites, ttlMs: WEBHOOK_LOOKUP_TTL_MS, clock });
  const webhooks = createWebhookEmitter({ queue: webhookQueue, sites: webhookLookup, logger });
  const webhookWorker = createDeliverWebhookWorker({
    connection,
    keyPrefix: config.keyPrefix,
    concurrency: 8,
    retry: webhookRetry,
    processor: createDeliverWebhookProcessor({ sites, clock, timeoutMs: config.webhookTimeoutMs, logger, metrics }),
    logger,
  });
  const relayConnection = createRedis(config.redisUrl, 'worker', 'chaff-decision-relay');
  relayConnection.on('error', (err) => logger.warn({ err: { message: err.message } }, 'decision relay connection error'));
  const decisionRelay = await startDecisionRelay({
    redis: relayConnection,
    streamKey: store.keys.labels,
    emitter: webhooks,
    logger,
    consumerName: `worker-${process.pid}-${randomBytes(4).toString('hex')}`,
  });
  const processor = createScoreCommentProcessor({ store, models: liveModel.holder, logger, metrics, webhooks, clock });
  const worker = createScoreCommentWorker({
    connection,
    keyPrefix: config.keyPrefix,
    concurrency: config.workerConcurrency,
    processor,
    logger,
    lockDurationMs: config.jobLockMs,
    stalledIntervalMs: config.stalledIntervalMs,
  });
  logger.info({ concurrency: config.workerConcurrency }, 'worker started');
  const moderation = createModerationStore({ redis: connection, keyPrefix: config.keyPrefix, comments: store, clock, retentionMs: config.commentRetentionMs });
  const pruner = startIndexPruner({ moderation, logger, intervalMs: pruneIntervalMs(config.commentRetentionMs) });
  const autoRetrain =
    config.retrainEveryLabels > 0
      ? startAutoRetrain({ redis: connection, keyPrefix: config.keyPrefix, everyLabels: config.retrainEveryLabels, checkIntervalMs: config.modelCheckMs, logger })
      : null;
  return {
    modelVersion,
    async close() {
      await worker.close();
      await autoRetrain?.stop();
      await liveModel.close();
      await decisionRelay.close();
      await webhookWorker.close();
      await webhookQueue.close();
      await pruner.stop();
      await closeRedis(connection);
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
    const store = createCommentStore({ redis, keyPrefix: config.keyPrefix, retentionMs: config.commentRetentionMs, clock: systemClock });
    if (await store.siteHasKey('demo')) {
      logger.info('demo site exists; its key was printed when it was created (stored hashed, so it cannot be shown again)');
      return null;
    }
    // Letters and digits only, so Akismet clients can also send it as the first label of a host name.
    const key = generateSiteKey();
    await store.addSiteKey('demo', hashSecret(key));
    return key;
  } finally {
    await closeRedis(redis);
  }
}

/**
 * CHAFF_METRICS_PORT: a second, private listener with /metrics, /healthz and /readyz for this
 * process (the only way to scrape a worker-only process). /metrics needs the metrics token too
 * when one is set.
 */
export async function startMetricsServer(
  config: Readonly<Config>,
  logger: Logger,
  options: Required<Pick<ProcessOptions, 'metrics'>> & Pick<ProcessOptions, 'modelVersion'>,
): Promise<RunningApi> {
  const redis = createRedis(config.redisUrl, 'api', 'chaff-metrics');
  redis.on('error', () => undefined);
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());
  app.use(createHealthRouter({ redis, modelVersion: options.modelVersion }));
  app.use(createMetricsRouter({ metrics: options.metrics, tokenHash: config.metricsTokenHash }));
  app.use(notFoundHandler);
  app.use(createErrorHandler(logger));
  const http = await listenHttp(app, { config, port: config.metricsPort ?? 0, logger, name: 'metrics' });
  return {
    server: http.server,
    port: http.port,
    async close() {
      await http.close();
      redis.disconnect();
    },
  };
}
