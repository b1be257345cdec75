/**
 * Akismet-compatible endpoints, so a site that speaks Akismet switches to Chaff by changing one
 * host name. Form-encoded POSTs; every answer is HTTP 200 with a plain-text body, as Akismet's.
 *
 * comment-check goes through the same queue and workers as `POST /v1/comments` and waits for the
 * verdict up to CHAFF_AKISMET_WAIT_MS. unsure counts as spam (`true`: held for moderation). On
 * timeout it answers `false` with `X-akismet-recheck-after`; the comment stays queued, is scored
 * and, if need be, flagged for moderators. submit-spam/submit-ham record the site's own decision
 * as a training label (actor `site:<id>`), except for `is_test` requests.
 */
import express, { Router, type Request, type Response } from 'express';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { VerdictWaiter } from '../comments/verdict-waiter.js';
import {
  AKISMET_THANKS,
  akismetFingerprint,
  akismetKey,
  akismetToComment,
  honeypotFilled,
  isTestRequest,
  testTrigger,
  toAkismetForm,
  type AkismetForm,
} from '../integrations/akismet/akismet-fields.js';
import { submitAndWait, waitForVerdict } from '../comments/submit-and-wait.js';
import type { Metrics } from '../metrics/metrics.js';
import type { ModerationStore } from '../moderation/moderation-store.js';
import type { ScoreQueue } from '../queues/score-comment.queue.js';
import { commentIdFor, type CommentStore, type StoredComment } from '../store/comment-store.js';
import { siteForKey } from './auth.js';
import { noteCommentsReceived } from './metrics.routes.js';
import { countDecision } from './moderation.routes.js';

export interface AkismetRoutesDeps {
  config: Pick<Config, 'siteKeys' | 'keyPrefix' | 'akismetWaitMs' | 'akismetBlatantProbability' | 'commentRetentionMs'>;
  redis: Redis;
  store: CommentStore;
  scoreQueue: ScoreQueue;
  waiter: VerdictWaiter;
  moderation: Pick<ModerationStore, 'recordDecision'>;
  /** Counts the sites' submissions as decisions (`chaff_moderator_decisions_total`). */
  metrics?: Pick<Metrics, 'moderatorDecisions'>;
}

/** Seconds after which a timed-out comment-check is worth asking again. */
export const RECHECK_AFTER_SECONDS = 60;

const INVALID_KEY_HELP = 'Chaff does not know this API key. Send a site key created with "npx chaff sites add <name>" as api_key, key, or the first label of the host name.';

function text(res: Response, body: string): void {
  res.status(200).type('text/plain; charset=utf-8').send(body);
}

function invalid(res: Response): void {
  res.setHeader('X-akismet-debug-help', INVALID_KEY_HELP);
  text(res, 'invalid');
}

export function createAkismetRouter(deps: AkismetRoutesDeps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: 64 * 1024, parameterLimit: 200 });
  const fingerprintKey = (siteId: string, fp: string) => `${deps.config.keyPrefix}akismet-fp:${siteId}:${fp}`;
  const validGuid = (v: string | undefined) => typeof v === 'string' && /^c_[0-9a-f]{24}$/.test(v);

  async function siteOf(req: Request, f: AkismetForm): Promise<string | null> {
    const key = akismetKey(f, req.headers.host);
    return key ? siteForKey(deps, key) : null;
  }

  /** The comment an earlier comment-check stored for this request: by guid, else by fingerprint. */
  async function findChecked(siteId: string, f: AkismetForm): Promise<StoredComment | null> {
    const byGuid = validGuid(f.guid) ? await deps.store.getComment(f.guid) : null;
    if (byGuid && byGuid.siteId === siteId) return byGuid;
    const id = await deps.redis.get(fingerprintKey(siteId, akismetFingerprint(f)));
    const byFingerprint = id ? await deps.store.getComment(id) : null;
    return byFingerprint && byFingerprint.siteId === siteId ? byFingerprint : null;
  }

  router.post('/1.1/verify-key', form, async (req: Request, res: Response) => {
    const f = toAkismetForm(req.body);
    const siteId = await siteOf(req, f);
    if (!siteId) return invalid(res);
    text(res, 'valid');
  });

  router.post('/1.1/comment-check', form, async (req: Request, res: Response) => {
    const f = toAkismetForm(req.body);
    const siteId = await siteOf(req, f);
    if (!siteId) return invalid(res);

    const trigger = testTrigger(f);
    if (trigger) {
      // Akismet's documented test values: answered at once, nothing stored, nothing learnt.
      res.setHeader('X-akismet-guid', commentIdFor(siteId, undefined));
      return text(res, trigger === 'spam' ? 'true' : 'false');
    }

    const fp = akismetFingerprint(f);
    let record = await findChecked(siteId, f);
    if (record && record.status === 'queued') {
      // The same comment checked again (a recheck, or a client retry) while still queued.
      record = await waitForVerdict(deps, record, deps.config.akismetWaitMs);
    } else if (!record) {
      const { comment, extra } = akismetToComment(f);
      const requestId = (res.locals.requestId as string | undefined) ?? null;
      // is_test: scored like any comment, but a moderator's later decision on it teaches nothing.
      const test = isTestRequest(f);
      record = (await submitAndWait(deps, { siteId, comment, requestId, extra, test }, deps.config.akismetWaitMs)).record;
      await deps.redis.set(fingerprintKey(siteId, fp), record.id, 'PX', deps.config.commentRetentionMs);
    }
    const scored = record.status !== 'queued';
    noteCommentsReceived(res, siteId);
    res.setHeader('X-akismet-guid', record.id);
    res.locals.log?.info({ commentId: record.id, siteId, scored, verdict: record.verdict }, 'akismet comment-check');
    if (!scored) {
      res.setHeader('X-akismet-recheck-after', String(RECHECK_AFTER_SECONDS));
      return text(res, honeypotFilled(f) ? 'true' : 'false');
    }
    const spam = record.verdict === 'spam' || record.verdict === 'unsure' || honeypotFilled(f);
    if (
      record.verdict === 'spam' &&
      record.decidedBy === 'model' &&
      record.spamProbability !== null &&
      record.spamProbability > deps.config.akismetBlatantProbability
    ) {
      res.setHeader('X-akismet-pro-tip', 'discard');
    }
    text(res, spam ? 'true' : 'false');
  });

  const submit = (label: 'spam' | 'ham') => async (req: Request, res: Response) => {
    const f = toAkismetForm(req.body);
    const siteId = await siteOf(req, f);
    if (!siteId) return invalid(res);
    if (isTestRequest(f)) return text(res, AKISMET_THANKS);
    const found = await findChecked(siteId, f);
    const { comment } = akismetToComment(f);
    const commentId = found?.id ?? commentIdFor(siteId, `akismet-${akismetFingerprint(f)}`);
    const decision = label === 'spam' ? 'reject' : 'approve';
    const { outcome } = await deps.moderation.recordDecision({
      commentId,
      decision,
      actor: `site:${siteId}`,
      source: 'site',
      note: `akismet submit-${label}`,
      fallback: { siteId, comment },
    });
    countDecision(deps.metrics, decision, outcome);
    res.locals.log?.info({ commentId, siteId, label, outcome }, 'akismet submission recorded');
    text(res, AKISMET_THANKS);
  };
  router.post('/1.1/submit-spam', form, submit('spam'));
  router.post('/1.1/submit-ham', form, submit('ham'));

  return router;
}
