/**
 * `npx chaff sites …`: manage sites, their API keys, webhooks and Coral signing secrets in Redis.
 *
 *   sites add <name> [--webhook URL]     new site; prints its key (and webhook secret) once
 *   sites list                           sites, whether they have a key, webhook URL, Coral on/off
 *   sites rotate-key <name>              new key, printed once; the old key stops working at once
 *   sites remove <name>                  deletes the site's keys and settings (comments stay)
 *   sites set-webhook <name> <URL|none>  sets or clears the webhook; prints the new secret once
 *   sites set-coral-secret <name> <secret|none>
 *                                        accepts Coral's external-moderation signing secret
 *
 * Keys are stored only as SHA-256 and never written to logs.
 */
import { loadConfig, type Config } from '../config.js';
import { AppError } from '../errors.js';
import type { Command, CommandIo as CliIo } from './command.js';
import { createRedis, waitForRedis } from '../redis.js';
import { createSiteRegistry, type SiteRegistry } from '../sites/site-registry.js';

export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export const SITES_USAGE = `usage:
  chaff sites add <name> [--webhook URL]
  chaff sites list
  chaff sites rotate-key <name>
  chaff sites remove <name>
  chaff sites set-webhook <name> <URL|none>
  chaff sites set-coral-secret <name> <secret|none>`;

/** Opens a Redis connection for one CLI command and closes it afterwards. */
export async function withRegistry<T>(config: Readonly<Config>, run: (registry: SiteRegistry) => Promise<T>): Promise<T> {
  const redis = createRedis(config.redisUrl, 'worker', 'chaff-cli');
  redis.on('error', () => undefined);
  try {
    await waitForRedis(redis, 5000);
    return await run(createSiteRegistry({ redis, keyPrefix: config.keyPrefix, clock: { now: () => Date.now() } }));
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}

/** Runs `sites <args>`; returns the exit code (0 ok, 1 failed, 2 usage). */
export async function runSitesCommand(args: string[], config: Readonly<Config>, io: CommandIo): Promise<number> {
  const [sub, name, ...rest] = args;
  const usage = () => {
    io.err(SITES_USAGE);
    return 2;
  };
  try {
    switch (sub) {
      case 'add': {
        if (!name) return usage();
        let webhookUrl: string | undefined;
        for (let i = 0; i < rest.length; i++) {
          if (rest[i] === '--webhook' && rest[i + 1]) webhookUrl = rest[++i];
          else if (rest[i].startsWith('--webhook=')) webhookUrl = rest[i].slice('--webhook='.length);
          else return usage();
        }
        const { key, webhookSecret } = await withRegistry(config, (r) => r.addSite(name, { webhookUrl }));
        io.out(`Created site ${name}. Its API key (shown only this once; keep it):\n\n  ${key}\n`);
        if (webhookSecret) io.out(`Webhook signing secret for ${webhookUrl} (shown only this once):\n\n  ${webhookSecret}\n`);
        return 0;
      }
      case 'list': {
        if (name) return usage();
        const sites = await withRegistry(config, (r) => r.listSites());
        const fromEnv = config.siteKeys.map((s) => s.siteId);
        if (sites.length === 0 && fromEnv.length === 0) io.out('No sites. Add one with: chaff sites add <name>');
        for (const s of sites) {
          const bits = [s.hasKey ? 'key' : fromEnv.includes(s.siteId) ? 'key from CHAFF_SITE_KEYS' : 'no key', s.webhookUrl ? `webhook ${s.webhookUrl}` : null, s.coral ? 'coral' : null, s.createdAt ? `created ${s.createdAt}` : null, s.keyRotatedAt ? `key rotated ${s.keyRotatedAt}` : null];
          io.out(`${s.siteId}\t${bits.filter(Boolean).join(', ')}`);
        }
        for (const id of fromEnv.filter((e) => !sites.some((s) => s.siteId === e))) io.out(`${id}\tkey from CHAFF_SITE_KEYS`);
        return 0;
      }
      case 'rotate-key': {
        if (!name || rest.length) return usage();
        const key = await withRegistry(config, (r) => r.rotateKey(name));
        io.out(`New API key for ${name} (shown only this once; the old key no longer works):\n\n  ${key}\n`);
        return 0;
      }
      case 'remove': {
        if (!name || rest.length) return usage();
        await withRegistry(config, (r) => r.removeSite(name));
        io.out(`Removed site ${name}; its key no longer works. Its comments and decisions are kept.`);
        return 0;
      }
      case 'set-webhook': {
        if (!name || rest.length !== 1) return usage();
        const url = rest[0] === 'none' ? null : rest[0];
        const secret = await withRegistry(config, (r) => r.setWebhook(name, url));
        io.out(secret ? `Webhook for ${name} set to ${url}. Signing secret (shown only this once):\n\n  ${secret}\n` : `Webhook for ${name} removed.`);
        return 0;
      }
      case 'set-coral-secret': {
        if (!name || rest.length !== 1) return usage();
        await withRegistry(config, (r) => r.setCoralSecret(name, rest[0] === 'none' ? null : rest[0]));
        io.out(rest[0] === 'none' ? `Coral secrets for ${name} removed.` : `Coral signing secret for ${name} saved (the previous one stays valid until the next change).`);
        return 0;
      }
      default:
        return usage();
    }
  } catch (error) {
    io.err(`chaff sites ${sub}: ${error instanceof AppError ? error.message : (error as Error).message}`);
    return 1;
  }
}

/** Line-writing io over the dispatcher's streams. */
export function lineIo(io: Pick<CliIo, 'stdout' | 'stderr'>): CommandIo {
  return { out: (line) => io.stdout.write(`${line}\n`), err: (line) => io.stderr.write(`${line}\n`) };
}

export const sitesCommand: Command = {
  name: 'sites',
  usage: 'sites add|list|rotate-key|remove|set-webhook|set-coral-secret …',
  summary: 'Manage sites, their API keys (printed once, stored hashed), webhooks and Coral secrets',
  run: (args, io) => runSitesCommand(args, loadConfig(), lineIo(io)),
};
