// AUTH_TOKEN: when set, every request carries `Authorization: Bearer <token>` (the second study's API needs one).

/** The headers to add to every request: none, or the bearer token. Throws on a token that cannot be a header value. */
export function authHeaders(env) {
  const token = env.AUTH_TOKEN;
  if (token === undefined || token === '') return {};
  if (!/^[\x21-\x7e]+$/.test(token)) throw new Error('AUTH_TOKEN must be printable ASCII without spaces');
  return { Authorization: `Bearer ${token}` };
}
