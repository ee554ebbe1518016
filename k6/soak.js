// k6 run k6/soak.js: the study's average load held for a long plateau, to expose leaks and drift.
// Every parameter comes from scenarios.json "soak" (+ env overrides, see README.md).
import { workload } from './workloads/workload.js';
import { imagesRequest } from './workloads/requests.js';

const SCENARIO = 'soak';
const run = workload(SCENARIO, JSON.parse(open('./scenarios.json')), __ENV, imagesRequest);

export const options = run.options;

export default function () {
  run.iteration();
}

export function handleSummary(data) {
  return run.handleSummary(data);
}
