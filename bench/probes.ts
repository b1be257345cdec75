/**
 * Probe comments written for Chaff (our own text, in no corpus): the mission's generic-praise
 * example and variants of it that must be spam, and short specific thanks that must be ham (some
 * opening with the stock phrases bots use too), on articles the seed corpus never mentions. Used
 * by bench/classifier.ts and the shipped-model test.
 */
import type { LabelledComment } from '../src/classifier/index.js';

export const MISSION_EXAMPLE =
  'magnificent post, very informative. I wonder why the other specialists of this sector do not notice this. You should continue your writing. I’m sure, you have a great readers’ base already!';

const NEWS = {
  title: 'City council approves new cycle lanes on Market Street',
  excerpt: 'After a two-hour debate the council voted 7 to 2 to fund protected cycle lanes, with work starting in March.',
};
const POSTGRES = {
  title: 'Why autovacuum falls behind on busy Postgres tables',
  excerpt: 'Dead tuples pile up when autovacuum_vacuum_scale_factor is left at 0.2 on a table with a hundred million rows.',
};
const BIKE = {
  title: 'Replacing a worn bike chain at home',
  excerpt: 'Measure stretch with a chain checker, break the old chain with a chain tool and size the new one on the big ring.',
};
const CONTEXTS = [undefined, NEWS, POSTGRES, BIKE];

const MISSION_VARIANTS = [
  MISSION_EXAMPLE,
  MISSION_EXAMPLE.toLowerCase(),
  MISSION_EXAMPLE.toUpperCase(),
  MISSION_EXAMPLE.replace(/[.,!’]/g, ''),
  'Superb article, really informative. I wonder why the other experts of this field don’t notice this. You must continue your writing. I am confident you have a huge readers base already!',
  'Magnificent post, very informative. I wonder why the other specialists of this sector don\'t notice this. You should continue your writing. I\'m sure you have a great readers\' base already! http://best-seo-deals.example.com',
  'magnificent p\u043est, very inf\u043ermative. I w\u043ender why the \u043ether specialists \u043ef this sect\u043er do not notice this.',
  'magni\u200bficent post, very infor\u200bmative. You should continue your writing.',
  'Very informative post. You should continue your writing, I’m sure you have a great readers’ base already.',
  'I wonder why the other specialists of this sector do not notice this. Keep writing!',
];

const THANKS: Array<{ content: string; context: LabelledComment['context'] }> = [
  { content: 'Thanks! Dropping autovacuum_vacuum_scale_factor to 0.01 on the events table fixed our bloat.', context: POSTGRES },
  { content: 'The bit about dead tuples on big tables explained our slow queries, thank you.', context: POSTGRES },
  { content: 'Thanks, the chain checker said 0.75 so I replaced it before it wore the cassette.', context: BIKE },
  { content: 'Sizing the new chain on the big ring was the step I always got wrong. Cheers!', context: BIKE },
  { content: 'Thanks for the clear report. Do we know which streets get the protected lanes first in March?', context: NEWS },
  { content: 'Good to see the 7 to 2 vote written up properly, thanks for covering the council debate.', context: NEWS },
  // The stock phrases bots use too ("thanks for sharing", "keep it up", "nice post"), then specifics.
  { content: 'Thanks for sharing! The chain checker read 0.75, so I swapped the chain before it chewed up the cassette.', context: BIKE },
  { content: 'Great read, keep it up! Lowering autovacuum_vacuum_scale_factor on our biggest table was the fix.', context: POSTGRES },
  { content: 'Nice post. Looking forward to seeing which streets get the protected lanes first in March.', context: NEWS },
];

export function missionProbes(): LabelledComment[] {
  return MISSION_VARIANTS.flatMap((content) => CONTEXTS.map((context): LabelledComment => (context ? { content, context, label: 'spam' } : { content, label: 'spam' })));
}

export function thanksProbes(): LabelledComment[] {
  return THANKS.map((t): LabelledComment => ({ ...t, label: 'ham', author: { name: 'Sam' } }));
}
