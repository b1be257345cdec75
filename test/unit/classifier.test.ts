import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MODEL_SCHEMA_VERSION,
  type LabelledComment,
  evaluate,
  extractFeatures,
  normalizeText,
  parseModel,
  scoreComment,
  selectCutoffs,
  serializeModel,
  trainModel,
} from '../../src/classifier/index.js';
import { normalizeInert } from '../../src/classifier/normalize.js';
import { ModelError } from '../../src/errors.js';

const FIXED_NOW = (): Date => new Date('2026-11-27T23:45:01Z');
const MISSION =
  'magnificent post, very informative. I wonder why the other specialists of this sector do not notice this. You should continue your writing. I’m sure, you have a great readers’ base already!';
const NEWS = { title: 'City council approves new cycle lanes on Market Street', excerpt: 'The council voted 7 to 2 to fund protected cycle lanes.' };
const DNS = { title: 'Why your VPN breaks DNS', excerpt: 'systemd-resolved, split DNS and how to flush the cache.' };
const HEAP = { title: 'Fixing heap out of memory in Node builds', excerpt: 'Raise the limit with NODE_OPTIONS and find leaks with heap snapshots.' };

/** A tiny corpus written for these tests: generic praise and promotions vs specific replies. */
function tinyCorpus(): LabelledComment[] {
  const spam = [
    'Great post, very informative. Keep up the writing!',
    'Wonderful article! I have bookmarked your blog and will share it with my readers.',
    'You should continue writing, your site already has a great readers base.',
    'Excellent piece of writing, the other experts in this area never notice this.',
    'Nice blog! Buy cheap essays at http://essays.example.com/order today',
    'Very useful information, thanks for sharing. Visit my website for casino bonuses.',
    'Awesome post, I wonder why other specialists do not write like this.',
    'Magnificent website, lots of useful information here, keep it up!',
  ];
  const ham = [
    { content: 'Thanks! Flushing the DNS cache fixed the VPN lookups on my laptop.', context: DNS },
    { content: 'Does split DNS still work when systemd-resolved is disabled?', context: DNS },
    { content: 'Setting NODE_OPTIONS to 4096 fixed the heap error in our CI build.', context: HEAP },
    { content: 'Correction: the heap limit is in megabytes, not bytes.', context: HEAP },
    { content: 'Will the cycle lanes on Market Street remove the parking spaces?', context: NEWS },
    { content: 'The council vote was 7 to 2, the headline says unanimous. Please fix.', context: NEWS },
    { content: 'Heap snapshots showed our leak was a cache Map that never shrank.', context: HEAP },
    { content: 'I disagree: protected lanes cost less than the article suggests.', context: NEWS },
  ];
  return [
    ...spam.map((content, i): LabelledComment => ({ content, label: 'spam', context: [NEWS, DNS, HEAP][i % 3] })),
    ...ham.map((c): LabelledComment => ({ ...c, label: 'ham' })),
  ];
}

function tinyModel() {
  return trainModel(tinyCorpus(), { corpora: [{ name: 'inline', spam: 8, ham: 8 }], seed: 7, now: FIXED_NOW, minTokenCount: 1 });
}

test('normalizeText folds case, NFKC, strips zero-width and tags but keeps hrefs', () => {
  const n = normalizeText('<p>Ｆree <b>MONEY</b>\u200B <a href="https://spam.example/x">here</a> &amp; caf&eacute;</p>');
  assert.equal(n.text.replace(/\s+/g, ' ').trim(), 'free money here & café');
  assert.deepEqual(n.hrefs, ['https://spam.example/x']);
});

test('normalizeText maps Cyrillic look-alikes inside mixed-script words only', () => {
  const mixed = normalizeText('Best c\u0430sino bonus'); // Cyrillic а inside a Latin word
  assert.equal(mixed.text, 'best casino bonus');
  assert.equal(mixed.mixedScript, true);
  const russian = normalizeText('Спасибо за статью');
  assert.equal(russian.text, 'спасибо за статью');
  assert.equal(russian.mixedScript, false);
});

test('features keep non-Latin words and name links, domains and relevance', () => {
  const f = extractFeatures({
    content: 'Спасибо! 谢谢 café see www.Shop.example.com/buy-now or mail me@x.example',
    author: { name: 'Cheap SEO Services', url: 'https://seo.example.net/offer' },
  });
  for (const token of ['word:спасибо', 'word:谢谢', 'word:café', 'domain:shop.example.com', 'domain:example.com', 'email:yes', 'author:keyword-name', 'author:has-url', 'author-domain:seo.example.net', 'rel:nocontext', 'links:1', 'script:cyrillic']) {
    assert.ok(f.includes(token), `missing ${token} in ${f.join(', ')}`);
  }
  assert.ok(extractFeatures({ content: 'nice read', context: NEWS }).includes('rel:none'));
  assert.ok(extractFeatures({ content: 'Will the cycle lanes reach the station?', context: NEWS }).includes('rel:high'));
  // Chinese and Japanese, written without spaces, become character bigrams, so comments share words.
  const zh = extractFeatures({ content: '专业SEO优化，快速提升网站排名' });
  for (const token of ['word:专业', 'word:seo', 'word:网站', 'word:排名', 'bigram:网站 站排', 'script:han']) assert.ok(zh.includes(token), `missing ${token} in ${zh.join(', ')}`);
  assert.ok(!zh.includes('word:快速提升网站排名'), zh.join(', '));
  assert.ok(extractFeatures({ content: '素晴らしい記事ですね' }).includes('word:記事'));
});

test('features name reference links and concrete content, and generic praise has neither', () => {
  const docs = extractFeatures({ content: 'Upstream bug: https://github.com/example/tool/issues/4821 and https://docs.example.org/en/config' });
  assert.ok(docs.includes('url:ref-host') && docs.includes('url:ref-path'), docs.join(' '));
  const shop = extractFeatures({ content: 'cheap pills at http://best-pills-online.xyz/buy' });
  assert.ok(!shop.includes('url:ref-host') && !shop.includes('url:ref-path'), shop.join(' '));
  const sold = extractFeatures({ content: 'see https://bestcasinobonus24.xyz/go/1', author: { url: 'http://www.cheap-essay-writers.co.uk/order' } });
  assert.ok(sold.includes('url:keyword') && sold.includes('author-url:keyword'), sold.join(' '));
  const innocent = extractFeatures({ content: 'see https://www.sussex.ac.uk/physics and https://seoul.go.kr', author: { url: 'https://janedoe.org/about' } });
  assert.ok(!innocent.some((t) => t.endsWith('url:keyword')), innocent.join(' '));
  assert.ok(extractFeatures({ content: 'Running `pg_repack` on the table fixed it' }).includes('concrete:code'));
  assert.ok(extractFeatures({ content: '> nobody does this\nWe do, every week.' }).includes('concrete:quote'));
  assert.ok(extractFeatures({ content: 'You wrote "the index is rebuilt nightly" but ours is not' }).includes('concrete:quote'));
  assert.ok(!extractFeatures({ content: 'nice <a href="http://pills.example.com/buy">post</a>' }).includes('concrete:quote'), 'an attribute is not a quotation');
  assert.ok(extractFeatures({ content: 'see this http://adf.ly/1HmVtX' }).includes('url:shortener'));
  const anchored = extractFeatures({ content: `${'so true '.repeat(4)}<a href="https://pills.example.com/a/long/path/to/the/shop">x</a>` });
  assert.ok(anchored.includes('len:s'), `length is what a reader sees, not the markup: ${anchored.join(' ')}`);
  assert.ok(!extractFeatures({ content: 'the chorus at https://youtu.be/abc123?t=42' }).includes('url:shortener'), 'youtu.be links a video, it hides nothing');
  assert.ok(extractFeatures({ content: 'We switched to the smaller ring and the noise stopped.' }).includes('concrete:experience'));
  const praise = extractFeatures({ content: 'Great post, very informative. Keep up the good work!' });
  assert.deepEqual(praise.filter((t) => t.startsWith('concrete:') || t.startsWith('url:')), []);
});

test("the article's own words are counted once, as relevance, not as words", () => {
  const content = 'Fixing a dripping mixer tap is easy with the right tools, we stock every cartridge';
  const tap = { title: 'Fixing a dripping mixer tap', excerpt: 'Usually a worn cartridge, sometimes the washer.' };
  const alone = extractFeatures({ content });
  const under = extractFeatures({ content, context: tap });
  for (const token of ['word:drip', 'word:mixer', 'word:cartridg', 'bigram:mixer tap', 'bigram:everi cartridg']) {
    assert.ok(alone.includes(token), `without the article ${token} is a feature: ${alone.join(' ')}`);
    assert.ok(!under.includes(token), `under the article ${token} is not: ${under.join(' ')}`);
  }
  for (const token of ['rel:high', 'word:stock', 'bigram:we stock', 'word:tool', 'bigram:right tool']) assert.ok(under.includes(token), `missing ${token} in ${under.join(' ')}`);
});

test('features name HTML anchors and brand-like author names', () => {
  assert.ok(extractFeatures({ content: 'Great read! <a href="https://example.com/shop">water damage restoration</a>' }).includes('url:html-anchor'));
  assert.ok(!extractFeatures({ content: 'Great read! https://example.com/shop' }).includes('url:html-anchor'), 'a pasted link is not an anchor');
  for (const name of ['TapParts Direct', 'VacuSeal', 'GreenThumb Garden']) assert.ok(extractFeatures({ content: 'x', author: { name } }).includes('author:brand-name'), name);
  for (const name of ['Mary McDonald', 'Ian MacLeod', 'Siobhan O\'Brien', 'jk', 'Ana Lúcia']) assert.ok(!extractFeatures({ content: 'x', author: { name } }).includes('author:brand-name'), name);
  for (const name of ['Garden Clearance Birmingham', 'Bright Minds Tuition', 'cbd gummies']) assert.ok(extractFeatures({ content: 'x', author: { name } }).includes('author:keyword-name'), name);
});

test('a website on a social or blog-hosting platform is a profile, and a comment with nothing to follow or call has no payload', () => {
  for (const url of ['https://www.instagram.com/maya.sunkissed.skin', 'https://hannahorr.wordpress.com/about/', 'http://knitwit.blogspot.co.uk', 'https://github.com/jdoe', 'https://sam.substack.com']) {
    const f = extractFeatures({ content: 'Loved this.', author: { name: 'Maya', url } });
    assert.ok(f.includes('author-url:profile') && !f.includes('author-url:with-path'), `${url}: ${f.join(' ')}`);
  }
  for (const url of ['https://tapparts-direct.com/taps/cartridges', 'https://janedoe.org/about']) {
    assert.ok(!extractFeatures({ content: 'Loved this.', author: { url } }).includes('author-url:profile'), url);
  }
  assert.ok(extractFeatures({ content: 'Loved this.', author: { name: 'Bea', email: 'bea@example.com' } }).includes('payload:none'), 'the e-mail field is not shown to readers');
  for (const comment of [
    { content: 'Loved this.', author: { url: 'https://bea.blog' } },
    { content: 'Loved this, more at http://example.com' },
    { content: 'Loved this. Write to me at bea@example.com' },
    { content: 'Loved this. WhatsApp +1 302 555 0147' },
    { content: 'Loved <a href="https://example.com/x">this</a>' },
  ]) assert.ok(!extractFeatures(comment).includes('payload:none'), comment.content);
});

test('an author website is selling when the name is a business or the domain holds a money word, and pairs with relevance', () => {
  const selling = (author: { name?: string; url?: string }): boolean => extractFeatures({ content: 'Great read', author }).includes('author:selling');
  assert.ok(selling({ name: 'Wilma', url: 'https://casinobonus-nz.com' }), 'money word in the domain');
  assert.ok(selling({ name: 'VacuSeal Pro', url: 'https://vacusealpro.store' }), 'brand name with a website');
  assert.ok(selling({ name: 'Garden Clearance Birmingham', url: 'https://example.co.uk' }), 'keyword name with a website');
  assert.ok(!selling({ name: 'Garden Clearance Birmingham' }), 'no website, nothing sold');
  assert.ok(!selling({ name: 'Marco Walsh', url: 'https://marco-walsh.com/blog' }), 'a person and their blog');
  const onTopic = extractFeatures({ content: 'Will the cycle lanes reach the station?', context: NEWS, author: { name: 'Jo', url: 'https://jo.example.org' } });
  assert.ok(onTopic.includes('rel:high') && onTopic.includes('rel:high+author-url'), onTopic.join(' '));
  const bare = extractFeatures({ content: 'Will the cycle lanes reach the station?', context: NEWS, author: { name: 'Jo' } });
  assert.ok(!bare.some((t) => t.endsWith('+author-url')), bare.join(' '));
  assert.ok(extractFeatures({ content: 'nice', author: { url: 'https://x.example.com' } }).includes('rel:nocontext+author-url'));
});

test('the mission example is spam, with and without article context; specific thanks are ham', () => {
  const model = tinyModel();
  for (const context of [undefined, NEWS]) {
    const s = scoreComment(model, { content: MISSION, context });
    assert.ok(s.spamProbability > 0.5, `mission example scored ${s.spamProbability}`);
  }
  const thanks = scoreComment(model, { content: 'Thanks, flushing the DNS cache fixed my VPN.', context: DNS });
  assert.ok(thanks.spamProbability < 0.5, `thanks scored ${thanks.spamProbability}`);
});

test('scoreComment returns clues with readable names and the model version', () => {
  const model = tinyModel();
  const s = scoreComment(model, { content: MISSION, context: NEWS }, { maxClues: 5 });
  assert.equal(s.modelVersion, model.version);
  assert.ok(s.clues.length > 0 && s.clues.length <= 5);
  for (const c of s.clues) {
    assert.match(c.token, /^[a-z-]+:/);
    assert.ok(Number.isFinite(c.weight));
  }
  assert.deepEqual(scoreComment(model, { content: MISSION }, { maxClues: 0 }).clues, []);
});

test('every combining method trains and scores', () => {
  for (const method of ['multinomial', 'bernoulli', 'fisher'] as const) {
    const model = trainModel(tinyCorpus(), { corpora: [], seed: 1, now: FIXED_NOW, method, minTokenCount: 1 });
    assert.equal(model.method, method);
    const p = scoreComment(model, { content: MISSION }).spamProbability;
    assert.ok(p >= 0 && p <= 1 && p > 0.5, `${method}: ${p}`);
  }
});

test('trainModel records provenance, a sortable version and cutoffs in order', () => {
  const model = tinyModel();
  assert.equal(model.schemaVersion, MODEL_SCHEMA_VERSION);
  assert.equal(model.trainedAt, '2026-11-27T23:45:01.000Z');
  assert.match(model.version, /^20261127-234501-[0-9a-f]{6}$/);
  assert.deepEqual(model.corpora, [{ name: 'inline', spam: 8, ham: 8 }]);
  assert.deepEqual(model.docs, { spam: 8, ham: 8 });
  assert.ok(model.cutoffs.ham <= 0.5 && model.cutoffs.spam >= 0.5);
  assert.equal(tinyModel().version, model.version, 'same data and clock give the same version');
  assert.throws(() => trainModel([{ content: 'x', label: 'spam' }], { corpora: [], seed: 1, now: FIXED_NOW }), RangeError);
});

test('serializeModel and parseModel round-trip', () => {
  const model = tinyModel();
  const again = parseModel(JSON.parse(serializeModel(model)));
  assert.equal(serializeModel(again), serializeModel(model));
  assert.equal(scoreComment(again, { content: MISSION }).spamProbability, scoreComment(model, { content: MISSION }).spamProbability);
  assert.equal(parseModel(serializeModel(model)).version, model.version);
});

test('parseModel rejects broken models with a ModelError that names the field', () => {
  const good = JSON.parse(serializeModel(tinyModel()));
  const cases: Array<[unknown, RegExp]> = [
    [null, /must be a JSON object/],
    ['{not json', /not JSON/],
    [{ ...good, schemaVersion: 99 }, /schemaVersion/],
    [{ ...good, cutoffs: { ham: 0.9, spam: 0.1 } }, /cutoffs/],
    [{ ...good, method: 'magic' }, /method/],
    [{ ...good, docs: { spam: 0, ham: 3 } }, /docs/],
    [{ ...good, vocabulary: { ...good.vocabulary, spam: good.vocabulary.spam.slice(1) } }, /vocabulary\.spam/],
    [{ ...good, vocabulary: { ...good.vocabulary, ham: good.vocabulary.ham.map(() => -1) } }, /non-negative/],
    [{ ...good, version: 'latest' }, /version/],
  ];
  for (const [input, message] of cases) {
    assert.throws(() => parseModel(input), (err: unknown) => err instanceof ModelError && message.test(err.message));
  }
});

test('parseModel refuses a model of an older schema with a message that says to retrain', () => {
  const old = { ...JSON.parse(serializeModel(tinyModel())), schemaVersion: 1 };
  assert.throws(() => parseModel(old), (err: unknown) => err instanceof ModelError && /schemaVersion is 1/.test(err.message) && /train/.test(err.message));
});

test('the ASCII word scanner finds the same features as the Unicode path', () => {
  // "\u00e9" forces the Unicode path; the same words otherwise, so only script/emoji tokens differ.
  for (const text of ["Don't stop: it's 3x faster, isn't it?! e-mail me 'quoted' words", 'a'.repeat(60) + " x'y 'z' 12ab", "ok... trailing'"]) {
    const ascii = extractFeatures({ content: text }).filter((t) => t.startsWith('word:') || t.startsWith('bigram:')).sort();
    const unicode = extractFeatures({ content: `${text} \u00e9` })
      .filter((t) => (t.startsWith('word:') || t.startsWith('bigram:')) && !t.includes('\u00e9'))
      .sort();
    assert.deepEqual(ascii, unicode, text);
  }
  assert.ok(extractFeatures({ content: "Don't" }).includes('word:dont'));
  // Curly quotes, dashes and emoji keep the scanner (they are not word characters); the features
  // are those of the Unicode path, including "’" joining words and the experience test.
  for (const text of ['I’ve tried it — “really” 👍 and you’re right…', 'See if_not_found — my fix', 'my’found x']) {
    const fast = extractFeatures({ content: text }).filter((t) => !t.startsWith('emoji:')).sort();
    const unicode = extractFeatures({ content: `${text} \u00e9` })
      .filter((t) => !t.startsWith('emoji:') && !t.includes('\u00e9') && !t.startsWith('len:'))
      .sort();
    assert.deepEqual(fast.filter((t) => !t.startsWith('len:')), unicode, text);
  }
  assert.ok(extractFeatures({ content: 'I’ve tried it' }).includes('word:iv'));
  assert.ok(extractFeatures({ content: 'I’ve tried it' }).includes('concrete:experience'));
  assert.ok(!extractFeatures({ content: 'I read about if_not_found here' }).includes('concrete:experience'));
  assert.ok(extractFeatures({ content: '𝐁𝐮𝐲 𝐍𝐎𝐖 𝐂𝐇𝐄𝐀𝐏 𝐏𝐈𝐋𝐋𝐒 𝐓𝐎𝐃𝐀𝐘' }).includes('caps:shout'), 'astral letters count');
  assert.ok(!extractFeatures({ content: 'the cat' }).includes('word:the'), 'stop words get no unigram');
  assert.ok(extractFeatures({ content: 'the cat' }).includes('bigram:the cat'), 'but they do form bigrams');
});

test('text whose only non-ASCII characters are inert skips normalizeText, which would only have lower-cased it', () => {
  // Inert: punctuation, symbols and emoji that NFKC and lower-casing leave alone.
  for (const text of ['I’ve tried it — “Really” ‘so’ 👍🏽 • «ok» €5', 'Price now: 12’345 — CALL ✓']) {
    assert.deepEqual(normalizeText(text), normalizeInert(text), text);
  }
  // Not inert, so normalizeText runs: "™" is "tm" and "…" is "..." after NFKC, a no-break space is a space, a soft hyphen and U+FEFF are dropped, "É" is a letter.
  assert.ok(extractFeatures({ content: 'Acme™ rocks' }).includes('word:acmetm'));
  assert.ok(extractFeatures({ content: 'pay\u00adday loans\ufeff' }).includes('word:paydai'));
  assert.ok(extractFeatures({ content: 'CAFÉ au lait — nice' }).includes('word:café'));
  // An inert text keeps its link, phone and length tokens.
  const inert = extractFeatures({ content: 'Call “now” — 0800 123 4567 or see https://pills.example/buy ‘x’' });
  for (const t of ['phone:yes', 'domain:pills.example', 'links:1', 'len:m']) assert.ok(inert.includes(t), t);
});

test('training and scoring agree on feature ids across many comments (no hash-table mix-ups)', () => {
  const rows: LabelledComment[] = Array.from({ length: 3000 }, (_, i) => ({
    content: `word${i % 700} shared${i % 13} tail${(i * 7) % 997} ${i % 2 ? 'great post visit my site' : 'the second sample fails on windows'}`,
    label: i % 2 ? 'spam' : 'ham',
  }));
  const model = trainModel(rows, { corpora: [], seed: 1, now: FIXED_NOW, minTokenCount: 1, cutoffs: { ham: 0.5, spam: 0.5 }, calibration: { temperature: 1 } });
  const again = parseModel(serializeModel(model));
  for (const i of [0, 1, 699, 1500, 2999]) {
    const a = scoreComment(model, rows[i]!, { maxClues: 50 });
    const b = scoreComment(again, rows[i]!, { maxClues: 50 });
    assert.equal(a.spamProbability, b.spamProbability);
    assert.deepEqual(a.clues, b.clues);
    const names = new Set(extractFeatures(rows[i]!));
    for (const c of a.clues) assert.ok(names.has(c.token), `clue ${c.token} is not a feature of comment ${i}`);
  }
});

test('scoring finds every link, domain and author token the model knows, as training named them', () => {
  const rows: LabelledComment[] = Array.from({ length: 400 }, (_, i) => ({
    content: i % 2
      ? `cheap pills at https://www.best-pills${i % 7}.co.uk/buy?id=${i} and http://bit.ly/x${i % 5}`
      : `see https://github.com/org/repo/issues/${i % 9} and docs.python.org/3/library for the fix`,
    label: i % 2 ? 'spam' : 'ham',
    author: i % 3 ? { name: i % 2 ? 'cheap essay writer' : `Reader ${i % 11}`, url: `https://WWW.site${i % 4}.org/about/`, email: `r${i}@example.org` } : undefined,
  }));
  const model = trainModel(rows, { corpora: [], seed: 1, now: FIXED_NOW, minTokenCount: 1, cutoffs: { ham: 0.5, spam: 0.5 }, calibration: { temperature: 1 } });
  const families = ['domain:', 'author-domain:', 'tld:', 'author-tld:', 'urlword:', 'authorword:'];
  for (const family of families) assert.ok([...model.counts.keys()].some((t) => t.startsWith(family)), `the model has ${family} tokens`);
  for (const row of rows.slice(0, 24)) {
    const expected = extractFeatures(row).filter((t) => model.counts.has(t)).sort();
    const found = scoreComment(model, row, { maxClues: 1000 }).clues.map((c) => c.token).sort();
    assert.deepEqual(found, expected, row.content);
  }
});

test('ASCII text without markup gets the features normalizeText would give it', () => {
  // "&amp;" sends the same text through normalizeText (it decodes to "&", not a word character);
  // the appended text changes the length and the capitals ratio, so those buckets are left out.
  for (const text of ['Visit WWW.Example.COM/Path or mail Me@Example.org, call 555-123-4567!', 'e.g. Node.js 3.0 -- `x()` "quoted" > reply', 'x.Y a-.b 1.2 http://A.B', 'see HTTP://localhost:8080/x', 'see Example.Com today']) {
    const raw = (t: string): boolean => t.startsWith('len:') || t.startsWith('caps:');
    const plain = extractFeatures({ content: text }).filter((t) => !raw(t)).sort();
    const normalized = extractFeatures({ content: `${text} &amp;` }).filter((t) => !raw(t)).sort();
    assert.deepEqual(plain, normalized, text);
  }
});

test('evaluate reports the chaff eval figures', () => {
  const model = tinyModel();
  const m = evaluate(model, tinyCorpus());
  assert.equal(m.n, 16);
  assert.equal(m.spam, 8);
  assert.equal(m.ham, 8);
  const c = m.atCutoffs.confusion;
  assert.equal(c.spam.spam + c.spam.unsure + c.spam.ham, 8);
  assert.ok(m.atHalf.f1 >= 0 && m.atHalf.f1 <= 1);
});

test('selectCutoffs keeps validation errors under the targets', () => {
  const scored = [
    ...Array.from({ length: 100 }, (_, i) => ({ p: i / 200, label: 'ham' as const })), // 0 .. 0.495
    ...Array.from({ length: 100 }, (_, i) => ({ p: 0.3 + i / 150, label: 'spam' as const })), // 0.3 .. 0.96
  ];
  const cut = selectCutoffs(scored, { maxHamCalledSpam: 0.01, maxSpamCalledHam: 0.02 });
  assert.ok(cut.ham <= cut.spam);
  assert.ok(scored.filter((s) => s.label === 'ham' && s.p > cut.spam).length <= 1);
  assert.ok(scored.filter((s) => s.label === 'spam' && s.p < cut.ham).length <= 2);
  assert.deepEqual(selectCutoffs(scored.slice(0, 5)), { ham: 0.2, spam: 0.8 }, 'too little data falls back');
});
