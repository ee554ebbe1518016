// buildResult / textSummary on handleSummary data shaped exactly like k6's (v0.45+): sub-metrics
// `metric{step:…}`, thresholds as {"<expression>": {"ok": bool}}, Rate passes = failed requests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { resolveDefinition } from '../lib/options.js';
import { buildResult, resultFile, textSummary } from '../lib/summary.js';

const read = (file) => JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8'));
const scenarios = read('../scenarios.json');
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(read('../result.schema.json'));
const NOW = Date.parse('2025-11-22T10:02:24.873Z');

function result(scenario, data, env = {}) {
  const definition = resolveDefinition(scenarios[scenario], env);
  return buildResult(data, { scenario, baseUrl: definition.baseUrl, tool: 'k6', definition, now: NOW });
}

function assertValid(value) {
  assert.ok(validate(value), JSON.stringify(validate.errors, null, 2));
}

test('spike: the result validates against result.schema.json', () => {
  assertValid(result('spike', read('./fixtures/spike-summary.json')));
});

test('the schema check has teeth: a result missing a field or with a bad status key is refused', () => {
  const r = result('spike', read('./fixtures/spike-summary.json'));
  const { passed, ...withoutPassed } = r;
  assert.equal(validate(withoutPassed), false);
  assert.equal(validate({ ...r, overall: { ...r.overall, statusCodes: { '2xx': 1 } } }), false);
  assert.equal(validate({ ...r, startedAt: 'yesterday' }), false);
});

test('spike: overall numbers map from k6 metrics (p50 from med, failures from passes)', () => {
  const r = result('spike', read('./fixtures/spike-summary.json'));
  assert.equal(r.schemaVersion, 1);
  assert.equal(r.tool, 'k6');
  assert.equal(r.scenario, 'spike');
  assert.equal(r.baseUrl, 'http://localhost:8080');
  assert.equal(r.durationS, 144.873);
  assert.equal(r.startedAt, new Date(NOW - 144873.216431).toISOString());
  assert.equal(r.maxVus, 200);
  assert.deepEqual(r.overall, {
    requests: 1841,
    failures: 42,
    failureRate: 0.022814,
    rps: 12.708,
    latencyMs: { avg: 857.297, min: 96.107, p50: 702.119, p90: 1894.308, p95: 2510.448, p99: 3851.903, max: 6288.114 },
    statusCodes: { 200: 1799, 503: 37, 504: 5 },
  });
});

test('spike: one step per stage, from the {step:<name>} sub-metrics, rps over the stage duration', () => {
  const r = result('spike', read('./fixtures/spike-summary.json'));
  assert.deepEqual(r.steps.map((s) => [s.name, s.vus, s.requests, s.failures]),
    [['before', 10, 73, 0], ['surge', 200, 241, 3], ['hold', 200, 1169, 38], ['drop', 10, 214, 1],
      ['recover-10s', 10, 24, 0], ['recover-20s', 10, 24, 0], ['recover-30s', 10, 24, 0], ['after', 10, 72, 0]]);
  const hold = r.steps[2];
  assert.equal(hold.rps, Math.round((1169 / 30) * 1000) / 1000);
  assert.equal(hold.failureRate, 0.032506);
  assert.deepEqual(hold.latencyMs, { avg: 1104.617, min: 121.904, p50: 934.22, p90: 2135.807, p95: 2743.926, p99: 4102.54, max: 6288.114 });
  assert.deepEqual(hold.statusCodes, { 200: 1131, 503: 33, 504: 5 });
  assert.deepEqual(r.steps[0].statusCodes, { 200: 73 });
});

test('spike: the definition thresholds are listed with k6 verdicts; one failed, so passed is false', () => {
  const r = result('spike', read('./fixtures/spike-summary.json'));
  assert.deepEqual(r.thresholds, [
    { metric: 'http_req_duration', expression: 'p(95)<3000', ok: true },
    { metric: 'http_req_duration', expression: 'p(99)<5000', ok: true },
    { metric: 'http_req_failed', expression: 'rate<0.01', ok: false },
  ]);
  assert.equal(r.passed, false);
});

test('images: a passing run, its single step named by its target, statuses 0 and 502 counted', () => {
  const r = result('images', read('./fixtures/images-summary.json'));
  assertValid(r);
  assert.equal(r.passed, true);
  assert.ok(r.thresholds.every((t) => t.ok));
  assert.equal(r.maxVus, 30);
  assert.deepEqual(r.overall.statusCodes, { 0: 1, 200: 4184, 502: 1 });
  assert.equal(r.overall.failures, 2);
  assert.equal(r.overall.failureRate, 0.000478);
  assert.deepEqual(r.steps.map((s) => [s.name, s.vus, s.requests, s.rps]), [['30', 30, 4186, 6.977]]);
  assert.equal(r.steps[0].latencyMs.p50, 259.417);
});

test('any failed threshold fails the run, a per-step one included; a missing verdict counts as failed', () => {
  const data = read('./fixtures/images-summary.json');
  data.metrics['http_req_duration{step:30}'].thresholds['max>=0'].ok = false;
  assert.equal(result('images', data).passed, false);
  const missing = read('./fixtures/images-summary.json');
  delete missing.metrics.http_req_failed.thresholds;
  const r = result('images', missing);
  assert.deepEqual(r.thresholds.find((t) => t.metric === 'http_req_failed'), { metric: 'http_req_failed', expression: 'rate<0.001', ok: false });
  assert.equal(r.passed, false);
});

test('env overrides reach the steps (VUS, DURATION) and an empty run still validates', () => {
  const data = { metrics: {}, state: { testRunDurationMs: 0 } };
  const r = result('steps', data, { VUS: '20', DURATION: '10s' });
  assertValid(r);
  assert.deepEqual(r.steps.map((s) => s.vus), [1, 2, 3, 5, 8, 10, 15, 20]);
  assert.deepEqual(r.overall, { requests: 0, failures: 0, failureRate: 0, rps: 0, latencyMs: { avg: 0, min: 0, p50: 0, p90: 0, p95: 0, p99: 0, max: 0 }, statusCodes: {} });
  assert.equal(r.maxVus, 20, 'the highest stage target, as the Java driver reports it');
});

test('textSummary shows totals, each step, each threshold and the verdict', () => {
  const text = textSummary(result('spike', read('./fixtures/spike-summary.json')));
  assert.match(text, /spike \(k6\) against http:\/\/localhost:8080: 144\.9 s, max 200 VUs/);
  assert.match(text, /^overall\s+1841\s+12\.71\s+2\.28\s+702\.1\s+1894\.3\s+2510\.4\s+3851\.9\s+6288\.1\s+200:1799 503:37 504:5$/m);
  assert.match(text, /^hold \(200\)\s+1169\s/m);
  assert.match(text, /^\s+FAIL\s+http_req_failed rate<0\.01$/m);
  assert.match(text, /^\s+ok\s+http_req_duration p\(95\)<3000$/m);
  assert.match(text, /^FAILED$/m);
});

test('the result file is results/<scenario>-k6.json unless RESULT_FILE says otherwise', () => {
  assert.equal(resultFile('soak', {}), 'results/soak-k6.json');
  assert.equal(resultFile('soak', { RESULT_FILE: '/tmp/x.json' }), '/tmp/x.json');
});
