import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoreComment } from '../../src/classifier/index.js';
import { findNewestModel } from '../../src/model/model-file.js';
import { MISSION_EXAMPLE, missionProbes, thanksProbes } from '../../bench/probes.js';

// The shipped model (models/*.json) on comments written for these probes, in no corpus.

test('the shipped model calls the mission example and its variants spam, with and without article context', async () => {
  const model = await findNewestModel('models');
  for (const probe of missionProbes()) {
    const s = scoreComment(model, probe);
    assert.ok(s.spamProbability > 0.5, `${JSON.stringify(probe.content.slice(0, 60))} (context: ${probe.context?.title ?? 'none'}) scored ${s.spamProbability}`);
  }
  const mission = scoreComment(model, { content: MISSION_EXAMPLE, context: { title: 'City council approves new cycle lanes', excerpt: 'The council voted 7 to 2.' } });
  assert.equal(mission.verdict, 'spam');
});

test('the shipped model calls short specific thanks ham', async () => {
  const model = await findNewestModel('models');
  for (const probe of thanksProbes()) {
    const s = scoreComment(model, probe);
    assert.ok(s.spamProbability < 0.5, `${JSON.stringify(probe.content)} scored ${s.spamProbability}`);
  }
});

test('the shipped model has calibrated, readable cutoffs', async () => {
  const model = await findNewestModel('models');
  assert.ok(model.calibration.temperature > 1, 'naive Bayes is over-confident: the fitted temperature tempers it');
  assert.ok(model.cutoffs.ham >= 0.05 && model.cutoffs.ham <= 0.5, `ham cutoff ${model.cutoffs.ham}`);
  assert.ok(model.cutoffs.spam >= 0.5 && model.cutoffs.spam <= 0.999, `spam cutoff ${model.cutoffs.spam}`);
});
