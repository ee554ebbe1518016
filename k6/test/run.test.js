// Each script run by Node on fake k6 modules (fake-k6/): its init code, one iteration, handleSummary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { buildOptions, persistentVus, stageAt } from '../lib/options.js';
import { STATUS_KEYS, statusMetric } from '../lib/status.js';

const k6Dir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const scenarios = JSON.parse(readFileSync(path.join(k6Dir, 'scenarios.json'), 'utf8'));
const ajv = new Ajv({ strict: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(path.join(k6Dir, 'result.schema.json'), 'utf8')));

const urlsFile = path.join(mkdtempSync(path.join(tmpdir(), 'k6-test-')), 'signed-urls.json');
// A few bytes that start like a JPEG: the fake http.file only counts them.
const uploadFile = path.join(path.dirname(urlsFile), 'photo.jpg');
writeFileSync(uploadFile, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70]));
writeFileSync(urlsFile, JSON.stringify({ urls: Array.from({ length: 100 }, (_, i) => `http://127.0.0.1:4443/b/test-images/image_${i}.jpg?X-Goog-Signature=00`) }));

function run(scenario, env = {}) {
  const fixture = scenario === 'spike' ? 'spike-summary.json' : 'images-summary.json';
  const out = execFileSync(process.execPath, ['fake-k6/run.js', `${scenario}.js`, `test/fixtures/${fixture}`], {
    cwd: k6Dir,
    env: { PATH: process.env.PATH, SIGNED_URLS_FILE: urlsFile, UPLOAD_FILE: uploadFile, ...env },
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

for (const scenario of Object.keys(scenarios)) {
  test(`${scenario}.js runs: options from scenarios.json, one request, a check, a count, a sleep, a result`, () => {
    const env = { FAKE_ELAPSED_MS: '45000' };
    const { options, initCalls, iterationCalls, summary } = run(scenario, env);
    const definition = scenarios[scenario];
    assert.deepEqual(options, buildOptions(definition, scenario, env));
    assert.deepEqual(initCalls.filter((c) => c.fn === 'new Counter').map((c) => c.name), STATUS_KEYS.map(statusMetric));

    const [request, checked, counted, slept, ...rest] = iterationCalls;
    assert.equal(rest.length, 0);
    const size = (n) => n >= definition.batchSize.min && n <= definition.batchSize.max;
    // 45 s in: the spike's hold, the steps' first step; a single held stage carries its scenario's tag instead
    const step = persistentVus(definition) ? { step: stageAt(definition, 45000) } : {};
    const expectedStatus = definition.request === 'upload' ? 201 : 200;
    if (definition.request === 'upload') {
      assert.equal(request.fn, 'http.post');
      assert.equal(request.url, 'http://localhost:8080/images');
      assert.equal(request.body.prompt, 'make the photo brighter');
      assert.deepEqual(request.body.beforeImagePath, { fake: 'http.file', bytes: 10, filename: 'photo.jpg', contentType: 'image/jpeg' });
      assert.deepEqual(request.params.headers, {});
      assert.deepEqual(request.params.tags, { name: 'POST /images', ...step });
    } else if (definition.request === 'signed-urls') {
      assert.equal(request.fn, 'http.post');
      assert.equal(request.url, 'http://localhost:8080/load-images');
      assert.ok(size(JSON.parse(request.body).length));
      assert.equal(request.params.headers['Content-Type'], 'application/json');
      assert.deepEqual(request.params.tags, { name: 'POST /load-images', ...step });
    } else {
      assert.equal(request.fn, 'http.get');
      const names = new URL(request.url).searchParams.getAll('file_names');
      assert.ok(size(names.length));
      assert.ok(names.every((n) => /^image_\d{3}\.jpg$/.test(n) && Number(n.slice(6, 9)) <= definition.imageCount));
      assert.deepEqual(request.params.tags, { name: 'GET /images', ...step });
    }
    assert.deepEqual(checked.results, { [`status is ${expectedStatus}`]: true });
    assert.deepEqual(counted, { fn: 'Counter.add', name: `status_${expectedStatus}`, value: 1, tags: request.params.tags });
    assert.ok(slept.seconds >= definition.thinkTimeS.min && slept.seconds <= definition.thinkTimeS.max);

    assert.deepEqual(Object.keys(summary).sort(), [`results/${scenario}-k6.json`, 'stdout']);
    const result = JSON.parse(summary[`results/${scenario}-k6.json`]);
    assert.ok(validate(result), JSON.stringify(validate.errors));
    assert.equal(result.scenario, scenario);
    assert.deepEqual(result.steps.map((s) => s.name), definition.stages.map((s) => s.name || String(s.target)));
    assert.match(summary.stdout, new RegExp(`^${scenario} \\(k6\\)`, 'm'));
  });
}

test('the environment reaches a script: BASE_URL, VUS, DURATION, THINK_*, BATCH_*, RESULT_FILE', () => {
  const env = { BASE_URL: 'http://api:9090', VUS: '4', DURATION: '20s', THINK_MIN: '0', THINK_MAX: '0', BATCH_MIN: '2', BATCH_MAX: '2', RESULT_FILE: 'out.json' };
  const { options, iterationCalls, summary } = run('images', env);
  assert.deepEqual(options.scenarios, { images_4: { executor: 'constant-vus', vus: 4, duration: '20s', startTime: '0s', tags: { step: '4' } } });
  assert.equal(iterationCalls[0].url.replace(/image_\d+/g, 'X'), 'http://api:9090/images?file_names=X.jpg&file_names=X.jpg');
  assert.equal(iterationCalls[3].seconds, 0);
  const result = JSON.parse(summary['out.json']);
  assert.equal(result.baseUrl, 'http://api:9090');
  assert.deepEqual(result.steps.map((s) => [s.name, s.vus]), [['4', 4]]);
});

test('signed-urls.js reads a relative SIGNED_URLS_FILE from the directory k6 runs in', () => {
  const { iterationCalls } = run('signed-urls', { PWD: path.dirname(urlsFile), SIGNED_URLS_FILE: path.basename(urlsFile) });
  assert.match(JSON.parse(iterationCalls[0].body)[0], /^http:\/\/127\.0\.0\.1:4443\/b\/test-images\//);
});

test('signed-urls.js without its URL file says to run scripts/sign-urls first', () => {
  assert.throws(() => run('signed-urls', { SIGNED_URLS_FILE: path.join(path.dirname(urlsFile), 'missing.json') }),
    /no signed-URL file at .*missing\.json: run scripts\/sign-urls first/);
});

test('signed-urls.js refuses a signed-URL file of the wrong shape', () => {
  const bad = path.join(path.dirname(urlsFile), 'bad.json');
  writeFileSync(bad, JSON.stringify(['http://x']));
  assert.throws(() => run('signed-urls', { SIGNED_URLS_FILE: bad }), /\{"urls"/);
});

for (const scenario of Object.keys(scenarios)) {
  test(`${scenario}.js sends AUTH_TOKEN as a bearer token when it is set`, () => {
    const { iterationCalls } = run(scenario, { AUTH_TOKEN: 'tok-123.abc' });
    assert.equal(iterationCalls[0].params.headers.Authorization, 'Bearer tok-123.abc');
  });
}

test('a token that cannot be a header value stops the run', () => {
  assert.throws(() => run('images', { AUTH_TOKEN: 'two words' }), /AUTH_TOKEN must be printable ASCII/);
});

test('upload.js reads a relative UPLOAD_FILE from the directory k6 runs in, and its type from the extension', () => {
  const { iterationCalls } = run('upload', { PWD: path.dirname(uploadFile), UPLOAD_FILE: 'photo.jpg', UPLOAD_PROMPT: '밝게' });
  assert.equal(iterationCalls[0].body.beforeImagePath.filename, 'photo.jpg');
  assert.equal(iterationCalls[0].body.prompt, '밝게');
  const gif = path.join(path.dirname(uploadFile), 'anim.gif');
  writeFileSync(gif, 'GIF89a');
  assert.throws(() => run('upload', { UPLOAD_FILE: gif }), /UPLOAD_FILE must be a \.jpg, \.jpeg, \.png or \.webp image/);
});
