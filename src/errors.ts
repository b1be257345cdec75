/**
 * One error base for everything Chaff reports to a caller. `code` is stable and machine-readable,
 * `status` is the HTTP status the error middleware answers with, and `message` is safe to show a
 * client: it says what went wrong and what to do. Internals never go in it.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details?: unknown;

  constructor(code: string, status: number, message: string, details?: unknown) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

/** A field-level problem in a request body or query. */
export interface FieldIssue {
  field: string;
  message: string;
}

export class ValidationError extends AppError {
  constructor(message: string, fields: FieldIssue[] = []) {
    super('invalid_request', 400, message, { fields });
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Missing or invalid credentials: send "Authorization: Bearer <key>".') {
    super('unauthorized', 401, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'These credentials may not use this route.') {
    super('forbidden', 403, message);
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Not found.') {
    super('not_found', 404, message);
  }
}

export class UnavailableError extends AppError {
  constructor(message = 'Storage is unavailable; retry shortly.') {
    super('unavailable', 503, message);
  }
}

/** A model file or published model that fails validation. Not an HTTP error: workers refuse it. */
export class ModelError extends AppError {
  constructor(message: string) {
    super('invalid_model', 500, message);
  }
}

/** Bad configuration: start-up stops and prints the message, which names every bad variable. */
export class ConfigError extends AppError {
  constructor(message: string) {
    super('invalid_config', 500, message);
  }
}
