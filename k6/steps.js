// k6 run k6/steps.js: constant VU levels one after another, each tagged, so every step gets its own percentiles.
// Every parameter comes from scenarios.json "steps" (+ env overrides, see README.md).
import { workload } from './workloads/workload.js';
import { imagesRequest } from './workloads/requests.js';

const SCENARIO = 'steps';
const run = workload(SCENARIO, JSON.parse(open('./scenarios.json')), __ENV, imagesRequest);

export const options = run.options;

export default function () {
  run.iteration();
}

export function handleSummary(data) {
  return run.handleSummary(data);
}
