/**
 * `POST /v1/integrations/coral[?site=<site id>]`: Coral Talk's external moderation phase (contract
 * in src/integrations/coral/coral-moderation.ts). Configure the phase in Coral with this URL, then
 * give Chaff the phase's signing secret: `npx chaff sites set-coral-secret <site> <secret>`.
 * Requests are authenticated by that signature alone; without `?site=` the secret identifies
 * the site. Chaff waits up to CHAFF_CORAL_WAIT_MS for the verdict, else answers 204 (no opinion)
 * and still scores and flags the comment for its own moderators.
 */
import express, { Router, type Request, type Response } from 'express';
import type { Config } from '../config.js';
import type { VerdictWaiter } from '../comments/verdict-waiter.js';
import { UnauthorizedError, ValidationError } from '../errors.js';
import {
  CORAL_SIGNATURE_HEADER,
  coralRequestSchema,
  coralResponseFor,
  coralSignatureValid,
  coralToComment,
  isStaff,
} from '../integrations/coral/coral-moderation.js';
import { submitAndWait } from '../comments/submit-and-wait.js';
import type { ScoreQueue } from '../queues/score-comment.queue.js';
import type { SiteRegistry } from '../sites/site-registry.js';
import type { CommentStore } from '../store/comment-store.js';
import { noteCommentsReceived } from './metrics.routes.js';

export interface CoralRoutesDeps {
  config: Pick<Config, 'coralWaitMs' | 'coralSpamStatus'>;
  store: CommentStore;
  scoreQueue: ScoreQueue;
  waiter: VerdictWaiter;
  sites: Pick<SiteRegistry, 'getSite' | 'coralSites'>;
}

export function createCoralRouter(deps: CoralRoutesDeps): Router {
  const router = Router();
  const raw = express.raw({ type: () => true, limit: 64 * 1024 });

  async function siteFor(req: Request, body: Buffer): Promise<string | null> {
    const header = req.headers[CORAL_SIGNATURE_HEADER];
    const signature = typeof header === 'string' ? header : undefined;
    const named = typeof req.query.site === 'string' ? req.query.site : null;
    if (named !== null) {
      const site = /^[a-z0-9][a-z0-9_.-]{0,63}$/i.test(named) ? await deps.sites.getSite(named) : null;
      return site && coralSignatureValid(signature, body, site.coralSecrets) ? site.siteId : null;
    }
    for (const site of await deps.sites.coralSites()) {
      if (coralSignatureValid(signature, body, site.secrets)) return site.siteId;
    }
    return null;
  }

  router.post('/v1/integrations/coral', raw, async (req: Request, res: Response) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const siteId = await siteFor(req, body);
    if (!siteId) throw new UnauthorizedError('Missing or wrong X-Coral-Signature: give Chaff this phase\'s signing secret with "npx chaff sites set-coral-secret <site> <secret>".');
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      throw new ValidationError('Request body is not valid JSON.');
    }
    const parsed = coralRequestSchema.safeParse(json);
    if (!parsed.success) throw new ValidationError('Not a Coral external moderation request.', parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message })));
    const request = parsed.data;
    const mapped = isStaff(request) ? null : coralToComment(request);
    if (!mapped) {
      res.status(204).end();
      return;
    }
    const requestId = (res.locals.requestId as string | undefined) ?? null;
    const { record, scored } = await submitAndWait(deps, { siteId, requestId, ...mapped }, deps.config.coralWaitMs);
    noteCommentsReceived(res, siteId);
    res.locals.log?.info({ commentId: record.id, siteId, scored, verdict: record.verdict }, 'coral moderation request');
    const answer = scored && record.verdict ? coralResponseFor(record.verdict, record.spamProbability, record.clues, deps.config.coralSpamStatus) : null;
    res.setHeader('X-Chaff-Comment-Id', record.id);
    if (!answer) {
      res.status(204).end();
      return;
    }
    res.status(200).json(answer);
  });

  return router;
}
