import type { SubmittedComment } from '../src/comments/comment.schema.js';
import type { Clock } from '../src/store/comment-store.js';

/** The mission's example: generic praise written by a bot under a news article. */
export const EXAMPLE_SPAM =
  'magnificent post, very informative. I wonder why the other specialists of this sector do not notice this. You should continue your writing. I’m sure, you have a great readers’ base already!';

/** A reader's short thanks that names what the article fixed for them. */
export const SPECIFIC_THANKS =
  'Thanks! Flushing the DNS cache and restarting systemd-resolved fixed the VPN lookups on my laptop.';

export const NEWS_CONTEXT = {
  title: 'City council approves new cycle lanes on Market Street',
  excerpt: 'After a two-hour debate the council voted 7 to 2 to fund protected cycle lanes, with work starting in March.',
};

let counter = 0;

/** A valid comment as a site would post it; override any field. */
export function makeComment(overrides: Partial<SubmittedComment> = {}): SubmittedComment {
  counter += 1;
  return {
    id: `site-comment-${process.pid}-${counter}`,
    content: SPECIFIC_THANKS,
    author: { name: 'Dana', email: 'dana@example.org', ip: '203.0.113.7' },
    permalink: 'https://blog.example.org/posts/vpn-dns#comment-1',
    context: { title: 'Why your VPN breaks DNS', excerpt: 'systemd-resolved, split DNS and how to flush the cache.' },
    createdAt: '2026-11-27T10:00:00Z',
    ...overrides,
  };
}

/** A clock that only moves when told to. */
export function fixedClock(start = Date.parse('2026-11-27T12:00:00Z')): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}
