import { SIGNATURE_HEADER, signatureHeader } from './webhook-signature.js';
import type { WebhookEvent } from './webhook-events.js';

export interface DeliveryTarget {
  url: string;
  secret: string;
}

export type DeliveryOutcome =
  | { ok: true; status: number }
  | { ok: false; status: number | null; reason: string };

/**
 * POSTs one signed event. 2xx is success; anything else (a redirect included: redirects are never
 * followed, so a webhook cannot be bounced to an internal address) is a failure to retry.
 */
export async function deliverWebhook(
  target: DeliveryTarget,
  event: WebhookEvent,
  options: { nowSeconds: number; timeoutMs: number; userAgent?: string },
): Promise<DeliveryOutcome> {
  const body = JSON.stringify(event);
  let response: Response;
  try {
    response = await fetch(target.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': options.userAgent ?? 'Chaff-Webhooks/1',
        [SIGNATURE_HEADER]: signatureHeader(target.secret, body, options.nowSeconds),
        'Chaff-Event-Id': event.id,
      },
      body,
    });
  } catch (error) {
    const e = error as Error & { cause?: { code?: string } };
    return { ok: false, status: null, reason: e.name === 'TimeoutError' ? 'timeout' : (e.cause?.code ?? e.name) };
  }
  // The receiver's reply is not needed; discard it so the connection is released.
  await response.body?.cancel().catch(() => undefined);
  if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
  const reason = response.status >= 300 && response.status < 400 ? 'redirect (not followed)' : `HTTP ${response.status}`;
  return { ok: false, status: response.status, reason };
}
