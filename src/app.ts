import express, { type Express } from 'express';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { VerdictWaiter } from './comments/verdict-waiter.js';
import { batchBodyParser, createCommentsRouter } from './http/comments.routes.js';
import { createAkismetRouter } from './http/akismet.routes.js';
import { createCoralRouter } from './http/coral.routes.js';
import type { SiteRegistry } from './sites/site-registry.js';
import { createDashboardRouter } from './http/dashboard.routes.js';
import { createModerationRouter } from './http/moderation.routes.js';
import { createModelRouter } from './http/model.routes.js';
import type { ModerationStore } from './moderation/moderation-store.js';
import { createErrorHandler, notFoundHandler } from './http/error-handler.js';
import { createHealthRouter } from './http/health.routes.js';
import { requestContext } from './http/request-context.js';
import { countReceivedComments, createMetricsRouter } from './http/metrics.routes.js';
import { corsPerSite, rateLimits, securityHeaders } from './http/security.js';
import { createAdminRouter } from './http/admin.routes.js';
import { requireModerator } from './http/auth.js';
import type { Metrics } from './metrics/metrics.js';
import type { ScoreQueue } from './queues/score-comment.queue.js';
import type { Clock, CommentStore } from './store/comment-store.js';

/** Largest request body the API reads, in bytes. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface AppDeps {
  config: Readonly<Config>;
  logger: Logger;
  redis: Redis;
  store: CommentStore;
  scoreQueue: ScoreQueue;
  waiter: VerdictWaiter;
  clock: Clock;
  /** Decisions, the flagged queue and labels (src/moderation). */
  moderation: ModerationStore;
  /** Sites' keys, webhooks and Coral secrets kept in Redis (src/sites). */
  sites: SiteRegistry;
  /** Folder of the built dashboard (default dist/dashboard, from `npm run build:dashboard`). */
  dashboardDir?: string;
  /** This process's metrics; /metrics is served here when CHAFF_METRICS_TOKEN is set and no CHAFF_METRICS_PORT. */
  metrics?: Metrics;
  /** In `all` mode: the loaded model's version, for /readyz. */
  modelVersion?: () => string | null;
}

/** Builds the Express app. It never listens: server.ts does, and tests use supertest on it. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.trustProxyHops > 0 ? deps.config.trustProxyHops : false);
  app.set('query parser', 'simple');

  app.use(requestContext(deps.logger, deps.clock));
  app.use(securityHeaders());
  app.use(createHealthRouter({ redis: deps.redis, modelVersion: deps.modelVersion }));
  if (deps.metrics && deps.config.metricsTokenHash !== null && deps.config.metricsPort === null) {
    app.use(createMetricsRouter({ metrics: deps.metrics, tokenHash: deps.config.metricsTokenHash }));
  }
  if (deps.metrics) app.use(countReceivedComments(deps.metrics));
  app.use(corsPerSite(deps));
  app.use(rateLimits(deps));
  app.use(createAdminRouter({ queues: [deps.scoreQueue], requireModerator: requireModerator(deps), allowWrite: deps.config.queueDashboardWrite }));
  // Routes with their own body parsers come before the API-wide JSON one: Akismet's form bodies,
  // Coral's raw body (its signature covers the exact bytes) and the larger batch body.
  app.use(createAkismetRouter(deps));
  app.use(createCoralRouter(deps));
  app.use('/v1/comments/batch', batchBodyParser());
  app.use(express.json({ limit: MAX_BODY_BYTES, strict: true, type: ['application/json', 'application/*+json'] }));
  app.use(createCommentsRouter(deps));
  app.use(createModerationRouter(deps));
  app.use(createModelRouter(deps));
  app.use(createDashboardRouter(deps));

  app.use(notFoundHandler);
  app.use(createErrorHandler(deps.logger));
  return app;
}
