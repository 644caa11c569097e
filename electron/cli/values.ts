/**
 * Value checks for flags. Each returns the value or a rule text; the caller adds the
 * flag name so every message names the flag as the user typed it.
 */

export type Checked<T> = { ok: true; value: T } | { ok: false; rule: string };

/**
 * The seed asks for values with spaces to be quoted. The shell/OS normally removes the
 * quotes, but a quote pair can survive (e.g. `'/user:"John Smith"'` from a POSIX shell),
 * so one surrounding pair is removed here.
 */
export function stripQuotes(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

/** Strict: digits only, so `8080.5`, `1e3`, ` 80` and `+80` are not silently accepted. */
export function checkPort(value: string): Checked<number> {
  const port = /^\d+$/.test(value) ? Number(value) : NaN;
  if (Number.isInteger(port) && port >= 1 && port <= 65535) return { ok: true, value: port };
  return { ok: false, rule: `port must be an integer from 1 to 65535, got "${value}"` };
}

// Characters that cannot be part of a host name and hint at a URL or a typo.
const BAD_HOST = /[\s/\\@?#]/;

/**
 * `host`, `host:port`, `[ipv6]` or `[ipv6]:port`; port defaults to 80 (seed). A bare
 * address with several colons is taken as IPv6 without a port, since its last group
 * cannot be told apart from a port. IPv6 hosts are returned without brackets.
 */
export function checkWebServer(value: string): Checked<{ host: string; port: number }> {
  if (value.includes('://')) {
    return { ok: false, rule: `give the server as host[:port] without a scheme, got "${value}"` };
  }
  let host: string;
  let portText: string | undefined;
  if (value.startsWith('[')) {
    const close = value.indexOf(']');
    const rest = close < 0 ? '' : value.slice(close + 1);
    if (close < 0 || (rest !== '' && !rest.startsWith(':'))) {
      return { ok: false, rule: `expected [ipv6-address]:port, got "${value}"` };
    }
    host = value.slice(1, close);
    portText = rest === '' ? undefined : rest.slice(1);
  } else {
    const colons = value.split(':').length - 1;
    const at = value.lastIndexOf(':');
    host = colons === 1 ? value.slice(0, at) : value;
    portText = colons === 1 ? value.slice(at + 1) : undefined;
  }
  if (host === '' || BAD_HOST.test(host)) {
    return { ok: false, rule: `expected a host name or address with an optional :port, got "${value}"` };
  }
  if (portText === undefined) return { ok: true, value: { host, port: 80 } };
  const port = checkPort(portText);
  return port.ok ? { ok: true, value: { host, port: port.value } } : port;
}

/** `host:port` with IPv6 hosts bracketed, for callers that build URLs. */
export const formatHostPort = (ws: { host: string; port: number }): string =>
  `${ws.host.includes(':') ? `[${ws.host}]` : ws.host}:${ws.port}`;
