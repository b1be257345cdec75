/**
 * Builds the dashboard's DOM. Every comment field is untrusted, so it only ever reaches the page
 * through `textContent` or a checked `href`; nothing here assigns HTML.
 */
import type { Clue, Detail, Item } from './api.js';

type Attrs = Record<string, string>;

/** An element with a class, attributes and children; strings become text nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className = '',
  children: Array<Node | string | null> = [],
  attrs: Attrs = {},
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) {
    if (child === null) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/** Only http(s) URLs become links; anything else (javascript:, data:, garbage) stays text. */
export function safeHttpUrl(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;

/** The stems a clue names in the comment text: `word:x` and both halves of `bigram:x y`. */
function clueStems(clues: Clue[]): Array<{ stem: string; spammy: boolean }> {
  const out: Array<{ stem: string; spammy: boolean }> = [];
  for (const clue of clues) {
    const colon = clue.token.indexOf(':');
    const kind = colon > 0 ? clue.token.slice(0, colon) : 'word';
    if (kind !== 'word' && kind !== 'bigram') continue;
    for (const stem of clue.token.slice(colon + 1).split(' ')) {
      if (stem) out.push({ stem, spammy: clue.weight > 0 });
    }
  }
  return out;
}

/** True when a word is plausibly the one a Porter stem came from ("already" → "alreadi"). */
function wordMatchesStem(word: string, stem: string): boolean {
  if (word === stem) return true;
  if (stem.length < 3 || word.length < stem.length - 1) return false;
  let common = 0;
  while (common < word.length && common < stem.length && word[common] === stem[common]) common++;
  return common >= stem.length - 1 && common >= 3;
}

/** The comment text as text nodes, with the words behind the clues wrapped in <mark>. */
export function highlighted(content: string, clues: Clue[]): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const stems = clueStems(clues);
  let last = 0;
  for (const match of content.matchAll(WORD)) {
    const word = match[0].toLowerCase().replace(/['’]/g, '');
    const hit = stems.find((s) => wordMatchesStem(word, s.stem));
    if (!hit) continue;
    const start = match.index ?? 0;
    if (start > last) fragment.append(document.createTextNode(content.slice(last, start)));
    fragment.append(el('mark', hit.spammy ? 'clue-spam' : 'clue-ham', [match[0]], { title: hit.spammy ? 'points to spam' : 'points to ham' }));
    last = start + match[0].length;
  }
  if (last < content.length) fragment.append(document.createTextNode(content.slice(last)));
  return fragment;
}

export function relativeTime(iso: string | null, now = Date.now()): string {
  if (!iso) return '';
  const seconds = Math.round((now - Date.parse(iso)) / 1000);
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86400)} d ago`;
}

function field(label: string, value: string | undefined | null, className = ''): HTMLElement | null {
  if (!value) return null;
  return el('span', `field ${className}`.trim(), [el('span', 'field-label', [label]), value]);
}

export interface CardState {
  focused: boolean;
  selected: boolean;
  detail: Detail | 'loading' | null;
}

function verdictLabel(item: Item): string {
  if (item.decidedBy === 'moderator') return item.verdict === 'spam' ? 'rejected' : 'approved';
  return item.verdict ?? 'queued';
}

/** One comment card. Buttons carry data-action; the list's click handler does the rest. */
export function renderCard(item: Item, state: CardState): HTMLLIElement {
  const author = item.comment.author ?? {};
  const probability = item.spamProbability === null ? '—' : item.spamProbability.toFixed(3);
  const header = el('div', 'card-head', [
    el('span', `badge badge-${item.decidedBy === 'moderator' ? `decided-${item.verdict}` : item.verdict ?? 'queued'}`, [verdictLabel(item)]),
    el('span', 'prob', [`p(spam) ${probability}`], { title: 'spam probability from the model' }),
    el('span', 'site', [item.siteId]),
    el('time', 'when', [relativeTime(item.receivedAt)], { datetime: item.receivedAt, title: item.receivedAt }),
    el('span', 'model', [item.modelVersion ? `model ${item.modelVersion}` : 'not scored yet']),
    item.decidedBy === 'moderator' && item.decidedActor ? el('span', 'actor', [`by ${item.decidedActor}`]) : null,
  ]);

  const articleUrl = safeHttpUrl(item.comment.permalink);
  const articleText = item.comment.context?.title || item.comment.permalink || '';
  let article: HTMLElement | null = null;
  if (articleUrl) {
    article = el('a', 'article', [articleText], { href: articleUrl, target: '_blank', rel: 'noopener noreferrer nofollow' });
  } else if (item.comment.permalink) {
    article = el('span', 'article unsafe', [`${articleText} (link not shown: not http/https)`]);
  } else if (articleText) {
    article = el('span', 'article', [articleText]);
  }

  const history = item.authorHistoryCount ?? 0;
  const authorLine = el('div', 'author', [
    field('name', author.name, 'author-name'),
    field('e-mail', author.email, 'author-email'),
    // The author's URL is shown, never linked: it is usually what the spam is selling.
    field('url', author.url, 'author-url'),
    field('ip', author.ip, 'author-ip'),
    el('button', 'linkish history-toggle', [history === 1 ? '1 other comment by this author' : `${history} other comments by this author`], {
      type: 'button',
      'data-action': 'history',
      title: 'same e-mail, URL or IP (h)',
    }),
  ]);

  const clues = el(
    'ul',
    'clues',
    item.clues.slice(0, 8).map((c) => el('li', c.weight > 0 ? 'clue spam' : 'clue ham', [`${c.token} ${c.weight > 0 ? '+' : ''}${c.weight.toFixed(1)}`])),
    { 'aria-label': 'clues' },
  );

  const selectBox = el('input', 'select', [], { type: 'checkbox', 'data-action': 'select', 'aria-label': 'select (x)' });
  selectBox.checked = state.selected;

  const actions = el('div', 'actions', [
    el('label', 'select-label', [selectBox, 'select']),
    el('button', 'approve', ['Approve'], { type: 'button', 'data-action': 'approve', title: 'approve (a)' }),
    el('button', 'reject', ['Reject as spam'], { type: 'button', 'data-action': 'reject', title: 'reject as spam (r or s)' }),
  ]);

  const body = el('p', 'content');
  body.append(highlighted(item.comment.content, item.clues));

  const card = el('li', 'card', [header, body, article ? el('div', 'article-line', ['on ', article]) : null, authorLine, clues, actions], {
    'data-id': item.id,
    tabindex: '-1',
    'aria-selected': String(state.focused),
  });
  if (state.focused) card.classList.add('focused');
  if (state.selected) card.classList.add('selected');
  if (state.detail) card.append(renderDetail(state.detail));
  return card;
}

function renderDetail(detail: Detail | 'loading'): HTMLElement {
  if (detail === 'loading') return el('div', 'detail', ['Loading history…']);
  const decisions = el(
    'ol',
    'decisions',
    detail.decisions.map((d) =>
      el('li', '', [`${d.at.replace('T', ' ').slice(0, 19)} — ${d.verdict} by ${d.actor ?? 'the model'}${d.note ? ` (“${d.note}”)` : ''}`]),
    ),
  );
  const others = detail.authorHistory.length
    ? el(
        'ul',
        'history',
        detail.authorHistory.map((hItem) =>
          el('li', '', [
            el('span', `badge badge-${hItem.verdict ?? 'queued'}`, [hItem.decidedBy === 'moderator' ? `${hItem.verdict} (moderator)` : hItem.verdict ?? 'queued']),
            ` ${hItem.siteId} · same ${hItem.matchedOn.join(', ')} · `,
            hItem.content.length > 160 ? `${hItem.content.slice(0, 160)}…` : hItem.content,
          ]),
        ),
      )
    : el('p', 'muted', ['No other comments from this author within the retention period.']);
  return el('div', 'detail', [el('h3', '', ['Decisions']), decisions, el('h3', '', ['Author history']), others]);
}
