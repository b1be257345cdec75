import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { hashSecret, type Config } from '../config.js';
import { ForbiddenError, UnauthorizedError } from '../errors.js';
import type { CommentStore } from '../store/comment-store.js';

/** Reads "Authorization: Bearer <secret>"; returns null when absent or malformed. */
export function bearerSecret(req: Request): string | null {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S{1,512})\s*$/i.exec(header);
  return match ? match[1] : null;
}

/** Constant-time comparison of two hex digests of the same length. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface SiteAuthDeps {
  config: Pick<Config, 'siteKeys'>;
  store: Pick<CommentStore, 'findSiteByKeyHash'>;
}

/**
 * Finds the site a key belongs to: first the keys from CHAFF_SITE_KEYS, then the hashed keys kept
 * in Redis. Only SHA-256 digests are ever compared or stored.
 */
export async function siteForKey(deps: SiteAuthDeps, key: string): Promise<string | null> {
  const digest = hashSecret(key);
  let found: string | null = null;
  for (const entry of deps.config.siteKeys) {
    if (sameDigest(entry.keyHash, digest)) found = entry.siteId;
  }
  return found ?? deps.store.findSiteByKeyHash(digest);
}

/** Express middleware: requires a site key and sets `res.locals.siteId`. */
export function requireSite(deps: SiteAuthDeps) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const key = bearerSecret(req);
    if (!key) throw new UnauthorizedError('Missing site key: send "Authorization: Bearer <site key>".');
    const siteId = await siteForKey(deps, key);
    if (!siteId) throw new UnauthorizedError('Unknown site key.');
    res.locals.siteId = siteId;
    next();
  };
}

export interface ModeratorAuthDeps {
  config: Pick<Config, 'moderatorTokens' | 'siteKeys'>;
  moderation: { findModeratorByTokenHash(tokenHash: string): Promise<string | null> };
  store: Pick<CommentStore, 'findSiteByKeyHash'>;
}

/**
 * Finds the moderator a token belongs to: the tokens from CHAFF_MODERATOR_TOKENS (every entry is
 * compared, in constant time, so timing does not reveal which one matched), then the hashed tokens
 * in Redis (`<prefix>moderator-tokens`).
 */
export async function moderatorForToken(deps: Omit<ModeratorAuthDeps, 'store'>, token: string): Promise<string | null> {
  const digest = hashSecret(token);
  let found: string | null = null;
  for (const entry of deps.config.moderatorTokens) {
    if (sameDigest(entry.tokenHash, digest)) found = entry.moderatorId;
  }
  return found ?? deps.moderation.findModeratorByTokenHash(digest);
}

/**
 * Express middleware: requires a moderator token and sets `res.locals.moderatorId`. A site key
 * is recognised and refused with 403 (it is valid, but not for moderation); anything else is 401.
 */
export function requireModerator(deps: ModeratorAuthDeps) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const token = bearerSecret(req);
    if (!token) throw new UnauthorizedError('Missing moderator token: send "Authorization: Bearer <moderator token>".');
    const moderatorId = await moderatorForToken(deps, token);
    if (!moderatorId) {
      if (await siteForKey(deps, token)) throw new ForbiddenError('A site key cannot moderate: use a moderator token.');
      throw new UnauthorizedError('Unknown moderator token.');
    }
    res.locals.moderatorId = moderatorId;
    next();
  };
}
