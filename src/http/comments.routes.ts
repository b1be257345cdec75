import express, { Router, type Request, type Response } from 'express';
import { submittedCommentSchema } from '../comments/comment.schema.js';
import { submitAndWait } from '../comments/submit-and-wait.js';
import type { VerdictWaiter } from '../comments/verdict-waiter.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { enqueueScoreComments, type ScoreQueue } from '../queues/score-comment.queue.js';
import type { CommentStore, StoredComment } from '../store/comment-store.js';
import { requireSite, type SiteAuthDeps } from './auth.js';
import { noteCommentsReceived } from './metrics.routes.js';
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
    const { created, record: current } = await submitAndWait(deps, { siteId, comment, requestId }, waitMs);
    res.locals.log.info({ commentId: current.id, siteId, created }, created ? 'comment accepted' : 'comment re-posted');
    res.status(current.status === 'queued' ? 202 : 200).json(presentComment(current));
  });

  router.post('/v1/comments/batch', site, async (req: Request, res: Response) => {
    const siteId = res.locals.siteId as string;
    const requestId = res.locals.requestId as string;
    const items = batchItems(req.body);
    // Validate each item on its own: one bad comment must not sink the other 499.
    const parsed = items.map((item) => submittedCommentSchema.safeParse(item));
    const valid = parsed.flatMap((p, index) => (p.success ? [{ index, comment: p.data }] : []));
    const created = await deps.store.createComments(valid.map((v) => ({ siteId, comment: v.comment, requestId })));
    await enqueueScoreComments(
      deps.scoreQueue,
      created.filter((c) => c.record.status === 'queued').map(({ record: r }) => ({ commentId: r.id, siteId, requestId, comment: r.comment })),
    );
    const createdAt = new Map(valid.map((v, i) => [v.index, created[i]]));
    const results: BatchItemResult[] = parsed.map((p, index): BatchItemResult => {
      const done = createdAt.get(index);
      if (!p.success || !done) return { index, status: 'invalid', error: p.success ? { code: 'internal', message: 'Not stored.' } : itemError(p.error) };
      const { id } = done.record;
      return done.created
        ? { index, status: 'accepted', id, statusUrl: `/v1/comments/${id}` }
        : { index, status: 'duplicate', id, statusUrl: `/v1/comments/${id}`, comment: presentComment(done.record) };
    });
    const count = (status: BatchItemResult['status']) => results.filter((r) => r.status === status).length;
    res.locals.log.info({ siteId, size: items.length, accepted: count('accepted'), duplicate: count('duplicate'), invalid: count('invalid') }, 'comment batch');
    // Like a re-post on POST /v1/comments, a duplicate counts as received; an invalid item does not.
    noteCommentsReceived(res, siteId, count('accepted') + count('duplicate'));
    res.status(200).json({ accepted: count('accepted'), duplicate: count('duplicate'), invalid: count('invalid'), results });
  });

  router.get('/v1/comments/:id', site, async (req: Request, res: Response) => {
    const id = String(req.params.id);
    const record = /^c_[0-9a-f]{24}$/.test(id) ? await deps.store.getComment(id) : null;
    if (!record || record.siteId !== res.locals.siteId) throw new NotFoundError(`No comment ${id} for this site.`);
    res.json(presentComment(record));
  });

  return router;
}

/** Most comments one `POST /v1/comments/batch` may carry. */
export const MAX_BATCH_ITEMS = 500;

/** Body limit of the batch route, in bytes (the rest of the API keeps its 64 KB limit). */
export const BATCH_MAX_BODY_BYTES = 4 * 1024 * 1024;

/** JSON parser for the batch route; app.ts mounts it before the API-wide 64 KB parser. */
export function batchBodyParser() {
  return express.json({ limit: BATCH_MAX_BODY_BYTES, strict: true, type: ['application/json', 'application/*+json'] });
}

export type BatchItemResult =
  | { index: number; status: 'accepted'; id: string; statusUrl: string }
  | { index: number; status: 'duplicate'; id: string; statusUrl: string; comment: ReturnType<typeof presentComment> }
  | { index: number; status: 'invalid'; error: { code: string; message: string; fields?: Array<{ field: string; message: string }> } };

/** `{"comments": [...]}` with 1 to MAX_BATCH_ITEMS entries, or a 400 that says so. */
function batchItems(body: unknown): unknown[] {
  const list = body && typeof body === 'object' && !Array.isArray(body) ? (body as { comments?: unknown }).comments : undefined;
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_BATCH_ITEMS) {
    throw new ValidationError(`Send {"comments": [...]} with 1 to ${MAX_BATCH_ITEMS} comments as JSON.`, [
      { field: 'comments', message: `must be an array of 1 to ${MAX_BATCH_ITEMS} comments` },
    ]);
  }
  return list;
}

function itemError(error: { issues: Array<{ path: PropertyKey[]; message: string }> }) {
  const fields = error.issues.map((issue) => ({ field: issue.path.length ? issue.path.map(String).join('.') : '(item)', message: issue.message }));
  return { code: 'invalid_request', message: `Invalid comment: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}.`, fields };
}
