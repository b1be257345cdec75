import type { SiteRegistry } from './site-registry.js';

export interface CachedWebhookLookupOptions {
  sites: Pick<SiteRegistry, 'webhookOf'>;
  /** How long a site's webhook (or its absence) is reused, in ms. */
  ttlMs: number;
  clock: { now(): number };
}

/**
 * The score worker asks "does this site have a webhook?" after every verdict; without a cache
 * that is one Redis round trip per comment, for an answer that almost never changes. This keeps
 * each site's answer (null included) for `ttlMs`, in this process only, so a webhook set or
 * removed takes effect within `ttlMs`. Concurrent misses for one site share one lookup; a failed
 * lookup is not kept. Only for deciding whether to queue an event: the delivery worker still
 * reads the current URL and secret at delivery time.
 */
export function createCachedWebhookLookup(options: CachedWebhookLookupOptions): Pick<SiteRegistry, 'webhookOf'> {
  const entries = new Map<string, { expiresAtMs: number; value: ReturnType<SiteRegistry['webhookOf']> }>();
  return {
    webhookOf(siteId) {
      const now = options.clock.now();
      const hit = entries.get(siteId);
      if (hit && hit.expiresAtMs > now) return hit.value;
      const value = options.sites.webhookOf(siteId);
      entries.set(siteId, { expiresAtMs: now + options.ttlMs, value });
      value.catch(() => {
        if (entries.get(siteId)?.value === value) entries.delete(siteId);
      });
      return value;
    },
  };
}
