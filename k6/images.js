// k6 run k6/images.js: the study's workload, GET /images with a random batch of names per iteration.
// Every parameter comes from scenarios.json "images" (+ env overrides, see README.md).
import { workload } from './workloads/workload.js';
import { imagesRequest } from './workloads/requests.js';

const SCENARIO = 'images';
const run = workload(SCENARIO, JSON.parse(open('./scenarios.json')), __ENV, imagesRequest);

export const options = run.options;

export default function () {
  run.iteration();
}

export function handleSummary(data) {
  return run.handleSummary(data);
}
