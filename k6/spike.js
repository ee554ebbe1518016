// k6 run k6/spike.js: a surge to many VUs, a hold, a drop and a recovery; requests tagged by stage.
// Every parameter comes from scenarios.json "spike" (+ env overrides, see README.md).
import { workload } from './workloads/workload.js';
import { imagesRequest } from './workloads/requests.js';

const SCENARIO = 'spike';
const run = workload(SCENARIO, JSON.parse(open('./scenarios.json')), __ENV, imagesRequest);

export const options = run.options;

export default function () {
  run.iteration();
}

export function handleSummary(data) {
  return run.handleSummary(data);
}
