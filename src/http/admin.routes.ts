import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Router, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { Queue } from 'bullmq';

/** Where the queue dashboard lives. */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';

export interface AdminRoutesDeps {
  /** The queues the dashboard shows (the API's handles; they share its fail-fast connection). */
  queues: Queue[];
  /** Lets only moderators through (requireModerator from auth.ts). */
  requireModerator: RequestHandler;
  /** Retry, clean and remove buttons work only when true (CHAFF_QUEUE_DASHBOARD_WRITE). */
  allowWrite: boolean;
}

/**
 * bull-board at /admin/queues, behind a moderator token, read-only unless configured. Its page
 * gets a CSP of its own: scripts and styles from itself only (React sets inline styles).
 */
export function createAdminRouter(deps: AdminRoutesDeps): Router {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: deps.queues.map((q) => new BullMQAdapter(q, { readOnlyMode: !deps.allowWrite, allowRetries: deps.allowWrite })),
    // @bull-board/express 9.10.1 bundles its own @bull-board/api 9.10.1 next to our 9.10.2: the
    // same shapes, separately declared types.
    serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
    options: { uiConfig: { boardTitle: 'Chaff queues' } },
  });
  const router = Router();
  router.use(
    QUEUE_DASHBOARD_PATH,
    deps.requireModerator,
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      referrerPolicy: { policy: 'no-referrer' },
    }),
    serverAdapter.getRouter() as RequestHandler,
  );
  return router;
}
