// buildOptions, resolveDefinition, stageAt: scenarios.json -> k6 options, with env overrides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildOptions, requestTags, resolveDefinition, stageAt, stepProbes, SUMMARY_TREND_STATS } from '../lib/options.js';
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
    } else {
      assert.equal(scenarioList.length, definition.stages.length);
      let startMs = 0;
      definition.stages.forEach((stage, i) => {
        const scenario = scenarioList[i];
        assert.equal(scenario.executor, 'constant-vus');
        assert.equal(scenario.vus, stage.target);
        assert.equal(scenario.duration, stage.duration);
        assert.equal(parseDuration(scenario.startTime), startMs);
        assert.deepEqual(scenario.tags, { step: stepName(stage) });
        assert.match(Object.keys(options.scenarios)[i], /^[0-9A-Za-z_-]+$/);
        startMs += parseDuration(stage.duration);
      });
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

test('steps: one constant-vus scenario per step, started back to back', () => {
  const options = buildOptions(scenarios.steps, 'steps', {});
  assert.deepEqual(Object.keys(options.scenarios), ['10', '20', '30', '50', '75', '100', '150', '200'].map((s) => `steps_${s}`));
  assert.deepEqual(Object.values(options.scenarios).map((s) => s.startTime), ['0s', '60s', '120s', '180s', '240s', '300s', '360s', '420s']);
  assert.deepEqual(options.thresholds['http_req_duration{step:75}'], ['max>=0']);
  assert.deepEqual(options.thresholds['http_req_failed{step:75}'], ['rate>=0']);
  assert.deepEqual(options.thresholds['http_reqs{step:75}'], ['count>=0']);
  assert.deepEqual(options.thresholds['status_503{step:75}'], ['count>=0']);
});

test('a definition without stage names is tagged by target, repeated targets made unique', () => {
  const definition = { ...scenarios.images, stages: [{ duration: '1m', target: 5 }, { duration: '30s', target: 10 }, { duration: '1m', target: 5 }] };
  const options = buildOptions(definition, 'x', {});
  assert.deepEqual(Object.values(options.scenarios).map((s) => [s.tags.step, s.startTime, s.vus]), [['5', '0s', 5], ['10', '60s', 10], ['5_3', '90s', 5]]);
});

test('a definition threshold on a per-step metric is kept next to the probe', () => {
  const definition = { ...scenarios.steps, thresholds: { 'http_req_duration{step:200}': ['p(95)<3000'] } };
  assert.deepEqual(buildOptions(definition, 'steps', {}).thresholds['http_req_duration{step:200}'], ['p(95)<3000', 'max>=0']);
});

test('DURATION replaces every stage duration', () => {
  const steps = buildOptions(scenarios.steps, 'steps', { DURATION: '10s' });
  assert.deepEqual(Object.values(steps.scenarios).map((s) => [s.duration, s.startTime]),
    [0, 10, 20, 30, 40, 50, 60, 70].map((t) => ['10s', `${t}s`]));
  const spike = buildOptions(scenarios.spike, 'spike', { DURATION: '5s' });
  assert.deepEqual(spike.scenarios.spike.stages.map((s) => s.duration), Array(8).fill('5s'));
  assert.throws(() => buildOptions(scenarios.images, 'images', { DURATION: 'soon' }), /invalid duration/);
});

test('VUS replaces a single target and scales several (at least 1)', () => {
  assert.equal(buildOptions(scenarios.images, 'images', { VUS: '3' }).scenarios.images_3.vus, 3);
  const steps = buildOptions(scenarios.steps, 'steps', { VUS: '20' });
  assert.deepEqual(Object.values(steps.scenarios).map((s) => s.vus), [1, 2, 3, 5, 8, 10, 15, 20]);
  assert.deepEqual(Object.values(steps.scenarios).map((s) => s.tags.step), ['10', '20', '30', '50', '75', '100', '150', '200']);
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

test('stageAt names the stage running at a moment; requestTags adds it under ramping-vus only', () => {
  const spike = resolveDefinition(scenarios.spike, {});
  assert.deepEqual([0, 29999, 30000, 39999, 40000, 70000, 80000, 139999, 150000].map((ms) => stageAt(spike, ms)),
    ['before', 'before', 'surge', 'surge', 'hold', 'drop', 'recover-10s', 'after', 'after']);
  assert.equal(stageAt(resolveDefinition(scenarios.spike, { DURATION: '1s' }), 2500), 'hold');
  assert.deepEqual(requestTags(spike, 45000, 'GET /images'), { name: 'GET /images', step: 'hold' });
  assert.deepEqual(requestTags(resolveDefinition(scenarios.steps, {}), 45000, 'GET /images'), { name: 'GET /images' });
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
