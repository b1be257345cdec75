import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rateLimit, ipKeyGenerator, type Store } from 'express-rate-limit';
import helmet from 'helmet';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { RedisStore } from 'rate-limit-redis';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { bearerSecret, siteForKey, type SiteAuthDeps } from './auth.js';

/**
 * helmet's headers for a JSON API: no sniffing, no framing, no referrer, HSTS, and a CSP that
 * forbids everything (an API response is never a page). Routes serving HTML set their own CSP.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}

export interface CorsDeps extends SiteAuthDeps {
  config: SiteAuthDeps['config'] & Pick<Config, 'corsOrigins'>;
}

/**
 * CORS, off unless CHAFF_CORS_ORIGINS lists origins for a site. A preflight is answered for any
 * listed origin (it carries no key, so the site is not known yet); an actual request gets
 * `Access-Control-Allow-Origin` only when its key belongs to a site that lists that origin.
 */
export function corsPerSite(deps: CorsDeps): RequestHandler {
  const anyOrigin = new Set(deps.config.corsOrigins.flatMap((c) => c.origins));
  const bySite = new Map(deps.config.corsOrigins.map((c) => [c.siteId, new Set(c.origins)]));
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin.toLowerCase() : null;
    if (anyOrigin.size === 0 || origin === null) return next();
    res.vary('Origin');
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
      if (anyOrigin.has(origin)) {
        res.setHeader('Access-Control-Allow-Origin', origin);
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
        res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Request-Id');
        res.setHeader('Access-Control-Max-Age', '600');
      }
      res.status(204).end();
      return;
    }
    const key = anyOrigin.has(origin) ? bearerSecret(req) : null;
    if (key !== null) {
      // A storage error here is the route's to report (503); CORS just stays off.
      const siteId = await siteForKey(deps, key).catch(() => null);
      if (siteId !== null && bySite.get(siteId)?.has(origin)) {
        res.setHeader('Access-Control-Allow-Origin', origin);
        res.setHeader('Access-Control-Expose-Headers', 'Retry-After, X-Request-Id, RateLimit, RateLimit-Policy');
      }
    }
    next();
  };
}

export interface RateLimitDeps {
  config: Pick<Config, 'keyPrefix' | 'rateLimitPerKey' | 'rateLimitPerIp' | 'rateLimitWindowMs'>;
  /** The API's fail-fast connection: when Redis is down a count fails at once and the request goes on to its route's 503. */
  redis: Redis;
  logger: Logger;
}

/**
 * A rate-limit store in Redis, so the limits hold across every API process on that Redis.
 * rate-limit-redis loads its scripts with SCRIPT LOAD when created; if Redis is not reachable at
 * that moment we hand back the script's SHA-1 ourselves, so the first EVALSHA after Redis returns
 * answers NOSCRIPT and the store loads it again, instead of failing forever on a rejected load.
 */
function redisStore(redis: Redis, prefix: string): Store {
  return new RedisStore({
    prefix,
    sendCommand: async (command: string, ...args: string[]) => {
      if (command === 'SCRIPT' && args[0] === 'LOAD') {
        return (redis.call(command, ...args) as Promise<string>).catch(() => createHash('sha1').update(args[1] ?? '').digest('hex'));
      }
      return redis.call(command, ...args) as Promise<never>;
    },
  });
}

function keyDigest(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 32);
}

/**
 * Per-API-key and per-IP request limits, counted in Redis (`<prefix>rl:key:*`, `<prefix>rl:ip:*`).
 * Over the limit: 429 with Retry-After and RateLimit headers. The key is counted by its digest,
 * so no secret is ever a Redis key. If Redis cannot count, the request is let through: its route
 * then answers 503 by itself, and the limiter never turns an outage into a hang or a 500.
 */
export function rateLimits(deps: RateLimitDeps): RequestHandler[] {
  const { config } = deps;
  const storeLogger = {
    error: (err: unknown, message?: string) => deps.logger.warn({ err: { message: (err as Error)?.message } }, message ?? 'rate-limit store error'),
    warn: (err: unknown, message?: string) => deps.logger.warn({ err: { message: (err as Error)?.message } }, message ?? 'rate-limit warning'),
  };
  const tooMany = (what: string) => (_req: Request, _res: Response, next: NextFunction) =>
    next(new AppError('rate_limited', 429, `Too many requests from this ${what}; wait the Retry-After seconds and try again.`));
  const common = {
    windowMs: config.rateLimitWindowMs,
    standardHeaders: 'draft-7' as const,
    legacyHeaders: false,
    passOnStoreError: true,
    logger: storeLogger,
  };
  const perIp = rateLimit({
    ...common,
    limit: config.rateLimitPerIp,
    store: redisStore(deps.redis, `${config.keyPrefix}rl:ip:`),
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? 'unknown'),
    handler: tooMany('address'),
  });
  const perKey = rateLimit({
    ...common,
    limit: config.rateLimitPerKey,
    store: redisStore(deps.redis, `${config.keyPrefix}rl:key:`),
    skip: (req) => bearerSecret(req) === null,
    keyGenerator: (req) => keyDigest(bearerSecret(req) ?? ''),
    handler: tooMany('key'),
  });
  return [perIp, perKey];
}
