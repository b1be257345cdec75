import { Router, type Request, type Response } from 'express';
import { submittedCommentSchema } from '../comments/comment.schema.js';
import type { VerdictWaiter } from '../comments/verdict-waiter.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { enqueueScoreComment, type ScoreQueue } from '../queues/score-comment.queue.js';
import type { CommentStore, StoredComment } from '../store/comment-store.js';
import { requireSite, type SiteAuthDeps } from './auth.js';
import { parseBody } from './validate.js';

export interface CommentsRoutesDeps extends SiteAuthDeps {
  config: SiteAuthDeps['config'] & { maxWaitMs: number };
  store: CommentStore;
  scoreQueue: ScoreQueue;
  waiter: VerdictWaiter;
}

/** The public view of a comment's state, as `GET /v1/comments/:id` and `POST` replies show it. */
export function presentComment(record: StoredComment) {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    id: record.id,
    siteCommentId: record.siteCommentId,
    status: record.status,
    verdict: record.verdict,
    spamProbability: record.spamProbability,
    modelVersion: record.modelVersion,
    clues: record.clues,
    decidedBy: record.decidedBy,
    receivedAt: iso(record.receivedAt),
    scoredAt: iso(record.scoredAt),
    decidedAt: iso(record.decidedAt),
    statusUrl: `/v1/comments/${record.id}`,
  };
}

function parseWaitMs(raw: unknown, maxWaitMs: number): number {
  if (raw === undefined) return 0;
  const value = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(value) || value > maxWaitMs) {
    throw new ValidationError(`wait must be a whole number of milliseconds from 0 to ${maxWaitMs}.`, [
      { field: 'wait', message: `must be an integer from 0 to ${maxWaitMs}` },
    ]);
  }
  return value;
}

export function createCommentsRouter(deps: CommentsRoutesDeps): Router {
  const router = Router();
  const site = requireSite(deps);

  router.post('/v1/comments', site, async (req: Request, res: Response) => {
    const waitMs = parseWaitMs(req.query.wait, deps.config.maxWaitMs);
    const comment = parseBody(submittedCommentSchema, req.body, 'comment');
    const siteId = res.locals.siteId as string;
    const requestId = res.locals.requestId as string;
    const { created, record } = await deps.store.createComment({ siteId, comment, requestId });
    if (record.status === 'queued') {
      // Also on a re-post of a still-queued comment: the job id is the comment id, so this is a
      // no-op unless an earlier attempt stored the record but failed before queueing it.
      await enqueueScoreComment(deps.scoreQueue, { commentId: record.id, siteId, requestId, comment: record.comment });
    }
    res.locals.log.info({ commentId: record.id, siteId, created }, created ? 'comment accepted' : 'comment re-posted');

    let current = record;
    if (current.status === 'queued' && waitMs > 0) {
      const scored = await deps.waiter.waitFor(record.id, waitMs, async () => {
        const fresh = await deps.store.getComment(record.id);
        if (fresh) current = fresh;
        return fresh !== null && fresh.status !== 'queued';
      });
      if (scored && current.status === 'queued') current = (await deps.store.getComment(record.id)) ?? current;
    }
    res.status(current.status === 'queued' ? 202 : 200).json(presentComment(current));
  });

  router.get('/v1/comments/:id', site, async (req: Request, res: Response) => {
    const id = String(req.params.id);
    const record = /^c_[0-9a-f]{24}$/.test(id) ? await deps.store.getComment(id) : null;
    if (!record || record.siteId !== res.locals.siteId) throw new NotFoundError(`No comment ${id} for this site.`);
    res.json(presentComment(record));
  });

  return router;
}
