import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { scoreComment } from '../src/classifier/index.js';
import {
  SCORE_COMMENT_QUEUE,
  bullPrefix,
  scoreCommentJobSchema,
  type ScoreCommentJob,
  type ScoreCommentResult,
} from '../src/queues/score-comment.queue.js';
import type { Metrics } from '../src/metrics/metrics.js';
import type { ModelHolder } from '../src/scoring/model-holder.js';
import type { CommentStore } from '../src/store/comment-store.js';
import type { WebhookEmitter } from '../src/webhooks/webhook-emitter.js';

export interface ScoreCommentProcessorDeps {
  store: Pick<CommentStore, 'recordModelVerdict'>;
  models: ModelHolder;
  logger: Logger;
  /** Counts verdicts and times scoring when given. */
  metrics?: Pick<Metrics, 'verdicts' | 'scoringSeconds'>;
  /** Queues `comment.scored` webhook events when given; it never throws, so scoring never fails for it. */
  webhooks?: Pick<WebhookEmitter, 'scored'>;
  /** Time of the verdict for webhook events (default Date.now). */
  clock?: { now(): number };
}

/**
 * The scoring processor: validate the job, score with the model current at the job's start,
 * store the verdict once. Bad job data is not worth retrying; a Redis error is.
 */
export function createScoreCommentProcessor(deps: ScoreCommentProcessorDeps) {
  return async (job: Job<ScoreCommentJob, ScoreCommentResult>): Promise<ScoreCommentResult> => {
    const parsed = scoreCommentJobSchema.safeParse(job.data);
    if (!parsed.success) {
      throw new UnrecoverableError(`invalid score-comment job ${job.id}: ${parsed.error.issues[0]?.message}`);
    }
    const { commentId, requestId, comment } = parsed.data;
    const endTimer = deps.metrics?.scoringSeconds.startTimer();
    const model = deps.models.current();
    const score = scoreComment(model, comment);
    const outcome = await deps.store.recordModelVerdict({
      commentId,
      verdict: score.verdict,
      spamProbability: score.spamProbability,
      modelVersion: score.modelVersion,
      clues: score.clues,
    });
    endTimer?.({ outcome });
    if (outcome === 'recorded') deps.metrics?.verdicts.inc({ verdict: score.verdict });
    if (outcome === 'recorded' && deps.webhooks) {
      await deps.webhooks.scored({
        commentId,
        siteId: parsed.data.siteId,
        siteCommentId: comment.id ?? null,
        verdict: score.verdict,
        spamProbability: score.spamProbability,
        modelVersion: score.modelVersion,
        atMs: (deps.clock ?? Date).now(),
      });
    }
    deps.logger.info(
      { requestId, commentId, jobId: job.id, verdict: score.verdict, spamProbability: score.spamProbability, modelVersion: score.modelVersion, outcome },
      'comment scored',
    );
    return {
      verdict: score.verdict,
      spamProbability: score.spamProbability,
      modelVersion: score.modelVersion,
      recorded: outcome === 'recorded',
    };
  };
}

export interface ScoreCommentWorkerOptions {
  /** A patient connection (maxRetriesPerRequest: null); the caller owns and closes it. */
  connection: Redis;
  keyPrefix: string;
  concurrency: number;
  processor: ReturnType<typeof createScoreCommentProcessor>;
  logger: Logger;
  /** Start paused until `run()`; default false. */
  autorun?: boolean;
  /** How long a job's lock lasts before a stalled-job check may hand it to another worker (default 30000). */
  lockDurationMs?: number;
  /** How often this worker looks for stalled jobs (default 30000). */
  stalledIntervalMs?: number;
}

export function createScoreCommentWorker(options: ScoreCommentWorkerOptions): Worker<ScoreCommentJob, ScoreCommentResult> {
  const worker = new Worker<ScoreCommentJob, ScoreCommentResult>(SCORE_COMMENT_QUEUE, options.processor, {
    connection: options.connection,
    prefix: bullPrefix(options.keyPrefix),
    concurrency: options.concurrency,
    autorun: options.autorun ?? true,
    // A killed worker's jobs are picked up again after the lock expires.
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    maxStalledCount: 2,
  });
  worker.on('error', (err) => options.logger.error({ err }, 'score-comment worker error'));
  worker.on('failed', (job, err) =>
    options.logger.warn({ jobId: job?.id, attemptsMade: job?.attemptsMade, err: { message: err.message } }, 'score-comment job failed'),
  );
  return worker;
}
