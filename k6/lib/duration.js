// k6 duration strings ("90s", "10m", "1h30m", "500ms") <-> milliseconds.

const UNIT_MS = { ms: 1, us: 0.001, µs: 0.001, s: 1000, m: 60000, h: 3600000, d: 86400000 };
const WHOLE = /^(\d+(\.\d+)?(ms|us|µs|s|m|h|d))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|us|µs|s|m|h|d)/g;

/** Milliseconds of a k6 duration: a string such as "1m30s", or a number of milliseconds. */
export function parseDuration(value) {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  if (typeof value !== 'string' || !WHOLE.test(value.trim())) {
    throw new Error(`invalid duration ${JSON.stringify(value)} (expected e.g. "90s", "10m", "1h30m")`);
  }
  let ms = 0;
  value.trim().replace(PART, (_, amount, unit) => {
    ms += Number(amount) * UNIT_MS[unit];
    return '';
  });
  return ms;
}

/** A k6 duration string for milliseconds: whole seconds as "420s", otherwise "1500ms". */
export function formatDuration(ms) {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
