import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { Router, type Request, type Response } from 'express';
import helmet from 'helmet';
import { AppError } from '../errors.js';

/**
 * Where `npm run build:dashboard` puts the dashboard (index.html, CSS, compiled client JS),
 * relative to the working directory like CHAFF_MODELS_DIR. `npm start` and `npm test` build it first.
 */
export const DEFAULT_DASHBOARD_DIR = 'dist/dashboard';

export interface DashboardRoutesDeps {
  /** Folder holding the built dashboard; default DEFAULT_DASHBOARD_DIR. */
  dashboardDir?: string;
}

/**
 * The strict policy every dashboard response carries: scripts and styles only from our own
 * files (no inline code at all), requests only to our own API, no framing, no plugins.
 */
export const DASHBOARD_CSP = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'connect-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** Serves the moderation dashboard at `/moderate` as static files. The API does the rest. */
export function createDashboardRouter(deps: DashboardRoutesDeps = {}): Router {
  const dir = resolve(deps.dashboardDir ?? DEFAULT_DASHBOARD_DIR);
  const router = Router();
  const headers = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: DASHBOARD_CSP },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  router.use('/moderate', headers);

  router.get(['/moderate', '/moderate/'], (_req: Request, res: Response) => {
    const index = join(dir, 'index.html');
    if (!existsSync(index)) {
      throw new AppError('dashboard_not_built', 503, 'The dashboard is not built: run `npm run build:dashboard` (npm start does it).');
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  router.use(
    '/moderate/assets',
    express.static(dir, { index: false, fallthrough: true, dotfiles: 'deny', setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache') }),
  );
  return router;
}
