import express, { type Express } from 'express';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { VerdictWaiter } from './comments/verdict-waiter.js';
import { createCommentsRouter } from './http/comments.routes.js';
import { createErrorHandler, notFoundHandler } from './http/error-handler.js';
import { createHealthRouter } from './http/health.routes.js';
import { requestContext } from './http/request-context.js';
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
}

/** Builds the Express app. It never listens: server.ts does, and tests use supertest on it. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.set('query parser', 'simple');

  app.use(requestContext(deps.logger, deps.clock));
  app.use(createHealthRouter({ redis: deps.redis }));
  app.use(express.json({ limit: MAX_BODY_BYTES, strict: true, type: ['application/json', 'application/*+json'] }));
  app.use(createCommentsRouter(deps));

  app.use(notFoundHandler);
  app.use(createErrorHandler(deps.logger));
  return app;
}
