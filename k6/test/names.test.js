// Random batches of names and URLs, driven by a seeded random function.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { imageNames, imagesUrl, randomBatch, sample, signedUrls, signedUrlsPath } from '../lib/names.js';
import { uniform, uniformInt } from '../lib/random.js';
import { statusKey, statusMetric } from '../lib/status.js';

function seeded(seed = 42) { // mulberry32
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('imageNames: image_001.jpg … image_NNN.jpg', () => {
  const names = imageNames(100);
  assert.equal(names.length, 100);
  assert.deepEqual([names[0], names[6], names[99]], ['image_001.jpg', 'image_007.jpg', 'image_100.jpg']);
  assert.equal(imageNames(1000)[999], 'image_1000.jpg');
});

test('randomBatch: a size within the range, distinct names from the pool', () => {
  const random = seeded();
  const pool = imageNames(100);
  const sizes = new Set();
  for (let i = 0; i < 500; i++) {
    const batch = randomBatch(pool, { min: 30, max: 50 }, random);
    assert.ok(batch.length >= 30 && batch.length <= 50);
    assert.equal(new Set(batch).size, batch.length);
    assert.ok(batch.every((n) => pool.includes(n)));
    sizes.add(batch.length);
  }
  assert.equal(sizes.size, 21, 'every size from 30 to 50 occurs');
  assert.deepEqual(sample(['a', 'b', 'c'], 3, seeded()).sort(), ['a', 'b', 'c']);
  assert.throws(() => sample(['a'], 2, seeded()), /distinct/);
});

test('sample uses only length and indexing (works on a k6 SharedArray)', () => {
  const shared = { length: 3, 0: 'x', 1: 'y', 2: 'z' };
  assert.deepEqual(sample(shared, 3, seeded()).sort(), ['x', 'y', 'z']);
});

test('uniform and uniformInt stay within their bounds', () => {
  const random = seeded(7);
  for (let i = 0; i < 1000; i++) {
    const think = uniform(3, 5, random);
    assert.ok(think >= 3 && think < 5);
    const n = uniformInt(30, 50, random);
    assert.ok(Number.isInteger(n) && n >= 30 && n <= 50);
  }
  assert.equal(uniform(1, 1, random), 1);
  assert.equal(uniformInt(1, 3, () => 0.9999999), 3);
});

test('imagesUrl repeats file_names once per image', () => {
  assert.equal(imagesUrl('http://localhost:8080', ['image_007.jpg', 'image_042.jpg']),
    'http://localhost:8080/images?file_names=image_007.jpg&file_names=image_042.jpg');
});

test('signedUrls reads {"urls": [...]} and keeps imageCount of them', () => {
  const urls = Array.from({ length: 120 }, (_, i) => `http://127.0.0.1:4443/b/o${i}?X-Goog-Signature=ab`);
  assert.deepEqual(signedUrls({ urls }, 100), urls.slice(0, 100));
  assert.throws(() => signedUrls(urls, 100), /\{"urls"/);
  assert.throws(() => signedUrls({ urls: ['ftp://x'] }, 1), /\{"urls"/);
  assert.throws(() => signedUrls({ urls: urls.slice(0, 99) }, 100), /has 99 URLs, the scenario needs 100/);
});

test('signedUrlsPath: SIGNED_URLS_FILE relative to where k6 runs ($PWD), absolute paths kept', () => {
  assert.equal(signedUrlsPath({ PWD: '/repo' }), '/repo/results/signed-urls.json');
  assert.equal(signedUrlsPath({ PWD: '/repo/', SIGNED_URLS_FILE: 'tmp/u.json' }), '/repo/tmp/u.json');
  assert.equal(signedUrlsPath({ PWD: '/repo', SIGNED_URLS_FILE: '/data/u.json' }), '/data/u.json');
  assert.equal(signedUrlsPath({}), '../results/signed-urls.json', 'no PWD: the repository root, the script being in k6/');
});

test('statusKey counts listed statuses one by one, 0 for no response, the rest as other', () => {
  assert.deepEqual([200, 201, 415, 503, 0, undefined, 418, 202].map(statusKey), ['200', '201', '415', '503', '0', '0', 'other', 'other']);
  assert.equal(statusMetric('503'), 'status_503');
});
