// The two request shapes of scenarios.json's "request": for workload(…, makeRequest).
import http from 'k6/http';
import { SharedArray } from 'k6/data';
import { imageNames, imagesUrl, randomBatch, signedUrls } from '../lib/names.js';

/** `GET /images?file_names=…` with a random batch of image names. */
export function imagesRequest(run) {
  const names = imageNames(run.imageCount);
  return {
    name: 'GET /images',
    send: (tags) => http.get(imagesUrl(run.baseUrl, randomBatch(names, run.batchSize, Math.random)), { tags }),
  };
}

/**
 * `POST /load-images` with a random batch of signed URLs. `readFile()` returns the URL file's text; it is
 * defined in the script so that k6's open() resolves paths from the script, not from this module.
 */
export function signedUrlsRequest(readFile) {
  return (run) => {
    const urls = new SharedArray('signed urls', () => signedUrls(JSON.parse(readFile()), run.imageCount));
    return {
      name: 'POST /load-images',
      send: (tags) => http.post(`${run.baseUrl}/load-images`, JSON.stringify(randomBatch(urls, run.batchSize, Math.random)),
        { headers: { 'Content-Type': 'application/json' }, tags }),
    };
  };
}
