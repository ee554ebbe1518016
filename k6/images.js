// k6 run k6/images.js: the study's workload, GET /images with a random batch of names per iteration.
// Every parameter comes from scenarios.json "images" (+ env overrides, see README.md).
import http from 'k6/http';
import { check, sleep } from 'k6';
import exec from 'k6/execution';
import { Counter } from 'k6/metrics';
import { buildOptions, requestTags, resolveDefinition } from './lib/options.js';
import { imageNames, imagesUrl, randomBatch } from './lib/names.js';
import { uniform } from './lib/random.js';
import { STATUS_KEYS, statusKey, statusMetric } from './lib/status.js';
import { buildResult, resultFile, textSummary } from './lib/summary.js';

const SCENARIO = 'images';
const definition = JSON.parse(open('./scenarios.json'))[SCENARIO];
const run = resolveDefinition(definition, __ENV);
export const options = buildOptions(definition, SCENARIO, __ENV);

const names = imageNames(run.imageCount);
const statuses = Object.fromEntries(STATUS_KEYS.map((key) => [key, new Counter(statusMetric(key))]));

export default function () {
  const tags = requestTags(run, exec.instance.currentTestRunDuration, 'GET /images');
  const res = http.get(imagesUrl(run.baseUrl, randomBatch(names, run.batchSize, Math.random)), { tags });
  check(res, { 'status is 200': (r) => r.status === 200 });
  statuses[statusKey(res.status)].add(1, tags);
  sleep(uniform(run.thinkTimeS.min, run.thinkTimeS.max, Math.random));
}

export function handleSummary(data) {
  const result = buildResult(data, { scenario: SCENARIO, baseUrl: run.baseUrl, tool: 'k6', definition: run });
  return { stdout: textSummary(result), [resultFile(SCENARIO, __ENV)]: JSON.stringify(result, null, 2) + '\n' };
}
