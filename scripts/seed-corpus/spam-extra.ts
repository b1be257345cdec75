/**
 * More spam shapes, added after leave-one-category-out showed blog-meta, article-borrow and short
 * generic praise were caught mostly through their template siblings: fluent "assistant-style"
 * praise that echoes the title or a term, vague agreement, invented personal stakes with no
 * specifics, generic questions to the author, and one-line compliments in many sentence shapes.
 * Our own wording throughout.
 */
import type { Article } from "./articles.js";
import { SPAM_KEYWORD_NAMES, spamAuthor, spamUrl } from "./authors.js";
import type { Rng } from "./random.js";
import type { DraftComment } from "./spam.js";
import { spamNoise } from "./spam.js";
import { capitalizeFirst, spin } from "./spintax.js";

type SpamGenerator = (rng: Rng, article: Article) => DraftComment;

/** Author with a keyword name and URL about half the time, which is how these earn their keep. */
function author(rng: Rng): DraftComment["author"] {
  return rng.chance(0.5) ? spamAuthor(rng, rng.pick(SPAM_KEYWORD_NAMES)) : spamAuthor(rng);
}

function maybeLink(rng: Rng, text: string, p: number): string {
  if (!rng.chance(p)) return text;
  const kw = rng.pick(SPAM_KEYWORD_NAMES);
  return `${text} ${spin(rng.pick(["{|More here: |See: |Related: |Also: }<u>", "{I also wrote about this|We cover similar topics} {here|on our site}: <u>", "<u>"]), rng).replace("<u>", spamUrl(rng, kw))}`;
}

/** Fluent, polite, vague, and echoing the article's own words: the modern generated kind. */
const fluentEcho: SpamGenerator = (rng, a) => {
  const term = a.terms[rng.int(0, a.terms.length - 1)]!.replace(/^the /i, "");
  const title = a.title;
  const text = spin(
    rng.pick([
      `This is a {really|truly|very} {insightful|thoughtful|valuable} {take|perspective|overview} on ${term}. {I especially appreciated|I really liked} how you {broke down|explained|highlighted} the key points{, it's something many people overlook|. Looking forward to more content like this|}.`,
      `{Thank you|Thanks} for {shedding light on|highlighting|addressing} ${term}. {It's|This is} {an important|a crucial|a timely} {topic|subject} {that|which} {deserves|needs} more {attention|discussion}{.|!}`,
      `"${title}" {is|was} {such|a} {well-structured|well-researched|comprehensive} {article|piece}. {The insights|Your points} {are|were} {clear|practical|easy to follow} and {valuable|helpful} for {beginners and experts alike|anyone interested in this topic}.`,
      `{I|i} {found|find} {your|this} {article|post} on ${term} {very|extremely|incredibly} {helpful|informative|engaging}. {It|This} {provides|offers} {great|valuable|practical} {insights|information|tips} {for|to} {anyone|readers} {looking to|who want to} {learn more|understand the topic better}.`,
      `{Great|Excellent|Fantastic} {insights|overview}! ${capitalizeFirst(term)} is {definitely|certainly} {a game changer|something everyone should know about|more important than most people realize}. {Thanks for sharing your expertise|Keep up the great work}{!|.}`,
      `{What a|Such a} {comprehensive|detailed|informative} {guide|breakdown}{!|.} {I've|I have} {learned|gained} {a lot|so much} about ${term} {from|through} {this|your post}. {Bookmarking|Saving} {it|this} for {future reference|later}{!|.}`,
      `{Your|This} {explanation|discussion} of ${term} {really|truly} {resonated with me|hit home|stood out}. {It's|It is} {refreshing|rare} to {see|find} {such|this kind of} {quality|thoughtful} content {online|these days}.`,
    ]),
    rng,
  );
  return { content: spamNoise(maybeLink(rng, text, 0.35), rng), author: author(rng) };
};

/** Agreement that commits to nothing. */
const vagueAgree: SpamGenerator = (rng) => {
  const text = spin(
    rng.pick([
      "{I|i} {completely|totally|fully} agree with {what you said|your points|you} {here|in this post}{.|!} {More people|Everyone} {need|needs} to {hear|read} this.",
      "{So|Very|Really} true{!|.} {I've|I have} {always|often} {thought|felt|said} the same{, but you|. You} {put|explained} it {perfectly|so well|better than I could}.",
      "{This|That} is {exactly|precisely} {what I was thinking|my opinion|how I feel}{.|!} {Couldn't|Could not} {agree|have said it} {more|better}.",
      "{You|You've} {hit|nailed} the nail on the head {with this one|here|again}{.|!}",
      "{Well|Very well} said{.|!} {Not many|Few} {people|bloggers|writers} {have|would have} the {courage|honesty} to {say|write} {this|it}.",
      "{Spot on|100% right|Absolutely right}{.|!} {I|i} {could not|couldn't} {have|} {said|written} it {better|any better} myself{.|!}",
      "{Agree|Agreed} with {every|each} {word|point}{.|!} {Sharing|I'm sharing} {this|it} {now|right away}.",
    ]),
    rng,
  );
  return { content: spamNoise(maybeLink(rng, text, 0.25), rng), author: author(rng) };
};

/** Invented personal stakes with nothing checkable in them. */
const fakePersonal: SpamGenerator = (rng) => {
  const text = spin(
    rng.pick([
      "{I have been|I've been} {reading|following} your {blog|posts|site} for {a while|years|some months} {now|} and {this one|this post|today's post} {is|might be} {my favorite|the best so far|my favourite}{.|!} {Keep going|Keep it up}{!|.}",
      "My {husband|wife|son|daughter|friend} {sent|shared|forwarded} me {this|your} {post|link} and {I'm|I am} so {glad|happy} {she|he|they} did{.|!} {Very|Really} {helpful|useful} {for|to} {our family|us|me}.",
      "{I was|I've been} {going through|dealing with} {a hard time|the same situation|exactly this} {recently|lately|this year} and {your|this} {post|words|article} {really|truly} {helped|encouraged} me{.|!} {Thank you|God bless you}.",
      "{As a|Being a} {student|beginner|mother of three|small business owner}, {I|i} {find|found} {this|your article} {very|really|super} {relatable|useful|practical}{.|!} {Thanks|Thank you} {for writing|for sharing} it.",
      "{This|Your post} {came|arrived} at the {perfect|right} {time|moment} for me{.|!} {I|i} {needed|was needing} {this|to read this} {today|so much}.",
      "{I|i} {showed|read} {this|it} to my {team|class|colleagues|mom} and {everyone|they all} {loved|liked} it{.|!} {Thank you|Thanks} {so much|a lot}{!|.}",
    ]),
    rng,
  );
  return { content: spamNoise(maybeLink(rng, text, 0.3), rng), author: author(rng) };
};

/** Questions to the author that any page would fit. */
const genericQuestion: SpamGenerator = (rng) => {
  const text = spin(
    rng.pick([
      "{Nice|Great|Good} {post|article}{!|.} {Can|Could} {you|u} {write|make} {more|a post} {about|on} {this|this topic} {please|soon}?",
      "{Is there|Do you have} {a part 2|a second part|a follow up|more} {on|about} {this|this topic}? {Would|I would} {love|like} to {read|see} {it|more}{.|!}",
      "{How|Where} {can|do} {I|i} {learn|find} more {about|on} {this|this topic|these things}? {Any|Do you have} {books|courses|resources} {you recommend|to recommend}?",
      "{Hello|Hi}{,|!} {how long|how many years} {have you been|did you spend} {writing|blogging|working on this}? {Your|The} {content|posts} {are|is} {so|very} {good|professional}{.|!}",
      "{Can I|May I} {translate|repost|quote} {this|your article} {on|to} my {blog|site|page} {with|giving} credit{?| to you?}",
      "{Where|How} did you {get|find} {all|this} {information|info|data}? {Very|Really} {impressive|detailed}{!|.}",
    ]),
    rng,
  );
  return { content: spamNoise(maybeLink(rng, text, 0.3), rng), author: author(rng) };
};

/** One-line compliments in shapes the short-generic templates never used. */
const oneLiner: SpamGenerator = (rng) => {
  const text = spin(
    rng.pick([
      "{Exactly|Just} what I {needed|was looking for} {today|right now}{!|.|, thanks}",
      "{Love|Loving} {this|it|your work}{!|!!|.| so much}",
      "{Brilliant|Top|Quality} {stuff|content|work} {as always|as usual|again}{!|.}",
      "{Learned|Learnt} {something|a lot} {new|today}{, thanks|!|.}",
      "{So|Very} {well|nicely} {written|put together}{!|.}",
      "{Useful|Handy|Helpful} {info|information|read}{, cheers|!|.}",
      "{Best|Greatest} {post|article|blog} {ever|I've read|on the internet}{!|!!|.}",
      "{Thank you|Thanks} {so much|a lot|a ton}{, very|! Very|.} {helpful|useful|informative}{!|.|}",
      "{Amazing|Wonderful|Superb} {information|content|work}{, admin|, sir|, dear|}{!|.}",
      "{Simply|Just} {awesome|superb|brilliant}{!|.|!!}",
      "{10/10|5 stars|A+} {post|article|content}{!|.}",
      "{Such|What} a {nice|great|lovely} {read|article}{!|.}",
    ]),
    rng,
  );
  return { content: spamNoise(text, rng), author: author(rng) };
};

/**
 * Promotions in other languages that carry a phone number or a messenger handle instead of a
 * link (diplomas, loans, betting, SEO, "recovery" services). The first seed corpus had foreign
 * spam only as link drops, so a Russian or Chinese advert without a link read as an ordinary
 * foreign comment.
 */
const FOREIGN_PROMO = [
  "{Купить|Заказать} {диплом|аттестат|справку|права} {недорого|быстро|с доставкой|без предоплаты}{.|!} {Звоните|Пишите|Обращайтесь}: <contact>",
  "{Займы|Кредиты|Деньги} {на карту|онлайн|до зарплаты} {без отказа|без проверок|за 5 минут}{!|.} {Пишите в Telegram|Звоните} <contact>",
  "{Продвижение|Раскрутка} {сайтов|групп|каналов} {в топ|недорого}{, гарантия результата|. Гарантия}{!|.} <contact>",
  "{专业|正规}{SEO优化|网站推广|刷粉丝}，{快速|三天}{提升排名|见效}，{联系|加}{微信|QQ}：<contact>",
  "{代写|代考}{论文|作业}，{原创|保过}，{价格优惠|当天交付}，{微信|QQ}：<contact>",
  "{网赚|兼职}{项目|日结}，{每天|轻松}{赚|收入}{300|500}元，{有意者|感兴趣的}{加微信|联系}<contact>",
  "{副業|在宅ワーク}で{月収|毎月}{30万円|50万円}{以上|可能}！{詳しくは|お問い合わせは}LINE：<contact>",
  "{Jasa|Layanan} {SEO|backlink|pinjaman online} {murah|terpercaya}{, hubungi|. Hubungi} {WA|WhatsApp} <contact>",
  "{Slot|Togel|Judi bola} {gacor|online} {terpercaya|hari ini}{, daftar|. Daftar} {lewat|via} {WA|Telegram} <contact>",
  "{Vay tiền|Cho vay} {nhanh|online} {không thế chấp|lãi suất thấp}{, liên hệ|. Liên hệ} {Zalo|SĐT} <contact>",
  "{Préstamos|Créditos} {sin aval|rápidos|sin buró}{, escríbenos|. Escríbenos} {al WhatsApp|por WhatsApp} <contact>",
  "{Recupere|Recuperamos} {seu dinheiro|suas criptomoedas} {perdido em golpes|de corretoras falsas}{. Fale|, fale} {no WhatsApp|conosco} <contact>",
  "{Bahis|Casino} {bonusu|siteleri} {için|icin} {Telegram|WhatsApp} {grubumuza|kanalımıza} {katılın|gelin}: <contact>",
  "{Pozycjonowanie|Pożyczki} {stron|online} {tanio|bez BIK}{, zadzwoń|. Zadzwoń}: <contact>",
  "{Great|Nice} {post|article}{!|.} {请加微信|Пишите в Telegram|Hubungi WA} <contact> {了解更多|для деталей|untuk info}",
];

function contact(rng: Rng): string {
  const handle = `${rng.pick(["seo", "vip", "pro", "money", "help", "bet", "win", "best"])}${rng.int(10, 9999)}`;
  return rng.pick([
    handle,
    `@${handle}`,
    `+${rng.pick(["7", "86", "62", "84", "55", "90", "48", "52", "1"])} ${rng.int(100, 999)} ${rng.int(100, 999)} ${rng.int(10, 99)} ${rng.int(10, 99)}`,
    `${rng.int(1000000, 9999999)}${rng.int(100, 999)}`,
    `t.me/${handle}`,
  ]);
}

const foreignPromo: SpamGenerator = (rng) => {
  const text = spin(rng.pick(FOREIGN_PROMO), rng).replace("<contact>", contact(rng));
  return { content: text, author: rng.chance(0.5) ? spamAuthor(rng) : { name: rng.pick(["Алексей", "王经理", "Budi", "Minh", "Carlos", "SEO", "Кредит", "代写"]) } };
};

export const SPAM_EXTRA_GENERATORS: Record<string, SpamGenerator> = {
  "fluent-echo": fluentEcho,
  "vague-agree": vagueAgree,
  "fake-personal": fakePersonal,
  "generic-question": genericQuestion,
  "one-liner": oneLiner,
  "foreign-promo": foreignPromo,
};

export const SPAM_EXTRA_TARGETS: Record<string, number> = {
  "fluent-echo": 200,
  "vague-agree": 120,
  "fake-personal": 140,
  "generic-question": 110,
  "one-liner": 120,
  "foreign-promo": 100,
};
