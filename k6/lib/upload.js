// POST /images (the second study's request): which file to upload, as what, with which prompt.

export const DEFAULT_UPLOAD_FILE = 'data/gcs/my-bucket1008/test-images/image_001.jpg';
export const DEFAULT_PROMPT = 'make the photo brighter';
const MEDIA_TYPES = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

/**
 * The path to open() the image from: UPLOAD_FILE (default: dev mode's first sample image) relative to the
 * directory k6 runs in, made absolute with $PWD as signedUrlsPath does (k6's open() resolves against the script).
 */
export function uploadPath(env) {
  const file = env.UPLOAD_FILE || DEFAULT_UPLOAD_FILE;
  if (/^([A-Za-z]:)?[\\/]/.test(file)) return file;
  return env.PWD ? `${env.PWD.replace(/[\\/]+$/, '')}/${file}` : `../${file}`;
}

/** The file name sent in the form part: the path's last segment. */
export function uploadFileName(path) {
  return path.split(/[\\/]/).pop();
}

/** The part's declared media type, from the extension (the service trusts only the bytes, but says so). */
export function uploadMediaType(path) {
  const extension = (path.match(/\.([A-Za-z0-9]+)$/) || [])[1];
  const type = extension && MEDIA_TYPES[extension.toLowerCase()];
  if (!type) throw new Error(`UPLOAD_FILE must be a .jpg, .jpeg, .png or .webp image, got ${path}`);
  return type;
}

/** The prompt field: UPLOAD_PROMPT or a fixed default. */
export function uploadPrompt(env) {
  return env.UPLOAD_PROMPT || DEFAULT_PROMPT;
}
