// k6 handleSummary `data` -> the result file (k6/result.schema.json) and a short console text.
import { parseDuration } from './duration.js';
import { nameStages } from './options.js';
import { STATUS_KEYS, statusMetric } from './status.js';

/** Where handleSummary writes the result, relative to the directory k6 runs in. */
export function resultFile(scenario, env = {}) {
  return env.RESULT_FILE || `results/${scenario}-k6.json`;
}

/**
 * The result of one run. `definition` is the resolved definition (resolveDefinition) the run
 * used; startedAt defaults to `now` minus the test run duration.
 */
export function buildResult(data, { scenario, baseUrl, tool = 'k6', startedAt, definition, now = Date.now() }) {
  const metrics = data.metrics || {};
  const durationMs = number(data.state && data.state.testRunDurationMs);
  const thresholds = thresholdResults(metrics, definition.thresholds || {});
  const anyFailed = Object.values(metrics).some((m) => Object.values(m.thresholds || {}).some((t) => !t.ok));
  return {
    schemaVersion: 1,
    tool,
    scenario,
    baseUrl,
    startedAt: new Date(startedAt !== undefined ? startedAt : now - durationMs).toISOString(),
    durationS: round(durationMs / 1000, 3),
    // The planned peak, as the Java driver reports it: k6's vus_max also counts the VUs it
    // pre-allocates for a step while the previous step's VUs finish their last iteration.
    maxVus: Math.max(...definition.stages.map((stage) => stage.target)),
    overall: stats(metrics, '', durationMs / 1000),
    steps: nameStages(definition.stages).map((stage) => ({
      name: stage.name,
      vus: stage.target,
      ...stats(metrics, `{step:${stage.name}}`, parseDuration(stage.duration) / 1000),
    })),
    thresholds,
    passed: !anyFailed && thresholds.every((t) => t.ok),
  };
}

/** A few lines for the console: totals, one line per step, the thresholds, PASSED/FAILED. */
export function textSummary(result) {
  const columns = ['requests', 'rps', 'fail%', 'p50', 'p90', 'p95', 'p99', 'max'];
  const line = (label, s) => [
    pad(label, 12),
    ...[s.requests, s.rps.toFixed(2), (s.failureRate * 100).toFixed(2)].map((v) => pad(v, 9, true)),
    ...['p50', 'p90', 'p95', 'p99', 'max'].map((p) => pad(s.latencyMs[p].toFixed(1), 9, true)),
    '  ' + Object.entries(s.statusCodes).map(([code, n]) => `${code}:${n}`).join(' '),
  ].join('');
  return [
    '',
    `${result.scenario} (${result.tool}) against ${result.baseUrl}: ${result.durationS.toFixed(1)} s, max ${result.maxVus} VUs`,
    `${pad('', 12)}${columns.map((c) => pad(c, 9, true)).join('')}  statuses (latency in ms)`,
    line('overall', result.overall),
    ...result.steps.map((step) => line(`${step.name} (${step.vus})`, step)),
    'thresholds:',
    ...result.thresholds.map((t) => `  ${t.ok ? 'ok  ' : 'FAIL'}  ${t.metric} ${t.expression}`),
    result.passed ? 'PASSED' : 'FAILED',
    '',
  ].join('\n');
}

// requests, failures, rps, latency and statuses of the metrics with `suffix` ("" or "{step:10}").
function stats(metrics, suffix, seconds) {
  const values = (name) => (metrics[name + suffix] || {}).values || {};
  const reqs = values('http_reqs');
  const failed = values('http_req_failed');
  const duration = values('http_req_duration');
  const requests = Math.round(number(reqs.count));
  const failures = Math.round(number(failed.passes));
  const total = number(failed.passes) + number(failed.fails);
  const statusCodes = {};
  for (const key of STATUS_KEYS) {
    const count = Math.round(number(values(statusMetric(key)).count));
    if (count > 0) statusCodes[key] = count;
  }
  return {
    requests,
    failures,
    failureRate: round(failed.rate !== undefined ? number(failed.rate) : total > 0 ? failures / total : 0, 6),
    rps: round(suffix === '' && reqs.rate !== undefined ? number(reqs.rate) : seconds > 0 ? requests / seconds : 0, 3),
    latencyMs: {
      avg: round(number(duration.avg), 3),
      min: round(number(duration.min), 3),
      p50: round(number(duration.med), 3),
      p90: round(number(duration['p(90)']), 3),
      p95: round(number(duration['p(95)']), 3),
      p99: round(number(duration['p(99)']), 3),
      max: round(number(duration.max), 3),
    },
    statusCodes,
  };
}

// One entry per threshold of the definition, with k6's verdict (not evaluated counts as failed).
function thresholdResults(metrics, definitionThresholds) {
  return Object.entries(definitionThresholds).flatMap(([metric, expressions]) =>
    expressions.map((entry) => {
      const expression = typeof entry === 'string' ? entry : entry.threshold; // k6 allows {threshold, abortOnFail}
      const verdict = ((metrics[metric] || {}).thresholds || {})[expression];
      return { metric, expression, ok: Boolean(verdict && verdict.ok) };
    }));
}

function number(value) {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

function round(value, digits) {
  const factor = Math.pow(10, digits);
  return Math.round(value * factor) / factor;
}

function pad(value, width, right = false) {
  const text = String(value);
  return right ? text.padStart(width) : text.padEnd(width);
}
