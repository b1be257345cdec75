/**
 * More genuine reader voices, added after leave-one-category-out showed where the first
 * generators were too narrow: links to references in many shapes (issue trackers, encyclopaedia
 * pages, official notices, a reader's own post), terse and off-hand remarks, replies that quote
 * another reader, opinions on news with no tips at all, and non-English comments in several
 * languages on any topic. All text is our own.
 */
import type { Article } from "./articles.js";
import { firstName, hamAuthor } from "./authors.js";
import { hamNoise } from "./ham.js";
import type { Rng } from "./random.js";
import type { DraftComment } from "./spam.js";
import { capitalizeFirst, spin } from "./spintax.js";

type HamGenerator = (rng: Rng, article: Article) => DraftComment | undefined;

const strip = (s: string): string => s.replace(/^the /i, "");
const draft = (rng: Rng, text: string): DraftComment => ({ content: hamNoise(spin(text, rng), rng), author: hamAuthor(rng) });
const TECH = new Set(["programming", "devops", "tech-support"]);

/** A plausible reference URL for the article's topic, by kind of site. */
function referenceUrl(rng: Rng, a: Article, named: string): { url: string; kind: string } {
  const term = strip(named).replace(/[`'"]/g, "");
  const wiki = term.replace(/\s+/g, "_").replace(/^./, (c) => c.toUpperCase());
  const slug = term.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  const handle = firstName(rng).toLowerCase();
  const options: Array<{ url: string; kind: string }> = [
    { url: `https://en.wikipedia.org/wiki/${encodeURI(wiki)}`, kind: "wiki" },
    { url: `https://${rng.pick(["de", "fr", "es", "en"])}.wikipedia.org/wiki/${encodeURI(wiki)}`, kind: "wiki" },
    { url: `https://${handle}.${rng.pick(["blog", "dev", "net", "me", "co.uk", "github.io"])}/${rng.pick(["", "20" + rng.int(15, 25) + "/"])}${slug}${rng.pick(["", ".html", "/"])}`, kind: "own" },
    { url: `https://web.archive.org/web/20${rng.int(10, 23)}0${rng.int(1, 9)}01000000/${a.link ?? `example.org/${a.slug}`}`, kind: "archive" },
    { url: `https://www.youtube.com/watch?v=${rng.pick(["dQ3kP9", "Xr7aLm", "b2VnQ0", "kT8sWc"])}${rng.pick(["aZ1", "p0Q", "Lm2", "x9x"])}`, kind: "video" },
  ];
  if (TECH.has(a.domain)) {
    const org = rng.pick(["rust-lang", "python", "kubernetes", "golang", "microsoft", "nodejs", "hashicorp", "moby", "postgres", handle]);
    options.push(
      { url: `https://github.com/${org}/${rng.pick([a.slug, slug, "issues-tracker", "core"])}/issues/${rng.int(120, 98000)}`, kind: "issue" },
      { url: `https://github.com/${org}/${rng.pick([a.slug, slug])}/pull/${rng.int(40, 40000)}`, kind: "pr" },
      { url: `https://stackoverflow.com/questions/${rng.int(1000000, 79000000)}/${slug}`, kind: "qa" },
      { url: `https://gist.github.com/${handle}/${rng.int(100000, 999999).toString(16)}${rng.int(100000, 999999).toString(16)}`, kind: "gist" },
    );
    if (a.link) options.push({ url: a.link, kind: "docs" }, { url: a.link.replace(/\/$/, "") + rng.pick(["#notes", "#caveats", "/latest/", "#examples"]), kind: "docs" });
  } else {
    options.push(
      { url: `https://www.${rng.pick(["gov.uk", "nhs.uk", "citizensadvice.org.uk", "ons.gov.uk"])}/${slug}`, kind: "official" },
      { url: `https://www.${rng.pick(["bbc.co.uk/news", "theguardian.com/uk-news", "reuters.com/world", "npr.org/sections"])}/${slug}-${rng.int(1000, 9999)}`, kind: "news" },
      { url: `https://www.reddit.com/r/${rng.pick(["AskUK", "DIY", "Cooking", "gardening", "bicycling", "personalfinance", "cats", "travel"])}/comments/${rng.int(100000, 999999).toString(36)}/${slug.replace(/-/g, "_")}/`, kind: "forum" },
    );
    if (a.link) options.push({ url: a.link, kind: "docs" });
  }
  return rng.pick(options);
}

/** Genuine comments that carry a link, in shapes the first `with-link` generator never used. */
const linkReference: HamGenerator = (rng, a) => {
  const term = rng.pick(a.terms);
  const { url, kind } = referenceUrl(rng, a, term);
  const claim = rng.pick(a.claims);
  const byKind: Record<string, string[]> = {
    issue: [
      `There's an open issue about ${term}: ${url} {Looks like|Sounds like} a fix {is planned|landed} for the next release.`,
      `{Related|Upstream} bug: ${url}{ — worth subscribing to if this bites you| (still open)|}`,
      `{Filed|I filed} {this|a report} {last year|a while back}: ${url} {No response yet.|Closed as won't fix, sadly.|Maintainers confirmed it.}`,
    ],
    pr: [`{The|A} {fix|patch} for the ${strip(term)} {behaviour|problem} is in review here: ${url}`, `${url} changes how ${term} works, so {parts of|some of} this {might|will} be out of date {soon|after the next release}.`],
    qa: [`{This|That} answer {explains|covers} the ${strip(term)} edge case {better than I could|nicely}: ${url}`, `Same question {came up|was asked} on Stack Overflow {years ago|in 2019}, the second answer is the useful one: ${url}`],
    gist: [`{Put|I put} my {version|config|script} in a gist {if it helps|for anyone curious}: ${url}`, `${url} — that's {roughly|more or less} what we run{, minus the secrets| in prod|}.`],
    docs: [`{Official|The} {docs|reference} on ${term}{, for the record|}: ${url}`, `{See|Check} ${url}{,| —} the {caveats|notes} {section|box} {mentions|says} {exactly|much} the same.`, `(${url} {if you|for anyone who} {want|wants} the {long|full} version)`],
    wiki: [
      `{For context|Background}, the Wikipedia {page|article} on ${strip(term)} {is decent|is surprisingly good|has the history}: ${url}`,
      `${url} {says|claims} {otherwise|something different} {about|on} ${term}, {though|but} {the citation|its source} {looks|is} {thin|old}.`,
      `{Wikipedia|The wiki page} {has|gives} {a|the} {different|lower|higher} figure {for|on} ${term}: ${url} {Which is right?|Not sure which to trust.|}`,
    ],
    own: [
      `I wrote up {my|our} {own|} {attempt|experience} with ${term} {last year|a while ago|in the spring}{, including what went wrong|, mistakes and all|}: ${url}`,
      `{Shameless|Slightly shameless} {plug|link}, but {I|we} tried ${rng.pick(a.tips.length ? a.tips : a.terms)} {and|then} {logged|blogged|documented} {the results|every step}: ${url}`,
      `{Funny|Odd} timing, I {posted|published} {something|a piece} on ${strip(term)} {last week|yesterday} {that|which} {disagrees|partly disagrees|agrees} with {you|this} on one point: ${url}`,
    ],
    archive: [`{The|Your} link {in|under} the ${strip(term)} {section|paragraph} {is dead|404s}{, here's|. Archived copy:} ${url}`, `{Original|The original} page {is gone|moved}, {archive has it|wayback machine copy}: ${url}`],
    video: [`{This|A} {short|10-minute} video {shows|demonstrates} ${term} {better than words can|step by step}: ${url}`, `{If you're a visual learner|For visual people}: ${url} (not mine)`],
    official: [`{The official guidance|Official advice} on ${strip(term)} {is here|for comparison}: ${url} {It's more cautious than this article.|Roughly matches.|}`, `{Source|The source} for ${term}{, since someone asked|}: ${url}`],
    news: [`{There's|Here's} {more|another report} on ${term}{, with quotes from both sides|, slightly different numbers|}: ${url}`, `{The|A} {longer|national} {write-up|piece}: ${url} — {they|it} {say|says} ${claim}, {which|and} I'm not sure about.`],
    forum: [`{Big|Long} thread on {this|exactly this} {a while back|last month}: ${url} {Lots of|Some} {real|first-hand} experience in the comments.`, `{Someone|A user} on reddit {had|described} the same ${strip(term)} {issue|situation}: ${url}`],
  };
  const shapes = byKind[kind] ?? byKind.docs!;
  return draft(rng, rng.pick(shapes));
};

/** Very short remarks that still carry content. Content-free ones ("Called it.") are left out:
 * nothing in them separates a reader from a bot, so they would only teach noise. */
const terse: HamGenerator = (rng, a) => {
  const term = strip(rng.pick(a.terms));
  const tip = a.tips.length ? rng.pick(a.tips) : undefined;
  const options = [
    `${capitalizeFirst(term)}, {really|seriously}?`,
    `{Source|Citation} {for|on} the ${term} {bit|figure}?`,
    `TIL ${term}{.|!|}`,
    `{same|Same} {problem|issue|here} with ${term}`,
    `${capitalizeFirst(term)} {again|strikes again}{.|...| lol}`,
    `{meh|Meh}. ${capitalizeFirst(term)} {was|is} {overrated|overhyped} {imo|tbh|}`,
    `{Not|Never} {sure|convinced} about ${term}{ tbh|.|}`,
    `{Updated|Edit}: {nvm|never mind}, ${term} {was|is} {it|the answer}.`,
    `{Hm|Hmm}. {Didn't|Did not} {expect|see} ${term} {coming|mentioned}.`,
    `{Came|Only came} {here|in} for the ${term} part{.|, wasn't disappointed.| tbh}`,
    `{Source?|Citation needed.|Says who?}`,
  ];
  if (tip) options.push(`${capitalizeFirst(tip)}. {Noted|Will try|Trying it tonight}.`, `{wait|Wait} — ${tip}? {huh|Huh}.`, `${capitalizeFirst(tip)} {ftw|for the win|ftw!}`);
  return draft(rng, rng.pick(options));
};

const CITIES = ["Leeds", "Bristol", "Ohio", "Cork", "Adelaide", "Rotterdam", "Glasgow", "Denver", "Lyon", "Porto", "our village", "the north end of town"];

/** Opinions on the story itself, no how-to: news, politics, reviews, local matters. */
const opinion: HamGenerator = (rng, a) => {
  const term = rng.pick(a.terms);
  const claim = rng.pick(a.claims);
  const options = [
    `{Honestly|Frankly}, ${term} {is|was} {always|inevitably} going to {end up here|go this way}. {Nobody|No one} {in charge|at the top} {listens|was listening}.`,
    `I'll believe ${term} when I see it. {We've been promised|They promised} {this|the same} {before|in 2019}.`,
    `{Typical|Classic}. ${capitalizeFirst(term)} {gets|got} {all the attention|the headline} while the {real|actual} problem {goes|stays} {unfixed|untouched}.`,
    `{I'm|Im} {torn|split} on this. ${capitalizeFirst(claim)}{? Maybe|, probably}, but {the people|the ones} {paying for it|affected} {weren't|were never} asked.`,
    `{Whoever|Whoever it was who} {decided|signed off on} ${term} {should|ought to} {have to|} {live with it|deal with the consequences} {for a year|themselves}.`,
    `{Not|Hardly} surprised. {Same|Exactly the same} thing happened {in|over in} ${rng.pick(CITIES)} {a few years ago|last year}{, and nobody learned anything|.}`,
    `{Good|About time}. {I|i} {know|realise} {people|some people} {here|in the comments} {will|are going to} disagree, but ${claim}.`,
    `{The|This} {article|piece|coverage} is {fair|balanced enough}, but {it|the reporting} {lets|let} {them|the decision makers} off {lightly|too easily} {on|over} ${term}.`,
    `{People|Folks} {keep|are} {blaming|complaining about} ${term}{,|.} {The|Actual} {cause|problem} {is|was} {years|decades} of {underfunding|bad decisions|kicking the can down the road}.`,
    `{Sad|Depressing|Grim} {to read|news}. {We|I} {moved here|grew up here} {because of|partly for} {things like|stuff like} ${strip(term)}.`,
    `${capitalizeFirst(claim)}? {Maybe|Perhaps} {on paper|in theory}. {Try|Go} {telling|explaining} that to {anyone|someone} {who|that} {actually|really} {lives|depends on it|deals with it} {here|every day}.`,
  ];
  return draft(rng, rng.pick(options));
};

/** Replies that quote another reader (or the article) before answering. */
const quoteReply: HamGenerator = (rng, a) => {
  const name = firstName(rng);
  const claim = rng.pick(a.claims);
  const term = rng.pick(a.terms);
  const tip = a.tips.length ? rng.pick(a.tips) : undefined;
  const quote = rng.pick([claim, `${strip(term)} doesn't matter much`, tip ? `${tip} is a waste of time` : `${strip(term)} is overblown`, `nobody actually does this`]);
  const head = rng.pick([`> ${quote}\n\n`, `"${capitalizeFirst(quote)}"\n`, `${name} wrote: "${quote}"\n\n`, `Re ${name}'s point that ${quote}: `, `> ${capitalizeFirst(quote)}\n`]);
  const body = rng.pick([
    `{That's|This is} {only|just} true {if|when} ${term} {is|stays} {small|simple|the same}. {Mine|Ours} {wasn't|isn't}.`,
    `{Respectfully|Sorry but}, no. {I|We} {measured|tracked} it {for|over} {a month|six weeks|a year} and ${term} {made|was} {the|a} {biggest|real} difference.`,
    `{Funny|Strange}, {I|we} {had|saw} {the exact opposite|the reverse}{.|!} {Could be|Maybe it's} {regional|the setup|luck}, {though|I suppose}.`,
    `{Yes|Yep|Exactly}{,|.} {and|And} {the article|the author} {even|actually} {says so|admits it} {further down|in the last section}.`,
    `{Did you|Have you} {read|got to} the {bit|part} {about|on} ${term}? It {answers|covers} {exactly|precisely} {that|this}.`,
    `{I used to think that too|Thought the same until last year}. {Then|Then} ${tip ?? term} {changed my mind|happened to us}.`,
  ]);
  return draft(rng, head + body);
};

/** Rambling, off-hand, tangential: the texture of real comment threads. */
const offhand: HamGenerator = (rng, a) => {
  const term = rng.pick(a.terms);
  const who = rng.pick(["my grandad", "my old flatmate", "a guy at work", "my aunt", "our neighbour", "my first boss"]);
  const options = [
    `{Unrelated|Off topic}, but the photo at the top {looks like|is basically} {my old street|where I grew up|our local park}{ lol|.|!}`,
    `{Reading|Read} this on the {train|bus|night bus} and {nodding along|laughing} like an idiot. ${capitalizeFirst(term)} {especially|in particular}.`,
    `This {reminded me|made me think} of ${who}, who {swore|used to swear} that ${rng.pick(a.claims)}. {He|She} {was|was probably} {wrong|right}, {but|and} {still|} {I miss|I think about} {him|her|that} {sometimes|a lot}.`,
    `{ok|OK} {so|} I {started|meant} to {read|skim} this {for|in} five minutes {and|but} {it's|now it's} {an hour later|midnight} and I {have|now have} {opinions|thoughts} about ${strip(term)}.`,
    `{Not|Nothing} {much|useful} to add{,|.} {just|Just} {that|} ${term} {has|had} {ruined|dominated|eaten} {my|our} {weekend|week|whole month}{ lol|, so this was cathartic|.}`,
    `{Did|Does} anyone else {read|see} "${strip(term)}" {and|then} {immediately|instantly} think of ${rng.pick(["that episode of The Office", "school", "their dad", "the 90s", "their ex"])}{? Just me?|? No?|?}`,
    `{My|The} {cat|dog|toddler} {walked|sat} {on|across} the keyboard {while|as} I was {writing|typing} {a|my} {long|thoughtful} reply about ${strip(term)}, {so|and} {this is|here's} the {short|abridged} version: {agreed|mostly agree|no}.`,
    `${capitalizeFirst(term)}{.|...} {I|i} {have|had} {so many|a lot of} {thoughts|feelings} {but|and} {none|not one} of them {is|are} {printable|coherent|short}{.| lol|!}`,
  ];
  return draft(rng, rng.pick(options));
};

/** Non-English comments of many shapes on any topic (term kept as the article writes it). */
const FOREIGN_ANY = [
  "Interessanter Artikel über <term>. Bei uns in {Köln|Leipzig|Graz} sieht das allerdings ganz anders aus.",
  "Ich bin nicht ganz einverstanden: <term> ist {meiner Meinung nach|aus meiner Erfahrung} {überbewertet|nicht so wichtig}.",
  "Hat jemand Erfahrung mit <term>? Ich {überlege|plane} das {seit Monaten|für nächstes Jahr}.",
  "Kleiner Fehler im {zweiten|dritten} Absatz: bei <term> {stimmt die Zahl nicht|fehlt ein Wort}.",
  "No estoy de acuerdo con lo de <term>. {En mi caso|Aquí en {Valencia|Rosario|Quito}} {fue todo lo contrario|no funcionó así}.",
  "Mi {padre|abuela|vecino} {siempre|} {dice|decía} lo mismo sobre <term>, {jaja|ja ja}. Buen artículo.",
  "¿{Alguien|Alguno} {sabe|tiene} {una fuente|datos} sobre <term>? Me {interesa|gustaría} {leer más|compararlo}.",
  "Je ne suis pas sûr pour <term>. {Chez nous|À {Lille|Nantes|Montréal}}, {c'est l'inverse|ça n'a rien changé}.",
  "{Article|Billet} intéressant, mais il manque {un mot|quelque chose} sur <term>{, non ?| à mon avis.}",
  "Quelqu'un a {testé|essayé} <term> {en hiver|avec un petit budget|sans expérience} ? Retour bienvenu.",
  "{Concordo|Discordo} {em parte|totalmente} sobre <term>. {Aqui em|Em} {Coimbra|Recife|Curitiba} {é diferente|não funciona assim}.",
  "{Alguém|Algum leitor} {já tentou|já passou por} <term>? {Queria|Gostaria de} saber {como foi|se vale a pena}.",
  "Articolo {interessante|utile}, anche se su <term> {non sono d'accordo|avrei qualche dubbio}.",
  "{Qualcuno|Chi} ha {provato|esperienza con} <term>? {Da noi a {Bologna|Torino}|Qui} {è andata male|non ha funzionato}.",
  "Goed stuk, maar over <term> ben ik het niet {helemaal|echt} eens{.| met je.}",
  "{Wij|Ik} {hebben|heb} {hetzelfde|precies dit} {meegemaakt|gehad} met <term>, {vorig jaar|in {Utrecht|Gent}}.",
  "Nie do końca się zgadzam co do <term>{.|,} {U nas|W {Krakowie|Gdańsku}} {było odwrotnie|wyszło inaczej}.",
  "Мне кажется, про <term> {вы|автор} {преувеличиваете|немного ошибаетесь}. У нас {всё было наоборот|так не работает}.",
  "Кто-нибудь {пробовал|сталкивался с} <term>? {Интересно|Хотелось бы} {узнать|услышать} {опыт|мнение}.",
  "<term>について、{うちの地域では|私の経験では}{逆でした|少し違いました}。",
  "<term>は{知りませんでした|初めて聞きました}。{参考になります|勉強になりました}。",
  "Jag håller inte riktigt med om <term>{.|,} {hos oss|i {Malmö|Umeå}} {blev det tvärtom|fungerade det inte}.",
  "<term> konusunda {katılmıyorum|emin değilim}, {bizde|İzmir'de} durum {farklı|tam tersi}.",
  "Ερώτηση: ισχύει το ίδιο για <term> {και στην Ελλάδα|στα νησιά};",
  "{Artikelnya|Tulisannya} {membantu|bagus}, tapi soal <term> {saya kurang setuju|di {Bandung|Surabaya} beda}{.|, menurut saya.}",
  "Ada yang {pernah coba|sudah coba} <term>? {Saya|Kami} {mau tahu|penasaran} {hasilnya|pengalamannya}.",
  "Bài viết {hay|hữu ích}, nhưng về <term> thì {ở {Huế|Đà Nẵng}|chỗ tôi} {lại khác|không giống vậy}.",
  "Có ai {thử|làm} <term> {chưa|rồi}? {Mình|Tôi} {muốn biết|đang phân vân} {kết quả|có đáng không}.",
  "<term>这一点{我不太同意|我有不同看法}，{我们这边|在{成都|杭州}}{情况不一样|恰好相反}。",
  "有人{试过|用过}<term>吗？{想听听|想了解}{大家的经验|效果怎么样}。",
  "<term>{에 대해서는|는} {조금 생각이 달라요|동의하기 어렵네요}. {저희 동네는|제 경우에는} {반대였어요|달랐어요}.",
];

const nonEnglishAny: HamGenerator = (rng, a) => {
  const term = strip(rng.pick(a.terms));
  const text = spin(rng.pick(FOREIGN_ANY), rng).replace("<term>", term);
  const name = rng.pick(["Jürgen", "Lucía", "Camille", "João", "Olga", "Haruto", "Piotr", "Sanne", "Giulia", "Ingrid", "Emre", "Eleni", "Pablo", "Marie"]);
  return { content: text, author: rng.chance(0.7) ? { name } : hamAuthor(rng) };
};

/**
 * Thanks in the words readers really use for it ("this helped me", "I learned", "very helpful",
 * "I never knew", "TIL"), each tied to what the article taught. Without these, the corpus used
 * such phrasing only in spam, and a short genuine thanks on a new topic leaned spam.
 */
const thanksLearned: HamGenerator = (rng, a) => {
  const term = strip(rng.pick(a.terms));
  const tip = a.tips.length ? rng.pick(a.tips) : undefined;
  const problem = a.problems.length ? rng.pick(a.problems) : undefined;
  const options = [
    `{This|Your post|This article|That} {really |}helped me {understand|get my head around|make sense of} ${term}{.|!|, thanks.|, thank you!}`,
    `I learned {so much|a lot|more} about ${term} {here|from this|today} than {from the manual|in years of forums|from the official docs|anywhere else}{.|!}`,
    `{Very|Really|Super|Incredibly} helpful{!|.|,} {especially|particularly} the {part|bit|section} on ${term}{.|!}`,
    `{Very|Really} helpful {guide|explanation|post} on ${term}{, thanks|. Thank you}{!|.|}`,
    `{Thanks|Thank you}, I {finally|now} understand ${term}{.|!}`,
    `{Great|Clear|Nice} breakdown of ${term}{, thanks|. Thanks|}{.|!}`,
    `{I never knew|I didn't know|Never knew} ${term} {was a thing|existed|mattered that much|worked like that}{. Thanks!|, thanks.|!|.}`,
    `{Really|So} clear{,|!|.} ${capitalizeFirst(term)} finally {makes sense|clicked} for me{.|!}`,
  ];
  if (tip) {
    options.push(
      `{TIL|Today I learned}{:|,} ${tip} {helps|works|makes a difference}{.|!} {Thanks|Cheers}{!|.|}`,
      `{Thanks|Thank you}{!|,} I {learned|learnt} something new {today|here}: ${tip}{.|!|}`,
      `{This helped me|Helped me} {today|this morning|last night}{,|:|—} ${tip} {did the trick|worked}{.|!}`,
    );
  }
  if (tip && problem) {
    options.push(
      `I never knew ${tip} could {help with|fix|sort out} ${problem}{!|.} {Thanks|Thank you}{.|!|}`,
      `{This|Your post} helped me {so much|a lot} with ${problem}{ — |. |, }${tip} was the {key|answer|missing piece}{.|!}`,
    );
  }
  return draft(rng, rng.pick(options));
};

/**
 * The stock phrases of polite comments ("thanks for sharing", "great read", "keep it up", "looking
 * forward to the next one", "bookmarked") from readers who go on to name what the article said.
 * Bots use the same phrases with nothing specific after them; when the corpus had them only in
 * spam, a real reader's "Thanks for sharing! The part about X…" leaned spam on the phrase alone.
 * With these, the phrase is common to both classes and the specifics decide.
 */
const stockPhraseSpecific: HamGenerator = (rng, a) => {
  const term = strip(rng.pick(a.terms));
  const tip = a.tips.length ? rng.pick(a.tips) : undefined;
  const problem = a.problems.length ? rng.pick(a.problems) : undefined;
  const claim = rng.pick(a.claims);
  const opener =
    "{Thanks for sharing|Thank you for sharing this|Great read|Nice post|Great post|Really enjoyed this|Thank you for this|Nice write-up|Love this|Well written|Great article|Very informative}{!|.}";
  const closer =
    "{| Keep it up!| Keep up the good work.| Looking forward to the next one.| Looking forward to part two.| Bookmarked.| Thanks for sharing.| Great read.| Will share with my {team|sister|dad|book club}.}";
  const options = [
    `${opener} {The|That} {bit|part|section} {about|on} ${term} {cleared up|answered} {something I'd wondered about for ages|what the {official page|manual|leaflet} never explained}.${closer}`,
    `${opener} I {had no idea|never knew} {that|} ${claim}{.|!}${closer}`,
    `${opener} {We|I} {were|was} {just|only last week} {arguing|talking} about ${term} {at work|at dinner|with a neighbour|in our group chat}, {so the timing is perfect|and now I can settle it}.${closer}`,
    `${opener} {Your|The} {point|line} that ${claim} {is|was} {spot on|exactly right|what I needed to hear}{.|!}${closer}`,
    `{Keep it up|Keep up the good work}{!|.} {This|The} {piece|post} on ${term} is {the clearest|the best|the only readable} {one|explanation} I've {found|seen}{.|!}`,
    `{Looking forward to|Can't wait for} {the follow-up|part two|the next one}{!|.} {Especially|Particularly} {curious|keen} {how|whether} ${term} {turns out|plays out|holds up}{.|?}`,
    `{Bookmarked|Saved}{!|.} {Thanks for sharing|Great read}{,|.|—} {the|your} {notes|numbers|explanation} on ${term} {are|is} {going in|going into} {my notes|our wiki|the family group chat}{.|!}`,
  ];
  if (tip) {
    options.push(
      `${opener} ${capitalizeFirst(tip)} is {such a simple idea|something I'd never have thought of}{, going to try it {tonight|this weekend|tomorrow}|}{.|!}${closer}`,
      `${opener} {Tried|Started} ${tip} {last night|this morning|at the weekend} {and it worked|and it made a real difference|and it helped}{.|!}${closer}`,
    );
  }
  if (tip && problem) {
    options.push(`${opener} ${capitalizeFirst(tip)} {fixed|sorted|finally solved} ${problem}{.|!}${closer}`);
  }
  return draft(rng, rng.pick(options));
};

/**
 * Readers' questions and notes about the site itself: the feed, the newsletter, a dead link, a
 * follow-up, citing or translating a post, a word to the author. Spam asks about the site too
 * ("which theme do you use?", "I couldn't find your RSS feed"), and when the corpus had such
 * questions only in spam, a reader asking where the feed is was called spam outright. Readers'
 * questions are plain and tied to this post or their own use; bots' come with flattery, their own
 * blog, hosting and themes.
 */
const siteQuestion: HamGenerator = (rng, a) => {
  const term = strip(rng.pick(a.terms));
  const options = [
    `Is there an RSS feed {just for|for} the ${a.domain.replace("-", " ")} posts? {I only want|I'd like} the ${term} {ones|series|updates} in my reader.`,
    `{Is there|Do you have} a newsletter{ for new posts|}? {I'd like|I want} to {hear|know} when {the follow-up on|part two about} ${term} {is out|goes up}.`,
    `The link {to|about} ${term} in the {second|third|fourth|last} paragraph {404s|is dead|goes to a blank page} {now|for me}{.|, could you fix it?}`,
    `Will there be a follow-up on ${term}? {The last section|The ending} {felt|seemed} {cut short|unfinished}.`,
    `{Is it okay|Would it be all right|Can I} {to |}{cite|quote} the ${term} {part|section|figures} in my {thesis|dissertation|coursework|report for work}? {How|Who} should I credit{ it|}?`,
    `{Any chance of|Is there} a {printable|PDF} version of the ${term} {table|checklist|section}? {I want to|We'd like to} {stick it on the fridge|hand it out at our club|keep it in the shed}.`,
    `{I|We} {translated|would like to translate} the ${term} {part|section} for our {local|community} {group|newsletter}, {with|giving} a link back. {Is that okay|Hope that's fine}?`,
    `{Sent you an email|Emailed you} about ${term} {last week|a few days ago}{, no rush| — no rush}. {Just checking|Checking} it {didn't land in spam|arrived}.`,
    `{The comments|Comments} on the {previous|older} ${term} post {are closed|seem closed}, so asking here: {did you ever|have you} {update|updated} the {numbers|advice} {since|after} {the changes|this year}?`,
    `{Could you|Can you} {add|put} the date {at the top|to the post}? {I|i} {couldn't tell|can't tell} if the ${term} {advice|figures} {are|is} {current|still current}.`,
  ];
  return draft(rng, rng.pick(options));
};

/**
 * Readers writing in Chinese, Japanese or Korean about the post, often keeping its terms in
 * English, as technical readers do. With foreign-promo spam in the corpus, these keep "written in
 * Chinese" from meaning spam.
 */
const cjkReader: HamGenerator = (rng, a) => {
  const term = strip(rng.pick(a.terms));
  const t = rng.pick([
    `{关于|文中}${term}的{部分|解释}{很有帮助|写得很清楚|正是我需要的}，{谢谢|感谢分享|多谢}{！|。}`,
    `${term}这个{方法|建议}我{试过了|昨天试了一下}，{确实有效|问题解决了|效果不错}{。|！}`,
    `请问${term}{在Windows上|对新手|在我们这边}也{适用|有效}吗？`,
    `{我不太同意|有点不同意见}：${term}{没有文中说的那么重要|其实要看具体情况}。`,
    `${term}の{説明|部分}が{とても分かりやすかったです|本当に役に立ちました}{。|！}{ありがとうございます。|}`,
    `${term}を{試してみたら|やってみたら}{問題が解決しました|うまくいきました}{。|！}`,
    `${term}について{質問|一つ質問}です。{初心者|予算が少ない場合}でも{大丈夫|使えます}か？`,
    `${term} 부분이 {정말|많이} {도움이 됐어요|유용했어요}{. 감사합니다!|!}`,
    `${term}{ 관련해서| 말인데요,} 저는 {조금 다르게 생각해요|경험이 달랐어요}.`,
  ]);
  return draft(rng, t);
};

export const HAM_VOICE_GENERATORS: Record<string, HamGenerator> = {
  "link-reference": linkReference,
  terse,
  opinion,
  "quote-reply": quoteReply,
  offhand,
  "non-english-any": nonEnglishAny,
  "thanks-learned": thanksLearned,
  "stock-phrase-specific": stockPhraseSpecific,
  "site-question": siteQuestion,
  "cjk-reader": cjkReader,
};

export const HAM_VOICE_TARGETS: Record<string, number> = {
  "link-reference": 220,
  terse: 160,
  opinion: 200,
  "quote-reply": 160,
  offhand: 150,
  "non-english-any": 180,
  "thanks-learned": 200,
  "stock-phrase-specific": 200,
  "site-question": 100,
  "cjk-reader": 80,
};
