// k6 run k6/signed-urls.js: the study's round 5, POST /load-images with a random batch of signed URLs.
// Every parameter comes from scenarios.json "signed-urls" (+ env overrides, see README.md); the URLs
// from SIGNED_URLS_FILE ({"urls": [...]}, default results/signed-urls.json from where k6 runs).
import http from 'k6/http';
import { check, sleep } from 'k6';
import { SharedArray } from 'k6/data';
import exec from 'k6/execution';
import { Counter } from 'k6/metrics';
import { buildOptions, requestTags, resolveDefinition } from './lib/options.js';
import { randomBatch, signedUrls, signedUrlsPath } from './lib/names.js';
import { uniform } from './lib/random.js';
import { STATUS_KEYS, statusKey, statusMetric } from './lib/status.js';
import { buildResult, resultFile, textSummary } from './lib/summary.js';

const SCENARIO = 'signed-urls';
const definition = JSON.parse(open('./scenarios.json'))[SCENARIO];
const run = resolveDefinition(definition, __ENV);
export const options = buildOptions(definition, SCENARIO, __ENV);

const urls = new SharedArray('signed urls', () => signedUrls(JSON.parse(open(signedUrlsPath(__ENV))), run.imageCount));
const statuses = Object.fromEntries(STATUS_KEYS.map((key) => [key, new Counter(statusMetric(key))]));

export default function () {
  const tags = requestTags(run, exec.instance.currentTestRunDuration, 'POST /load-images');
  const body = JSON.stringify(randomBatch(urls, run.batchSize, Math.random));
  const res = http.post(`${run.baseUrl}/load-images`, body, { headers: { 'Content-Type': 'application/json' }, tags });
  check(res, { 'status is 200': (r) => r.status === 200 });
  statuses[statusKey(res.status)].add(1, tags);
  sleep(uniform(run.thinkTimeS.min, run.thinkTimeS.max, Math.random));
}

export function handleSummary(data) {
  const result = buildResult(data, { scenario: SCENARIO, baseUrl: run.baseUrl, tool: 'k6', definition: run });
  return { stdout: textSummary(result), [resultFile(SCENARIO, __ENV)]: JSON.stringify(result, null, 2) + '\n' };
}
