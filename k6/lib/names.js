// Random batches: image names for GET /images, signed URLs for POST /load-images.
import { uniformInt } from './random.js';

/** image_001.jpg … image_NNN.jpg (zero-padded to at least three digits). */
export function imageNames(count) {
  const width = Math.max(3, String(count).length);
  return Array.from({ length: count }, (_, i) => `image_${String(i + 1).padStart(width, '0')}.jpg`);
}

/** `count` distinct elements of `pool`, in random order. Uses only pool.length and pool[i], so a k6 SharedArray works. */
export function sample(pool, count, random) {
  if (count > pool.length) throw new Error(`cannot draw ${count} distinct items out of ${pool.length}`);
  const indexes = Array.from({ length: pool.length }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (indexes.length - i));
    [indexes[i], indexes[j]] = [indexes[j], indexes[i]];
  }
  return indexes.slice(0, count).map((i) => pool[i]);
}

/** A batch of batchSize.min..batchSize.max (uniform) distinct elements of `pool`. */
export function randomBatch(pool, batchSize, random) {
  return sample(pool, uniformInt(batchSize.min, batchSize.max, random), random);
}

/** GET /images URL for names: the file_names parameter repeated once per name. */
export function imagesUrl(baseUrl, names) {
  return `${baseUrl}/images?${names.map((n) => `file_names=${encodeURIComponent(n)}`).join('&')}`;
}

/**
 * The path to open() the signed-URL file from: SIGNED_URLS_FILE (default results/signed-urls.json)
 * relative to the directory k6 runs in, like RESULT_FILE and the Java driver. k6's open() resolves
 * relative paths against the script, so they are made absolute with $PWD, or taken from the
 * repository root (the script's parent) when the shell set no PWD.
 */
export function signedUrlsPath(env) {
  const file = env.SIGNED_URLS_FILE || 'results/signed-urls.json';
  if (/^([A-Za-z]:)?[\\/]/.test(file)) return file;
  return env.PWD ? `${env.PWD.replace(/[\\/]+$/, '')}/${file}` : `../${file}`;
}

/** The URLs of a signed-URL file ({"urls": [...]}, one per image): the first imageCount of them. */
export function signedUrls(file, imageCount) {
  const urls = file && file.urls;
  if (!Array.isArray(urls) || !urls.every((u) => typeof u === 'string' && /^https?:\/\//.test(u))) {
    throw new Error('the signed-URL file must be a JSON object {"urls": ["http(s)://…", …]}');
  }
  if (urls.length < imageCount) throw new Error(`the signed-URL file has ${urls.length} URLs, the scenario needs ${imageCount}`);
  return urls.slice(0, imageCount);
}
