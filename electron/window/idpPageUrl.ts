/** Host names that are this machine (the loopback redirect listener, a local test provider). */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Where the identity provider's sign-in page may go on the desktop (internal window or the
 * system browser): https anywhere; plain http only to this machine — the loopback redirect
 * back to the console (http://localhost:<port>/, RFC 8252) or a local test provider. No
 * other scheme (file:, data:, javascript:, custom protocol handlers, …).
 */
export function isIdpPageUrl(raw: string): boolean {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  return u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK.has(u.hostname));
}
