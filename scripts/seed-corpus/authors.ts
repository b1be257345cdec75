/**
 * Author fields. Ham authors look like people (first names, full names,
 * handles, the odd personal blog); spam authors lean on keyword names,
 * throwaway emails and money-page URLs, but not always.
 */
import type { Rng } from "./random.js";

export interface Author {
  name?: string;
  email?: string;
  url?: string;
}

const FIRST = [
  "Maria", "James", "Aisha", "Tom", "Priya", "Lukas", "Sofia", "Dave", "Chen", "Fatima", "Oliver", "Hannah", "Mateus", "Ingrid",
  "Kwame", "Yuki", "Pete", "Gemma", "Rafael", "Nadia", "Sam", "Ewa", "Tobias", "Liam", "Zara", "Mohammed", "Claire", "Bjorn",
  "Anita", "Graham", "Lucia", "Kofi", "Sarah", "Dmitri", "Emma", "Hiro", "Jo", "Bernadette", "Raj", "Niamh", "Carlos", "Mei",
  "Frank", "Olga", "Tariq", "Helen", "Marco", "Ayo", "Rosa", "Ken", "Julia", "Pavel", "Siobhan", "Ade", "Linnea", "Steve",
];
const LAST = [
  "Kowalski", "O'Brien", "Patel", "Nguyen", "Schmidt", "Okafor", "Hughes", "Fernandes", "Tanaka", "Lindqvist", "Morgan", "Rossi",
  "Abdi", "Clarke", "Ivanova", "Mensah", "Haddad", "Walsh", "Becker", "Sato", "Moreau", "Kaur", "Jansen", "Doyle", "Silva",
];
const HANDLES = [
  "grumpy_sysadmin", "breadhead", "tomato_tim", "nullpointer", "kettlebell_kate", "owl_at_3am", "dadof3", "rustacean42", "allotment_annie",
  "bikeshed", "pdx_mike", "knitwitch", "lurker", "anon", "jk", "m.", "quietreader", "old_git", "fixie_fan", "chef_in_training",
  "cat_lady_73", "localresident", "ex-teacher", "devops_dan", "kiwi_in_berlin", "Longtime reader", "J.", "a_concerned_parent",
];
const MAIL_HOSTS = ["gmail.com", "outlook.com", "yahoo.co.uk", "proton.me", "web.de", "icloud.com", "hotmail.com", "gmx.net", "fastmail.com"];
const BLOG_HOSTS = ["github.io", "substack.com", "wordpress.com", "blogspot.com", "neocities.org"];
const OWN_TLDS = ["com", "com", "com", "net", "org", "co.uk", "de", "nl", "io", "dev", "me", "blog", "info", "fr", "ca"];

/**
 * A genuine commenter's website, in the shapes comment forms really get: their own domain (any
 * common TLD, with or without www, sometimes a page of it), a blog on a hosted platform, or a
 * profile page. Spam URLs share the same TLDs and shapes, so the model has to learn from what the
 * URL says rather than from its form.
 */
function hamUrl(rng: Rng, first: string, last: string): string {
  const f = slugName(first);
  const l = slugName(last);
  const handle = rng.pick([f, `${f}${l}`, `${f}_${l}`, `${f[0]}${l}`, `${f}${rng.int(1, 99)}`]);
  const own = `${rng.pick([`${f}${l}`, `${f}-${l}`, handle.replace(/_/g, "-"), `${l}${rng.pick(["family", "photo", "writes", "lab", "studio", "garden"])}`])}.${rng.pick(OWN_TLDS)}`;
  return rng.weighted<string>([
    [`https://${own}`, 4],
    [`https://www.${own}/`, 2],
    [`http://${own}`, 1],
    [`https://${own}/${rng.pick(["blog", "about", "blog/", "posts", "en", "notes"])}`, 2],
    [`https://${handle.replace(/_/g, "-")}.${rng.pick(BLOG_HOSTS)}${rng.pick(["", "/"])}`, 3],
    [`https://medium.com/@${handle}`, 1],
    [`https://github.com/${handle}`, 2],
    [`https://mastodon.social/@${handle}`, 1],
    [`https://www.linkedin.com/in/${f}-${l}`, 1],
    [`https://twitter.com/${handle}`, 1],
    [`https://www.flickr.com/photos/${handle}`, 1],
  ]);
}

function slugName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "");
}

export function hamAuthor(rng: Rng): Author | undefined {
  if (rng.chance(0.08)) return undefined;
  const first = rng.pick(FIRST);
  const last = rng.pick(LAST);
  const name = rng.weighted<string>([
    [first, 4],
    [`${first} ${last}`, 4],
    [`${first} ${last[0]}.`, 2],
    [rng.pick(HANDLES), 3],
    [first.toLowerCase(), 1],
  ]);
  const author: Author = { name };
  if (rng.chance(0.6)) {
    const local = rng.pick([slugName(first), `${slugName(first)}.${slugName(last)}`, `${slugName(first)[0]}${slugName(last)}${rng.int(1, 99)}`]);
    author.email = `${local}@${rng.pick(MAIL_HOSTS)}`;
  }
  if (rng.chance(0.25)) author.url = hamUrl(rng, first, last);
  return author;
}

/** Keyword-stuffed names a spammer uses so the name itself is the anchor text. */
export const SPAM_KEYWORD_NAMES = [
  "Best Cheap Car Insurance", "buy viagra online", "seo services london", "payday loans no credit check", "replica rolex",
  "Online Casino Bonus", "crypto recovery expert", "essay writing service", "cheap instagram followers", "web design agency",
  "keto diet pills", "Plumber Near Me", "garage door repair houston", "best vpn 2024", "cbd gummies", "forex signals",
  "custom boxes wholesale", "dating site free", "weight loss tips", "hire a hacker", "buy backlinks", "Roofing Contractors",
  "tiktok views", "pressure washing services", "mp3 download free", "slot gacor", "bandar togel", "situs judi online",
  "Assignment Help", "cialis generic", "cheap flights", "led grow lights", "personal injury lawyer", "kitchen remodel ideas",
  "HVAC repair", "locksmith 24/7", "best mattress", "house cleaning services", "home loans", "Wedding Photographer",
];
const SPAM_PERSON_NAMES = [
  "Jeannette", "Kendrick", "Lorrie", "Elvis", "Tawanna", "Refugio", "Wilbur", "Shelly", "Dorothea", "Hershel", "Latasha", "Milo",
  "Chanda", "Bettina", "Ruben", "Marquis", "Kristeen", "Odell", "Gerard", "Zoila", "Lavonne", "Quinton", "Isabell", "Randal",
];
const SPAM_TLDS = ["com", "com", "net", "org", "info", "xyz", "site", "online", "top", "co", "biz", "shop", "ru", "pl", "in", "io", "me", "co.uk", "de"];

export function spamDomain(rng: Rng, keyword?: string): string {
  const words = (keyword ?? rng.pick(SPAM_KEYWORD_NAMES)).toLowerCase().replace(/[^a-z0-9 ]/g, "").split(" ").filter(Boolean);
  const joined = rng.chance(0.5) ? words.join("-") : words.join("");
  const suffix = rng.pick(["", "", "", "-pro", "hub", "24", "-online", "zone", "-2u", "now", String(rng.int(1, 999))]);
  return `${joined}${suffix}.${rng.pick(SPAM_TLDS)}`;
}

export function spamUrl(rng: Rng, keyword?: string): string {
  const domain = spamDomain(rng, keyword);
  const scheme = rng.pick(["https://", "http://", "https://www.", "http://www."]);
  const path = rng.pick(["", "", "/", "/blog", "/shop", `/?p=${rng.int(100, 99999)}`, "/index.php", `/${rng.pick(["go", "ref", "deal", "promo"])}/${rng.int(10, 999)}`]);
  return `${scheme}${domain}${path}`;
}

export function spamAuthor(rng: Rng, keyword?: string): Author | undefined {
  if (rng.chance(0.05)) return undefined;
  const useKeyword = keyword !== undefined || rng.chance(0.45);
  const kw = keyword ?? rng.pick(SPAM_KEYWORD_NAMES);
  const person = rng.pick(SPAM_PERSON_NAMES);
  const name = useKeyword ? kw : rng.chance(0.7) ? person : `${person} ${rng.pick(LAST)}`;
  const author: Author = { name };
  if (rng.chance(0.75)) {
    const local = rng.weighted<string>([
      [`${slugName(person)}${rng.int(10, 9999)}`, 3],
      [`${slugName(person)}.${slugName(rng.pick(LAST))}`, 2],
      [`info`, 1],
      [`${rng.pick(["xr", "qz", "lk", "vb", "mm"])}${rng.int(1000, 99999)}${rng.pick(["a", "k", "z", ""])}`, 2],
    ]);
    const host = rng.chance(0.4) ? spamDomain(rng, kw) : rng.pick([...MAIL_HOSTS, "mail.ru", "yandex.ru", "163.com", "qq.com", "o2.pl", "gmail.com", "gmail.com"]);
    author.email = `${local}@${host}`;
  }
  if (rng.chance(useKeyword ? 0.9 : 0.6)) author.url = spamUrl(rng, kw);
  return author;
}

export function firstName(rng: Rng): string {
  return rng.pick(FIRST);
}
