/**
 * Coral Talk's "external moderation phase" contract (coralproject/talk,
 * src/core/server/services/comments/pipeline/phases/external.ts and services/fetch):
 *
 * Request: POST, `Content-Type: application/json`, body `JSON.stringify(request, null, 2)` of
 *   { action: "NEW" | "EDIT", comment: { body, parentID }, author: { id, role },
 *     story: { id, url }, site: { id }, tenantID, tenantDomain }
 * (older releases sent `tenant: { id, domain }` instead of tenantID/tenantDomain).
 * Signature: `X-Coral-Signature: sha256=<hex HMAC-SHA256(signing secret, raw body)>`, several
 * comma-separated while a rotated secret is still active.
 * Response: 204 with no body = no opinion; or 200 with JSON
 *   { status?: "NONE" | "APPROVED" | "REJECTED" | "PREMOD" | "SYSTEM_WITHHELD",
 *     actions?: [{ actionType: "FLAG", reason: "COMMENT_DETECTED_SPAM" | "COMMENT_DETECTED_TOXIC" }],
 *     tags?: [...] }
 * Coral validates with stripUnknown, so `additionalDetails` (shown by releases that read it, such
 * as the one Coral's own Akismet phase writes to) is safe to add.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { SubmittedComment } from '../../comments/comment.schema.js';
import { MAX_CONTENT_CHARS } from '../../comments/comment.schema.js';
import type { Clue, Verdict } from '../../classifier/types.js';

export const CORAL_SIGNATURE_HEADER = 'x-coral-signature';

export const coralRequestSchema = z.object({
  action: z.enum(['NEW', 'EDIT']),
  comment: z.object({ body: z.string(), parentID: z.string().nullable().optional() }),
  author: z.object({ id: z.string(), role: z.string() }),
  story: z.object({ id: z.string(), url: z.string() }),
  site: z.object({ id: z.string() }).optional(),
  tenantID: z.string().optional(),
  tenantDomain: z.string().optional(),
  tenant: z.object({ id: z.string(), domain: z.string() }).optional(),
});

export type CoralRequest = z.infer<typeof coralRequestSchema>;

export type CoralStatus = 'SYSTEM_WITHHELD' | 'REJECTED';

export interface CoralResponse {
  status: CoralStatus;
  actions: Array<{ actionType: 'FLAG'; reason: 'COMMENT_DETECTED_SPAM'; additionalDetails: string }>;
}

/** Coral's own signature, for tests and for documentation: `sha256=<hex>`. */
export function coralSignature(secret: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/** True when one of the header's signatures matches one of the secrets (constant-time compare). */
export function coralSignatureValid(header: string | undefined, rawBody: Buffer, secrets: readonly string[]): boolean {
  if (!header) return false;
  const given = header
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^sha256=[0-9a-f]{64}$/.test(s))
    .map((s) => Buffer.from(s.slice(7), 'hex'));
  if (given.length === 0) return false;
  let ok = false;
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(rawBody).digest();
    for (const sig of given) if (timingSafeEqual(sig, expected)) ok = true;
  }
  return ok;
}

/** Staff roles Coral sends; their comments are not Chaff's to judge. */
const STAFF_ROLES = new Set(['ADMIN', 'MODERATOR', 'STAFF']);

export function isStaff(request: CoralRequest): boolean {
  return STAFF_ROLES.has(request.author.role.toUpperCase());
}

/** Coral sends HTML when the phase's format is HTML; the classifier wants text. */
export function htmlToText(body: string): string {
  return body
    .replace(/<br\s*\/?>|<\/p>|<\/div>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** Chaff's comment for a Coral request, and Coral's ids kept as extra fields. */
export function coralToComment(request: CoralRequest): { comment: SubmittedComment; extra: Record<string, string> } | null {
  const content = htmlToText(request.comment.body).slice(0, MAX_CONTENT_CHARS);
  if (!content) return null;
  const comment: SubmittedComment = { content };
  if (request.story.url) comment.permalink = request.story.url.slice(0, 2000);
  const extra: Record<string, string> = {
    source: 'coral',
    coral_action: request.action,
    coral_author_id: request.author.id,
    coral_author_role: request.author.role,
    coral_story_id: request.story.id,
  };
  if (request.comment.parentID) extra.coral_parent_id = request.comment.parentID;
  if (request.site?.id) extra.coral_site_id = request.site.id;
  const tenantId = request.tenantID ?? request.tenant?.id;
  if (tenantId) extra.coral_tenant_id = tenantId;
  return { comment, extra };
}

/** The reason text moderators see in Coral: verdict, probability and the strongest spam clues. */
export function reasonText(verdict: Verdict, spamProbability: number | null, clues: Clue[]): string {
  const top = clues
    .filter((c) => c.weight > 0)
    .sort((a, b) => b.weight - a.weight)
    .slice(0, 5)
    .map((c) => c.token);
  const p = spamProbability === null ? '' : ` (spam probability ${spamProbability.toFixed(2)})`;
  return `Chaff: ${verdict}${p}${top.length ? `; clues: ${top.join(', ')}` : ''}`;
}

/**
 * Coral's answer for a verdict: null (204, no opinion) for ham; held for review
 * (SYSTEM_WITHHELD) for unsure; `spamStatus` (held or REJECTED, per CHAFF_CORAL_SPAM_STATUS) for spam.
 */
export function coralResponseFor(
  verdict: Verdict,
  spamProbability: number | null,
  clues: Clue[],
  spamStatus: CoralStatus,
): CoralResponse | null {
  if (verdict === 'ham') return null;
  return {
    status: verdict === 'spam' ? spamStatus : 'SYSTEM_WITHHELD',
    actions: [{ actionType: 'FLAG', reason: 'COMMENT_DETECTED_SPAM', additionalDetails: reasonText(verdict, spamProbability, clues) }],
  };
}
