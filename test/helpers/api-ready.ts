import request from 'supertest';
import type { Harness } from './harness.js';

/**
 * Waits until the harness API's fail-fast Redis connection is ready (its /readyz answers 200), so
 * a test's first request does not race the connection and get a 503.
 */
export async function apiReady(h: Harness, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await request(h.api.app).get('/readyz');
    if (res.status === 200) return;
    if (Date.now() > deadline) throw new Error(`API not ready within ${timeoutMs} ms (last status ${res.status})`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
