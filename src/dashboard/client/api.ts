/**
 * The dashboard's only door to the server: the moderation API with the moderator token as a
 * bearer header. The token lives in sessionStorage (gone when the tab closes) and never in a URL.
 */

const TOKEN_KEY = 'chaff.moderatorToken';

export interface Clue {
  token: string;
  weight: number;
}

export interface Author {
  name?: string;
  email?: string;
  url?: string;
  ip?: string;
  userAgent?: string;
}

export interface Item {
  id: string;
  siteId: string;
  siteCommentId: string | null;
  comment: {
    content: string;
    author?: Author;
    permalink?: string;
    context?: { title?: string; excerpt?: string };
    createdAt?: string;
  };
  status: 'queued' | 'scored' | 'decided';
  verdict: 'ham' | 'unsure' | 'spam' | null;
  spamProbability: number | null;
  modelVersion: string | null;
  clues: Clue[];
  decidedBy: 'model' | 'moderator' | null;
  decidedActor: string | null;
  receivedAt: string;
  scoredAt: string | null;
  decidedAt: string | null;
  authorHistoryCount?: number;
}

export interface Page {
  items: Item[];
  nextCursor: string | null;
  total: number;
}

export interface DecisionRecord {
  verdict: string;
  actor: string | null;
  note: string | null;
  at: string;
  spamProbability: number | null;
}

export interface Detail {
  comment: Item | null;
  decisions: DecisionRecord[];
  authorHistory: Array<{
    id: string;
    siteId: string;
    verdict: string | null;
    decidedBy: string | null;
    matchedOn: string[];
    receivedAt: string;
    content: string;
  }>;
}

export type Decision = 'approve' | 'reject';

/** An error the server answered (or the network gave); `message` is safe to show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function savedToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function saveToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

async function call<T>(method: 'GET' | 'POST', path: string, token: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    throw new ApiError(0, 'Cannot reach the Chaff server; check your connection. Retrying.');
  }
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!res.ok) {
    const message = (parsed as { error?: { message?: unknown } } | null)?.error?.message;
    throw new ApiError(res.status, typeof message === 'string' ? message : `The server answered ${res.status}.`);
  }
  return parsed as T;
}

export function createApi(token: string) {
  return {
    page(path: string): Promise<Page> {
      return call<Page>('GET', path, token);
    },
    detail(id: string): Promise<Detail> {
      return call<Detail>('GET', `/v1/moderation/comments/${encodeURIComponent(id)}`, token);
    },
    decide(id: string, decision: Decision): Promise<{ outcome: string; comment: Item }> {
      return call('POST', `/v1/moderation/comments/${encodeURIComponent(id)}/decision`, token, { decision });
    },
    decideMany(ids: string[], decision: Decision): Promise<{ results: Array<{ commentId: string; outcome: string }> }> {
      return call('POST', '/v1/moderation/decisions', token, { decisions: ids.map((commentId) => ({ commentId, decision })) });
    },
  };
}

export type Api = ReturnType<typeof createApi>;
