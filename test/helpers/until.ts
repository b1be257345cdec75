/**
 * Polls `probe` every 25 ms until `ok` accepts its value, and returns that value; after
 * `deadlineMs` it throws, naming what it waited for and the last value seen.
 */
export async function until<T>(what: string, probe: () => T | Promise<T>, ok: (v: T) => boolean, deadlineMs = 10_000): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(value)})`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
