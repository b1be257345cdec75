import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { webhookEventSchema, type WebhookEvent } from '../webhooks/webhook-events.js';
import { bullPrefix } from './score-comment.queue.js';

/** Deliveries of signed webhook events to sites. Separate from scoring, so it can never slow it. */
export const DELIVER_WEBHOOK_QUEUE = 'deliver-webhook';

/** Name of the custom backoff type the deliver-webhook worker implements (see retryDelayMs). */
export const WEBHOOK_BACKOFF_TYPE = 'chaff-capped-exponential';

export const deliverWebhookJobSchema = z.object({
  siteId: z.string().min(1),
  event: webhookEventSchema,
});

export type DeliverWebhookJob = z.infer<typeof deliverWebhookJobSchema>;

export interface DeliverWebhookResult {
  /** HTTP status of the successful delivery, or null when the site has no webhook any more. */
  status: number | null;
}

export type WebhookQueue = Queue<DeliverWebhookJob, DeliverWebhookResult>;

export interface WebhookRetryPolicy {
  /** First retry delay in ms; it doubles each attempt up to maxDelayMs. */
  baseDelayMs: number;
  /** Longest wait between two attempts, in ms (default one hour). */
  maxDelayMs: number;
  /** How long deliveries are retried, in ms (default 24 hours). */
  windowMs: number;
}

export const DEFAULT_WEBHOOK_RETRY: WebhookRetryPolicy = {
  baseDelayMs: 10_000,
  maxDelayMs: 60 * 60 * 1000,
  windowMs: 24 * 60 * 60 * 1000,
};

/** Delay before the retry that follows `attemptsMade` failed attempts: exponential, capped. */
export function retryDelayMs(policy: WebhookRetryPolicy, attemptsMade: number): number {
  const exponent = Math.max(0, attemptsMade - 1);
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(exponent, 40));
}

/** Attempts needed so that the retries span the policy's window (the first attempt included). */
export function attemptsFor(policy: WebhookRetryPolicy): number {
  let elapsed = 0;
  let attempts = 1;
  while (elapsed < policy.windowMs && attempts < 1000) {
    elapsed += retryDelayMs(policy, attempts);
    attempts += 1;
  }
  return attempts;
}

export interface WebhookQueueOptions {
  connection: Redis;
  keyPrefix: string;
  retry: WebhookRetryPolicy;
  keepCompleted: number;
  keepFailed: number;
}

export function createWebhookQueue(options: WebhookQueueOptions): WebhookQueue {
  const defaultJobOptions: JobsOptions = {
    attempts: attemptsFor(options.retry),
    backoff: { type: WEBHOOK_BACKOFF_TYPE, delay: options.retry.baseDelayMs },
    removeOnComplete: { count: options.keepCompleted },
    removeOnFail: { count: options.keepFailed },
  };
  return new Queue<DeliverWebhookJob, DeliverWebhookResult>(DELIVER_WEBHOOK_QUEUE, {
    connection: options.connection,
    prefix: bullPrefix(options.keyPrefix),
    defaultJobOptions,
    skipWaitingForReady: true,
  });
}

/** Queues one event. The job id is the event id, so queueing the same event twice is a no-op. */
export async function enqueueWebhook(queue: WebhookQueue, job: DeliverWebhookJob): Promise<void> {
  await queue.add(job.event.type, job, { jobId: job.event.id });
}

export type { WebhookEvent };
