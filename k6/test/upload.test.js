// The upload request's knobs and the bearer token header.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authHeaders } from '../lib/auth.js';
import { DEFAULT_UPLOAD_FILE, uploadFileName, uploadMediaType, uploadPath, uploadPrompt } from '../lib/upload.js';

test('uploadPath: UPLOAD_FILE from $PWD, absolute as is, dev mode\'s first sample image by default', () => {
  assert.equal(uploadPath({ PWD: '/repo/' }), `/repo/${DEFAULT_UPLOAD_FILE}`);
  assert.equal(uploadPath({ PWD: '/repo', UPLOAD_FILE: 'x/a.png' }), '/repo/x/a.png');
  assert.equal(uploadPath({ UPLOAD_FILE: '/abs/a.webp' }), '/abs/a.webp');
  assert.equal(uploadPath({}), `../${DEFAULT_UPLOAD_FILE}`);
});

test('uploadMediaType and uploadFileName follow the path', () => {
  assert.equal(uploadMediaType('/a/b.JPG'), 'image/jpeg');
  assert.equal(uploadMediaType('b.jpeg'), 'image/jpeg');
  assert.equal(uploadMediaType('b.png'), 'image/png');
  assert.equal(uploadMediaType('b.webp'), 'image/webp');
  assert.throws(() => uploadMediaType('b.gif'), /UPLOAD_FILE must be/);
  assert.throws(() => uploadMediaType('noextension'), /UPLOAD_FILE must be/);
  assert.equal(uploadFileName('/a/b/c.png'), 'c.png');
});

test('uploadPrompt: UPLOAD_PROMPT or the default', () => {
  assert.equal(uploadPrompt({ UPLOAD_PROMPT: 'p' }), 'p');
  assert.equal(uploadPrompt({}), 'make the photo brighter');
});

test('authHeaders: nothing without AUTH_TOKEN, a bearer header with it, refused when it cannot be a header', () => {
  assert.deepEqual(authHeaders({}), {});
  assert.deepEqual(authHeaders({ AUTH_TOKEN: '' }), {});
  assert.deepEqual(authHeaders({ AUTH_TOKEN: 'abc.def-1' }), { Authorization: 'Bearer abc.def-1' });
  assert.throws(() => authHeaders({ AUTH_TOKEN: 'a b' }), /printable ASCII/);
  assert.throws(() => authHeaders({ AUTH_TOKEN: 'a\nb' }), /printable ASCII/);
});
