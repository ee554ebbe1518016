// What every script does around its request: options from scenarios.json, one request per iteration
// with the status check, the status counter and the think time, and the handleSummary result file.
// Call it from a script's init context (it creates k6 metrics).
import { check, sleep } from 'k6';
import exec from 'k6/execution';
import { Counter } from 'k6/metrics';
import { buildOptions, requestTags, resolveDefinition } from '../lib/options.js';
import { uniform } from '../lib/random.js';
import { STATUS_KEYS, statusKey, statusMetric } from '../lib/status.js';
import { buildResult, resultFile, textSummary } from '../lib/summary.js';

/**
 * `makeRequest(run, env)` is called once, in the init context, and returns `{ name, send(tags), expectedStatus? }`:
 * the request's `name` tag, a function that sends one request and returns the response, and the status a
 * success has (200 unless said otherwise).
 */
export function workload(scenario, definitions, env, makeRequest) {
  const definition = definitions[scenario];
  const run = resolveDefinition(definition, env);
  const request = makeRequest(run, env);
  const expected = request.expectedStatus || 200;
  const checks = { [`status is ${expected}`]: (r) => r.status === expected };
  const statuses = Object.fromEntries(STATUS_KEYS.map((key) => [key, new Counter(statusMetric(key))]));
  return {
    options: buildOptions(definition, scenario, env),
    iteration() {
      const tags = requestTags(run, exec.instance.currentTestRunDuration, request.name);
      const res = request.send(tags);
      check(res, checks);
      statuses[statusKey(res.status)].add(1, tags);
      sleep(uniform(run.thinkTimeS.min, run.thinkTimeS.max, Math.random));
    },
    handleSummary(data) {
      const result = buildResult(data, { scenario, baseUrl: run.baseUrl, tool: 'k6', definition: run });
      return { stdout: textSummary(result), [resultFile(scenario, env)]: JSON.stringify(result, null, 2) + '\n' };
    },
  };
}
