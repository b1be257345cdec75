/**
 * Turns moderators' (and sites') decisions into `comment.decided` webhook events.
 *
 * Every decision appends one entry to the `<prefix>labels` stream (src/moderation). This relay
 * reads that stream through a consumer group, so the moderation code needs no webhook hook, an
 * entry is handled once across all worker processes, and entries written while no worker ran are
 * sent when one starts. Entries a crashed process left unacknowledged are claimed after a minute.
 * The group starts at the stream's end when first created: old labels never fire events.
 */
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { parseLabelFields } from '../moderation/labels.js';
import type { WebhookEmitter } from './webhook-emitter.js';

export const DECISION_RELAY_GROUP = 'webhooks';

export interface DecisionRelayOptions {
  /** A connection only this relay uses (it blocks on XREADGROUP); the relay closes it. */
  redis: Redis;
  streamKey: string;
  emitter: WebhookEmitter;
  logger: Logger;
  consumerName: string;
  /** How long one blocking read waits, in ms (default 1000). */
  blockMs?: number;
  /** Unacknowledged entries idle this long are taken over, in ms (default 60000). */
  claimIdleMs?: number;
}

export interface DecisionRelay {
  close(): Promise<void>;
}

type StreamEntries = Array<[string, string[]]>;

export async function startDecisionRelay(options: DecisionRelayOptions): Promise<DecisionRelay> {
  const { redis, streamKey, emitter, logger, consumerName } = options;
  const blockMs = options.blockMs ?? 1000;
  await redis.xgroup('CREATE', streamKey, DECISION_RELAY_GROUP, '$', 'MKSTREAM').catch((error: Error) => {
    if (!/BUSYGROUP/.test(error.message)) throw error;
  });

  async function handle(entries: StreamEntries): Promise<void> {
    for (const [streamId, flat] of entries) {
      if (!flat) continue; // deleted entry
      const label = parseLabelFields(streamId, flat);
      await emitter.decided({
        labelStreamId: streamId,
        commentId: label.commentId,
        siteId: label.siteId,
        siteCommentId: label.comment.id ?? null,
        verdict: label.label,
        spamProbability: label.spamProbability,
        modelVersion: label.modelVersion,
        actor: label.actor,
        at: label.at,
      });
      await redis.xack(streamKey, DECISION_RELAY_GROUP, streamId);
    }
  }

  let stopped = false;
  let lastClaim = 0;
  const loop = (async () => {
    while (!stopped) {
      try {
        if (Date.now() - lastClaim > 30_000) {
          lastClaim = Date.now();
          const claimed = (await redis.xautoclaim(streamKey, DECISION_RELAY_GROUP, consumerName, options.claimIdleMs ?? 60_000, '0-0', 'COUNT', 100)) as [string, StreamEntries];
          await handle(claimed[1] ?? []);
        }
        const reply = (await redis.xreadgroup('GROUP', DECISION_RELAY_GROUP, consumerName, 'COUNT', 100, 'BLOCK', blockMs, 'STREAMS', streamKey, '>')) as Array<[string, StreamEntries]> | null;
        for (const [, entries] of reply ?? []) await handle(entries);
      } catch (error) {
        if (stopped) break;
        logger.warn({ err: { message: (error as Error).message } }, 'decision relay read failed; retrying');
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  })();

  return {
    async close() {
      stopped = true;
      // Ends a blocking read at once. An entry read but not yet acknowledged is claimed again
      // later; its event id makes the repeat a no-op.
      redis.disconnect();
      await loop;
    },
  };
}
