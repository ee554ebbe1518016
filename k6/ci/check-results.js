// node k6/ci/check-results.js <result.json>…: each result file (written by a k6 script's handleSummary) must
// follow result.schema.json, come from k6 itself, and count requests and no failed one. One line per file;
// exits 1 when any is off. Used by .ci/run after it ran every k6 script against a live node.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const k6Dir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(path.join(k6Dir, 'result.schema.json'), 'utf8')));

let failed = 0;
for (const file of process.argv.slice(2)) {
  const problems = [];
  let result;
  try {
    result = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    problems.push(`unreadable: ${e.message}`);
  }
  if (result && !validate(result)) {
    problems.push(...validate.errors.map((e) => `${e.instancePath || '/'} ${e.message}`));
  }
  if (result && problems.length === 0) {
    if (result.tool !== 'k6') problems.push(`written by ${result.tool}, not k6`);
    if (result.overall.requests === 0) problems.push('no request was made');
    if (result.overall.failures !== 0) problems.push(`${result.overall.failures} failed requests (${JSON.stringify(result.overall.statusCodes)})`);
  }
  if (problems.length > 0) {
    failed++;
    console.log(`FAIL ${file}: ${problems.join('; ')}`);
  } else {
    const o = result.overall;
    console.log(`ok   ${file}: ${result.scenario}, ${o.requests} requests, 0 failed, p95 ${o.latencyMs.p95} ms, `
      + `thresholds ${result.passed ? 'passed' : 'FAILED'}`);
  }
}
process.exit(failed > 0 || process.argv.length < 3 ? 1 : 0);
