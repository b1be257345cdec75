/**
 * A model holder that follows the model published in Redis, so running workers switch models
 * without a restart.
 *
 * Inputs: the registry (reads `model:active` and the JSON), a subscriber connection for the
 * `events:model` channel, and a fallback model (the newest file in models/) used while Redis has
 * none. Output: `current()`, read once per job.
 *
 * Idea: a check compares the active version in Redis with the one held; only on a difference is the
 * JSON fetched and validated with parseModel, and the held reference replaced in one assignment, so
 * a job that already called current() finishes on the model it started with. Checks run on every
 * pub/sub message, after a reconnect, and from current() at most every `checkIntervalMs` (a job
 * batch), which covers a missed message. A model that fails validation is refused with a logged
 * error, remembered so it is not re-parsed on every check, and the old model stays.
 */
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type Model, parseModel } from '../classifier/index.js';
import type { ModelRegistry } from '../model/model-registry.js';
import type { ModelHolder } from './model-holder.js';

export interface LiveModelHolderOptions {
  registry: Pick<ModelRegistry, 'keys' | 'readActive' | 'activeVersion'>;
  /** A connection this holder may put in subscriber mode; the caller owns and closes it. */
  subscriber: Redis;
  /** The newest model in models/, used while Redis holds no valid model; null if there is none. */
  fallback: Model | null;
  logger: Logger;
  clock: { now(): number };
  /** Least time between checks triggered by jobs, in ms (CHAFF_MODEL_CHECK_MS, default 5000). */
  checkIntervalMs: number;
  /** Called after each swap (metrics gauge, logs). */
  onSwap?: (model: Model, previous: Model | null) => void;
}

export interface LiveModelHolder extends ModelHolder {
  /** Subscribes and does a first check, waiting at most `timeoutMs` for Redis. */
  start(timeoutMs: number): Promise<void>;
  /** Checks Redis now; resolves when the check (and any swap) is done. */
  refresh(): Promise<void>;
  /** The held model, or null before any model was found. */
  peek(): Model | null;
  close(): Promise<void>;
}

export function createLiveModelHolder(options: LiveModelHolderOptions): LiveModelHolder {
  const { registry, subscriber, logger, clock } = options;
  let model: Model | null = options.fallback;
  let lastCheckAt = -Infinity;
  /** A version that failed validation; not re-read until a new announcement. */
  let refused: string | null = null;
  let inFlight: Promise<void> | null = null;
  let again = false;
  let closed = false;

  function swap(next: Model): void {
    const previous = model;
    model = next;
    logger.info({ modelVersion: next.version, previousVersion: previous?.version ?? null }, 'model swapped in');
    options.onSwap?.(next, previous);
  }

  async function check(): Promise<void> {
    lastCheckAt = clock.now();
    const active = await registry.readActive();
    if (active === null || active.version === model?.version || active.version === refused) return;
    const { version, json } = active;
    if (json === null) {
      logger.error({ modelVersion: version }, 'active model has no stored JSON; keeping the current model');
      refused = version;
      return;
    }
    let next: Model;
    try {
      next = parseModel(json);
      if (next.version !== version) throw new Error(`published as ${version} but the model says it is ${next.version}`);
    } catch (err) {
      refused = version;
      logger.error(
        { modelVersion: version, keptVersion: model?.version ?? null, err: { message: (err as Error).message } },
        'refused an invalid published model; keeping the current model',
      );
      return;
    }
    swap(next);
  }

  function refresh(): Promise<void> {
    if (closed) return Promise.resolve();
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = (async () => {
      try {
        do {
          again = false;
          await check().catch((err: Error) => logger.warn({ err: { message: err.message } }, 'model check failed; will retry'));
        } while (again && !closed);
      } finally {
        inFlight = null;
      }
    })();
    return inFlight;
  }

  const onMessage = (channel: string, version: string): void => {
    if (channel !== registry.keys.channel) return;
    if (version === refused) refused = null; // re-published: look again
    void refresh();
  };
  // After a reconnect ioredis resubscribes by itself, but announcements made meanwhile are lost.
  const onReady = (): void => void refresh();

  return {
    current() {
      if (model === null) throw new Error('no model loaded');
      if (clock.now() - lastCheckAt >= options.checkIntervalMs) void refresh();
      return model;
    },
    peek: () => model,
    refresh,
    async start(timeoutMs) {
      subscriber.on('message', onMessage);
      subscriber.on('ready', onReady);
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const first = (async () => {
        await subscriber.subscribe(registry.keys.channel);
        await refresh();
      })();
      const outcome = await Promise.race([first.then(() => 'done' as const), deadline]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        first.catch(() => undefined);
        logger.warn({ timeoutMs }, 'Redis did not answer the first model check in time; starting with the models folder');
      }
    },
    async close() {
      closed = true;
      subscriber.off('message', onMessage);
      subscriber.off('ready', onReady);
      await inFlight?.catch(() => undefined);
    },
  };
}
