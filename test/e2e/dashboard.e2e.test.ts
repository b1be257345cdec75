/**
 * The moderation dashboard in real headless Chromium against the real app (a listening server on
 * 127.0.0.1) and a real worker. Needs /usr/bin/chromium (`.ci/run` installs it) and a built
 * dashboard (`npm test` builds it first). With CHAFF_SCREENSHOTS=1 it also refreshes the
 * screenshots in docs/screenshots/.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { after, afterEach, before, describe, test } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import request from 'supertest';
import { readLabels } from '../../src/moderation/labels.js';
import { EXAMPLE_SPAM, makeComment } from '../factories.js';
import { SITE_A, SITE_B, createHarness, type Harness } from '../helpers/harness.js';

const MODERATOR = { id: 'ann', token: 'mod-token-ann-0123456789' };
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = process.env.CHAFF_SCREENSHOTS === '1';

let browser: Browser;
let h: Harness;
let server: Server;
let baseUrl: string;

before(async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  h = await createHarness({ env: { CHAFF_MODERATOR_TOKENS: `${MODERATOR.id}:${MODERATOR.token}` } });
  await h.startWorker();
  server = createServer(h.api.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

after(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server?.closeAllConnections();
  await h?.close();
});

interface Watched {
  page: Page;
  context: BrowserContext;
  dialogs: string[];
  pageErrors: string[];
  cspViolations: string[];
}

async function openDashboard(): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, colorScheme: 'light' });
  const page = await context.newPage();
  const watched: Watched = { page, context, dialogs: [], pageErrors: [], cspViolations: [] };
  page.on('dialog', (dialog) => {
    watched.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => watched.pageErrors.push(error.message));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) watched.cspViolations.push(message.text());
  });
  await page.goto(`${baseUrl}/moderate`);
  await page.locator('#token').fill(MODERATOR.token);
  await page.locator('#token').press('Enter');
  await page.locator('#board').waitFor({ state: 'visible' });
  return watched;
}

/** Posts a comment as a site and waits for its verdict. */
/** The comment ids of the cards the list shows, top to bottom. */
function shownIds(page: Page): Promise<string[]> {
  return page.locator('#list li.card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-id') ?? ''));
}

async function post(content: string, overrides: Parameters<typeof makeComment>[0] = {}, siteKey = SITE_A.key) {
  const res = await request(h.api.app)
    .post('/v1/comments?wait=5000')
    .set({ Authorization: `Bearer ${siteKey}` })
    .send(makeComment({ content, ...overrides }))
    .expect(200);
  return res.body as { id: string; verdict: string };
}

describe('moderation dashboard in Chromium', () => {
  let w: Watched;
  afterEach(async () => {
    await w?.context.close();
  });

  test('a spam comment posted through the API is rejected with the keyboard and becomes a label', async () => {
    if (SCREENSHOTS) {
      await post('Cheap replica watches and designer bags, best prices guaranteed! Visit our shop today for discount codes.', {
        author: { name: 'Luxury Outlet', email: 'sales@replica-outlet.example', url: 'https://replica-outlet.example', ip: '198.51.100.23' },
      });
      await post('Earn money from home fast, click here for the best crypto investment opportunity, guaranteed profits every week!', {
        author: { name: 'Crypto King', email: 'king@crypto.example', ip: '198.51.100.23' },
      }, SITE_B.key);
    }
    const spam = await post(EXAMPLE_SPAM, {
      author: { name: 'Marketing Pro', email: 'pro@seo-deals.example', url: 'https://seo-deals.example/', ip: '198.51.100.23' },
      context: { title: 'City council approves new cycle lanes on Market Street' },
      permalink: 'https://news.example.org/2026/11/cycle-lanes#comment-42',
    });
    assert.equal(spam.verdict, 'spam');

    w = await openDashboard();
    const card = w.page.locator(`#list li.card[data-id="${spam.id}"]`);
    await card.waitFor({ state: 'visible' });
    assert.match(await card.innerText(), /magnificent post, very informative/);
    assert.match(await card.innerText(), /Marketing Pro/);
    assert.equal(await card.getAttribute('aria-selected'), 'true', 'the newest comment has focus');
    assert.ok((await card.locator('mark.clue-spam').count()) > 0, 'clue words are highlighted');
    assert.ok(!w.page.url().includes(MODERATOR.token), 'no token in the URL');
    assert.equal(await w.page.evaluate("sessionStorage.getItem('chaff.moderatorToken')"), MODERATOR.token);

    if (SCREENSHOTS) {
      mkdirSync('docs/screenshots', { recursive: true });
      await w.page.screenshot({ path: 'docs/screenshots/dashboard-flagged.png', fullPage: false });
      await w.page.keyboard.press('?');
      await w.page.locator('#help').waitFor({ state: 'visible' });
      await w.page.screenshot({ path: 'docs/screenshots/dashboard-keyboard-help.png' });
      await w.page.keyboard.press('Escape');
    }

    await w.page.keyboard.press('r');
    await card.waitFor({ state: 'detached' });

    const labels = await readLabels(h.redis, h.api.store.keys.labels);
    const label = labels.find((l) => l.commentId === spam.id);
    assert.ok(label, 'a label for the rejected comment is in the stream');
    assert.equal(label.label, 'spam');
    assert.equal(label.actor, MODERATOR.id);
    assert.equal(label.comment.content, EXAMPLE_SPAM);
    const queue = await request(h.api.app).get('/v1/moderation/queue').set({ Authorization: `Bearer ${MODERATOR.token}` }).expect(200);
    assert.ok(!queue.body.items.some((i: { id: string }) => i.id === spam.id), 'the comment left the queue');
    const status = await request(h.api.app).get(`/v1/comments/${spam.id}`).set({ Authorization: `Bearer ${SITE_A.key}` }).expect(200);
    assert.equal(status.body.decidedBy, 'moderator');
    assert.deepEqual([w.dialogs, w.pageErrors, w.cspViolations], [[], [], []]);
  });

  test('comment fields with HTML and javascript: links are shown as inert text', async () => {
    const hostile = {
      content: '<script>window.__pwned = 1; alert("script")</script> <img src=x onerror="window.__pwned = 2; alert(\'img\')"> great deals',
      author: { name: '<img src=x onerror=alert("name")>', email: '"><script>alert("mail")</script>@x.example', url: 'javascript:alert("url")' },
      permalink: 'javascript:alert("permalink")',
      context: { title: '<b onmouseover=alert("title")>Article</b>' },
    };
    const { record } = await h.api.store.createComment({ siteId: SITE_A.siteId, comment: makeComment(hostile), requestId: null });
    await h.api.store.recordModelVerdict({
      commentId: record.id,
      verdict: 'spam',
      spamProbability: 0.999,
      modelVersion: '<i>model</i>',
      clues: [{ token: 'word:<img src=x onerror=alert("clue")>', weight: 3 }, { token: 'word:script', weight: 2 }],
    });

    w = await openDashboard();
    const card = w.page.locator(`#list li.card[data-id="${record.id}"]`);
    await card.waitFor({ state: 'visible' });
    const text = await card.innerText();
    assert.ok(text.includes('<script>window.__pwned = 1; alert("script")</script>'), 'script tag shown as text');
    assert.ok(text.includes('<img src=x onerror="window.__pwned = 2;'), 'img tag shown as text');
    assert.ok(text.includes('<img src=x onerror=alert("name")>'), 'author name shown as text');
    assert.ok(text.includes('javascript:alert("url")'), 'author URL shown as text');
    assert.ok(text.includes('<i>model</i>'));
    assert.equal(await w.page.locator('#list img, #list script, #list b, #list i').count(), 0, 'no element made from comment data');
    assert.equal(await w.page.locator('#list a[href^="javascript:" i]').count(), 0, 'no javascript: link');
    assert.equal(await card.locator('a').count(), 0, 'a non-http permalink is not a link');
    await card.locator('.history-toggle').click();
    await card.locator('.detail h3').first().waitFor();
    // Let any injected handler that could run have its chance before checking that none did.
    await w.page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    assert.equal(await w.page.evaluate('window.__pwned'), undefined);
    assert.deepEqual(w.dialogs, []);
    assert.deepEqual(w.pageErrors, []);

    const response = await request(h.api.app).get('/moderate').expect(200);
    const csp = String(response.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  });

  test('select with x, reject the selection with R, switch tabs with the mouse, see the empty state', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { record } = await h.api.store.createComment({ siteId: SITE_A.siteId, comment: makeComment({ content: `unsure comment ${i}` }), requestId: null });
      await h.api.store.recordModelVerdict({ commentId: record.id, verdict: 'unsure', spamProbability: 0.5, modelVersion: 'm', clues: [] });
      ids.push(record.id);
    }
    w = await openDashboard();
    await w.page.locator('#tabs [data-tab="unsure"]').click();
    await w.page.locator(`#list li.card[data-id="${ids[2]}"]`).waitFor();
    // Newest first, but comments created in the same millisecond may come in either order, so the
    // test works on the order shown. Select the first and third cards.
    const shown = await shownIds(w.page);
    assert.deepEqual([...shown].sort(), [...ids].sort());
    const [first, second, third] = shown;
    await w.page.keyboard.press('x');
    await w.page.keyboard.press('j');
    await w.page.keyboard.press('j');
    await w.page.keyboard.press('x');
    await w.page.locator('#bulkbar').waitFor({ state: 'visible' });
    assert.equal(await w.page.locator('#selected-count').innerText(), '2 selected');
    await w.page.keyboard.press('R');
    await w.page.locator(`#list li.card[data-id="${first}"]`).waitFor({ state: 'detached' });
    await w.page.locator(`#list li.card[data-id="${third}"]`).waitFor({ state: 'detached' });
    assert.equal(await w.page.locator('#list li.card').count(), 1);

    // The mouse works too: approve the last one with its button.
    await w.page.locator(`#list li.card[data-id="${second}"] button[data-action="approve"]`).click();
    await w.page.locator('#empty').waitFor({ state: 'visible' });
    assert.match(await w.page.locator('#empty').innerText(), /Nothing unsure/);

    const labels = await readLabels(h.redis, h.api.store.keys.labels);
    const byId = new Map(labels.map((l) => [l.commentId, l.label]));
    assert.deepEqual([byId.get(first), byId.get(second), byId.get(third)], ['spam', 'ham', 'spam']);

    await w.page.locator('#tabs [data-tab="decided"]').click();
    await w.page.locator(`#list li.card[data-id="${second}"]`).waitFor();
    assert.deepEqual(w.pageErrors, []);
  });

  test('live updates add arrivals and drop comments decided elsewhere without moving the focus', async () => {
    const seedUnsure = async (content: string) => {
      const { record } = await h.api.store.createComment({ siteId: SITE_B.siteId, comment: makeComment({ content }), requestId: null });
      await h.api.store.recordModelVerdict({ commentId: record.id, verdict: 'unsure', spamProbability: 0.4, modelVersion: 'm', clues: [] });
      return record.id;
    };
    const older = await seedUnsure('the older comment');
    const newer = await seedUnsure('the newer comment');
    w = await openDashboard();
    await w.page.evaluate("sessionStorage.setItem('chaff.pollMs', '300')");
    await w.page.reload();
    await w.page.locator('#board').waitFor({ state: 'visible' });
    await w.page.locator('#tabs [data-tab="unsure"]').click();
    await w.page.locator(`#list li.card[data-id="${older}"]`).waitFor();
    // Two comments seeded in the same millisecond may show in either order: read the second one.
    const shown = await shownIds(w.page);
    assert.deepEqual([...shown].sort(), [older, newer].sort());
    const [top, reading] = shown;
    await w.page.keyboard.press('j');
    const focused = w.page.locator('#list li.card.focused');
    assert.equal(await focused.getAttribute('data-id'), reading);

    const arrival = await seedUnsure('a comment that arrives while the moderator reads');
    await h.api.moderation.recordDecision({ commentId: top, decision: 'approve', actor: 'someone-else' });
    await w.page.locator(`#list li.card[data-id="${arrival}"]`).waitFor();
    await w.page.locator(`#list li.card[data-id="${top}"]`).waitFor({ state: 'detached' });
    assert.equal(await focused.getAttribute('data-id'), reading, 'focus stays on the comment being read');
    assert.deepEqual(await shownIds(w.page), [arrival, reading]);
    assert.deepEqual(w.pageErrors, []);
  });

  test('a wrong token is refused with a message, and no data is shown', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    w = { page, context, dialogs: [], pageErrors: [], cspViolations: [] };
    await page.goto(`${baseUrl}/moderate`);
    await page.locator('#token').fill(SITE_A.key);
    await page.locator('#token').press('Enter');
    await page.locator('#signin-error').filter({ hasText: 'not accepted' }).waitFor();
    assert.equal(await page.locator('#board').isVisible(), false);
    assert.equal(await page.evaluate("sessionStorage.getItem('chaff.moderatorToken')"), null);
  });
});
