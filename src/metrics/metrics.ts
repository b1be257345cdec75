import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The Prometheus metrics of one Chaff process. Each process makes one with `createMetrics()` and
 * passes it down; there is no global registry, so tests and `all` mode never collide.
 *
 * Counters other modules increment:
 * - `commentsReceived.inc({ site })`: a comment accepted by `POST /v1/comments`, the batch route,
 *   Akismet comment-check or Coral (see noteCommentsReceived in src/http/metrics.routes.ts)
 * - `verdicts.inc({ verdict })`: a model verdict stored by a worker
 * - `moderatorDecisions.inc({ verdict })`: a moderator's decision stored
 * - `webhookFailures.inc({ site })`: a webhook delivery attempt that failed (each retry counts)
 */
export interface Metrics {
  registry: Registry;
  commentsReceived: Counter<'site'>;
  verdicts: Counter<'verdict'>;
  moderatorDecisions: Counter<'verdict'>;
  webhookFailures: Counter<'site'>;
  /** Seconds from a job's start to its stored verdict, in a worker. */
  scoringSeconds: Histogram<'outcome'>;
  /** Reports the waiting/active/delayed/failed counts of a queue at each scrape. */
  observeQueue(name: string, queue: QueueCounts): void;
  /** Marks `version` as the model this process scores with (`chaff_model_info{version} 1`). */
  setModelVersion(version: string): void;
}

/** The part of a BullMQ Queue the gauges need. */
export interface QueueCounts {
  getJobCounts(...types: string[]): Promise<Record<string, number>>;
}

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'chaff_process_' });

  const queues = new Map<string, QueueCounts>();
  new Gauge({
    name: 'chaff_queue_jobs',
    help: 'Jobs in each state of a queue, read from Redis at scrape time.',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const [name, queue] of queues) {
        // An unreachable Redis must not fail the whole scrape: the queue gauges are just absent.
        const counts = await queue.getJobCounts(...QUEUE_STATES).catch(() => null);
        if (!counts) continue;
        for (const state of QUEUE_STATES) this.set({ queue: name, state }, counts[state] ?? 0);
      }
    },
  });

  const modelInfo = new Gauge({
    name: 'chaff_model_info',
    help: 'The model version this process scores with (value 1).',
    labelNames: ['version'],
    registers: [registry],
  });

  return {
    registry,
    commentsReceived: new Counter({
      name: 'chaff_comments_received_total',
      help: 'Comments accepted (POST /v1/comments, its batch route, Akismet comment-check, Coral), by site.',
      labelNames: ['site'],
      registers: [registry],
    }),
    verdicts: new Counter({
      name: 'chaff_verdicts_total',
      help: 'Model verdicts stored, by kind (ham, unsure, spam).',
      labelNames: ['verdict'],
      registers: [registry],
    }),
    moderatorDecisions: new Counter({
      name: 'chaff_moderator_decisions_total',
      help: 'Moderator decisions stored, by verdict.',
      labelNames: ['verdict'],
      registers: [registry],
    }),
    webhookFailures: new Counter({
      name: 'chaff_webhook_failures_total',
      help: 'Webhook delivery attempts that failed (non-2xx, timeout, network error), by site.',
      labelNames: ['site'],
      registers: [registry],
    }),
    scoringSeconds: new Histogram({
      name: 'chaff_scoring_duration_seconds',
      help: 'Time a worker takes to score a comment and store its verdict.',
      labelNames: ['outcome'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    }),
    observeQueue(name, queue) {
      queues.set(name, queue);
    },
    setModelVersion(version) {
      modelInfo.reset();
      modelInfo.set({ version }, 1);
    },
  };
}
