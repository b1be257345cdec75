import type { SubmittedComment } from '../comments/comment.schema.js';
import type { VerdictWaiter } from '../comments/verdict-waiter.js';
import { enqueueScoreComment, type ScoreQueue } from '../queues/score-comment.queue.js';
import type { CommentStore, StoredComment } from '../store/comment-store.js';

export interface SubmitAndWaitDeps {
  store: Pick<CommentStore, 'createComment' | 'getComment'>;
  scoreQueue: ScoreQueue;
  waiter: VerdictWaiter;
}

export interface SubmitInput {
  siteId: string;
  comment: SubmittedComment;
  requestId: string | null;
  extra?: Record<string, string>;
  /** A test request (Akismet `is_test`): its later decisions are no training labels. */
  test?: boolean;
}

/**
 * Every intake's one path (`POST /v1/comments`, Akismet comment-check, Coral): store the comment,
 * queue it, and wait up to `waitMs` (0: not at all) for its verdict. On timeout the comment stays
 * queued and is scored (and flagged) as usual; `scored` is then false.
 */
export async function submitAndWait(
  deps: SubmitAndWaitDeps,
  input: SubmitInput,
  waitMs: number,
): Promise<{ record: StoredComment; created: boolean; scored: boolean }> {
  const { created, record } = await deps.store.createComment(input);
  if (record.status === 'queued') {
    // Also on a re-post of a still-queued comment: the job id is the comment id, so this is a
    // no-op unless an earlier attempt stored the record but failed before queueing it.
    await enqueueScoreComment(deps.scoreQueue, { commentId: record.id, siteId: input.siteId, requestId: input.requestId, comment: record.comment });
  }
  const current = record.status === 'queued' ? await waitForVerdict(deps, record, waitMs) : record;
  return { record: current, created, scored: current.status !== 'queued' };
}

/** Waits up to `waitMs` for a queued comment's verdict; returns the freshest record it read. */
export async function waitForVerdict(
  deps: Pick<SubmitAndWaitDeps, 'store' | 'waiter'>,
  record: StoredComment,
  waitMs: number,
): Promise<StoredComment> {
  let current = record;
  if (waitMs <= 0) return current;
  await deps.waiter.waitFor(record.id, waitMs, async () => {
    const fresh = await deps.store.getComment(record.id);
    if (fresh) current = fresh;
    return fresh !== null && fresh.status !== 'queued';
  });
  if (current.status === 'queued') current = (await deps.store.getComment(record.id)) ?? current;
  return current;
}
