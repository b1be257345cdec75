import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../errors.js';
import { decodeCursor } from '../moderation/keyset-page.js';
import type { Metrics } from '../metrics/metrics.js';
import { DECISION_VERDICT, type DecisionOutcome, type ModerationStore, type ModeratorDecision, type Page } from '../moderation/moderation-store.js';
import type { CommentStore, ModeratedComment } from '../store/comment-store.js';
import { requireModerator, type ModeratorAuthDeps } from './auth.js';
import { parseBody } from './validate.js';

/** Most decisions one `POST /v1/moderation/decisions` takes. */
export const MAX_BULK_DECISIONS = 500;
const DEFAULT_PAGE = 50;
const MAX_PAGE = 200;
const COMMENT_ID = /^c_[0-9a-f]{24}$/;

export interface ModerationRoutesDeps extends ModeratorAuthDeps {
  store: CommentStore;
  moderation: ModerationStore;
  /** Counts stored decisions (`chaff_moderator_decisions_total`); optional so tests may leave it out. */
  metrics?: Pick<Metrics, 'moderatorDecisions'>;
}

/** Adds a decision to `chaff_moderator_decisions_total` when one was stored (recorded or changed). */
export function countDecision(metrics: Pick<Metrics, 'moderatorDecisions'> | undefined, decision: ModeratorDecision, outcome: DecisionOutcome): void {
  if (metrics && (outcome === 'recorded' || outcome === 'changed')) metrics.moderatorDecisions.inc({ verdict: DECISION_VERDICT[decision] });
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A comment as moderators see it: everything the site sent, the model's view, and the decision. */
export function presentModeratedComment(c: ModeratedComment, authorHistoryCount?: number) {
  return {
    id: c.id,
    siteId: c.siteId,
    siteCommentId: c.siteCommentId,
    comment: c.comment,
    status: c.status,
    verdict: c.verdict,
    spamProbability: c.spamProbability,
    modelVersion: c.modelVersion,
    clues: c.clues,
    decidedBy: c.decidedBy,
    decidedActor: c.decidedActor,
    receivedAt: iso(c.receivedAt),
    scoredAt: iso(c.scoredAt),
    decidedAt: iso(c.decidedAt),
    ...(authorHistoryCount === undefined ? {} : { authorHistoryCount }),
  };
}

const siteParam = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/i, 'must be a site id');
const timeParam = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).transform((s) => Date.parse(s));

const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(DEFAULT_PAGE),
  cursor: z.string().max(300).optional(),
  site: siteParam.optional(),
});

const queueQuery = pageQuery.extend({
  sort: z.enum(['newest', 'probability']).default('newest'),
  verdict: z.enum(['unsure', 'spam']).optional(),
  since: timeParam.optional(),
  before: timeParam.optional(),
});

const recentQuery = pageQuery.extend({ verdict: z.enum(['ham', 'unsure', 'spam']).optional() });

const decisionBody = z.object({
  decision: z.enum(['approve', 'reject'], { error: 'must be "approve" or "reject"' }),
  note: z.string().max(1000, 'must be at most 1000 characters').optional(),
});

const bulkBody = z.object({
  decisions: z
    .array(decisionBody.extend({ commentId: z.string().regex(COMMENT_ID, 'must be a comment id like c_…') }))
    .min(1, 'must hold at least one decision')
    .max(MAX_BULK_DECISIONS, `must hold at most ${MAX_BULK_DECISIONS} decisions`),
});

function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const result = schema.safeParse(query);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({ field: issue.path.join('.') || '(query)', message: issue.message }));
  throw new ValidationError(`Invalid query: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}.`, fields);
}

/**
 * The moderation API (moderator token only): the flagged queue, recent automatic decisions,
 * decided comments, one comment with its history, and decisions one at a time or in bulk.
 */
export function createModerationRouter(deps: ModerationRoutesDeps): Router {
  const router = Router();
  const moderator = requireModerator(deps);
  router.use('/v1/moderation', moderator);

  async function sendPage(res: Response, page: Page) {
    const counts = await deps.moderation.authorHistoryCounts(page.items);
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      items: page.items.map((c, i) => presentModeratedComment(c, counts[i])),
      nextCursor: page.nextCursor,
      total: page.total,
    });
  }

  router.get('/v1/moderation/queue', async (req: Request, res: Response) => {
    const q = parseQuery(queueQuery, req.query);
    const page = await deps.moderation.flagged({
      sort: q.sort,
      verdict: q.verdict,
      siteId: q.site,
      sinceMs: q.since,
      beforeMs: q.before,
      limit: q.limit,
      cursor: q.cursor ? decodeCursor(q.cursor) : null,
    });
    await sendPage(res, page);
  });

  router.get('/v1/moderation/recent', async (req: Request, res: Response) => {
    const q = parseQuery(recentQuery, req.query);
    const page = await deps.moderation.recent({
      verdict: q.verdict,
      siteId: q.site,
      limit: q.limit,
      cursor: q.cursor ? decodeCursor(q.cursor) : null,
    });
    await sendPage(res, page);
  });

  router.get('/v1/moderation/decided', async (req: Request, res: Response) => {
    const q = parseQuery(pageQuery, req.query);
    const page = await deps.moderation.decided({ siteId: q.site, limit: q.limit, cursor: q.cursor ? decodeCursor(q.cursor) : null });
    await sendPage(res, page);
  });

  router.get('/v1/moderation/comments/:id', async (req: Request, res: Response) => {
    const id = String(req.params.id);
    if (!COMMENT_ID.test(id)) throw new NotFoundError(`No comment ${id}.`);
    const [record] = await deps.store.getComments([id]);
    const decisions = await deps.store.getDecisions(id);
    if (!record && decisions.length === 0) throw new NotFoundError(`No comment ${id}.`);
    const history = record ? await deps.moderation.authorHistory(record) : [];
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      // null once the record has passed retention; its decisions stay.
      comment: record ? presentModeratedComment(record, history.length) : null,
      decisions,
      authorHistory: history.map((h) => ({
        matchedOn: h.matchedOn,
        id: h.comment.id,
        siteId: h.comment.siteId,
        status: h.comment.status,
        verdict: h.comment.verdict,
        decidedBy: h.comment.decidedBy,
        spamProbability: h.comment.spamProbability,
        receivedAt: iso(h.comment.receivedAt),
        content: h.comment.comment.content,
      })),
    });
  });

  router.post('/v1/moderation/comments/:id/decision', async (req: Request, res: Response) => {
    const id = String(req.params.id);
    const body = parseBody(decisionBody, req.body, 'decision');
    if (!COMMENT_ID.test(id)) throw new NotFoundError(`No comment ${id}.`);
    const actor = res.locals.moderatorId as string;
    const { outcome, record } = await deps.moderation.recordDecision({ commentId: id, decision: body.decision, note: body.note, actor });
    countDecision(deps.metrics, body.decision, outcome);
    if (outcome === 'missing' || !record) throw new NotFoundError(`No comment ${id}; it may have passed retention.`);
    res.locals.log.info({ commentId: id, moderatorId: actor, decision: body.decision, outcome }, 'moderator decision');
    res.json({ outcome, comment: presentModeratedComment(record) });
  });

  router.post('/v1/moderation/decisions', async (req: Request, res: Response) => {
    const body = parseBody(bulkBody, req.body, 'decisions');
    const actor = res.locals.moderatorId as string;
    const results: Array<{ commentId: string; outcome: string }> = [];
    // A few at a time: each decision is two or three round trips, and order within one comment matters.
    const chunk = 25;
    for (let i = 0; i < body.decisions.length; i += chunk) {
      const slice = body.decisions.slice(i, i + chunk);
      const outcomes = await Promise.all(
        slice.map(async (d) => {
          const { outcome } = await deps.moderation.recordDecision({ commentId: d.commentId, decision: d.decision, note: d.note, actor });
          countDecision(deps.metrics, d.decision, outcome);
          return { commentId: d.commentId, outcome: outcome === 'missing' ? 'not_found' : outcome };
        }),
      );
      results.push(...outcomes);
    }
    const tally: Record<string, number> = {};
    for (const r of results) tally[r.outcome] = (tally[r.outcome] ?? 0) + 1;
    res.locals.log.info({ moderatorId: actor, count: results.length, ...tally }, 'moderator bulk decisions');
    res.json({ results });
  });

  return router;
}
