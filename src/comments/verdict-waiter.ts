import type { Redis } from 'ioredis';

/**
 * Lets a request wait (with a deadline) for a comment's verdict. Workers publish each scored
 * comment's id on one channel; this keeps one subscription per process and wakes the waiters.
 * A missed message only costs the caller a 202 instead of a 200: the verdict is still stored.
 */
export interface VerdictWaiter {
  /** Resolves true when the comment is scored within `timeoutMs`, false on timeout. */
  waitFor(commentId: string, timeoutMs: number, isDone: () => Promise<boolean>): Promise<boolean>;
  close(): Promise<void>;
}

export function createVerdictWaiter(subscriber: Redis, channel: string): VerdictWaiter {
  const waiting = new Map<string, Set<() => void>>();
  subscriber.on('message', (ch: string, id: string) => {
    if (ch !== channel) return;
    const wakers = waiting.get(id);
    if (!wakers) return;
    waiting.delete(id);
    for (const wake of wakers) wake();
  });
  // Not awaited: the API starts (and answers 503) while Redis is still down; ioredis
  // subscribes once it connects and again after every reconnect.
  subscriber.subscribe(channel).catch(() => undefined);

  return {
    async waitFor(commentId, timeoutMs, isDone) {
      if (timeoutMs <= 0) return isDone();
      let wake!: () => void;
      const woken = new Promise<true>((resolve) => {
        wake = () => resolve(true);
      });
      let set = waiting.get(commentId);
      if (!set) waiting.set(commentId, (set = new Set()));
      set.add(wake);
      let timer: NodeJS.Timeout | undefined;
      try {
        // Checked after subscribing to the id, so a verdict stored in between is not missed.
        if (await isDone()) return true;
        const timedOut = new Promise<false>((resolve) => {
          timer = setTimeout(() => resolve(false), timeoutMs);
        });
        return await Promise.race([woken, timedOut]);
      } finally {
        clearTimeout(timer);
        const current = waiting.get(commentId);
        current?.delete(wake);
        if (current && current.size === 0) waiting.delete(commentId);
      }
    },
    async close() {
      waiting.clear();
      if (subscriber.status === 'ready') await subscriber.unsubscribe(channel).catch(() => undefined);
    },
  };
}
