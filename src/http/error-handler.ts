import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { AppError, NotFoundError, UnavailableError } from '../errors.js';
import { isRedisUnavailableError } from '../redis.js';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

/** Turns anything thrown in a route into a JSON error. Internals never reach the client. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = error as BodyParserError;
  if (e && typeof e === 'object' && typeof e.type === 'string') {
    switch (e.type) {
      case 'entity.too.large':
        return new AppError('payload_too_large', 413, `Request body is larger than the ${e.limit ?? 65536}-byte limit.`);
      case 'entity.parse.failed':
        return new AppError('invalid_json', 400, 'Request body is not valid JSON.');
      case 'encoding.unsupported':
        return new AppError('unsupported_encoding', 415, 'Unsupported Content-Encoding; send identity or gzip.');
      case 'charset.unsupported':
        return new AppError('unsupported_charset', 415, 'Unsupported charset; send UTF-8.');
      case 'request.aborted':
        return new AppError('request_aborted', 400, 'The request was aborted before its body arrived.');
      case 'request.size.invalid':
        return new AppError('invalid_request', 400, 'Request body length does not match Content-Length.');
      default:
        if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
          return new AppError('bad_request', e.status, 'The request could not be read.');
        }
    }
  }
  // body-parser reports a corrupt gzip/deflate body as a bare 400 from zlib, with no `type`.
  if (e && typeof e === 'object' && e.type === undefined && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    return new AppError('bad_request', e.status, 'The request body could not be read (is its Content-Encoding right?).');
  }
  if (isRedisUnavailableError(error)) return new UnavailableError();
  return new AppError('internal', 500, 'Internal error; it has been logged.');
}

export function notFoundHandler(req: Request, _res: Response, next: NextFunction): void {
  next(new NotFoundError(`No route for ${req.method} ${req.path}.`));
}

export function createErrorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const appError = toAppError(error);
    const log = (res.locals.log as Logger | undefined) ?? logger;
    if (appError.status >= 500 && appError.code === 'internal') {
      log.error({ err: error }, 'request failed');
    } else if (appError.status === 503) {
      log.warn({ err: { message: (error as Error)?.message } }, 'storage unavailable');
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    if (appError.status === 503) res.setHeader('Retry-After', '2');
    const body: Record<string, unknown> = { code: appError.code, message: appError.message };
    const details = appError.details as { fields?: unknown } | undefined;
    if (details?.fields) body.fields = details.fields;
    res.status(appError.status).json({ error: body });
  };
}
