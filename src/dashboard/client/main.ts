/**
 * The moderation dashboard: sign in with a moderator token, review the flagged queue with the
 * keyboard or the mouse, and keep the list live by polling without losing the moderator's place.
 *
 * Keys: j/k move · a approve · r or s reject · x select · A/R act on the selection · h history ·
 * ? help · Esc close/clear.
 */
import { ApiError, createApi, forgetToken, saveToken, savedToken, type Api, type Decision, type Detail, type Item } from './api.js';
import { el, renderCard } from './render.js';

const PAGE_SIZE = 50;
/** Live-update period; tests shorten it with sessionStorage `chaff.pollMs` (never below 200 ms). */
const POLL_MS = Math.max(200, Number(sessionStorage.getItem('chaff.pollMs')) || 5000);

type TabId = 'spam' | 'unsure' | 'ham' | 'decided';

interface Tab {
  id: TabId;
  label: string;
  /** API path of the first page, without cursor. */
  path(sort: string): string;
  /** Whether a decided comment leaves this list. */
  removesDecided: boolean;
  empty: string;
}

const TABS: Tab[] = [
  {
    id: 'spam',
    label: 'Flagged (spam)',
    path: (sort) => `/v1/moderation/queue?verdict=spam&sort=${sort}`,
    removesDecided: true,
    empty: 'No spam waiting. Comments the model calls spam will appear here.',
  },
  {
    id: 'unsure',
    label: 'Unsure',
    path: (sort) => `/v1/moderation/queue?verdict=unsure&sort=${sort}`,
    removesDecided: true,
    empty: 'Nothing unsure. Comments the model cannot call either way will appear here.',
  },
  {
    id: 'ham',
    label: 'Recent auto-approved',
    path: () => '/v1/moderation/recent?verdict=ham',
    removesDecided: false,
    empty: 'No comments approved by the model yet.',
  },
  {
    id: 'decided',
    label: 'Decided',
    path: () => '/v1/moderation/decided',
    removesDecided: false,
    empty: 'No moderator decisions yet.',
  },
];

const $ = <T extends HTMLElement>(id: string) => {
  const node = document.getElementById(id);
  if (!node) throw new Error(`dashboard markup lacks #${id}`);
  return node as T;
};

const state = {
  api: null as Api | null,
  tab: TABS[0],
  sort: 'newest',
  items: [] as Item[],
  nextCursor: null as string | null,
  focus: 0,
  selected: new Set<string>(),
  details: new Map<string, Detail | 'loading'>(),
  loading: false,
  loaded: false,
  pollTimer: 0,
  totals: new Map<TabId, number>(),
  busy: new Set<string>(),
};

// ---------- errors and status ----------

function showError(message: string): void {
  const box = $('error');
  box.replaceChildren(el('span', '', [message]), el('button', 'dismiss', ['Dismiss'], { type: 'button', id: 'error-dismiss' }));
  box.hidden = false;
}

function clearError(): void {
  $('error').hidden = true;
}

function setStatus(message: string): void {
  $('status').textContent = message;
}

function handleFailure(error: unknown, what: string): void {
  if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
    signOut('Your moderator token was not accepted; sign in again.');
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  showError(`${what}: ${message}`);
}

// ---------- sign in / out ----------

function showSignIn(message = ''): void {
  $('board').hidden = true;
  $('tools').hidden = true;
  $('signin').hidden = false;
  $('signin-error').textContent = message;
  $<HTMLInputElement>('token').focus();
}

function signOut(message = ''): void {
  forgetToken();
  state.api = null;
  window.clearTimeout(state.pollTimer);
  state.items = [];
  state.selected.clear();
  state.details.clear();
  clearError();
  showSignIn(message);
}

async function signIn(token: string): Promise<void> {
  const api = createApi(token);
  try {
    await api.page('/v1/moderation/queue?limit=1');
  } catch (error) {
    const rejected = error instanceof ApiError && (error.status === 401 || error.status === 403);
    showSignIn(rejected ? 'That token was not accepted. Use a moderator token (not a site key).' : (error as Error).message);
    return;
  }
  saveToken(token);
  state.api = api;
  $<HTMLInputElement>('token').value = '';
  $('signin').hidden = true;
  $('board').hidden = false;
  $('tools').hidden = false;
  await switchTab(state.tab.id);
}

// ---------- rendering ----------

function renderTabs(): void {
  const nav = $('tabs');
  nav.replaceChildren(
    ...TABS.map((tab) => {
      const total = state.totals.get(tab.id);
      const button = el('button', tab.id === state.tab.id ? 'tab active' : 'tab', [tab.label, total === undefined ? '' : ` (${total})`], {
        type: 'button',
        role: 'tab',
        'data-tab': tab.id,
        'aria-selected': String(tab.id === state.tab.id),
      });
      return button;
    }),
  );
  $<HTMLSelectElement>('sort').disabled = !state.tab.removesDecided;
}

function renderList(): void {
  const list = $('list');
  if (state.focus >= state.items.length) state.focus = Math.max(0, state.items.length - 1);
  list.replaceChildren(
    ...state.items.map((item, i) =>
      renderCard(item, { focused: i === state.focus, selected: state.selected.has(item.id), detail: state.details.get(item.id) ?? null }),
    ),
  );
  $('empty').hidden = !(state.loaded && state.items.length === 0);
  $('empty').textContent = state.tab.empty;
  $('more').hidden = state.nextCursor === null;
  const n = state.selected.size;
  $('bulkbar').hidden = n === 0;
  $('selected-count').textContent = `${n} selected`;
  renderTabs();
}

function focusedCard(): HTMLElement | null {
  return document.querySelector<HTMLElement>('#list .card.focused');
}

/** Re-renders while keeping the focused card where it was on screen. */
function renderKeepingPlace(): void {
  const before = focusedCard()?.getBoundingClientRect().top;
  renderList();
  const after = focusedCard()?.getBoundingClientRect().top;
  if (before !== undefined && after !== undefined && before !== after) window.scrollBy(0, after - before);
}

function moveFocus(delta: number): void {
  if (state.items.length === 0) return;
  state.focus = Math.min(state.items.length - 1, Math.max(0, state.focus + delta));
  renderList();
  focusedCard()?.scrollIntoView({ block: 'nearest' });
  if (state.nextCursor && state.focus >= state.items.length - 5) void loadMore();
}

// ---------- loading ----------

function withCursor(path: string, cursor: string | null, limit = PAGE_SIZE): string {
  return `${path}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
}

function pathFor(tab: Tab): string {
  const path = tab.path(state.sort);
  return path.includes('?') ? path : `${path}?`;
}

async function switchTab(id: TabId): Promise<void> {
  state.tab = TABS.find((t) => t.id === id) ?? TABS[0];
  state.items = [];
  state.nextCursor = null;
  state.focus = 0;
  state.selected.clear();
  state.details.clear();
  state.loaded = false;
  renderList();
  await reload();
  schedulePoll();
}

async function reload(): Promise<void> {
  if (!state.api) return;
  const tab = state.tab;
  setStatus('Loading…');
  try {
    const page = await state.api.page(withCursor(pathFor(tab), null));
    if (tab !== state.tab) return;
    state.items = page.items;
    state.nextCursor = page.nextCursor;
    state.totals.set(tab.id, page.total);
    state.loaded = true;
    clearError();
    setStatus('');
    renderList();
  } catch (error) {
    setStatus('');
    handleFailure(error, 'Could not load the list');
  }
}

async function loadMore(): Promise<void> {
  if (!state.api || state.loading || !state.nextCursor) return;
  const tab = state.tab;
  state.loading = true;
  try {
    const page = await state.api.page(withCursor(pathFor(tab), state.nextCursor));
    if (tab !== state.tab) return;
    const known = new Set(state.items.map((i) => i.id));
    state.items.push(...page.items.filter((i) => !known.has(i.id)));
    state.nextCursor = page.nextCursor;
    renderKeepingPlace();
  } catch (error) {
    handleFailure(error, 'Could not load more');
  } finally {
    state.loading = false;
  }
}

/**
 * Live update: re-reads the first page and merges it into the top of the list. Comments that
 * arrived are inserted, comments that left (decided elsewhere) are dropped, and the focused comment
 * keeps its place on screen. The rest of the loaded list, and its cursor, stay as they are.
 */
async function poll(): Promise<void> {
  if (!state.api || state.loading) return;
  const tab = state.tab;
  try {
    const page = await state.api.page(withCursor(pathFor(tab), null));
    if (tab !== state.tab || state.loading) return;
    state.totals.set(tab.id, page.total);
    const focusId = state.items[state.focus]?.id;
    const lastFresh = page.items[page.items.length - 1];
    const lastIndex = lastFresh ? state.items.findIndex((i) => i.id === lastFresh.id) : -1;
    if (page.nextCursor === null) {
      state.items = page.items;
      state.nextCursor = null;
    } else if (lastIndex >= 0) {
      state.items = [...page.items, ...state.items.slice(lastIndex + 1)];
    } else {
      const fresh = new Set(page.items.map((i) => i.id));
      const known = new Set(state.items.map((i) => i.id));
      const arrivals = page.items.filter((i) => !known.has(i.id));
      state.items = [...arrivals, ...state.items.map((i) => (fresh.has(i.id) ? page.items.find((p) => p.id === i.id)! : i))];
    }
    const ids = new Set(state.items.map((i) => i.id));
    for (const id of [...state.selected]) if (!ids.has(id)) state.selected.delete(id);
    const newIndex = focusId ? state.items.findIndex((i) => i.id === focusId) : -1;
    if (newIndex >= 0) state.focus = newIndex;
    state.loaded = true;
    if (!$('error').textContent?.startsWith('Could not decide')) clearError();
    renderKeepingPlace();
  } catch (error) {
    handleFailure(error, 'Live update failed (will retry)');
  }
}

function schedulePoll(): void {
  window.clearTimeout(state.pollTimer);
  state.pollTimer = window.setTimeout(async () => {
    await poll();
    if (state.api) schedulePoll();
  }, POLL_MS);
}

// ---------- decisions ----------

function applyDecided(decided: Item[], removedIds: string[]): void {
  const focusId = state.items[state.focus]?.id;
  const focusIndex = state.focus;
  const gone = new Set(removedIds);
  if (state.tab.removesDecided) {
    state.items = state.items.filter((i) => !gone.has(i.id));
  }
  for (const d of decided) {
    const i = state.items.findIndex((x) => x.id === d.id);
    if (i >= 0) state.items[i] = { ...state.items[i], ...d, authorHistoryCount: state.items[i].authorHistoryCount };
  }
  for (const id of gone) state.selected.delete(id);
  const stillThere = focusId ? state.items.findIndex((i) => i.id === focusId) : -1;
  // After deciding the focused comment, focus the one that took its place: the next in line.
  state.focus = stillThere >= 0 ? stillThere : Math.min(focusIndex, state.items.length - 1);
  const total = state.totals.get(state.tab.id);
  if (total !== undefined && state.tab.removesDecided) state.totals.set(state.tab.id, Math.max(0, total - gone.size));
  renderKeepingPlace();
  if (state.nextCursor && state.focus >= state.items.length - 5) void loadMore();
}

async function decideOne(index: number, decision: Decision): Promise<void> {
  const item = state.items[index];
  if (!state.api || !item || state.busy.has(item.id)) return;
  state.busy.add(item.id);
  try {
    const result = await state.api.decide(item.id, decision);
    setStatus(`${decision === 'approve' ? 'Approved' : 'Rejected'} ${item.id}${result.outcome === 'unchanged' ? ' (already so)' : ''}`);
    applyDecided([result.comment], [item.id]);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      applyDecided([], [item.id]);
      showError('Could not decide: that comment is gone (it may have passed retention).');
    } else {
      handleFailure(error, 'Could not decide');
    }
  } finally {
    state.busy.delete(item.id);
  }
}

async function decideSelected(decision: Decision): Promise<void> {
  if (!state.api || state.selected.size === 0) return;
  const ids = [...state.selected].slice(0, 500);
  try {
    const { results } = await state.api.decideMany(ids, decision);
    const done = results.filter((r) => r.outcome !== 'not_found').map((r) => r.commentId);
    const verdict = decision === 'approve' ? 'ham' : 'spam';
    const decided = state.items
      .filter((i) => done.includes(i.id))
      .map((i) => ({ ...i, verdict: verdict as Item['verdict'], decidedBy: 'moderator' as const, status: 'decided' as const }));
    applyDecided(decided, results.map((r) => r.commentId));
    setStatus(`${decision === 'approve' ? 'Approved' : 'Rejected'} ${done.length} comment${done.length === 1 ? '' : 's'}`);
  } catch (error) {
    handleFailure(error, 'Could not decide the selection');
  }
}

function toggleSelect(index: number): void {
  const item = state.items[index];
  if (!item) return;
  if (state.selected.has(item.id)) state.selected.delete(item.id);
  else state.selected.add(item.id);
  renderList();
}

async function toggleHistory(index: number): Promise<void> {
  const item = state.items[index];
  if (!state.api || !item) return;
  if (state.details.has(item.id)) {
    state.details.delete(item.id);
    renderKeepingPlace();
    return;
  }
  state.details.set(item.id, 'loading');
  renderKeepingPlace();
  try {
    state.details.set(item.id, await state.api.detail(item.id));
  } catch (error) {
    state.details.delete(item.id);
    handleFailure(error, 'Could not load the history');
  }
  renderKeepingPlace();
}

// ---------- help ----------

function toggleHelp(open?: boolean): void {
  const help = $<HTMLDialogElement>('help');
  const show = open ?? !help.open;
  if (show && !help.open) help.showModal();
  if (!show && help.open) help.close();
}

// ---------- wiring ----------

function onKey(event: KeyboardEvent): void {
  if (!state.api || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target as HTMLElement | null;
  if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') && (target as HTMLInputElement).type !== 'checkbox') return;
  const help = $<HTMLDialogElement>('help');
  if (help.open && event.key !== '?' && event.key !== 'Escape') return;
  const actions: Record<string, () => void> = {
    j: () => moveFocus(1),
    ArrowDown: () => moveFocus(1),
    k: () => moveFocus(-1),
    ArrowUp: () => moveFocus(-1),
    a: () => void decideOne(state.focus, 'approve'),
    r: () => void decideOne(state.focus, 'reject'),
    s: () => void decideOne(state.focus, 'reject'),
    x: () => toggleSelect(state.focus),
    A: () => void decideSelected('approve'),
    R: () => void decideSelected('reject'),
    h: () => void toggleHistory(state.focus),
    '?': () => toggleHelp(),
    Escape: () => {
      if (help.open) toggleHelp(false);
      else if (state.selected.size) {
        state.selected.clear();
        renderList();
      }
    },
  };
  const action = actions[event.key];
  if (!action) return;
  event.preventDefault();
  action();
}

function onListClick(event: MouseEvent): void {
  const target = event.target as HTMLElement;
  const card = target.closest<HTMLElement>('.card');
  if (!card) return;
  const index = state.items.findIndex((i) => i.id === card.dataset.id);
  if (index < 0) return;
  const action = target.closest<HTMLElement>('[data-action]')?.dataset.action;
  if (target.closest('a')) return;
  if (index !== state.focus) {
    state.focus = index;
    if (!action) renderList();
  }
  if (action === 'approve') void decideOne(index, 'approve');
  else if (action === 'reject') void decideOne(index, 'reject');
  else if (action === 'select') toggleSelect(index);
  else if (action === 'history') void toggleHistory(index);
}

function start(): void {
  $('signin-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = $<HTMLInputElement>('token').value.trim();
    if (token) void signIn(token);
  });
  $('sign-out').addEventListener('click', () => signOut());
  $('tabs').addEventListener('click', (event) => {
    const id = (event.target as HTMLElement).closest<HTMLElement>('[data-tab]')?.dataset.tab as TabId | undefined;
    if (id) void switchTab(id);
  });
  $<HTMLSelectElement>('sort').addEventListener('change', (event) => {
    state.sort = (event.target as HTMLSelectElement).value === 'probability' ? 'probability' : 'newest';
    void switchTab(state.tab.id);
  });
  $('list').addEventListener('click', onListClick);
  $('more').addEventListener('click', () => void loadMore());
  $('approve-selected').addEventListener('click', () => void decideSelected('approve'));
  $('reject-selected').addEventListener('click', () => void decideSelected('reject'));
  $('clear-selected').addEventListener('click', () => {
    state.selected.clear();
    renderList();
  });
  $('help-button').addEventListener('click', () => toggleHelp(true));
  $('help-close').addEventListener('click', () => toggleHelp(false));
  $('error').addEventListener('click', (event) => {
    if ((event.target as HTMLElement).id === 'error-dismiss') clearError();
  });
  document.addEventListener('keydown', onKey);
  window.addEventListener('unhandledrejection', (event) => showError(`Unexpected error: ${String(event.reason)}`));

  const token = savedToken();
  if (token) void signIn(token);
  else showSignIn();
}

start();
