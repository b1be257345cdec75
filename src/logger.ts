import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/**
 * Paths pino replaces with "[redacted]". Comment bodies and every kind of secret stay out of the
 * logs; a log line names a comment by its id.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
  'key',
  'apiKey',
  'token',
  'secret',
  'password',
  '*.key',
  '*.apiKey',
  '*.token',
  '*.secret',
  '*.password',
  'content',
  '*.content',
  'comment.content',
  '*.comment.content',
];

/** The one root logger of a process; everything else logs through its children. */
export function createLogger(options: { level: string; name?: string }, destination?: DestinationStream): Logger {
  return pino(
    {
      name: options.name ?? 'chaff',
      level: options.level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
