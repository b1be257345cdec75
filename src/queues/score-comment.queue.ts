import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { submittedCommentSchema } from '../comments/comment.schema.js';

/** The queue every accepted comment goes through on its way to a verdict. */
export const SCORE_COMMENT_QUEUE = 'score-comment';

export const scoreCommentJobSchema = z.object({
  commentId: z.string().min(1),
  siteId: z.string().min(1),
  requestId: z.string().nullable(),
  comment: submittedCommentSchema,
});

export type ScoreCommentJob = z.infer<typeof scoreCommentJobSchema>;

export interface ScoreCommentResult {
  verdict: 'ham' | 'unsure' | 'spam';
  spamProbability: number;
  modelVersion: string;
  /** False when a retried job found the verdict already stored. */
  recorded: boolean;
}

export interface ScoreQueueOptions {
  connection: Redis;
  /** Chaff's key prefix; BullMQ keys go under `<prefix>bull`. */
  keyPrefix: string;
  attempts: number;
  backoffMs: number;
  keepCompleted: number;
  keepFailed: number;
}

export function bullPrefix(keyPrefix: string): string {
  return `${keyPrefix}bull`;
}

export type ScoreQueue = Queue<ScoreCommentJob, ScoreCommentResult>;

/**
 * The API side's handle on the scoring queue. It shares the API's fail-fast connection, so a
 * Redis outage rejects `add` at once (503) instead of hanging. (BullMQ's `skipWaitingForReady`
 * is not used: its version check would then run before the connection is up, fail, and leave
 * the queue unusable for good. Intake writes the comment record first, so while Redis has never
 * been reachable a request fails there, before it reaches the queue.)
 */
export function createScoreQueue(options: ScoreQueueOptions): ScoreQueue {
  const defaultJobOptions: JobsOptions = {
    attempts: options.attempts,
    backoff: { type: 'exponential', delay: options.backoffMs },
    removeOnComplete: { count: options.keepCompleted },
    removeOnFail: { count: options.keepFailed },
  };
  return new Queue<ScoreCommentJob, ScoreCommentResult>(SCORE_COMMENT_QUEUE, {
    connection: options.connection,
    prefix: bullPrefix(options.keyPrefix),
    defaultJobOptions,
  });
}

/** Queues a comment for scoring. The job id is the comment id, so a re-add is a no-op. */
export async function enqueueScoreComment(queue: ScoreQueue, job: ScoreCommentJob): Promise<void> {
  await queue.add('score', job, { jobId: job.commentId });
}

/** Queues many comments in one Redis round trip (addBulk), with the same job ids. */
export async function enqueueScoreComments(queue: ScoreQueue, jobs: ScoreCommentJob[]): Promise<void> {
  if (jobs.length === 0) return;
  await queue.addBulk(jobs.map((data) => ({ name: 'score', data, opts: { jobId: data.commentId } })));
}
