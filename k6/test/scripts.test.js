// The k6 scripts: they parse, stay thin, and take every scenario parameter from scenarios.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const k6Dir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const scenarios = JSON.parse(readFileSync(path.join(k6Dir, 'scenarios.json'), 'utf8'));
const scripts = readdirSync(k6Dir).filter((f) => f.endsWith('.js')).sort();
const source = (file) => readFileSync(path.join(k6Dir, file), 'utf8');
// What a hard-coded scenario parameter looks like in a script (comments aside).
const FORBIDDEN = [/\bvus\s*:/i, /\bduration\s*:/, /\bstages\s*:/, /\bthresholds\s*:/, /\btarget\s*:/, /\bexecutor\s*:/,
  /p\(\d+\)\s*[<>]/, /\b(rate|count|avg|med|min|max)\s*[<>]=?\s*\d/, /sleep\(\s*\d/, /imageCount\s*[:=]\s*\d/];

test('the hard-coded-parameter patterns catch the usual literals', () => {
  const samples = ["vus: 30", "duration: '10m'", 'stages: []', 'thresholds: {}', 'target: 200', "executor: 'x'",
    "'p(95)<1000'", "'rate<0.001'", 'sleep(3)', 'imageCount = 100'];
  samples.forEach((sample, i) => assert.match(sample, FORBIDDEN[i]));
});

test('there is one script per scenario and one scenario per script', () => {
  assert.deepEqual(scripts, Object.keys(scenarios).map((name) => `${name}.js`).sort());
});

for (const file of scripts) {
  const name = file.replace(/\.js$/, '');
  const text = source(file);

  test(`${file} parses (node --check)`, () => {
    execFileSync(process.execPath, ['--check', path.join(k6Dir, file)], { stdio: 'pipe' });
  });

  test(`${file} reads its definition "${name}" from scenarios.json`, () => {
    assert.match(text, new RegExp(`const SCENARIO = '${name}';`));
    assert.match(text, /workload\(SCENARIO, JSON\.parse\(open\('\.\/scenarios\.json'\)\), __ENV, /);
    assert.match(text, /export const options = run\.options;/);
    assert.match(text, /export function handleSummary\(data\)/);
  });

  test(`${file} hard-codes no scenario parameter`, () => {
    const code = text.replace(/^\s*\/\/.*$/gm, '');
    for (const literal of FORBIDDEN) {
      assert.doesNotMatch(code, literal, `${file} contains ${literal}`);
    }
  });

  test(`${file} sends the request its definition names`, () => {
    const expected = { 'signed-urls': /signedUrlsRequest\(/, upload: /uploadRequest\(\(path\) => open\(path, 'b'\)\)/, images: /, imagesRequest\);/ };
    assert.ok(expected[scenarios[name].request], `unknown request ${scenarios[name].request}`);
    assert.match(text, expected[scenarios[name].request]);
  });
}

test('the shared workload tags, checks, counts and thinks as the definition says', () => {
  const requests = source('workloads/requests.js');
  const workload = source('workloads/workload.js');
  for (const pattern of [/http\.post\(`\$\{run\.baseUrl\}\/load-images`/, /'POST \/load-images'/,
    /'Content-Type': 'application\/json'/, /http\.get\(imagesUrl\(run\.baseUrl/, /'GET \/images'/, /\{ headers, tags \}/,
    /http\.post\(`\$\{run\.baseUrl\}\/images`, \{ prompt, beforeImagePath: file \}/, /'POST \/images'/, /expectedStatus: 201/,
    /http\.file\(readFile\(path\), uploadFileName\(path\), uploadMediaType\(path\)\)/]) {
    assert.match(requests, pattern);
  }
  for (const pattern of [/\[`status is \$\{expected\}`\]: \(r\) => r\.status === expected/, /check\(res, checks\)/,
    /const expected = request\.expectedStatus \|\| 200/, /makeRequest\(run, env\)/, /statuses\[statusKey\(res\.status\)\]\.add\(1, tags\)/,
    /new Counter\(statusMetric\(key\)\)/, /sleep\(uniform\(run\.thinkTimeS\.min, run\.thinkTimeS\.max/,
    /buildOptions\(definition, scenario, env\)/, /resultFile\(scenario, env\)/]) {
    assert.match(workload, pattern);
  }
});

test('lib/ imports no k6 module, so Node can run it', () => {
  for (const file of readdirSync(path.join(k6Dir, 'lib'))) {
    assert.doesNotMatch(readFileSync(path.join(k6Dir, 'lib', file), 'utf8'), /from\s+['"]k6/, file);
  }
});
