/**
 * Genuine reader comments. Every generator ties the text to its article's
 * specifics (a tip, a term, a problem, a claim), because that is what separates
 * a real "thanks" from a bot's generic praise.
 */
import type { Article } from "./articles.js";
import { type Author, firstName, hamAuthor } from "./authors.js";
import type { Rng } from "./random.js";
import type { DraftComment } from "./spam.js";
import { capitalizeFirst, curlyQuotes, dropApostrophes, spin, typo } from "./spintax.js";

type HamGenerator = (rng: Rng, article: Article) => DraftComment | undefined;

/** Human surface noise: lazy casing, typos, missing apostrophes, no full stop. */
export function hamNoise(text: string, rng: Rng): string {
  let out = text.replace(/[ \t]+/g, " ").replace(/ ([.,!?])/g, "$1").trim();
  if (out.includes("\n    ") || out.includes("```")) return out; // leave code alone
  if (rng.chance(0.14)) out = typo(out, rng);
  if (rng.chance(0.05)) out = typo(out, rng);
  if (rng.chance(0.12)) out = out.toLowerCase();
  else if (rng.chance(0.05)) out = out.charAt(0).toLowerCase() + out.slice(1);
  if (rng.chance(0.1)) out = dropApostrophes(out);
  if (rng.chance(0.12)) out = out.replace(/[.]$/, "");
  if (rng.chance(0.2)) out = curlyQuotes(out);
  if (rng.chance(0.04)) out = out.replace(/ — /g, " - ");
  return out;
}

const strip = (s: string): string => s.replace(/^the /i, "");
const tipOf = (rng: Rng, a: Article): string | undefined => (a.tips.length ? rng.pick(a.tips) : undefined);
const problemOf = (rng: Rng, a: Article): string | undefined => (a.problems.length ? rng.pick(a.problems) : undefined);

function hamDraft(rng: Rng, text: string, author?: Author): DraftComment {
  return { content: hamNoise(text, rng), author: author ?? hamAuthor(rng) };
}

const DASH = "{,| —| -|:|!}";

/** Short thanks that names what helped. */
const thanksSpecific: HamGenerator = (rng, a) => {
  const tip = tipOf(rng, a);
  const problem = problemOf(rng, a);
  const term = rng.pick(a.terms);
  let t: string;
  if (tip && problem && rng.chance(0.75)) {
    t = rng.pick([
      `{Thanks|Thank you|Cheers|Thx|Many thanks}${DASH} ${tip} {fixed|sorted|solved|cured} ${problem}{.|!|}`,
      `${capitalizeFirst(tip)} {finally|actually} {fixed|sorted out|got rid of} ${problem}. {Thank you|Thanks|Cheers}{!|.|}`,
      `{thank you|thanks}! ${tip} {did it|did the trick|was the missing piece} for ${problem}`,
      `{Thanks|Cheers}${DASH} the {bit|part|section} about ${tip} was exactly what ${problem} needed{.|!}`,
      `${capitalizeFirst(tip)}. {That's it|That was it|That was all it took}. {Weeks|Months|Ages} of ${problem} and {that's|that was} {all|the whole} fix{.|!|}`,
      `{Can confirm|Confirming}${DASH} ${tip} {fixed|sorted} ${problem}{.|!|}`,
      `{Came here|Found this} {because of|after a week of} ${problem}. ${capitalizeFirst(tip)} {worked|did it}{, thanks| — thank you|. Thanks!|}{.|}`,
      `{Thanks|Thank you}, ${tip} {helped|helped a lot} with ${problem}.`,
      `${capitalizeFirst(problem)}: {solved|fixed|gone}. ${capitalizeFirst(tip)}{ was the answer| did it|}{.|!} {Thanks|Thank you}{.|!|}`,
    ]);
  } else if (tip) {
    t = rng.pick([
      `{Never|I never} {would have|would've} {thought of|tried} ${tip}{.|!} {Worked|It worked} {first time|first try|straight away}{, thanks|.|!}`,
      `{Thanks|Thank you} for the tip about ${tip}{.|!|, it made a real difference.}`,
      `${capitalizeFirst(tip)} {worked|works} {perfectly|great|a treat}{.|!} {Thanks|Thank you}{.|!|}`,
      `{Tried|Did} ${tip} {last night|this morning|at the weekend} and {it worked|it made a clear difference|it helped}. {Thanks|Cheers}{!|.|}`,
      `{Useful|Handy|Good} tip about ${tip}{, thanks|. Thank you|}{.|!}`,
    ]);
  } else {
    t = rng.pick([
      `{Thanks|Thank you} for {explaining|covering|laying out} ${term} {so clearly|properly|in plain English}{.|!} {I had no idea|The official page is useless on this|Nobody else has reported this}{.|!}`,
      `{Useful|Clear|Helpful} {summary|explainer|piece} on ${term}{, thanks|. Thank you}{.|!|}`,
      `{Thanks|Thank you} for {digging into|following up on} ${term}{.|!} {Would love|I'd love} {a follow-up|an update} {when|once} {there's news|it's decided|the next stage happens}{.|!}`,
      `{I|i} {didn't know|had no idea} about ${term} {until now|before reading this}{, thanks|. Thanks for writing it up}{.|!}`,
    ]);
  }
  return hamDraft(rng, spin(t, rng));
};

/** Very short (5-12 words) but still specific. */
const shortSpecific: HamGenerator = (rng, a) => {
  const tip = tipOf(rng, a);
  const term = rng.pick(a.terms);
  const t = tip
    ? rng.pick([
        `${capitalizeFirst(tip)} worked{, thanks|. Thanks|!|.}`,
        `{Thanks|Cheers}, ${tip} did it.`,
        `${capitalizeFirst(tip)}. {Genius|Brilliant|Of course}{.|!}`,
        `{Didn't know about|Never thought of|Had never heard of} ${tip}{, thanks|. Thanks}!`,
        `{Can confirm|+1 on} ${tip}{.|!|}`,
      ])
    : rng.pick([
        `{Good|Useful|Clear} explanation of ${term}{.|, thanks.}`,
        `{Thanks|Thank you} for covering ${term}{.|!}`,
        `${capitalizeFirst(term)}? {First|Never} I've heard of it{.|!}`,
      ]);
  return hamDraft(rng, spin(t, rng));
};

/** Praise-heavy, in words bots also use, yet naming specifics: the hard ham. */
const praiseSpecific: HamGenerator = (rng, a) => {
  const [t1, t2] = rng.sample(a.terms, 2);
  const tip = tipOf(rng, a);
  const problem = problemOf(rng, a);
  const options = [
    `{Great|Excellent|Brilliant|Fantastic} {write-up|post|article|piece}. The {section on|explanation of} ${t1}{, and how it relates to ${t2},|} was exactly what I needed{.|!}`,
    `{Great|Awesome|Excellent} {post|article}{!|.} {I especially liked|The best part was|Loved} the {section|bit|part} on ${t1}{.|!}`,
    `{Really|Very} {good|clear|well written} {piece|article}${DASH} the part on ${t1} is the {clearest|best} explanation I've {read|seen} {so far|anywhere|in years}.`,
    `{Keep up the good work|Great work|Lovely piece}${DASH} the ${strip(t1)} {section|explanation} {alone|} {was gold|was worth it|is going in my notes}.`,
    `{Bookmarked|Saved}{!|.} The {bit|part} about ${t1} is going straight into {our wiki|my notes|our runbook|the family group chat}.`,
    `{Wow|Amazing}, I never {understood|got} ${t1} until {this|your diagram|now}. {Fantastic|Great|Superb} {article|post}{.|!}`,
    `{Very|Really} informative, {especially|particularly} {the numbers on|the bit about} ${t1}. {Thanks|Thank you} for {writing|putting} this {together|up}{.|!}`,
  ];
  if (tip) {
    options.push(
      `{Brilliant|Great|Awesome}, ${tip} is such a simple fix{.|!} {Why|How} {did nobody tell me|have I not tried} this {before|years ago}?`,
      `{Fantastic|Superb|Great} {article|guide}. ${capitalizeFirst(tip)} {alone|on its own} {made a huge difference|was worth the read}{.|!}`,
    );
  }
  if (tip && problem) {
    options.push(`{Awesome|Great|Excellent} post! ${capitalizeFirst(tip)} {cut|fixed|halved} ${problem}{ in one go|, no joke|}{.|!}`);
  }
  return hamDraft(rng, spin(rng.pick(options), rng));
};

const question: HamGenerator = (rng, a) => {
  const tip = tipOf(rng, a);
  const term = rng.pick(a.terms);
  const options = a.questions.map(
    (q) => `{|Quick question: |Great article. |Thanks for this. |Question — |Hi! |Genuine question: |}${q}{| Thanks!| Thanks in advance.| Cheers.}`,
  );
  options.push(
    `{Is there|Do you have} a {source|reference|link} for the {bit|claim|figure} about ${term}? {I'd like|Would like} to {read more|show it to someone}.`,
  );
  if (a.link) options.push(`{Is this|Is the ${strip(term)} part} {covered|explained} {in|on} ${a.link} {too|as well}, or is {that|the page} out of date?`);
  if (tip) {
    options.push(
      `{How long|How soon} {did it take|before you noticed} {for|that} ${tip} {to make a difference|made a difference}?`,
      `Any {reason you'd pick|downside to picking} ${tip} over {the alternatives|the other options you mention}?`,
      `{Does|Would} ${tip} {still apply|still work} {if|when} {you're|you are} {a complete beginner|on a tight budget|doing it for the first time}?`,
    );
  }
  return hamDraft(rng, spin(rng.pick(options), rng));
};

const correction: HamGenerator = (rng, a) => {
  const options: string[] = [];
  if (a.correction) {
    options.push(`{Small|Minor|Tiny} {correction|thing|nitpick}{:| —|,} ${a.correction}`, `{FYI|Heads up|Just so you know}${DASH} ${a.correction}`, a.correction);
    options.push(`${a.correction} {Otherwise|Other than that} {a great|a really useful|a solid} {piece|article|guide}.`);
  }
  const term = rng.pick(a.terms);
  const mangled = typo(typo(term, rng), rng);
  if (mangled !== term) options.push(`{Typo|Small typo} in the {second|third|last} paragraph: "${mangled}" should be "${term}".`);
  options.push(
    `The link {in|under} the ${strip(term)} {section|paragraph} {is broken|gives a 404|goes to the wrong page}{.|, fyi.| for me.}`,
    `{I think|Pretty sure} the {image|chart|diagram} {for|next to} ${term} is the wrong one, it's the same as the one above.`,
  );
  return hamDraft(rng, spin(rng.pick(options), rng));
};

const EXPERIENCE = [
  "in my experience it's the opposite",
  "that hasn't been true for anyone I know",
  "the evidence I've seen is a lot more mixed",
  "it really depends on the situation",
  "I tried exactly that and it went badly",
  "that's only true in the simplest cases",
];

const disagreePolite: HamGenerator = (rng, a) => {
  const claim = rng.pick(a.claims);
  const term = rng.pick(a.terms);
  const t = rng.pick([
    `{I'm not sure|I'm not convinced|Not sure} I agree that ${claim}. {For me|Personally|Honestly}, ${rng.pick(EXPERIENCE)}.`,
    `{Good|Interesting|Nice} {piece|article}, but I'd push back on the idea that ${claim}. ${capitalizeFirst(rng.pick(EXPERIENCE))}{, especially with ${term}|}.`,
    `{Respectfully|With respect}, the idea that ${claim} {doesn't|does not} match what I've seen. {Maybe|Perhaps} it depends on ${term}?`,
    `I {see|get} the argument, but "${claim}" {feels|seems} {too strong|like an overstatement}. {There are|I can think of} {plenty of|a few} {exceptions|cases} where ${term} {matters|changes things}.`,
    `{Mostly|Largely} agree, {except|apart from} the {part|claim} that ${claim}. ${capitalizeFirst(rng.pick(EXPERIENCE))}.`,
    `{Counterpoint|Devil's advocate}: ${claim}? {I'd say|I think} ${rng.pick(EXPERIENCE)}, {at least|certainly} {where I live|in my job|for beginners}.`,
  ]);
  return hamDraft(rng, spin(t, rng));
};

const disagreeRude: HamGenerator = (rng, a) => {
  const claim = rng.pick(a.claims);
  const term = rng.pick(a.terms);
  const t = rng.pick([
    `Oh come on. "${capitalizeFirst(claim)}"? Anyone who has {actually|really} dealt with ${term} knows that's {nonsense|rubbish|not how it works}.`,
    `This is lazy. ${capitalizeFirst(claim)}? {Says who|Based on what}? Not a single source.`,
    `{Hard disagree|Nope|Absolute rubbish}. Saying ${claim} is {just wrong|clickbait|a hot take with nothing behind it}.`,
    `{Who|Which editor} {signed off on|let through} "${claim}"? {Embarrassing|Honestly embarrassing}. {Do better|Check your facts}.`,
    `{Did|Has} the author ever actually {touched|dealt with|used} ${term}? Because claiming ${claim} suggests not.`,
    `{Worst|Weakest} {take|article} I've read {here|on this site} {in ages|this year}. ${capitalizeFirst(claim)}, {really|seriously}?`,
  ]);
  return hamDraft(rng, spin(t, rng));
};

const WHEN = ["Last weekend", "A couple of months ago", "Back in 2019", "Yesterday", "Over Easter", "Last winter", "About a year ago", "On Saturday"];
const WHO = ["my dad", "my partner", "a colleague", "my neighbour", "my sister", "my old boss", "a friend of mine", "my teenage son"];
const OUTCOMES = [
  "it made a noticeable difference",
  "it worked first time, which never happens to me",
  "honestly it didn't change much, but my setup is unusual",
  "it helped, but it took a couple of weeks to see it",
  "it's been fine ever since",
  "I wish I'd known years ago",
  "it half worked, so I'm reading this again",
  "it took three attempts but I got there",
];

const anecdote: HamGenerator = (rng, a) => {
  const tip = tipOf(rng, a);
  const problem = problemOf(rng, a);
  const term = rng.pick(a.terms);
  const options: string[] = [];
  if (tip) {
    options.push(
      `${rng.pick(WHEN)} I tried ${tip} and ${rng.pick(OUTCOMES)}.`,
      `${capitalizeFirst(rng.pick(WHO))} {has sworn by|has been going on about} ${tip} for {years|ages}. {Guess|Looks like} I {owe|should apologise to} {them|them a pint} now.`,
      `{Had|I had} exactly this: ${problem ?? "the same issue"}. Ended up ${tip}, and ${rng.pick(OUTCOMES)}.`,
      `{We|I} tried ${tip} {for|to deal with} ${problem ?? "the same thing"} and ${rng.pick(OUTCOMES)}. {The|Your} point about ${term} {explains|probably explains} why.`,
    );
  }
  if (a.anecdotes) {
    for (const story of a.anecdotes) {
      options.push(
        `${story}.`,
        `${story}. {Thanks for|Glad someone is} {covering|writing about} ${term}{.|!}`,
        `${story}, so {the bit|what you wrote} about ${term} {rings true|hit home}.`,
      );
    }
  }
  if (options.length === 0) options.push(`${rng.pick(WHEN)} ${rng.pick(WHO)} {asked me|and I argued} about ${term}. {Sending|I'll send} them this.`);
  return hamDraft(rng, spin(rng.pick(options), rng));
};

const LONG_OPENERS = [
  "{Long-time|Long time} reader, first comment.",
  "I've been {meaning|wanting} to write about this for a while, so bear with me.",
  "Some context: I've {done this|worked around this|been dealing with this} for {about|nearly|over} {five|ten|fifteen} years.",
  "This {came at|landed at} exactly the right time for me.",
  "{Mixed|Slightly mixed} feelings about this one.",
  "",
];
const LONG_CLOSERS = ["Anyway, thanks for writing it up.", "Curious whether anyone else has seen the same.", "Would love a follow-up on this.", "Sorry for the essay!", "Thanks for the detailed piece.", ""];

const longComment: HamGenerator = (rng, a) => {
  const [t1, t2] = rng.sample(a.terms, 2);
  const tip = tipOf(rng, a);
  const problem = problemOf(rng, a);
  const claim = rng.pick(a.claims);
  const parts = [spin(rng.pick(LONG_OPENERS), rng)];
  if (a.anecdotes && rng.chance(0.7)) parts.push(`${rng.pick(a.anecdotes)}.`);
  if (tip && problem) {
    parts.push(
      spin(
        rng.pick([
          `For years I {put up with|lived with|ignored} ${problem}, {and|then} ${rng.pick(WHO)} {suggested|mentioned} ${tip}. ${capitalizeFirst(rng.pick(OUTCOMES))}.`,
          `I {started|began} with ${tip}, {as you suggest|like the article says}, and ${rng.pick(OUTCOMES)}. ${capitalizeFirst(problem)} {is better now|is a lot better|is better but not fixed}.`,
        ]),
        rng,
      ),
    );
  }
  parts.push(
    spin(
      rng.pick([
        `Where I'd {add|push back} is on ${t1}: {it|that} {interacts|gets tangled up} with ${t2} in ways the article {skims over|doesn't mention}.`,
        `The {section|part} on ${t1} {is|was} the {most useful|strongest} part for me, {though|but} I think ${t2} {deserves|could use} {its own post|more space}.`,
        `I {half|partly} agree that ${claim}, but {it depends|a lot depends} on ${t1}.`,
        `{One thing|Something} I'd {add|mention}: ${t1} is where most people {I know|I've talked to} {trip up|get confused}, {more than|even more than} ${t2}.`,
      ]),
      rng,
    ),
  );
  if (rng.chance(0.6)) parts.push(rng.pick(a.questions));
  parts.push(spin(rng.pick(LONG_CLOSERS), rng));
  const text = parts.filter(Boolean).join(rng.chance(0.6) ? " " : "\n\n");
  return hamDraft(rng, text);
};

const reply: HamGenerator = (rng, a) => {
  const name = rng.chance(0.7) ? firstName(rng).toLowerCase() : firstName(rng);
  const at = rng.pick([`@${name}`, `@${name}`, `Replying to ${capitalizeFirst(name)}:`, `${capitalizeFirst(name)} -`, `@${name}:`]);
  const tip = tipOf(rng, a);
  const term = rng.pick(a.terms);
  const options = [
    `${at} {+1|same here|agreed}, ${term} caught me out too.`,
    `${at} {that's not|I don't think that's} what the article says though, {it's|it is} talking about ${term}{.|, not the general case.}`,
    `${at} {I asked|I wondered} the same thing. {I think|My guess is} the answer is in the ${strip(term)} {section|part}{.|, but happy to be corrected.}`,
    `${at} I read it differently{,|.} I don't think the author is saying ${rng.pick(a.claims)} in every case.`,
  ];
  if (tip) {
    options.push(
      `${at} I had the same issue{,|.} ${capitalizeFirst(tip)} sorted it for me.`,
      `${at} {try|have you tried} ${tip}? {Fixed|Worked} it for me{.|!}`,
      `${at} {did you|have you} {try|tried} ${tip}? {That was|That turned out to be} {my|the} {problem|fix} {too|for me}.`,
      `${at} {no|nope}, ${tip} {is|was} {the first step|step one}{, the rest comes later|, read the second half again}.`,
    );
  }
  if (a.link) options.push(`${at} the {docs|reference} {say|cover} {this|it} too: ${a.link}`);
  return hamDraft(rng, spin(rng.pick(options), rng));
};

const codeSnippet: HamGenerator = (rng, a) => {
  if (!a.code) return undefined;
  const code = a.code;
  const multi = code.includes("\n");
  const block = rng.pick([`\n\n\`\`\`\n${code}\n\`\`\`\n`, `\n\n${code.split("\n").map((l) => "    " + l).join("\n")}\n`, `\n\n${code}\n`]);
  const inline = `\`${code}\``;
  const body = multi || rng.chance(0.4) ? block : ` ${inline} `;
  const lead = spin(
    rng.pick([
      "{For anyone|If anyone is} {skimming|wondering}, this is {all|the whole thing} you need:",
      "{Here's|This is} what I ended up with:",
      "{You|One} can {also|even} do it like this:",
      "{Small|Minor} improvement on the {example|snippet} in the post:",
      `{For|On} my {setup|machine} the ${strip(rng.pick(a.terms))} {part|bit} {boils down to|is just}:`,
      "{Slightly|A bit} {shorter|cleaner} version:",
    ]),
    rng,
  );
  const tail = spin(
    rng.pick([a.link ? `{More|Details} in the docs: ${a.link}` : "", "{Works|Tested} on {my machine|Ubuntu 24.04|macOS 14|Windows 11|our staging box}.", "{Hope|Hopefully} {that|this} helps someone.", "", "(untested on older versions)", `{Thanks|Cheers} for the {post|article}, the ${strip(rng.pick(a.terms))} {explanation|bit} {was great|helped}.`]),
    rng,
  );
  return { content: `${lead}${body}${tail}`.trim(), author: hamAuthor(rng) };
};

const withLink: HamGenerator = (rng, a) => {
  const term = rng.pick(a.terms);
  const tip = tipOf(rng, a);
  const handle = firstName(rng).toLowerCase();
  const options: string[] = [];
  if (a.link) {
    options.push(
      `The {official docs|reference page|docs} {cover|explain} ${term} {too|in more detail}{:|,} ${a.link}`,
      `For anyone wanting more {detail|depth} on ${term}: ${a.link}`,
      `{Good|Nice} {summary|post}. ${a.link} {goes into|has} the {history|details|edge cases} of ${term} if {anyone's|you're} curious.`,
      `${a.link} {has|explains} {why|how} ${term} {works|behaves} like this{.|, worth a read.}`,
      `{Worth|Might be worth} linking ${a.link} {in the post|at the end}, {it's|it is} {the|a good} {primary source|canonical reference} for ${term}.`,
    );
  }
  const blog = `https://${handle}${rng.pick(["", "writes", "makes"])}.${rng.pick(["blog", "net", "dev", "github.io", "substack.com"])}/${rng.pick(["2024", "2025", "posts", "notes"])}/${a.slug}`;
  options.push(
    `{I|We} {wrote|put together} {a quick write-up|some quick notes|a short checklist} on ${term} {after reading this|based on this}: ${blog} {Feedback welcome.|Corrections welcome.|}`,
    `{Did|I did} a {similar|follow-up} experiment with ${term} and {blogged|wrote} about it {here|}: ${blog}`,
  );
  if (tip && a.domain === "programming") {
    options.push(`I {turned|wrapped} ${tip} into a {tiny|small} script{, in case it saves anyone time|}: https://github.com/${handle}${rng.int(1, 99)}/${a.slug}-helper`);
  }
  return hamDraft(rng, spin(rng.pick(options), rng));
};

const sarcasm: HamGenerator = (rng, a) => {
  const tip = tipOf(rng, a);
  const claim = rng.pick(a.claims);
  const problem = problemOf(rng, a) ?? "my situation";
  const options = [
    `Ah yes, ${claim}. Tell that to ${problem}.`,
    `{Great|Wonderful|Fantastic}, {another|one more} {article|person} {telling|assuring} me ${claim}. {I'm sure|I bet} that{ will|'ll} go {well|down well}.`,
  ];
  if (tip) {
    options.push(
      `Oh {great|wonderful|brilliant}, ${tip}. As if I hadn't {tried|done} that {first|ten times already}.`,
      `{Love|Amazing} how ${tip} is presented like {a secret|a revelation}. It's {literally|right there} in the manual.`,
      `${capitalizeFirst(tip)}? {Wow|Groundbreaking}. {Next week|Coming up next}: water is wet.`,
    );
  }
  return hamDraft(rng, spin(rng.pick(options), rng));
};

const siteComplaint: HamGenerator = (rng, a) => {
  const term = strip(rng.pick(a.terms));
  const browser = rng.pick(["Firefox 128", "Safari on iOS 17", "Chrome on Android", "Edge", "Firefox on Linux", "an old iPad"]);
  const t = rng.pick([
    `The {code block|table|diagram} in the ${term} section is cut off on mobile and won't scroll sideways (${browser}).`,
    `{The|That} {autoplaying|sticky} video {ad|player} {covers|sits on top of} {half the|the} ${term} {section|paragraph} on my phone. {Really|Pretty} annoying.`,
    `The image {for|under} ${term} doesn't load for me (${browser}). {Everything else is fine.|Is it just me?|}`,
    `Your cookie banner {reappears|comes back} every time I scroll to the ${term} {bit|part}{.|, on} ${browser}{.|}`,
    `{Dark mode|The dark theme} makes the ${term} {chart|diagram} unreadable, black text on dark grey.`,
    `{Print|The print view} {cuts off|drops} the ${term} {section|table} entirely. {I|We} wanted to {pin|stick} it {on the fridge|in the office}{.|!}`,
    `The RSS feed {still|only} {shows|has} the {first paragraph|old version} of this post, the ${term} {update|section} is missing.`,
    `{The|Your} comment form {ate|lost} my {first|previous} reply about ${term} when I {hit|pressed} back. {Second attempt|Trying again}: {it's a great piece|good piece though}.`,
  ]);
  return hamDraft(rng, spin(t, rng));
};

/** Genuine non-English comments, written for specific articles. */
const FOREIGN_HAM: Record<string, string[]> = {
  "dns-vpn": ["Danke! Nach `ipconfig /flushdns` und MTU 1380 bricht mein WireGuard-Tunnel nicht mehr ab.", "¿El truco del MTU sirve también para OpenVPN sobre TCP? Con 1380 me sigue cortando."],
  "git-rebase": ["Merci, je ne connaissais pas --force-with-lease. Ça m'aurait évité d'écraser le travail d'un collègue la semaine dernière.", "git reflog me salvou hoje depois de um rebase desastroso. Obrigado pelo artigo!"],
  "sourdough-starter": ["Danke für den Tipp mit 26 °C! Mein Sauerteig ist nach zwei Tagen endlich wieder aufgegangen.", "Je nourris mon levain en 1:5:5 depuis une semaine, il double en 6 heures maintenant. Merci !", "ライ麦粉を少し足したら、スターターの発酵がすごく良くなりました。ありがとうございます。"],
  "tomato-blight": ["Bei uns im Schrebergarten hat das Entfernen der unteren Blätter wirklich geholfen, dieses Jahr kaum Kraut- und Braunfäule.", "Aquí en Galicia el mildiu es un problema cada verano; regar por la base por la mañana nos ha funcionado."],
  "index-only-scans": ["Спасибо, после VACUUM Heap Fetches упали до нуля и запрос стал в 10 раз быстрее.", "Ótimo texto sobre visibility map. Não sabia que o index-only scan dependia do vacuum."],
  "rust-lifetimes": ["Die Bibliotheks-Analogie für Lifetimes ist super, endlich verstehe ich die Fehlermeldung.", "借用チェッカーの説明、図書館のたとえでやっと腑に落ちました。"],
  "python-asyncio": ["Merci pour la comparaison gather / TaskGroup, on avait exactement ce problème de tâches orphelines.", "Спасибо! Перешли на TaskGroup, и зависания скрапера пропали."],
  "lisbon-tram": ["Sou de Lisboa e confirmo: apanhar o 28 antes das 8h é a única forma de ir sentado.", "Wir sind letzten Monat um 7:30 an Martim Moniz eingestiegen und hatten den Wagen fast für uns allein."],
  "japan-rail": ["JRパスの値上げ後の計算、とても参考になりました。私たちは関西エリアパスにしました。", "Gracias por los números. Al final compramos los billetes del Shinkansen por separado y ahorramos unos 200 euros."],
  "heat-pumps": ["Bei uns läuft die Wärmepumpe mit 45 °C Vorlauf in einem Haus von 1936, JAZ etwa 3,4. Ähnliche Erfahrung.", "Chez nous aussi, baisser la température de départ à 45 °C a tout changé."],
  "chain-wear": ["Bedankt! Ketting vervangen bij 0,5% en het overslaan is weg.", "Dzięki, wymieniłem łańcuch przy 0,5% i przestał przeskakiwać na kasecie."],
  "cat-kidney": ["Unsere Katze hat auch Niereninsuffizienz, Stadium 2. Die Infusionen anzuwärmen war bei uns der entscheidende Tipp.", "Mi gata también rechazaba la dieta renal; mezclarla poco a poco durante dos semanas funcionó."],
  "pasta-carbonara": ["Da italiana: bravo, niente panna! Solo una cosa, il pecorino va grattugiato finissimo, come dici.", "Je retire maintenant la poêle du feu avant d'ajouter les jaunes, plus d'œufs brouillés. Merci !"],
  "council-budget": ["Die Schließung der Eastgate-Bibliothek trifft vor allem ältere Leute ohne Internet. Schade."],
  "damp-walls": ["Так и есть: у нас оказалась конденсация, а не капиллярная влага. Гигрометр за 10 евро сэкономил кучу денег."],
  "night-photography": ["Danke für den Hinweis mit dem Crop-Faktor bei der 500er-Regel, meine Sterne waren immer leicht verwischt.", "Consegui minha primeira foto da Via Láctea com a lente do kit seguindo essas dicas. ISO 3200 e empilhamento de 10 fotos."],
  "k8s-probes": ["Danke, wir hatten genau das Problem: Liveness-Probe prüfte die Datenbank und beim Failover starteten alle Pods neu."],
  "docker-layers": ["Gracias, copiar package-lock.json antes del código nos bajó el build de 18 a 4 minutos."],
  "composting": ["Compostagem quente em 18 dias funcionou mesmo aqui no Brasil, o termômetro chegou a 65 °C."],
  "toddler-sleep": ["Wir haben das Bildplan-System ausprobiert und das Zubettgehen dauert jetzt 15 statt 60 Minuten.", "Le réveil lumineux a été magique pour notre fils de 3 ans, plus de réveils à 5 h."],
};

/** For technical articles, where English jargon inside another language is normal. */
const FOREIGN_TECH_TEMPLATES = [
  "{Danke|Vielen Dank} für den Artikel! Der Tipp mit <term> hat bei mir {endlich|sofort} funktioniert.",
  "Guter Artikel, aber zu <term> hätte ich mir ein Beispiel mehr gewünscht.",
  "Gracias, no conocía lo de <term>. {Lo probé ayer|Lo probaré mañana} {y funcionó|en el trabajo}.",
  "¿Alguien sabe si <term> funciona igual en {Windows|macOS|versiones antiguas}?",
  "Merci pour l'explication sur <term>, c'est {beaucoup plus clair|enfin clair} maintenant.",
  "Petite remarque : la partie sur <term> mériterait un exemple concret.",
  "Valeu! A parte sobre <term> {resolveu|explicou} o problema que eu tinha {no trabalho|há semanas}.",
  "Спасибо за статью, особенно за часть про <term>.",
  "Отличное объяснение <term>, {у нас|в нашей команде} была именно эта проблема.",
  "<term>の説明がとても分かりやすかったです。ありがとうございます。",
  "Dzięki, fragment o <term> {wreszcie|w końcu} mi to wyjaśnił.",
  "Grazie, non sapevo di <term>. {Provato subito|L'ho provato oggi} e funziona.",
];
const TECH_DOMAINS = new Set(["programming", "devops", "tech-support"]);

const nonEnglish: HamGenerator = (rng, a) => {
  let options = FOREIGN_HAM[a.slug] ?? [];
  if (TECH_DOMAINS.has(a.domain) && (options.length === 0 || rng.chance(0.6))) {
    const term = strip(rng.pick(a.terms));
    options = [spin(rng.pick(FOREIGN_TECH_TEMPLATES), rng).replace("<term>", term)];
  }
  if (options.length === 0) return undefined;
  const first = rng.pick(["Jürgen", "Lucía", "Camille", "João", "Olga", "Haruto", "Piotr", "Sanne", "Giulia", "Dmitri", "Ana", "Yuko"]);
  return { content: rng.pick(options), author: rng.chance(0.8) ? { name: first } : hamAuthor(rng) };
};

const PERSONAS = [
  "As someone who does this for a living",
  "As a complete beginner",
  "Speaking as a {retired|former} {teacher|engineer|nurse|mechanic}",
  "I'm {70|62|19|35} and",
  "{Mum|Dad} of two here, and",
  "Coming at this from {the US|Australia|Germany|a very rural area}",
  "Not an expert, but",
];
const FILLERS = ["tbh", "fwiw", "imo", "honestly", "ngl", "to be fair", "for what it's worth"];

/** Casual, first-person, a bit rambly: the texture bots rarely have. */
const chatty: HamGenerator = (rng, a) => {
  const term = rng.pick(a.terms);
  const tip = tipOf(rng, a);
  const problem = problemOf(rng, a);
  const filler = rng.pick(FILLERS);
  const persona = spin(rng.pick(PERSONAS), rng);
  const options = [
    `${persona}${persona.endsWith("and") ? "" : ","} ${term} was the part I {needed|was missing|never got}. ${capitalizeFirst(filler)} {I'd|I would} have {paid|happily paid} for this {one|piece}.`,
    `ha, {I've|ive} been {doing|getting} ${term} wrong for {years|ages|a decade} {lol|apparently|it turns out}`,
    `{Ok|OK|Okay} {so|but} ${filler}, ${term} {is|was} {the|a} thing {nobody|no one} {explains|mentions}. {Glad|Happy} {someone|you} finally did.`,
    `{Printed|Screenshotted|Saved} the ${strip(term)} {bit|part} {for|to show} {my dad. He|my mum. She|my team. They|my partner. They|my class. They} won't read {it|the whole thing} {though|anyway}{ tbh| lol| ngl|}{.|...}`,
    `{Wait|Hang on}, ${term}? {That|This} {explains|would explain} {so much|a lot} about ${problem ?? "the last few months"}.`,
  ];
  if (tip) {
    options.push(
      `${capitalizeFirst(filler)} ${tip} {sounded|seemed} {too simple|like nonsense} {to work|at first}{, but it did|, but it worked|, and yet here we are}.`,
      `{Me|Me,} {reading|after reading} this: {oh|ohh}, ${tip}. {Me|Also me} {yesterday|last week}: {spending|wasting} {three hours|a whole afternoon} on ${problem ?? "it"}.`,
      `${persona}${persona.endsWith("and") ? "" : ","} I{ can|'d} {vouch for|second} ${tip}. {It|That} {saved|fixed} ${problem ?? "a lot"} {for us|in our house|at work}.`,
      `{My|The} {wife|husband|partner|flatmate} {did|tried} ${tip} {while I was|when I was} {out|away|at work} and now {won't stop|keeps} {talking about it|saying I told you so}{.| lol.}`,
    );
  }
  return hamDraft(rng, spin(rng.pick(options), rng));
};

const agree: HamGenerator = (rng, a) => {
  const claim = rng.pick(a.claims);
  const term = rng.pick(a.terms);
  const t = rng.pick([
    `{Totally|Completely|100%} agree that ${claim}. {Took me|It took me} {years|a long time|far too long} to {accept|realise} it{.|!}`,
    `{This|Yes}. ${capitalizeFirst(claim)}, and {it's|it is} {good|nice|refreshing} to see {someone|an article} say it {plainly|out loud}.`,
    `{Glad|So glad} {someone|you} finally said ${claim}. {Every|Half the} {other|} {guide|article|forum thread} {I've read|out there} {pretends|acts like} otherwise.`,
    `{Agree|Agreed} on the main point (${claim}), {though|but} I'd {add|mention} that ${term} {matters more|matters less|is more important} than {people|most guides} {think|admit}.`,
    `${capitalizeFirst(claim)}: {yes|exactly|spot on}. ${capitalizeFirst(rng.pick(WHO))} {argued|used to argue} the opposite {for years|with me} and {I'm|I am} {forwarding|sending} {them|him|her} this{.|!}`,
  ]);
  return hamDraft(rng, spin(t, rng));
};

export const HAM_GENERATORS: Record<string, HamGenerator> = {
  "thanks-specific": thanksSpecific,
  "short-specific": shortSpecific,
  "praise-specific": praiseSpecific,
  question,
  correction,
  "disagree-polite": disagreePolite,
  "disagree-rude": disagreeRude,
  anecdote,
  long: longComment,
  reply,
  code: codeSnippet,
  "with-link": withLink,
  sarcasm,
  chatty,
  agree,
  "site-complaint": siteComplaint,
  "non-english": nonEnglish,
};

export const HAM_TARGETS: Record<string, number> = {
  "thanks-specific": 360,
  "short-specific": 180,
  "praise-specific": 280,
  question: 240,
  correction: 130,
  "disagree-polite": 150,
  "disagree-rude": 80,
  anecdote: 220,
  long: 200,
  reply: 190,
  code: 120,
  "with-link": 180,
  sarcasm: 60,
  chatty: 220,
  agree: 140,
  "site-complaint": 80,
  "non-english": 110,
};
