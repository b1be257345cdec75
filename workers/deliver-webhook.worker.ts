import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import {
  DELIVER_WEBHOOK_QUEUE,
  WEBHOOK_BACKOFF_TYPE,
  deliverWebhookJobSchema,
  retryDelayMs,
  type DeliverWebhookJob,
  type DeliverWebhookResult,
  type WebhookRetryPolicy,
} from '../src/queues/webhook.queue.js';
import { bullPrefix } from '../src/queues/score-comment.queue.js';
import type { Metrics } from '../src/metrics/metrics.js';
import type { SiteRegistry } from '../src/sites/site-registry.js';
import { deliverWebhook } from '../src/webhooks/deliver.js';
import { checkWebhookUrl } from '../src/webhooks/webhook-url.js';

export interface DeliverWebhookProcessorDeps {
  sites: Pick<SiteRegistry, 'webhookOf'>;
  clock: { now(): number };
  timeoutMs: number;
  logger: Logger;
  /** Counts failed delivery attempts by site (`chaff_webhook_failures_total`). */
  metrics?: Pick<Metrics, 'webhookFailures'>;
}

/**
 * Delivers one event to the site's current webhook (looked up at delivery time, so a changed URL
 * or secret applies to retries too). A site without a webhook ends the job; a non-2xx reply or a
 * network error is retried with backoff.
 */
export function createDeliverWebhookProcessor(deps: DeliverWebhookProcessorDeps) {
  return async (job: Job<DeliverWebhookJob, DeliverWebhookResult>): Promise<DeliverWebhookResult> => {
    const parsed = deliverWebhookJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid deliver-webhook job ${job.id}`);
    const { siteId, event } = parsed.data;
    const target = await deps.sites.webhookOf(siteId);
    if (!target) return { status: null };
    try {
      checkWebhookUrl(target.url);
    } catch {
      deps.metrics?.webhookFailures.inc({ site: siteId });
      throw new UnrecoverableError(`site ${siteId} has a webhook URL that is not http(s)`);
    }
    const outcome = await deliverWebhook(target, event, { nowSeconds: Math.floor(deps.clock.now() / 1000), timeoutMs: deps.timeoutMs });
    const log = { siteId, eventId: event.id, type: event.type, attempt: job.attemptsMade + 1, status: outcome.status };
    if (!outcome.ok) {
      deps.metrics?.webhookFailures.inc({ site: siteId });
      deps.logger.warn({ ...log, reason: outcome.reason }, 'webhook delivery failed; will retry');
      throw new Error(`webhook delivery failed: ${outcome.reason}`);
    }
    deps.logger.info(log, 'webhook delivered');
    return { status: outcome.status };
  };
}

export interface DeliverWebhookWorkerOptions {
  /** A patient connection; the caller owns and closes it. */
  connection: Redis;
  keyPrefix: string;
  concurrency: number;
  retry: WebhookRetryPolicy;
  processor: ReturnType<typeof createDeliverWebhookProcessor>;
  logger: Logger;
}

export function createDeliverWebhookWorker(options: DeliverWebhookWorkerOptions): Worker<DeliverWebhookJob, DeliverWebhookResult> {
  const worker = new Worker<DeliverWebhookJob, DeliverWebhookResult>(DELIVER_WEBHOOK_QUEUE, options.processor, {
    connection: options.connection,
    prefix: bullPrefix(options.keyPrefix),
    concurrency: options.concurrency,
    settings: {
      backoffStrategy: (attemptsMade: number, type?: string) =>
        type === WEBHOOK_BACKOFF_TYPE ? retryDelayMs(options.retry, attemptsMade) : -1,
    },
  });
  worker.on('error', (err) => options.logger.error({ err: { message: err.message } }, 'deliver-webhook worker error'));
  worker.on('failed', (job, err) => {
    if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
      options.logger.error({ jobId: job.id, attemptsMade: job.attemptsMade, err: { message: err.message } }, 'webhook given up after retries');
    }
  });
  return worker;
}
