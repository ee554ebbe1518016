// The request shapes of scenarios.json's "request": for workload(…, makeRequest). Every request carries the
// AUTH_TOKEN bearer header when it is set.
import http from 'k6/http';
import { SharedArray } from 'k6/data';
import { authHeaders } from '../lib/auth.js';
import { imageNames, imagesUrl, randomBatch, signedUrls, signedUrlsPath } from '../lib/names.js';
import { uploadFileName, uploadMediaType, uploadPath, uploadPrompt } from '../lib/upload.js';

/** `GET /images?file_names=…` with a random batch of image names. */
export function imagesRequest(run, env) {
  const names = imageNames(run.imageCount);
  const headers = authHeaders(env);
  return {
    name: 'GET /images',
    send: (tags) => http.get(imagesUrl(run.baseUrl, randomBatch(names, run.batchSize, Math.random)), { headers, tags }),
  };
}

/**
 * `POST /load-images` with a random batch of signed URLs. `readFile()` returns the URL file's text; it is
 * defined in the script so that k6's open() resolves paths from the script, not from this module.
 */
export function signedUrlsRequest(readFile) {
  return (run, env) => {
    const urls = new SharedArray('signed urls', () => signedUrls(JSON.parse(readUrlFile(readFile, env)), run.imageCount));
    const headers = { ...authHeaders(env), 'Content-Type': 'application/json' };
    return {
      name: 'POST /load-images',
      send: (tags) => http.post(`${run.baseUrl}/load-images`, JSON.stringify(randomBatch(urls, run.batchSize, Math.random)),
        { headers, tags }),
    };
  };
}

// The URL file is made by scripts/sign-urls; without it k6's own error ("open …: no such file") would not say so.
// A string, not an Error: k6 then prints the one line, without a JavaScript stack under it.
function readUrlFile(readFile, env) {
  try {
    return readFile();
  } catch (e) {
    throw `no signed-URL file at ${signedUrlsPath(env)}: run scripts/sign-urls first (or set SIGNED_URLS_FILE)`; // eslint-disable-line no-throw-literal
  }
}

/**
 * `POST /images` as multipart/form-data: a `prompt` and the image file `beforeImagePath` (the second study's
 * request), answered 201. `readFile(path)` returns the file's bytes (k6: open(path, 'b'), in the script).
 */
export function uploadRequest(readFile) {
  return (run, env) => {
    const path = uploadPath(env);
    const file = http.file(readFile(path), uploadFileName(path), uploadMediaType(path));
    const prompt = uploadPrompt(env);
    const headers = authHeaders(env);
    return {
      name: 'POST /images',
      expectedStatus: 201,
      send: (tags) => http.post(`${run.baseUrl}/images`, { prompt, beforeImagePath: file }, { headers, tags }),
    };
  };
}
