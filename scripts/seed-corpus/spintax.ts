/**
 * Spintax expansion: "{a|b|c}" picks one option, options may nest
 * ("{Hi {there|all}|Hello}") and may be empty ("{really |}good").
 * Also the small text "noise" passes (typos, casing, quote style) that make
 * generated comments look typed by different people.
 */
import type { Rng } from "./random.js";

export function spin(template: string, rng: Rng): string {
  let out = "";
  let i = 0;
  while (i < template.length) {
    const ch = template[i];
    if (ch !== "{") {
      out += ch;
      i++;
      continue;
    }
    const end = matchingBrace(template, i);
    const options = splitTopLevel(template.slice(i + 1, end));
    out += spin(rng.pick(options), rng);
    i = end + 1;
  }
  return out;
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return i;
  }
  throw new Error(`unbalanced spintax: ${text}`);
}

function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === "{") depth++;
    else if (body[i] === "}") depth--;
    else if (body[i] === "|" && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

/** Fill "<name>" slots from a record; unknown slots are an error (catches typos in templates). */
export function fill(template: string, slots: Record<string, string>): string {
  return template.replace(/<([a-zA-Z]+)>/g, (_, key: string) => {
    const value = slots[key];
    if (value === undefined) throw new Error(`no slot <${key}> for: ${template}`);
    return value;
  });
}

const KEYBOARD_NEIGHBOURS: Record<string, string> = {
  a: "sq", e: "wr", i: "uo", o: "ip", n: "bm", t: "ry", s: "ad", r: "et", l: "k", h: "gj", u: "yi", c: "xv",
};

/** One small typo: swapped, dropped, doubled or neighbouring letter in a word of 4+ letters. */
export function typo(text: string, rng: Rng): string {
  const words = text.split(" ");
  const candidates = words.map((w, idx) => [w, idx] as const).filter(([w]) => /^[a-z]{4,}[,.!?]?$/.test(w));
  if (candidates.length === 0) return text;
  const [word, idx] = rng.pick(candidates);
  const letters = word.replace(/[,.!?]$/, "");
  const tail = word.slice(letters.length);
  const p = rng.int(1, letters.length - 2);
  let changed: string;
  switch (rng.int(0, 3)) {
    case 0:
      changed = letters.slice(0, p) + letters[p + 1] + letters[p] + letters.slice(p + 2);
      break;
    case 1:
      changed = letters.slice(0, p) + letters.slice(p + 1);
      break;
    case 2:
      changed = letters.slice(0, p) + letters[p] + letters.slice(p);
      break;
    default: {
      const near = KEYBOARD_NEIGHBOURS[letters[p]];
      changed = near ? letters.slice(0, p) + rng.pick([...near]) + letters.slice(p + 1) : letters;
    }
  }
  words[idx] = changed + tail;
  return words.join(" ");
}

export function curlyQuotes(text: string): string {
  return text
    .replace(/(^|[\s(])"/g, "$1\u201c")
    .replace(/"/g, "\u201d")
    .replace(/'/g, "\u2019");
}

export function titleCase(text: string): string {
  return text.replace(/\b([a-z])([a-z']*)/g, (_, first: string, rest: string) => first.toUpperCase() + rest);
}

/** "post. Keep" -> "post.Keep", the missing-space habit of some spam tools. */
export function squashSpaces(text: string): string {
  return text.replace(/([.!?,]) (?=[A-Za-z])/g, "$1");
}

export function dropApostrophes(text: string): string {
  return text.replace(/\b(don|can|won|isn|doesn|didn|wasn|aren|couldn|wouldn|shouldn|haven)'t\b/gi, "$1t").replace(/\bI'm\b/g, "im").replace(/\bit's\b/g, "its");
}

export function capitalizeFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
