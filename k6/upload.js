// k6 run k6/upload.js: the second study's request, POST /images (multipart: prompt + beforeImagePath file).
// Every parameter comes from scenarios.json "upload" (+ env overrides, see README.md); the image from
// UPLOAD_FILE (default: dev mode's data/gcs/my-bucket1008/test-images/image_001.jpg from where k6 runs).
import { workload } from './workloads/workload.js';
import { uploadRequest } from './workloads/requests.js';

const SCENARIO = 'upload';
const run = workload(SCENARIO, JSON.parse(open('./scenarios.json')), __ENV, uploadRequest((path) => open(path, 'b')));

export const options = run.options;

export default function () {
  run.iteration();
}

export function handleSummary(data) {
  return run.handleSummary(data);
}
