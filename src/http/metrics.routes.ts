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
 * Counts comments a site got accepted (a 2xx on `POST /v1/comments`), by site. It watches the
 * response rather than living in the route, so the route stays about comments.
 */
export function countReceivedComments(metrics: Pick<Metrics, 'commentsReceived'>) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method === 'POST' && req.path === '/v1/comments') {
      res.once('finish', () => {
        const site = res.locals.siteId;
        if (res.statusCode >= 200 && res.statusCode < 300 && typeof site === 'string') {
          metrics.commentsReceived.inc({ site });
        }
      });
    }
    next();
  };
}
