/** The table `npm run retrain` prints at the end: data counts, old and new metrics, decision. */
import type { EvalMetrics } from '../classifier/index.js';
import type { RetrainResult } from './retrain.js';

const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

function metricRows(candidate: EvalMetrics, current: EvalMetrics | null): string[][] {
  const row = (name: string, f: (m: EvalMetrics) => string): string[] => [name, current ? f(current) : '-', f(candidate)];
  return [
    ['metric (validation split)', 'current', 'candidate'],
    row('comments (spam/ham)', (m) => `${m.spam}/${m.ham}`),
    row('spam F1 at p=0.5', (m) => pct(m.atHalf.f1)),
    row('precision', (m) => pct(m.atHalf.precision)),
    row('recall', (m) => pct(m.atHalf.recall)),
    row('ham called spam (cutoffs)', (m) => pct(m.atCutoffs.hamCalledSpam)),
    row('spam called ham (cutoffs)', (m) => pct(m.atCutoffs.spamCalledHam)),
    row('unsure (cutoffs)', (m) => pct(m.atCutoffs.unsure)),
    row('cutoffs ham/spam', (m) => `${m.atCutoffs.cutoffs.ham.toPrecision(3)}/${m.atCutoffs.cutoffs.spam.toPrecision(3)}`),
  ];
}

export function formatRetrainSummary(result: RetrainResult): string {
  const d = result.data;
  const data = table([
    ['data', 'spam', 'ham'],
    [`moderator labels (${d.labels.entries} decisions, ${d.labels.comments} comments)`, String(d.labels.spam), String(d.labels.ham)],
    [`seed corpus${d.seed.file ? ` ${d.seed.file}` : ' (none)'}`, String(d.seed.spam), String(d.seed.ham)],
    ...d.corpora.map((c) => [`corpus ${c.name}`, String(c.spam), String(c.ham)]),
    [`duplicates dropped (${d.conflicts} with the other label; the later won)`, '', String(d.duplicates)],
    [`train (${d.train.labels} labels, each counted ${d.labelWeight}x; seed ${d.seedValue})`, String(d.train.spam), String(d.train.ham)],
    [`validation (${d.validation.labels} labels)`, String(d.validation.spam), String(d.validation.ham)],
  ]);
  const head = `current ${result.current?.version ?? '(none)'}${result.currentSource ? ` from ${result.currentSource}` : ''}; candidate ${result.candidate.version}`;
  const decision = {
    promoted: `PROMOTED ${result.candidate.version}${result.file ? ` (${result.file})` : ''}`,
    forced: `PROMOTED (forced) ${result.candidate.version}${result.file ? ` (${result.file})` : ''}`,
    kept: `KEPT ${result.current?.version ?? 'the current model'}: the candidate did not pass the gate`,
    'dry-run': 'DRY RUN: nothing promoted',
  }[result.decision];
  return [
    data,
    '',
    head,
    table(metricRows(result.metrics.candidate, result.metrics.current)),
    '',
    `decision: ${decision}`,
    ...result.reasons.map((r) => `  - ${r}`),
    ...(result.dropped.length ? [`  - dropped old versions: ${result.dropped.join(', ')}`] : []),
  ].join('\n');
}
