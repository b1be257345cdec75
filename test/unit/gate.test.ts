import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EvalMetrics } from '../../src/classifier/index.js';
import { gate } from '../../src/retrain/gate.js';

/** Metrics on a validation split of 900 ham and 100 spam with `falseSpam` ham called spam. */
function metrics(f1: number, falseSpam: number): EvalMetrics {
  return {
    n: 1000,
    spam: 100,
    ham: 900,
    atHalf: { precision: f1, recall: f1, f1, accuracy: f1, hamCalledSpam: 0, spamCalledHam: 0, confusion: { truePositive: 0, falsePositive: 0, trueNegative: 0, falseNegative: 0 } },
    atCutoffs: {
      cutoffs: { ham: 0.3, spam: 0.9 },
      hamCalledSpam: falseSpam / 900,
      spamCalledHam: 0,
      unsure: 0,
      confusion: { spam: { spam: 100, unsure: 0, ham: 0 }, ham: { spam: falseSpam, unsure: 0, ham: 900 - falseSpam } },
    },
  };
}

test('the gate allows one more ham called spam than the current model, not two', () => {
  assert.equal(gate(metrics(0.99, 1), null).pass, true, 'no current model');
  assert.equal(gate(metrics(0.99, 2), metrics(0.99, 1)).pass, true);
  const refused = gate(metrics(0.99, 3), metrics(0.99, 1));
  assert.equal(refused.pass, false);
  assert.match(refused.reasons[1]!, /ham called spam 0\.33% \(3\) vs current 0\.11% \(1\): higher by more than 1 comment/);
});

test('the gate refuses a candidate whose F1 drops by more than half a point', () => {
  assert.equal(gate(metrics(0.985, 0), metrics(0.99, 0)).pass, true);
  const refused = gate(metrics(0.98, 0), metrics(0.99, 0));
  assert.equal(refused.pass, false);
  assert.match(refused.reasons[0]!, /more than 0\.5 points lower/);
});
