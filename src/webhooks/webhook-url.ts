import { ValidationError } from '../errors.js';

/** Longest webhook URL accepted, in characters. */
export const MAX_WEBHOOK_URL_CHARS = 2000;

/**
 * Accepts only absolute http:// or https:// URLs (no file:, data:, javascript:, …). Returns the
 * parsed URL; throws a ValidationError that says what to send instead.
 */
export function checkWebhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ValidationError('The webhook URL is not a valid absolute URL.', [{ field: 'webhook', message: 'invalid URL' }]);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || raw.length > MAX_WEBHOOK_URL_CHARS || !url.hostname) {
    throw new ValidationError('The webhook URL must be an http:// or https:// URL.', [{ field: 'webhook', message: 'must be http or https' }]);
  }
  return url;
}
