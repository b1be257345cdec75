import type { Logger } from 'pino';
import type { ModerationStore } from './moderation-store.js';

/** How often a worker prunes the moderation indexes at most, in ms (hourly; entries usually live for days). */
export const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * The pruning interval for a retention window: a quarter of it, at most hourly, so with a short
 * retention (minutes) an index holds at most 1.25 windows of entries instead of an hour's worth.
 */
export function pruneIntervalMs(retentionMs: number): number {
  return Math.min(PRUNE_INTERVAL_MS, Math.max(1000, Math.floor(retentionMs / 4)));
}

/**
 * Prunes the moderation indexes now and then every `intervalMs`, so they never outgrow the
 * retention window. Pruning is idempotent, so several workers doing it is harmless. A failed run
 * is logged and tried again next time. stop() waits for a run in flight.
 */
export function startIndexPruner(options: {
  moderation: Pick<ModerationStore, 'pruneIndexes'>;
  logger: Logger;
  intervalMs?: number;
}): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const run = () => {
    if (running) return;
    running = options.moderation
      .pruneIndexes()
      .then(
        (removed) => {
          if (removed > 0) options.logger.info({ removed }, 'pruned moderation index entries past retention');
        },
        (err: Error) => options.logger.warn({ err: { message: err.message } }, 'pruning moderation indexes failed; will retry'),
      )
      .finally(() => {
        running = null;
      });
  };
  run();
  const timer = setInterval(run, options.intervalMs ?? PRUNE_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
