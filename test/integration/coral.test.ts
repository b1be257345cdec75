import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { coralSignature } from '../../src/integrations/coral/coral-moderation.js';
import { EXAMPLE_SPAM, SPECIFIC_THANKS } from '../factories.js';
import { SITE_A, SITE_B, createHarness, type Harness } from '../helpers/harness.js';
import { apiReady } from '../helpers/api-ready.js';

const SECRET = 'ems_0123456789abcdef0123456789abcdef';
const OLD_SECRET = 'ems_ffffffffffffffffffffffffffffffff';

/** The body exactly as Coral's external phase builds it: JSON.stringify(request, null, 2). */
function coralBody(body: string, role = 'COMMENTER'): string {
  return JSON.stringify(
    {
      action: 'NEW',
      comment: { body, parentID: null },
      author: { id: 'b1e7c0de-0000-4000-8000-000000000001', role },
      story: { id: 'story-42', url: 'https://news.example.org/2026/11/cycle-lanes' },
      site: { id: 'coral-site-1' },
      tenantID: 'tenant-1',
      tenantDomain: 'news.example.org',
    },
    null,
    2,
  );
}

function post(h: Harness, body: string, signature: string, query = '') {
  return request(h.api.app)
    .post(`/v1/integrations/coral${query}`)
    .set('Content-Type', 'application/json')
    .set('User-Agent', 'Coral Moderation/9.0.0')
    .set('X-Coral-Signature', signature)
    .send(body);
}

describe('Coral external moderation phase', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness({ env: { CHAFF_CORAL_WAIT_MS: '8000' } });
    await apiReady(h);
    await h.api.sites.setCoralSecret(SITE_A.siteId, OLD_SECRET);
    await h.api.sites.setCoralSecret(SITE_A.siteId, SECRET);
    await h.startWorker();
  });
  after(async () => h.close());

  test('spam is withheld with a spam flag and Chaff\'s clues as the reason', async () => {
    const body = coralBody(`<p>${EXAMPLE_SPAM}</p>`);
    const res = await post(h, body, coralSignature(SECRET, body)).expect(200);
    assert.equal(res.body.status, 'SYSTEM_WITHHELD');
    assert.equal(res.body.actions.length, 1);
    assert.equal(res.body.actions[0].actionType, 'FLAG');
    assert.equal(res.body.actions[0].reason, 'COMMENT_DETECTED_SPAM');
    assert.match(res.body.actions[0].additionalDetails, /^Chaff: spam \(spam probability [01]\.\d\d\); clues: \S/);
    const record = await h.api.store.getComment(res.headers['x-chaff-comment-id']);
    assert.equal(record?.siteId, SITE_A.siteId);
    assert.equal(record?.comment.content, EXAMPLE_SPAM, 'HTML is stripped');
    assert.equal(record?.comment.permalink, 'https://news.example.org/2026/11/cycle-lanes');
  });

  test('ham gets 204 (no opinion); staff comments are not judged', async () => {
    const ham = coralBody(SPECIFIC_THANKS);
    await post(h, ham, coralSignature(SECRET, ham)).expect(204);
    const staff = coralBody(EXAMPLE_SPAM, 'MODERATOR');
    await post(h, staff, coralSignature(SECRET, staff)).expect(204);
  });

  test('signatures: several accepted (rotation), the site may be named, wrong or missing → 401', async () => {
    const body = coralBody(EXAMPLE_SPAM);
    await post(h, body, `${coralSignature('not-this-one-000000', body)},${coralSignature(OLD_SECRET, body)}`).expect(200);
    await post(h, body, coralSignature(SECRET, body), `?site=${SITE_A.siteId}`).expect(200);
    await post(h, body, coralSignature(SECRET, body), `?site=${SITE_B.siteId}`).expect(401);
    await post(h, body, coralSignature('wrong-secret-0000000', body)).expect(401);
    await post(h, body, coralSignature(SECRET, `${body} `)).expect(401);
    await request(h.api.app).post('/v1/integrations/coral').set('Content-Type', 'application/json').send(body).expect(401);
  });
});

describe('Coral with CHAFF_CORAL_SPAM_STATUS=REJECTED', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness({ env: { CHAFF_CORAL_WAIT_MS: '8000', CHAFF_CORAL_SPAM_STATUS: 'REJECTED' } });
    await apiReady(h);
    await h.api.sites.setCoralSecret(SITE_B.siteId, SECRET);
    await h.startWorker();
  });
  after(async () => h.close());

  test('spam is rejected', async () => {
    const body = coralBody(EXAMPLE_SPAM);
    const res = await post(h, body, coralSignature(SECRET, body)).expect(200);
    assert.equal(res.body.status, 'REJECTED');
    assert.equal(res.body.actions[0].reason, 'COMMENT_DETECTED_SPAM');
    assert.equal((await h.api.store.getComment(res.headers['x-chaff-comment-id']))?.siteId, SITE_B.siteId);
  });
});
