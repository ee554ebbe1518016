// k6 run k6/signed-urls.js: the study's round 5, POST /load-images with a random batch of signed URLs.
// Every parameter comes from scenarios.json "signed-urls" (+ env overrides, see README.md); the URLs
// from SIGNED_URLS_FILE ({"urls": [...]}, default results/signed-urls.json from where k6 runs).
import { workload } from './workloads/workload.js';
import { signedUrlsRequest } from './workloads/requests.js';
import { signedUrlsPath } from './lib/names.js';

const SCENARIO = 'signed-urls';
const run = workload(SCENARIO, JSON.parse(open('./scenarios.json')), __ENV, signedUrlsRequest(() => open(signedUrlsPath(__ENV))));

export const options = run.options;

export default function () {
  run.iteration();
}

export function handleSummary(data) {
  return run.handleSummary(data);
}
