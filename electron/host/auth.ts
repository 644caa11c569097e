import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh random token per run: whoever has the printed URL may use this console. */
export const newRunToken = () => randomBytes(24).toString('base64url');

/**
 * A fresh host name per run, `ccm-<random>.localhost`: browsers resolve every
 * `*.localhost` name to loopback without asking DNS (RFC 6761), and cookies are scoped
 * to the host name but not to the port, so a cookie set for this name is never sent to
 * another server on 127.0.0.1 or localhost (any port), nor to another run.
 */
export const newRunHostName = () => `ccm-${randomBytes(8).toString('hex')}.localhost`;

export const cookieName = (port: number) => `ccm_${port}`;

export function tokenMatches(given: string | undefined | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/** The token a request carries: Authorization bearer, or the run cookie. */
export function requestToken(req: IncomingMessage, port: number): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  return cookieValue(req, cookieName(port));
}

/**
 * DNS-rebinding guard: a page on evil.example resolving to 127.0.0.1 sends Host:
 * evil.example. Only the run's own host name is served — not 127.0.0.1 or localhost
 * either, whose cookies every other local server would receive.
 */
export function hostAllowed(req: IncomingMessage, authority: string): boolean {
  return (req.headers.host ?? '').toLowerCase() === authority;
}

/** Cross-site requests (a form or fetch from another page) carry a foreign Origin. */
export function originAllowed(req: IncomingMessage, authority: string): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true; // same-origin GETs and non-browser clients send none
  return origin.toLowerCase() === `http://${authority}`;
}
