import type { z } from 'zod';
import { ValidationError } from '../errors.js';

/**
 * Validates a parsed JSON body against a schema. A missing or non-object body (no JSON
 * Content-Type, a bare string) and every bad field become one 400 naming each field.
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ValidationError(`Send the ${what} as a JSON object with "Content-Type: application/json".`, [
      { field: '(body)', message: 'must be a JSON object' },
    ]);
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join('.') : '(body)',
    message: issue.message,
  }));
  const summary = fields.map((f) => `${f.field} ${f.message}`).join('; ');
  throw new ValidationError(`Invalid ${what}: ${summary}.`, fields);
}
