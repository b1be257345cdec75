import { isIP } from 'node:net';
import { z } from 'zod';

/** Longest comment text Chaff accepts, in characters. */
export const MAX_CONTENT_CHARS = 20_000;

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);

/**
 * A comment as a site submits it to `POST /v1/comments`. Only `content` is required. Unknown
 * fields are dropped. The site's own `id` may be a string or a number (many CMSs use integers).
 */
export const submittedCommentSchema = z.object({
  id: z
    .union([z.string(), z.number().int().nonnegative()])
    .transform((v) => String(v))
    .pipe(z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters'))
    .optional(),
  content: z
    .string({ error: 'is required and must be a string' })
    .max(MAX_CONTENT_CHARS, `must be at most ${MAX_CONTENT_CHARS} characters`)
    .refine((s) => s.trim().length > 0, 'must not be empty'),
  author: z
    .object({
      name: text(200).optional(),
      email: text(320).optional(),
      url: text(2000).optional(),
      ip: z
        .string()
        .refine((s) => isIP(s) !== 0, 'must be an IPv4 or IPv6 address')
        .optional(),
      userAgent: text(1000).optional(),
    })
    .optional(),
  permalink: text(2000).optional(),
  context: z
    .object({
      title: text(500).optional(),
      excerpt: text(5000).optional(),
    })
    .optional(),
  createdAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
});

export type SubmittedComment = z.infer<typeof submittedCommentSchema>;

/** What the status endpoint and the store call the life of a comment. */
export type CommentStatus = 'queued' | 'scored' | 'decided';
