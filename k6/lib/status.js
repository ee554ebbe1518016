// Responses counted by HTTP status. k6 cannot group requests by status in its summary, so every
// script adds 1 per response to the Counter named statusMetric(statusKey(res.status)).

/** The statuses counted one by one; "0" is a request that got no response, "other" the rest. */
export const STATUS_KEYS = ['0', '200', '201', '400', '403', '404', '413', '415', '429', '500', '502', '503', '504', 'other'];

/** The key a response's status is counted under. */
export function statusKey(status) {
  const key = String(status ?? 0);
  return STATUS_KEYS.includes(key) ? key : 'other';
}

/** The custom Counter's name for a key: "status_503". */
export function statusMetric(key) {
  return `status_${key}`;
}
