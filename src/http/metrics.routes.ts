import { Router, type NextFunction, type Request, type Response } from 'express';
import { hashSecret } from '../config.js';
import { UnauthorizedError } from '../errors.js';
import type { Metrics } from '../metrics/metrics.js';
import { bearerSecret, sameDigest } from './auth.js';

export interface MetricsRoutesDeps {
  metrics: Pick<Metrics, 'registry'>;
  /** SHA-256 of the metrics token; null serves /metrics without one (only on a separate, private port). */
  tokenHash: string | null;
}

/** `GET /metrics` in Prometheus text format, behind `Authorization: Bearer <CHAFF_METRICS_TOKEN>` when one is set. */
export function createMetricsRouter(deps: MetricsRoutesDeps): Router {
  const router = Router();
  router.get('/metrics', async (req: Request, res: Response) => {
    if (deps.tokenHash !== null) {
      const token = bearerSecret(req);
      if (!token || !sameDigest(deps.tokenHash, hashSecret(token))) {
        throw new UnauthorizedError('Send the metrics token: "Authorization: Bearer <CHAFF_METRICS_TOKEN>".');
      }
    }
    const body = await deps.metrics.registry.metrics();
    res.setHeader('Content-Type', deps.metrics.registry.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(body);
  });
  return router;
}

/**
 * Records that a route received `count` comments for `siteId`; countReceivedComments adds them to
 * `chaff_comments_received_total` once the answer is a 2xx. Routes say what they received and stay
 * free of metrics.
 */
export function noteCommentsReceived(res: Response, siteId: string, count = 1): void {
  res.locals.commentsReceived = { siteId, count };
}

/**
 * Counts comments sites got accepted, by site: `POST /v1/comments` (each 2xx), and whatever a route
 * noted with noteCommentsReceived (the batch, Akismet comment-check and Coral routes). It watches
 * the response rather than living in the routes, so the routes stay about comments.
 */
export function countReceivedComments(metrics: Pick<Metrics, 'commentsReceived'>) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'POST') return next();
    const single = req.path === '/v1/comments';
    res.once('finish', () => {
      if (res.statusCode < 200 || res.statusCode >= 300) return;
      const noted = res.locals.commentsReceived as { siteId: string; count: number } | undefined;
      if (noted && noted.count > 0) metrics.commentsReceived.inc({ site: noted.siteId }, noted.count);
      else if (single && typeof res.locals.siteId === 'string') metrics.commentsReceived.inc({ site: res.locals.siteId });
    });
    next();
  };
}
