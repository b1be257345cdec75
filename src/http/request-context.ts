import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';

/**
 * Gives each request an id (the caller's X-Request-Id when it is sane) and a child logger that
 * carries it. The id follows the comment into the worker's log lines.
 */
export function requestContext(logger: Logger, clock: { now(): number }) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && /^[\w.:-]{1,128}$/.test(incoming) ? incoming : randomUUID();
    const log = logger.child({ requestId });
    const started = clock.now();
    res.locals.requestId = requestId;
    res.locals.log = log;
    res.setHeader('X-Request-Id', requestId);
    res.on('finish', () => {
      log.info({ method: req.method, path: req.path, status: res.statusCode, durationMs: clock.now() - started }, 'request');
    });
    next();
  };
}
