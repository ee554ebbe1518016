// node k6/ci/print-options.js <scenarios.json> <scenario>: prints the k6 `options` the scripts build for that
// scenario (k6/lib/options.js, no environment overrides) as JSON. The load driver's SameVuStartsAsK6Test reads
// it to check that the driver starts its VUs when k6 would.
import { readFileSync } from 'node:fs';
import { buildOptions } from '../lib/options.js';

const [file, scenario] = process.argv.slice(2);
if (!file || !scenario) {
  console.error('usage: node k6/ci/print-options.js <scenarios.json> <scenario>');
  process.exit(2);
}
const definitions = JSON.parse(readFileSync(file, 'utf8'));
console.log(JSON.stringify(buildOptions(definitions[scenario], scenario, {})));
