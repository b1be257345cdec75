import { z } from 'zod';

/**
 * The events Chaff sends to a site's webhook. `id` is stable for one event (a redelivery carries
 * the same id), so receivers de-duplicate by it.
 *
 * - comment.scored: the model's verdict (actor null)
 * - comment.decided: a moderator's (or the site's own, via Akismet submit-spam/ham) decision
 */
export const WEBHOOK_EVENT_TYPES = ['comment.scored', 'comment.decided'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const webhookEventSchema = z.object({
  id: z.string().regex(/^evt_[A-Za-z0-9_-]{1,120}$/),
  type: z.enum(WEBHOOK_EVENT_TYPES),
  /** ISO 8601 time the event happened (not the delivery time). */
  createdAt: z.string(),
  data: z.object({
    commentId: z.string(),
    /** The site's own id of the comment, when it sent one. */
    siteCommentId: z.string().nullable(),
    siteId: z.string(),
    verdict: z.enum(['ham', 'unsure', 'spam']),
    spamProbability: z.number().nullable(),
    modelVersion: z.string().nullable(),
    /** null for the model; the moderator's id, or `site:<id>`. */
    actor: z.string().nullable(),
  }),
});

export type WebhookEvent = z.infer<typeof webhookEventSchema>;

/** Event ids: one scored event per comment; one decided event per label-stream entry. */
export function scoredEventId(commentId: string): string {
  return `evt_scored_${commentId}`;
}

export function decidedEventId(labelStreamId: string): string {
  return `evt_decided_${labelStreamId.replace(/[^0-9]/g, '_')}`;
}
