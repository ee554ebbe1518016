// buildOptions, resolveDefinition, stageAt: scenarios.json -> k6 options, with env overrides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildOptions, persistentVus, requestTags, resolveDefinition, stageAt, stepProbes, SUMMARY_TREND_STATS } from '../lib/options.js';
import { parseDuration } from '../lib/duration.js';
import { STATUS_KEYS } from '../lib/status.js';

const scenarios = JSON.parse(readFileSync(new URL('../scenarios.json', import.meta.url), 'utf8'));
const stepName = (stage) => stage.name || String(stage.target);

for (const [name, definition] of Object.entries(scenarios)) {
  test(`${name}: executors, stages, start times and thresholds come from scenarios.json`, () => {
    const options = buildOptions(definition, name, {});
    const scenarioList = Object.values(options.scenarios);
    if (definition.rampUp) {
      assert.deepEqual(options.scenarios, {
        [name]: {
          executor: 'ramping-vus',
          startVUs: definition.stages[0].target,
          stages: definition.stages.map(({ duration, target }) => ({ duration, target })),
        },
      });
    } else if (persistentVus(definition)) {
      // held stages as one ramping-vus scenario: the stages' durations add up to the definition's
      const [scenario] = scenarioList;
      assert.equal(scenarioList.length, 1);
      assert.equal(scenario.executor, 'ramping-vus');
      assert.equal(scenario.startVUs, 0);
      const total = (stages) => stages.reduce((sum, stage) => sum + parseDuration(stage.duration), 0);
      assert.equal(total(scenario.stages), total(definition.stages));
      assert.equal(scenario.stages[scenario.stages.length - 1].target, definition.stages[definition.stages.length - 1].target);
    } else {
      assert.equal(scenarioList.length, 1);
      const [scenario] = scenarioList;
      const [stage] = definition.stages;
      assert.equal(scenario.executor, 'constant-vus');
      assert.equal(scenario.vus, stage.target);
      assert.equal(scenario.duration, stage.duration);
      assert.equal(scenario.startTime, '0s');
      assert.deepEqual(scenario.tags, { step: stepName(stage) });
      assert.match(Object.keys(options.scenarios)[0], /^[0-9A-Za-z_-]+$/);
    }
    for (const [metric, expressions] of Object.entries(definition.thresholds)) {
      assert.deepEqual(options.thresholds[metric], expressions);
    }
    for (const stage of definition.stages) {
      for (const [metric, expression] of stepProbes(stepName(stage))) {
        assert.deepEqual(options.thresholds[metric], [expression], metric);
      }
    }
    const perStep = 3 + STATUS_KEYS.length;
    assert.equal(Object.keys(options.thresholds).length, Object.keys(definition.thresholds).length + perStep * definition.stages.length);
    assert.deepEqual(options.summaryTrendStats, SUMMARY_TREND_STATS);
  });
}

test('steps: one ramping-vus scenario; each step adds its new VUs over staggerS, the others carry on', () => {
  const options = buildOptions(scenarios.steps, 'steps', {});
  assert.deepEqual(Object.keys(options.scenarios), ['steps']);
  assert.equal(scenarios.steps.staggerS, 5);
  const { stages } = options.scenarios.steps;
  assert.deepEqual(stages.slice(0, 4), [{ duration: '5s', target: 10 }, { duration: '55s', target: 10 }, { duration: '5s', target: 20 }, { duration: '55s', target: 20 }]);
  assert.equal(stages.length, 16);
  assert.deepEqual(options.thresholds['http_req_duration{step:75}'], ['max>=0']);
  assert.deepEqual(options.thresholds['http_req_failed{step:75}'], ['rate>=0']);
  assert.deepEqual(options.thresholds['http_reqs{step:75}'], ['count>=0']);
  assert.deepEqual(options.thresholds['status_503{step:75}'], ['count>=0']);
});

test('held stages: a lower one drops at once, a higher one ramps over staggerS (capped at its duration), 0 starts at once', () => {
  const stages = [{ duration: '1m', target: 5 }, { duration: '30s', target: 10 }, { duration: '1m', target: 5 }, { duration: '2s', target: 8 }];
  assert.deepEqual(buildOptions({ ...scenarios.images, stages, staggerS: 4 }, 'x', {}).scenarios.x.stages, [
    { duration: '4s', target: 5 }, { duration: '56s', target: 5 }, { duration: '4s', target: 10 }, { duration: '26s', target: 10 },
    { duration: '0s', target: 5 }, { duration: '60s', target: 5 }, { duration: '2s', target: 8 }]);
  assert.deepEqual(buildOptions({ ...scenarios.images, stages }, 'x', {}).scenarios.x.stages, [
    { duration: '0s', target: 5 }, { duration: '60s', target: 5 }, { duration: '0s', target: 10 }, { duration: '30s', target: 10 },
    { duration: '0s', target: 5 }, { duration: '60s', target: 5 }, { duration: '0s', target: 8 }, { duration: '2s', target: 8 }]);
  assert.throws(() => buildOptions({ ...scenarios.images, staggerS: -1 }, 'x', {}), /staggerS/);
});

test('a definition without stage names is tagged by target, repeated targets made unique', () => {
  const definition = { ...scenarios.images, stages: [{ duration: '1m', target: 5 }, { duration: '30s', target: 10 }, { duration: '1m', target: 5 }] };
  const run = resolveDefinition(definition, {});
  assert.deepEqual(run.stages.map((s) => s.name), ['5', '10', '5_3']);
  assert.deepEqual(requestTags(run, 95000, 'GET /images'), { name: 'GET /images', step: '5_3' });
});

test('a definition threshold on a per-step metric is kept next to the probe', () => {
  const definition = { ...scenarios.steps, thresholds: { 'http_req_duration{step:200}': ['p(95)<3000'] } };
  assert.deepEqual(buildOptions(definition, 'steps', {}).thresholds['http_req_duration{step:200}'], ['p(95)<3000', 'max>=0']);
});

test('DURATION replaces every stage duration', () => {
  const steps = buildOptions(scenarios.steps, 'steps', { DURATION: '10s' });
  assert.deepEqual(steps.scenarios.steps.stages.map((s) => s.duration), Array(8).fill(['5s', '5s']).flat());
  const spike = buildOptions(scenarios.spike, 'spike', { DURATION: '5s' });
  assert.deepEqual(spike.scenarios.spike.stages.map((s) => s.duration), Array(8).fill('5s'));
  assert.throws(() => buildOptions(scenarios.images, 'images', { DURATION: 'soon' }), /invalid duration/);
});

test('VUS replaces a single target and scales several (at least 1)', () => {
  assert.equal(buildOptions(scenarios.images, 'images', { VUS: '3' }).scenarios.images_3.vus, 3);
  const steps = buildOptions(scenarios.steps, 'steps', { VUS: '20' });
  assert.deepEqual(steps.scenarios.steps.stages.filter((s, i) => i % 2 === 1).map((s) => s.target), [1, 2, 3, 5, 8, 10, 15, 20]);
  assert.deepEqual(resolveDefinition(scenarios.steps, { VUS: '20' }).stages.map((s) => s.name), ['10', '20', '30', '50', '75', '100', '150', '200']);
  const spike = buildOptions(scenarios.spike, 'spike', { VUS: '20' });
  assert.equal(spike.scenarios.spike.startVUs, 1);
  assert.deepEqual(spike.scenarios.spike.stages.map((s) => s.target), [1, 20, 20, 1, 1, 1, 1, 1]);
  assert.throws(() => buildOptions(scenarios.images, 'images', { VUS: '0' }), /VUS must be an integer >= 1/);
  assert.throws(() => buildOptions(scenarios.images, 'images', { VUS: '2.5' }), /VUS/);
});

test('BASE_URL, THINK_* and BATCH_* override the definition; empty values are ignored', () => {
  const run = resolveDefinition(scenarios.images, { BASE_URL: 'http://api:9090/', THINK_MIN: '0', THINK_MAX: '0.5', BATCH_MIN: '5', BATCH_MAX: '' });
  assert.equal(run.baseUrl, 'http://api:9090');
  assert.deepEqual(run.thinkTimeS, { min: 0, max: 0.5 });
  assert.deepEqual(run.batchSize, { min: 5, max: scenarios.images.batchSize.max });
  const defaults = resolveDefinition(scenarios.images, {});
  assert.equal(defaults.baseUrl, 'http://localhost:8080');
  assert.deepEqual(defaults.thinkTimeS, scenarios.images.thinkTimeS);
  assert.deepEqual(defaults.batchSize, scenarios.images.batchSize);
  assert.throws(() => resolveDefinition(scenarios.images, { THINK_MIN: '9' }), /THINK_MIN \(9\) is greater than THINK_MAX/);
  assert.throws(() => resolveDefinition(scenarios.images, { BATCH_MAX: '101' }), /exceeds imageCount/);
  assert.throws(() => resolveDefinition(scenarios.images, { BATCH_MIN: 'many' }), /batch size/);
});

test('resolveDefinition leaves the definition itself untouched', () => {
  const before = JSON.stringify(scenarios.spike);
  resolveDefinition(scenarios.spike, { DURATION: '1s', VUS: '2' });
  assert.equal(JSON.stringify(scenarios.spike), before);
});

test('stageAt names the stage running at a moment; requestTags adds it under ramping-vus only (persistent VUs)', () => {
  const spike = resolveDefinition(scenarios.spike, {});
  assert.deepEqual([0, 29999, 30000, 39999, 40000, 70000, 80000, 139999, 150000].map((ms) => stageAt(spike, ms)),
    ['before', 'before', 'surge', 'surge', 'hold', 'drop', 'recover-10s', 'after', 'after']);
  assert.equal(stageAt(resolveDefinition(scenarios.spike, { DURATION: '1s' }), 2500), 'hold');
  assert.deepEqual(requestTags(spike, 45000, 'GET /images'), { name: 'GET /images', step: 'hold' });
  assert.deepEqual(requestTags(resolveDefinition(scenarios.steps, {}), 65000, 'GET /images'), { name: 'GET /images', step: '20' });
  assert.deepEqual(requestTags(resolveDefinition(scenarios.images, {}), 45000, 'GET /images'), { name: 'GET /images' });
});

test('bad definitions are refused with a message', () => {
  assert.throws(() => buildOptions(undefined, 'nope', {}), /non-empty "stages"/);
  assert.throws(() => buildOptions({ ...scenarios.images, stages: [{ duration: '1m', target: 0 }] }, 'x', {}), /stage target/);
  assert.throws(() => buildOptions({ ...scenarios.spike, stages: [{ duration: '1m', target: 1, name: 'a b' }] }, 'x', {}), /stage name/);
  assert.throws(() => buildOptions({ ...scenarios.spike, stages: [{ duration: '1m', target: 1, name: 'a' }, { duration: '1m', target: 2, name: 'a' }] }, 'x', {}), /used twice/);
  assert.throws(() => buildOptions(scenarios.images, 'bad name', {}), /scenario name/);
});

test('parseDuration reads k6 durations', () => {
  assert.deepEqual(['10m', '30s', '1h30m', '500ms', '1.5s', '2d'].map(parseDuration), [600000, 30000, 5400000, 500, 1500, 172800000]);
  assert.equal(parseDuration(250), 250);
  for (const bad of ['', '10', 'm', '10 m', '-5s', null]) assert.throws(() => parseDuration(bad), /invalid duration/);
});
