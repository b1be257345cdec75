/**
 * A spam campaign in a style absent from the seed corpus: chatty testimonials for a "mushroom tea"
 * sold by a named neighbour at a market, with no links, no e-mail and ordinary reader names. The
 * shipped model reads them as ham (asserted by the tests that use them). Each comment is built from
 * phrase lists; `half` picks disjoint halves of every list except the product and where to buy it,
 * so comments of half 'b' share only the campaign's core with comments of half 'a' (bench/retrain.ts
 * trains on 'a' and tests on 'b').
 */
import { createRandom } from '../../src/classifier/index.js';
import type { SubmittedComment } from '../../src/comments/comment.schema.js';

const START = ['Funny this came up,', 'Reading this reminded me,', 'Not quite the same thing, but', 'For what it is worth,', 'This rings a bell,', 'Slightly related,'];
const WHO = ['My grandmother', 'My mother in law', 'An old colleague of mine', 'My uncle', 'Our neighbour across the road', 'My yoga teacher'];
const AILMENT = ['her blood pressure', 'his blood sugar', 'her joint pain', 'his cholesterol', 'her sleep problems', 'the swelling in his knees'];
const RESULT = ['felt the difference after a month', 'was walking to the shops again within six weeks', 'says it changed everything', 'has been fine since spring', 'was back in the garden by the summer', 'sleeps through the night now'];
const PRODUCT = ['the mushroom tea Doreen grows', "Doreen's mushroom tea", 'the mushroom tea blend Doreen makes', "Doreen's homegrown mushroom tea"];
const WHERE = ['Doreen has a stall at the Thursday market in Wexley', 'Doreen sells it from the green van by Wexley church', 'you can find Doreen at the Wexley farmers market', 'Doreen still keeps her stall at Wexley market'];
const ASK = ['ask for the blue tin', 'tell her Ruth sent you', 'get the large tin, it lasts longer', 'mention this page and she knocks a bit off', 'go early, she sells out', 'the small tin is enough to try'];
const NAMES = ['Ruth', 'Margaret P', 'Ken', 'Beverly', 'Alan W', 'Pauline'];

function half<T>(list: readonly T[], which: 'a' | 'b' | 'any'): readonly T[] {
  if (which === 'any') return list;
  const mid = Math.ceil(list.length / 2);
  return which === 'a' ? list.slice(0, mid) : list.slice(mid);
}

/** The i-th comment of the campaign (deterministic). */
export function campaignComment(i: number, which: 'a' | 'b' | 'any' = 'any'): SubmittedComment {
  const random = createRandom(7000 + i * 31 + (which === 'b' ? 100_000 : 0));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const h = <T>(list: readonly T[]) => pick(half(list, which));
  return {
    id: `campaign-${which}-${i}`,
    content: `${h(START)} ${h(WHO)} drank ${pick(PRODUCT)} for ${h(AILMENT)} and ${h(RESULT)}. ${pick(WHERE)}, ${h(ASK)}.`,
    author: { name: h(NAMES) },
  };
}
