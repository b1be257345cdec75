import dns from 'node:dns';

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * Resolves `localhost` and every `*.localhost` name to 127.0.0.1 in this process only, so clients
 * that put the API key in the host name (`<key>.localhost`) reach a Chaff listening on 127.0.0.1.
 * Returns a function that restores the real lookup.
 */
export function resolveLocalhostNames(): () => void {
  const original = dns.lookup;
  const patched = (hostname: string, options: unknown, callback?: LookupCallback) => {
    const cb = (typeof options === 'function' ? options : callback) as LookupCallback;
    const opts = (typeof options === 'object' && options !== null ? options : {}) as dns.LookupOptions;
    if (hostname === 'localhost' || hostname.endsWith('.localhost')) {
      process.nextTick(() => (opts.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4)));
      return;
    }
    return (original as (...args: unknown[]) => void)(hostname, options, callback);
  };
  (dns as { lookup: unknown }).lookup = patched;
  return () => {
    (dns as { lookup: unknown }).lookup = original;
  };
}
