import type { Logger } from 'pino';
import type { Verdict } from '../classifier/types.js';
import { enqueueWebhook, type WebhookQueue } from '../queues/webhook.queue.js';
import type { SiteRegistry } from '../sites/site-registry.js';
import { decidedEventId, scoredEventId, type WebhookEvent } from './webhook-events.js';

export interface ScoredEventInput {
  commentId: string;
  siteId: string;
  siteCommentId: string | null;
  verdict: Verdict;
  spamProbability: number;
  modelVersion: string;
  /** When the verdict was stored, ms since the epoch. */
  atMs: number;
}

export interface DecidedEventInput {
  /** Stream id of the label entry; the event id is derived from it. */
  labelStreamId: string;
  commentId: string;
  siteId: string;
  siteCommentId: string | null;
  verdict: Verdict;
  spamProbability: number | null;
  modelVersion: string | null;
  actor: string;
  at: string;
}

/**
 * Queues webhook events for sites that have a webhook. It never throws: a webhook problem is
 * logged and must not fail (or slow down more than one Redis round trip) the scoring it follows.
 */
export interface WebhookEmitter {
  scored(input: ScoredEventInput): Promise<void>;
  decided(input: DecidedEventInput): Promise<void>;
}

export function createWebhookEmitter(deps: { queue: WebhookQueue; sites: Pick<SiteRegistry, 'webhookOf'>; logger: Logger }): WebhookEmitter {
  async function emit(siteId: string, event: WebhookEvent): Promise<void> {
    try {
      if (!(await deps.sites.webhookOf(siteId))) return;
      await enqueueWebhook(deps.queue, { siteId, event });
    } catch (error) {
      deps.logger.warn({ siteId, eventId: event.id, err: { message: (error as Error).message } }, 'could not queue webhook event');
    }
  }
  /** The event body both kinds share: which comment, its verdict, and who gave it. */
  const dataOf = (i: ScoredEventInput | DecidedEventInput, actor: string | null): WebhookEvent['data'] => ({
    commentId: i.commentId,
    siteCommentId: i.siteCommentId,
    siteId: i.siteId,
    verdict: i.verdict,
    spamProbability: i.spamProbability,
    modelVersion: i.modelVersion,
    actor,
  });
  return {
    scored: (i) =>
      emit(i.siteId, { id: scoredEventId(i.commentId), type: 'comment.scored', createdAt: new Date(i.atMs).toISOString(), data: dataOf(i, null) }),
    decided: (i) =>
      emit(i.siteId, { id: decidedEventId(i.labelStreamId), type: 'comment.decided', createdAt: i.at, data: dataOf(i, i.actor) }),
  };
}
