/**
 * Spam comment generators, one per category slug. Each returns the text and
 * an author; `generate.ts` decides how many of each and attaches context.
 */
import type { Article } from "./articles.js";
import { type Author, SPAM_KEYWORD_NAMES, spamAuthor, spamDomain, spamUrl } from "./authors.js";
import type { Rng } from "./random.js";
import { BLOG_META, CLOSERS, OPENERS, PRAISE } from "./spam-phrases.js";
import { capitalizeFirst, curlyQuotes, spin, squashSpaces, titleCase, typo } from "./spintax.js";

export interface DraftComment {
  content: string;
  author?: Author;
  /** Set to false for lines that should never carry a context (e.g. off-site pings). */
  allowContext?: boolean;
}

type SpamGenerator = (rng: Rng, article: Article) => DraftComment;

/** Bot-ish surface noise: casing, spacing, quotes, typos, trailing punctuation. */
export function spamNoise(text: string, rng: Rng): string {
  let out = text.replace(/\s+/g, " ").trim();
  out = out.replace(/ ([.,!?])/g, "$1");
  if (rng.chance(0.15)) out = typo(out, rng);
  if (rng.chance(0.08)) out = typo(out, rng);
  const casing = rng.next();
  if (casing < 0.1) out = out.toLowerCase();
  else if (casing < 0.14) out = titleCase(out);
  else if (casing < 0.16) out = out.toUpperCase();
  if (rng.chance(0.08)) out = squashSpaces(out);
  if (rng.chance(0.3)) out = curlyQuotes(out);
  if (rng.chance(0.05)) out = out.replace(/\.$/, "...");
  if (rng.chance(0.04)) out = out.replace(/[.!]?$/, "!!!");
  if (rng.chance(0.04)) out = out.replace(/\. /g, ".  ");
  return out;
}

function praiseBlock(rng: Rng, min: number, max: number): string {
  const parts: string[] = [];
  if (rng.chance(0.45)) parts.push(spin(rng.pick(OPENERS), rng));
  const sentences = rng.sample(PRAISE, rng.int(min, max)).map((t) => capitalizeFirst(spin(t, rng)));
  parts.push(...sentences);
  if (rng.chance(0.35)) parts.push(spin(rng.pick(CLOSERS), rng));
  return parts.join(rng.chance(0.9) ? " " : "\n");
}

const genericPraise: SpamGenerator = (rng) => ({
  content: spamNoise(praiseBlock(rng, 1, 4), rng),
  author: spamAuthor(rng),
});

/** The hardest spam: one short line of praise that names nothing. */
const shortGeneric: SpamGenerator = (rng) => {
  const text = spin(
    rng.pick([
      "{Great|Nice|Good|Awesome|Excellent|Superb|Cool|Lovely} {post|article|read|blog|info|share}{!|.|!!| :)|}",
      "{Thanks|Thank you|Thx|Many thanks} for {sharing|posting|this|the info|the information}{!|.| :)|}",
      "{Very|Really|So} {informative|helpful|useful|nice|interesting}{!|.|!!|, thanks|, thank you}",
      "{Nice|Good|Great} {job|work}{!|.|, keep it up!|, keep going}",
      "{Keep|Continue} {it up|posting|writing|sharing}{!|.|!!}",
      "{I|i} {like|love|enjoyed} {this|it|your post}{!|.|, thanks}",
      "{Wow|Woww|Amazing|Awesome}{!|!!|, just wow| article}",
      "{This|It} {helped|helps} {me|a lot}{!|.|, thanks}",
      "{Interesting|Nice} {points|topic|read}{, thanks|. Thanks|!}",
      "{Bookmarked|Saved}{!|.| for later.}",
      "{Well|Nicely} {said|written|explained}{!|.}",
      "{Good|Great} {stuff|content}{, thank you|!|.}",
    ]),
    rng,
  );
  return { content: spamNoise(text, rng), author: spamAuthor(rng) };
};

const blogMeta: SpamGenerator = (rng) => {
  const main = spin(rng.pick(BLOG_META), rng);
  const extra = rng.chance(0.3) ? " " + capitalizeFirst(spin(rng.pick(PRAISE), rng)) : "";
  return { content: spamNoise(main + extra, rng), author: spamAuthor(rng) };
};

function linkPhrase(rng: Rng, url: string, keyword: string): string {
  return spin(
    rng.pick([
      `{Also|And} {visit|check} my {site|web site|blog|page}: ${url}`,
      `{Here is|Here's|Also see} my {web site|blog post|webpage|homepage} ... ${url}`,
      `{Feel free to|Please} {visit|surf to|check out} my {site|blog|web-site} ${url}`,
      `${url}`,
      `${url} - ${keyword}`,
      `{My|my} {site|blog|page}: ${keyword} (${url})`,
      `{See|Look at} {also|more} here: ${url}`,
      `<a href="${url}">${keyword}</a>`,
      `[url=${url}]${keyword}[/url]`,
      `Also {visit|read} my {blog|site} about ${keyword}{.|:} ${url}`,
    ]),
    rng,
  );
}

const praiseLink: SpamGenerator = (rng) => {
  const keyword = rng.pick(SPAM_KEYWORD_NAMES);
  const url = spamUrl(rng, keyword);
  const sep = rng.pick([" ", "\n", "\n\n", " "]);
  const text = spamNoise(praiseBlock(rng, 1, 3), rng) + sep + linkPhrase(rng, url, keyword);
  return { content: text, author: spamAuthor(rng, rng.chance(0.6) ? keyword : undefined) };
};

/** Praise with no link in the body: the link lives in the author's name and URL. */
const praiseKeywordAuthor: SpamGenerator = (rng) => {
  const keyword = rng.pick(SPAM_KEYWORD_NAMES);
  return {
    content: spamNoise(praiseBlock(rng, 1, 3), rng),
    author: { name: keyword, email: `${rng.pick(["info", "contact", "admin", "sales", "seo"])}@${spamDomain(rng, keyword)}`, url: spamUrl(rng, keyword) },
  };
};

interface Vertical {
  slug: string;
  keywords: string[];
  templates: string[];
}

const PHONE = (rng: Rng): string =>
  rng.pick([
    `+1-8${rng.int(0, 8)}${rng.int(0, 9)}-${rng.int(200, 999)}-${rng.int(1000, 9999)}`,
    `1 (8${rng.int(0, 8)}${rng.int(0, 9)}) ${rng.int(200, 999)} ${rng.int(1000, 9999)}`,
    `+44 ${rng.int(7000, 7999)} ${rng.int(100000, 999999)}`,
    `+1 8${rng.int(0, 8)}${rng.int(0, 9)} ${rng.int(200, 999)} ${rng.int(1000, 9999)}`,
    `+91 ${rng.int(70000, 99999)} ${rng.int(10000, 99999)}`,
  ]);

const VERTICALS: Vertical[] = [
  {
    slug: "promo-pharma",
    keywords: ["buy viagra online", "cialis generic", "tramadol no prescription", "cheap pharmacy", "generic levitra", "buy modafinil", "xanax online"],
    templates: [
      "{Buy|Order|Purchase} <kw> {without prescription|with no prescription|overnight delivery|at the lowest price}{!|.} {Discreet packaging|Fast shipping|Worldwide delivery}{, 24/7 support|, no hidden fees|}{.|!} <url>",
      "<kw> {best price|cheapest|discount} {online|today}: <url> {Save up to|Get} {50|70|80}% {off|discount}{!|.}",
      "{Looking for|Need} <kw>? {Trusted|Licensed|Certified} {online pharmacy|drugstore|pharmacy} {with|offering} {free shipping|bonus pills|a 10% coupon}. {Visit|Go to|Order at} <url>",
      "{hello|hi}! <kw> <url> {generic|brand} {pills|tablets} {100mg|50mg|20mg} {cheap|best offer}",
      "{Men's health|Erectile problems|Anxiety|Pain relief|Sleep problems}? {Try|Get} <kw> {today|now}{,| -} {no doctor visit needed|no questions asked|fast results}. <url>",
    ],
  },
  {
    slug: "promo-casino",
    keywords: ["online casino bonus", "slot gacor", "situs judi online", "best betting sites", "free spins no deposit", "sports betting tips", "poker online"],
    templates: [
      "{Get|Claim|Grab} {200|100|500} free spins {no deposit|on sign up|today}{!|.} {Best|Top} <kw> {2024|2025|this month}: <url>",
      "{Play|Join} {now|today} {and|to} {win|get} {big|real money|a 300% welcome bonus}{!|.} <kw> {at|->|:} <url>",
      "<kw> {terpercaya|gampang menang|resmi} {2024|2025}, {daftar sekarang|login di sini}: <url>",
      "I {won|made} {$2,300|$850|€1,200|£500} {last night|this week|yesterday} on <kw>, {no joke|seriously|true story}. {Check it|Try it|Link}: <url>",
      "{Best|Highest} {odds|RTP|payouts} {for|on} {football|slots|roulette|live blackjack}{!|.} {Sign up|Register} {at|here} <url> {and use code|with promo code} {WIN{100|200|500}|BONUS{50|77}}",
    ],
  },
  {
    slug: "promo-crypto",
    keywords: ["crypto recovery expert", "forex signals", "bitcoin investment", "recover scammed funds", "binary options", "crypto trading bot"],
    templates: [
      "I {lost|was scammed out of} {$45,000|$120,000|£30,000|$8,700} {to|in} a {fake|fraudulent} {crypto|forex|binary options} {platform|broker}. {Thanks to|I was lucky to find} {Mr|Dr|Agent} {Kelvin|Morris|Scott|Ramsey|Jerry} {at|from} <url> {I got|I recovered|they helped me recover} {every cent|all my money|my funds} {within|in} {48 hours|72 hours|a week}. {Contact|Reach} them {on WhatsApp|by email|on Telegram}: {+1 {202|310|415} {555|762|914} {0134|2290|8871}|recovery{desk|team}@{protonmail.com|gmail.com}}",
      "{I started|Started} {investing|trading} with {$500|$1000|$300} and now {I earn|I make} {$5,000|$7,800|$12,000} {weekly|every week|monthly} {thanks to|with} {Mrs|Mr|Expert} {Olivia|Daniel|Maria|Anderson}{!|.} {She|He} {is|is a} {genius|legit|trustworthy}. {Contact|Message} on {Telegram|WhatsApp} or {visit|check} <url>",
      "<kw>: {100% accurate|guaranteed|daily} {signals|profits|returns} {of|up to} {30|40|15}% {per week|weekly|a month}. {Join|Join our VIP channel} {now|free}: <url>",
      "{Beware|Be careful} of {fake|scam} {brokers|investment sites}, {I|i} {almost|nearly} lost {everything|my savings}. {If you've been|Anyone} scammed, <kw> {at|on} <url> {can help|helped me}{.|!}",
      "{Bitcoin|BTC|Ethereum} {is going to|will} {moon|explode|10x} {this year|soon}{!|.} {Don't miss|Get in} {early|now} with {our|this} {AI|auto} trading bot: <url>",
    ],
  },
  {
    slug: "promo-essay",
    keywords: ["essay writing service", "Assignment Help", "write my essay", "dissertation help", "homework help online", "cheap essay writer"],
    templates: [
      "{Struggling|Stuck} with {your|an} {essay|assignment|dissertation|homework}? {Our|Professional} {writers|experts|PhD writers} {can|will} {write|finish} it {in|within} {3|6|24} hours{!|.} {Plagiarism free|100% original|On time guarantee}: <url>",
      "{I|i} {used|tried} <kw> {for|on} my {final essay|term paper|nursing assignment} and {got|received} an {A|A+|80%}{!|.} {Highly recommend|Totally worth it}: <url>",
      "<kw> | {Cheap|Affordable} {prices|rates} {from|starting at} ${9|12|15} per page | {24/7|Round the clock} {support|service} | <url>",
      "{Students|Student}, {need|want} {help|someone} {to|who can} {do|write} your {assignment|essay|coursework}? {Contact|Visit} <url> {and get|for} {20|15|25}% off your first order{.|!}",
    ],
  },
  {
    slug: "promo-techsupport",
    keywords: ["printer support", "QuickBooks support number", "Outlook customer service", "router setup help", "antivirus support", "airline customer care"],
    templates: [
      "{Printer|HP printer|Canon printer|Epson printer} {offline|not printing|showing error}? {Call|Dial} {our|the} {toll free|24/7|free} {support|helpline} {number|line} <phone> {for|to get} {instant|quick|immediate} {help|fix|assistance}.",
      "{QuickBooks|Outlook|Gmail|Norton|McAfee} {not working|error|login problem}? {Call|Contact} <kw> {at|on} <phone>{,| -} {certified|expert} {technicians|agents} {available|online} {24/7|round the clock}.",
      "{For|To} {any|all} {issues|problems} with {your|} {router|Wi-Fi extender|email account|antivirus}, {call|dial} <phone> {or visit|or go to|.} <url>",
      "{Need to|Want to} {change|cancel|book} {your|a} {flight|ticket|booking}? {Call|Dial} <phone> {to talk to|and speak with} a {live agent|real person} {now|24/7}{.|!}",
    ],
  },
  {
    slug: "promo-loans",
    keywords: ["payday loans no credit check", "fast cash loans", "home loans", "bad credit loans", "instant personal loan"],
    templates: [
      "{Need|Get} {cash|money} {fast|today|now}? <kw> {approved|approval} {in|within} {5|10|15} minutes, {no credit check|bad credit OK|no paperwork}. {Apply|Apply now}: <url>",
      "{Are you in need of|Do you need|In need of} a {loan|financial help|personal loan}? We offer {loans|business loans|personal loans} at {2|3}% interest rate. {Contact us|Email us} {at|via} {loan{s|}{office|service}{24|365}@{gmail.com|outlook.com}|<url>}",
      "<kw> {up to|from $100 to} {$5000|$2500|$10,000} {same day|next day} {deposit|funding}{.|!} <url>",
      "{Get|Grab} {a|your} {loan|cash advance} {with no|without} {collateral|guarantor|credit history}{!|.} {Fast|Easy} {online|mobile} {application|approval}: <url>",
    ],
  },
  {
    slug: "promo-replica",
    keywords: ["replica rolex", "cheap designer bags", "fake watches", "replica handbags", "cheap jordans", "wholesale sunglasses"],
    templates: [
      "<kw> {at|for} {wholesale|factory|discount} {prices|price}{!|.} {AAA|1:1|Top} quality, {free shipping|worldwide delivery}{.|!} <url>",
      "{Best|Top|Highest} {quality|grade} <kw> {online|store|shop}{,| -} {Swiss movement|genuine leather|authentic look} {at|for} {10|20|5}% of the {retail|store} price: <url>",
      "{cheap|discount} <kw> {sale|outlet|clearance} {up to|} {70|80|90}% off <url> <url2>",
    ],
  },
  {
    slug: "promo-weightloss",
    keywords: ["keto diet pills", "weight loss tips", "cbd gummies", "fat burner", "detox tea", "semaglutide online"],
    templates: [
      "I {lost|dropped} {14|22|30|9} {kg|lbs|pounds} in {3|5|8} weeks {without|with no} {diet|exercise|gym} using <kw>{!|.} {Read|See} {my story|how} here: <url>",
      "{Doctors|Nutritionists|Experts} {hate|don't want you to know} this {one|simple} {trick|secret} {for|to} {burn|melt} belly fat{!|.} <url>",
      "<kw> {official|100% natural|clinically proven} {formula|product}, {buy|order} {3|2} {get|and get} {1|2} free: <url>",
      "{Want|Looking} to {lose weight|slim down|get in shape} {fast|before summer}? {Try|Use} <kw>{,| -} {it works|real results|no side effects}{!|.} <url>",
    ],
  },
  {
    slug: "promo-dating",
    keywords: ["dating site free", "meet singles", "hot girls online", "adult chat", "sugar daddy site"],
    templates: [
      "{Hi|Hey|Hello} {dear|handsome|there}, {I am|I'm} {Anna|Katya|Jenny|Lily|Sofia}, {23|25|28} {years old|y.o.}{.|!} {Lonely|Bored} {tonight|this evening}{?|...} {Write|Message} me {here|on my profile}: <url>",
      "{Meet|Find|Chat with} {hot|beautiful|lonely} {singles|girls|women} {in your area|near you|tonight}{!|.} {Free|No credit card} {registration|signup}: <url>",
      "<kw> {100% free|best in 2025|top rated}{.|!} {Thousands|Millions} of {real|verified} {profiles|members}{!|.} <url>",
    ],
  },
  {
    slug: "promo-followers",
    keywords: ["cheap instagram followers", "tiktok views", "buy youtube subscribers", "twitter followers", "buy google reviews"],
    templates: [
      "{Buy|Get} {real|active|organic} {Instagram|TikTok|YouTube|Twitter} {followers|likes|views|subscribers} {from|starting at} ${1|2|5}{.|.99}{!|.} {Instant delivery|Delivery in minutes|No password needed}: <url>",
      "{Want to|Wanna} {go viral|grow your account|be famous}? <kw> {at|from} <url>{,| -} {cheapest|best} {prices|price} {online|guaranteed}{.|!}",
      "{Boost|Grow} your {business|page|brand} with {5-star|positive} {Google|Trustpilot|Yelp} reviews{.|!} {Contact|Visit} <url>",
    ],
  },
  {
    slug: "promo-seo",
    keywords: ["buy backlinks", "seo services london", "guest post service", "high DA backlinks", "local SEO agency"],
    templates: [
      "{Hi|Hello} {admin|webmaster|site owner}, {your|this} {site|website} {is not|isn't} {ranking|showing} {on|in} {Google|the first page} for {many|important} keywords. {We|I} {can|will} {fix|improve} {that|this} {in|within} {30|60|90} days{.|!} {Reply|Contact us} {or visit|at} <url>",
      "{Get|Buy} {high DA|DA 50+|quality|permanent} {backlinks|dofollow links|guest posts} {from|for} ${10|20|5} {each|only}{!|.} <kw>: <url>",
      "{I|We} {noticed|saw} {your|this} {website|blog} {could use|needs} {more|better} {traffic|visitors}. {Our|My} {team|agency} {offers|provides} {SEO|link building|content marketing} {at affordable prices|with guaranteed results}. <url>",
      "<kw> {|-} {rank #1|first page} {on|in} Google {guaranteed|or your money back}{.|!} {Free|Get a free} {audit|analysis}: <url>",
    ],
  },
  {
    slug: "promo-services",
    keywords: ["web design agency", "Plumber Near Me", "garage door repair houston", "Roofing Contractors", "HVAC repair", "custom boxes wholesale", "house cleaning services", "personal injury lawyer", "locksmith 24/7", "Wedding Photographer", "pressure washing services"],
    templates: [
      "{Looking for|Need|Searching for} {a|an} {reliable|affordable|trusted|local} <kw>? {We|Our team} {offer|provides} {same-day|free|24/7} {service|quotes|estimates} {in|across} {Houston|Dallas|London|Sydney|Toronto|your area}{.|!} <url>",
      "<kw> {|in {Houston|Manchester|Melbourne|Phoenix}} {- |: |}{call|contact} {us|today} {at|on} <phone> {or visit|or} <url>",
      "{Best|Top rated|#1} <kw> {in town|near you|2025}{.|!} {Free|No obligation} {quote|estimate|consultation}: <url>",
      "{Thanks for the|Nice|Great} {post|info}{!|.} {If|For} {anyone|readers} {needs|need} <kw>{,| -} {check|visit|try} <url>",
    ],
  },
];

function fillPromo(template: string, rng: Rng, keyword: string): string {
  const url = spamUrl(rng, keyword);
  return spin(template, rng)
    .replace(/<kw>/g, keyword)
    .replace(/<url2>/g, spamUrl(rng, keyword))
    .replace(/<url>/g, url)
    .replace(/<phone>/g, PHONE(rng))
    
}

function promo(vertical: Vertical): SpamGenerator {
  return (rng) => {
    const keyword = rng.pick(vertical.keywords);
    let text = fillPromo(rng.pick(vertical.templates), rng, keyword);
    if (rng.chance(0.2)) text = capitalizeFirst(spin(rng.pick(PRAISE), rng)) + " " + text;
    return { content: spamNoise(text, rng), author: spamAuthor(rng, rng.chance(0.5) ? keyword : undefined) };
  };
}

const selfPromo: SpamGenerator = (rng) => {
  const channel = rng.pick(["TechWithRaj", "Daily Motivation 4U", "LilMixx", "GamerBoyz", "CookingWithNana", "cryptoking", "Fit with Leah", "DJ K-Blaze", "ASMR sleepy", "prank squad"]);
  const platform = rng.pick(["YouTube", "TikTok", "Instagram", "Twitch", "Spotify", "SoundCloud"]);
  const handle = channel.toLowerCase().replace(/[^a-z0-9]/g, "");
  const link = rng.pick([`https://youtube.com/@${handle}`, `https://www.tiktok.com/@${handle}`, `https://instagram.com/${handle}`, `https://twitch.tv/${handle}`, `https://soundcloud.com/${handle}`, ""]);
  const text = spin(
    rng.pick([
      `{Hey|Hi} {guys|everyone|all}{!|,} {please|pls|plz} {check out|subscribe to|follow} my {channel|page|music} on ${platform}{,| -} {it would mean a lot|I'm trying to reach 1k|every sub helps}{!|!!| :)} ${link}`,
      `{Nice|Good|Cool} {post|video|article}{!|.} {I|i} {make|post} {similar|videos about|content about} {this|stuff like this} {on|over on} my ${platform}{,| -} ${channel}{, come say hi!|. Subscribe!|!}`,
      `{Sub to|Subscribe to|Follow} ${channel} {on ${platform}|} {for|and get} {daily|weekly|new} {videos|content|uploads}{!!|!|.} {I|i} {follow back|sub back|will sub back}{!|.}`,
      `{anyone|who} {wants|want} to {sub4sub|follow for follow|f4f}? {comment|reply} {below|here} {and|&} {I'll|i will} {sub|follow} {back|you back} ${link}`,
      `{My|my} {new|latest} {song|track|mixtape|beat} {just|} {dropped|is out} {on|at} ${platform}{!|!!} {Go|Please go} {listen|stream it} {and|&} {tell me|let me know} what you think ${link}`,
      `{Please|Pls} {watch|check} my {latest|newest} {video|upload|stream}, {I|i} {worked|spent} {really|so} hard on it {and|but} {nobody|no one} {watches|has seen it} {:(|lol|...} ${link}`,
      `{Hi|Hey}, {I|i} {started|just started} a {small|new} ${platform} {channel|page} {about|on} {${rng.pick(["cooking", "gaming", "tech reviews", "fitness", "makeup", "travel vlogs"])}}{. Would love|, would love} {some|your} {support|feedback}{!|.} ${link}`,
    ]),
    rng,
  ).trim();
  return { content: spamNoise(text, rng), author: rng.chance(0.6) ? { name: channel, url: link || undefined } : spamAuthor(rng) };
};

/** Short link-drops written in other languages (our own wording). */
const FOREIGN_TEMPLATES = [
  "{Отличная|Хорошая|Полезная} {статья|статья, спасибо}{!|.} {Заходите|Смотрите также} {на мой сайт|сюда}: <url>",
  "{Купить|Заказать} {диплом|справку|права} {недорого|быстро|без предоплаты} {—|-} <url>",
  "{Лучшие|Самые выгодные} {кредиты|займы} {онлайн|на карту} {без отказа|за 5 минут}: <url>",
  "{很好的|非常好的}{文章|分享}，{谢谢|感谢}！{欢迎访问|请看}{我的网站|这里}：<url>",
  "{在线|正规}{博彩|娱乐}{平台|网站}，{注册就送|首充优惠} {88|188}元：<url>",
  "{Excelente|Muy buen} {artículo|post|aporte}{!|,} {gracias|muchas gracias} por {compartir|la información}. {Visita|Mira} {mi página|mi web}: <url>",
  "{Préstamos|Créditos} {rápidos|sin aval} {en|por} {24 horas|minutos}, {aprobación inmediata|sin buró}: <url>",
  "{Ótimo|Excelente|Muito bom} {artigo|post|conteúdo}{!|,} {parabéns|obrigado} {pelo blog|pela informação}. {Confira|Veja} {também|} <url>",
  "{Ganhe|Fature} {dinheiro|R$ 500 por dia} {em casa|trabalhando pela internet}{!|.} {Saiba mais|Clique aqui}: <url>",
  "{Artikel|Tulisan} {yang|nya} {sangat|sungguh} {bagus|menarik|bermanfaat}{!|,} {terima kasih|makasih} {sudah berbagi|infonya}. {Kunjungi juga|Mampir ke} <url>",
  "{Situs|Agen} {slot|togel|judi bola} {terpercaya|terbaik} {2024|2025}, {bonus new member|deposit pulsa} {100%|50%}: <url>",
  "{Bài viết|Bài} {rất hay|hữu ích quá}{!|,} {cảm ơn|cám ơn} {bạn|admin} {đã chia sẻ|nhiều}. {Tham khảo thêm|Xem thêm} {tại|ở} <url>",
  "{Dịch vụ|Chuyên} {SEO|thiết kế web|vay tiền nhanh} {uy tín|giá rẻ} {tại|ở} {Hà Nội|TP.HCM}: <url>",
  "{Świetny|Bardzo dobry|Ciekawy} {artykuł|wpis}{!|,} {dzięki|dziękuję} za {informacje|udostępnienie}. {Zapraszam|Zapraszam też} {na|do} <url>",
  "{Tanie|Szybkie} {pożyczki|chwilówki} {bez BIK|online} {— |- }{sprawdź|kliknij}: <url>",
  "{Sehr|Wirklich} {guter|toller|informativer} {Artikel|Beitrag}{!|,} {Danke|Vielen Dank}. {Besuchen Sie auch|Schauen Sie mal auf} {meine Seite|meinen Blog}: <url>",
  "{Très|Vraiment} {bon|bel|intéressant} {article|billet}{!|,} {merci|merci beaucoup} {pour le partage|pour les infos}. {Visitez|Voir aussi} <url>",
  "{素晴らしい|とても良い}{記事|ブログ}ですね！{私のサイトも|こちらも}{見てください|ご覧ください}：<url>",
  "{Makala|Habari} {nzuri sana|bora}{!|,} {asante|ahsante} kwa {kushiriki|taarifa}. {Tembelea|Angalia} <url>",
  "{Harika|Çok güzel} {bir yazı|makale}{!|,} {teşekkürler|sağolun}. {Bahis|Casino} {siteleri|bonusları} {için|icin}: <url>",
];
const FOREIGN_KEYWORDS = ["kupit-diplom", "zaimy-online", "bocai88", "prestamos-rapidos", "ganhe-dinheiro", "slot-gacor", "dich-vu-seo", "pozyczki-bez-bik", "bahis-siteleri", "haber-portal", "casino-jp"];

const foreignLink: SpamGenerator = (rng) => {
  const kw = rng.pick(FOREIGN_KEYWORDS);
  const url = `${rng.pick(["http://", "https://"])}${kw}${rng.pick(["", "24", "-top", "1"])}.${rng.pick(["ru", "cn", "com", "xyz", "vn", "pl", "id", "br", "top", "info"])}${rng.pick(["", "/", "/?id=" + rng.int(1, 9999)])}`;
  const text = spin(rng.pick(FOREIGN_TEMPLATES), rng).replace("<url>", url);
  return { content: text, author: rng.chance(0.7) ? { name: kw.replace(/-/g, " "), url } : spamAuthor(rng) };
};

/** Spam that lifts the article's own words to look on-topic. */
const articleBorrow: SpamGenerator = (rng, article) => {
  const term = rng.pick(article.terms).replace(/^the /, "");
  const keyword = rng.pick([term, article.domain.replace("-", " "), rng.pick(SPAM_KEYWORD_NAMES)]);
  const url = spamUrl(rng, rng.chance(0.5) ? `best ${term}` : keyword);
  const text = spin(
    rng.pick([
      `{Great|Nice|Awesome|Informative} {article|post|read} on ${term}{!|.} For the {best|top|cheapest} ${term} {tools|deals|products|services} {visit|check out|see} ${url}`,
      `{Thanks|Thank you} for {this|the} {post|article} about "${article.title}". {We|Our company} {also|} {offer|provide|sell} ${term} {solutions|services|products} {at great prices|worldwide}: ${url}`,
      `${capitalizeFirst(term)} is {so|very|really} {important|interesting} {nowadays|these days|in 2025}{.|!} {I|i} {wrote|have written} {a|an} {similar|detailed} {guide|article} {on|about} ${term} {here|on my blog}: ${url}`,
      `{Very|Really} {helpful|useful} {info|information} about ${term}{.|!} {If you need|Anyone needing} {professional|expert} {help|advice} with ${article.domain.replace("-", " ")}{, contact|, visit| ->} ${url}`,
      `{I|i} {was|have been} {searching|looking} for {information|info} {on|about} ${term} {for|for about} {weeks|days|a long time}{.|!} {Great|Nice} {post|blog}. {Also|See also} ${url}`,
      `{Good|Nice} {read|article}{!|.} ${capitalizeFirst(term)} {is|are} {something|a topic} {everyone|every beginner} {should|must} {learn|know about}. {More|Read more} {here|tips}: ${url}`,
      `${article.title}? {Exactly|Definitely} what I {needed|was searching for}{!|.} {Bookmarked|Saved} {and shared|}{.|!}`,
      `{Everyone|Anybody} {interested in|who cares about} ${term} {should|must} {read|bookmark} this{.|!} {Well|Nicely} {explained|written}{.|!}`,
      `${capitalizeFirst(term)} {has|had} {always|never} been {easy|clear} {for me|to me}{, until|. Until} {now|I read this}{.|!} {Thank you|Thanks} {admin|author|so much}{.|!}`,
      `{We|Our {team|company}} {work|specialise} in ${article.domain.replace("-", " ")} {too|as well}{, and|.} {this|your} {article|guide} on ${term} is {spot on|accurate|very professional}{.|!} ${url}`,
      `{Who|Anyone} {else|here} {came|landed} here {searching|looking} for ${term}{?|? :)} {Great|Useful} {info|post}{!|.}`,
      `{This|Your} {post|article} {on|about} ${term} {is|was} {very|really|super} {informative|helpful|useful}. {Keep|Please keep} {sharing|posting} {more|such} {content|articles} {on|about} ${article.domain.replace("-", " ")}{!|.}`,
      // The title pasted between angle brackets, the payload in the author's website.
      `{Thanks|Thank you|Thankyou} for {finally|} {writing|talking|posting} about >${article.title} <{Liked|Loved|Really liked} it{!|!!|.}`,
      `{Hi|Hello|Hey}{!|,} {Thanks|Thank you} for {writing|the post} about "${article.title}"{, it|. It} {is|was} {exactly|just} what I {needed|was looking for}{.|!} {Regards|Cheers}`,
    ]),
    rng,
  );
  return { content: spamNoise(text, rng), author: spamAuthor(rng) };
};

const markup: SpamGenerator = (rng) => {
  const kws = rng.sample(SPAM_KEYWORD_NAMES, rng.int(1, 4));
  const links = kws.map((kw) =>
    rng.pick([
      `<a href="${spamUrl(rng, kw)}">${kw}</a>`,
      `[url=${spamUrl(rng, kw)}]${kw}[/url]`,
      `[URL=${spamUrl(rng, kw)}]${kw}[/URL]`,
      `<a href=${spamUrl(rng, kw)}>${kw}</a>`,
      `[url]${spamUrl(rng, kw)}[/url]`,
      `<b><a href="${spamUrl(rng, kw)}" rel="dofollow">${kw}</a></b>`,
    ]),
  );
  const lead = rng.chance(0.6) ? capitalizeFirst(spin(rng.pick(PRAISE), rng)) + rng.pick([" ", "\n", "\n\n"]) : "";
  const joiner = rng.pick([" ", "\n", " | ", ", "]);
  return { content: lead + links.join(joiner), author: spamAuthor(rng, kws[0]) };
};

const keywordStuffing: SpamGenerator = (rng) => {
  const kw = rng.pick(SPAM_KEYWORD_NAMES);
  const city = rng.pick(["London", "Houston", "Dubai", "Toronto", "Sydney", "Mumbai", "NYC", "Miami", "near me"]);
  const variants = [kw, `${kw} ${city}`, `best ${kw}`, `cheap ${kw}`, `${kw} reviews`, `${kw} 2025`, `top ${kw}`, `affordable ${kw}`, `${kw} online`];
  const chosen = rng.sample(variants, rng.int(4, 8));
  const url = spamUrl(rng, kw);
  const text = rng.chance(0.5)
    ? `${chosen.join(rng.pick([", ", " | ", " - ", " "]))} ${url}`
    : chosen.map((k) => `${k}: ${spamUrl(rng, k)}`).join("\n");
  return { content: rng.chance(0.2) ? text.toUpperCase() : text, author: spamAuthor(rng, kw) };
};

const linkList: SpamGenerator = (rng) => {
  const n = rng.int(3, 9);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const url = spamUrl(rng);
    lines.push(rng.pick([url, `- ${url}`, `${i + 1}. ${url}`, `${url}\n`]).trim());
  }
  const head = rng.chance(0.4) ? spin("{Useful|Related|More|Best} {links|resources|sites}{:|!|}", rng) + "\n" : "";
  return { content: head + lines.join(rng.chance(0.7) ? "\n" : " "), author: spamAuthor(rng) };
};

export const SPAM_GENERATORS: Record<string, SpamGenerator> = {
  "generic-praise": genericPraise,
  "short-generic": shortGeneric,
  "blog-meta": blogMeta,
  "praise-link": praiseLink,
  "praise-keyword-author": praiseKeywordAuthor,
  "self-promo": selfPromo,
  "foreign-link": foreignLink,
  "article-borrow": articleBorrow,
  markup,
  "keyword-stuffing": keywordStuffing,
  "link-list": linkList,
  ...Object.fromEntries(VERTICALS.map((v) => [v.slug, promo(v)])),
};

/** How many of each spam category to aim for (before dedupe). */
export const SPAM_TARGETS: Record<string, number> = {
  "generic-praise": 720,
  "short-generic": 170,
  "blog-meta": 330,
  "praise-link": 230,
  "praise-keyword-author": 200,
  "self-promo": 80,
  "foreign-link": 110,
  "article-borrow": 160,
  markup: 90,
  "keyword-stuffing": 50,
  "link-list": 40,
  ...Object.fromEntries(VERTICALS.map((v) => [v.slug, 45])),
};
