import { z } from 'zod';

/**
 * Links back into the console (the alarm e-mails' "open this alarm"): `ccm://alarms/<id>` in the
 * desktop application, `<browser-mode origin>/#/alarms/<id>` in browser mode. The parser is the
 * only way a link reaches the console: it knows the routes and their ids and nothing else — a
 * link is never a path, a URL to load, or anything passed through.
 */
export const CONSOLE_SCHEME = 'ccm';

/** Longest link text looked at; anything longer is refused unread. */
const MAX_LINK = 200;
/** Alarm ids: positive integers (at most 15 digits, so always a safe integer). */
const AlarmId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const ConsoleRoute = z.discriminatedUnion('route', [
  z.object({ route: z.literal('alarms') }).strict(),
  z.object({ route: z.literal('alarm'), id: AlarmId }).strict(),
]);
export type ConsoleRoute = z.infer<typeof ConsoleRoute>;

/** "alarms" or "alarms/<id>" (the route part of a link, after the scheme or the #/). */
function parseRoutePath(path: string): ConsoleRoute | null {
  const m = /^alarms(?:\/([1-9][0-9]{0,14}))?\/?$/.exec(path);
  if (!m) return null;
  const parsed = ConsoleRoute.safeParse(m[1] === undefined ? { route: 'alarms' } : { route: 'alarm', id: m[1] });
  return parsed.success ? parsed.data : null;
}

/**
 * A `ccm://` link (as the operating system hands it to the application) → its route, or null
 * for anything else: another scheme, a user, password, port, query or fragment, an unknown
 * route, a bad id, or over 200 characters.
 */
export function parseConsoleLink(link: unknown): ConsoleRoute | null {
  if (typeof link !== 'string' || link.length > MAX_LINK) return null;
  const m = /^ccm:\/\/([a-z]+(?:\/[0-9]*)?\/?)$/i.exec(link.trim());
  if (!m) return null;
  return parseRoutePath(m[1]!.toLowerCase());
}

/** The browser-mode form: the page's location hash (`#/alarms/<id>`) → its route, or null. */
export function parseConsoleHash(hash: unknown): ConsoleRoute | null {
  if (typeof hash !== 'string' || hash.length > MAX_LINK) return null;
  const m = /^#\/(.*)$/.exec(hash);
  return m ? parseRoutePath(m[1]!) : null;
}

/** The first `ccm://` link among command-line arguments (Windows/Linux hand the link over as one). */
export function consoleLinkInArgv(argv: readonly string[]): ConsoleRoute | null {
  for (const a of argv) {
    if (typeof a === 'string' && a.toLowerCase().startsWith(`${CONSOLE_SCHEME}://`)) return parseConsoleLink(a);
  }
  return null;
}

/**
 * The link for a route: `ccm://…` for the desktop application; with a browser-mode origin
 * (http://host:port), that origin's page with the route in the hash.
 */
export function consoleLink(route: ConsoleRoute, browserOrigin?: string | null): string {
  const path = route.route === 'alarm' ? `alarms/${route.id}` : 'alarms';
  if (browserOrigin) return `${browserOrigin.replace(/\/+$/, '')}/#/${path}`;
  return `${CONSOLE_SCHEME}://${path}`;
}
