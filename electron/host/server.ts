import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Principal } from '../contract';
import { SECURITY_HEADERS } from '../csp';
import type { EventBus } from '../ipc/events';
import type { Router } from '../ipc/router';
import { normalizeAddress } from '../ipc/workstationAddress';
import type { Logger } from '../log/logger';
import {
  cookieName,
  hostAllowed,
  newRunHostName,
  newRunToken,
  originAllowed,
  requestToken,
  tokenMatches,
} from './auth';
import { readStatic, resolveStatic } from './static';

/** What the host serves besides files: main's contract, its events, its log. */
export interface HostCore {
  router: Router;
  bus: EventBus;
  log: Logger;
  principal: () => Principal;
  /** The method's body cap in bytes (the contract's `maxBodyBytes`, 4 MiB unless it declares more). */
  maxBodyBytes: (service: string, method: string) => number;
}

export interface HostOptions {
  /**
   * A promise while main's services are still being loaded: the page's files are served at once
   * (Chromium parses the renderer meanwhile) and each call, event socket or error log waits for it.
   */
  core: HostCore | Promise<HostCore>;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port: number;
  token?: string;
  /** The run's own host name (default: a fresh `ccm-<random>.localhost`). */
  hostName?: string;
  /**
   * Called once, when every script index.html names (its module script and modulepreloads) has been handed
   * to the network: browser mode loads main's services then, so their synchronous require (which blocks
   * this server) overlaps Chromium's parse of them instead of holding one of them back.
   */
  onPageScriptsSent?: () => void;
}

export interface Host {
  readonly url: string; // carries the token
  readonly origin: string; // http://<hostName>:<port>
  /**
   * `ccm-<random>.localhost`: browsers resolve it to loopback; Node clients connect to 127.0.0.1 and send it as Host.
   */
  readonly hostName: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

/** A socket that is this far behind gets batches dropped (and counted) rather than buffered forever. */
const MAX_WS_BUFFER = 16 * 1024 * 1024;

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  type: string,
  extra: Record<string, string> = {},
) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

const UNAUTHORIZED_TEXT =
  'Unauthorized: this console needs its run token. Open the URL that `npm start` printed (it ends in ?token=…).\n';

const MB = 1024 * 1024;
const inMb = (bytes: number) => `${(bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0)} MB`;

/** The sentence the UI shows for a body over the method's cap. */
export const tooLargeMessage = (size: number | null, limit: number) =>
  `The request is too large${size === null ? '' : ` (${inMb(size)})`}: at most ${inMb(limit)} can be sent for this ` +
  `action. Use a smaller file or fewer rows.`;

/**
 * Reads a body up to `limit` bytes. Over the cap it stops keeping the data (answering
 * null) but goes on reading and discarding it, so the 413 reaches the browser instead
 * of a TCP reset: closing a socket with unread data makes the kernel reset it.
 */
function readBody(req: IncomingMessage, limit: number): Promise<{ text: string } | { over: number }> {
  return new Promise((resolve, reject) => {
    let size = 0;
    let over = false;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (over) return;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve({ over: size });
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!over) resolve({ text: Buffer.concat(chunks).toString('utf8') });
    });
    req.on('error', reject);
  });
}

/**
 * Browser mode: the contract over HTTP (one POST per call) and a WebSocket for the
 * event batches, bound to 127.0.0.1 only and served under the run's own host name
 * (`http://ccm-<random>.localhost:<port>`), so its cookie reaches no other local server.
 * Every request needs the per-run token (cookie after the first visit); a request without
 * it gets 401.
 */
export async function startHost(opts: HostOptions): Promise<Host> {
  const token = opts.token ?? newRunToken();
  const hostName = (opts.hostName ?? newRunHostName()).toLowerCase();
  let port = opts.port;
  /** host:port as the browser sends it in Host (and, with http://, in Origin). */
  let authority = `${hostName}:${port}`;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  /** The scripts index.html names that are not sent yet (null: index.html not served yet). */
  let pageScripts: Set<string> | null = null;
  let pageScriptsSent = false;
  const scriptSent = (name: string | null) => {
    if (name) pageScripts?.delete(name);
    if (pageScriptsSent || !pageScripts || pageScripts.size > 0) return;
    pageScriptsSent = true;
    opts.onPageScriptsSent?.();
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      void Promise.resolve(opts.core).then((core) =>
        core.log.error('browser-mode request failed', { url: req.url, error: String(err) }),
      );
      if (!res.headersSent) send(res, 500, 'Internal error; see the log file.\n', 'text/plain; charset=utf-8');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (!hostAllowed(req, authority)) {
      return send(
        res,
        421,
        `Misdirected request: this console answers only at http://${authority}/ (open the URL that npm start printed).\n`,
        'text/plain; charset=utf-8',
      );
    }
    const url = new URL(req.url ?? '/', `http://${authority}`);

    // First visit: the printed URL carries ?token=…; trade it for an HttpOnly cookie and
    // drop it from the address bar (and so from history and screenshots).
    const queryToken = url.searchParams.get('token');
    if (req.method === 'GET' && queryToken !== null) {
      if (!tokenMatches(queryToken, token)) return send(res, 401, UNAUTHORIZED_TEXT, 'text/plain; charset=utf-8');
      return send(res, 303, '', 'text/plain', {
        Location: '/',
        'Set-Cookie': `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      });
    }
    if (!tokenMatches(requestToken(req, port), token))
      return send(res, 401, UNAUTHORIZED_TEXT, 'text/plain; charset=utf-8');

    const api = /^\/api\/([A-Za-z][\w]*)\/([A-Za-z][\w]*)$/.exec(url.pathname);
    if (api) {
      if (req.method !== 'POST') return send(res, 405, 'Use POST.\n', 'text/plain; charset=utf-8', { Allow: 'POST' });
      if (!originAllowed(req, authority))
        return send(res, 403, 'Cross-origin request refused.\n', 'text/plain; charset=utf-8');
      // application/json only: a cross-site HTML form cannot send it without a preflight.
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return send(res, 415, 'Send application/json.\n', 'text/plain; charset=utf-8');
      }
      // The method's cap (4 MiB unless its contract declares more): refused up front when the
      // length is announced, while reading when the body is chunked.
      const core = await opts.core;
      const limit = core.maxBodyBytes(api[1]!, api[2]!);
      const announced = Number(req.headers['content-length'] ?? Number.NaN);
      if (Number.isFinite(announced) && announced > limit) return tooLarge(res, announced, limit);
      const read = await readBody(req, limit);
      if ('over' in read) return tooLarge(res, Number.isFinite(announced) ? announced : null, limit);
      const body = read.text;
      let args: unknown;
      try {
        args = body.length === 0 ? {} : JSON.parse(body);
      } catch {
        return send(
          res,
          200,
          JSON.stringify({
            ok: false,
            error: { code: 'BAD_ARGUMENTS', message: 'The request body is not valid JSON.', details: { rule: 'json' } },
          }),
          'application/json',
        );
      }
      const envelope = await core.router.call(api[1]!, api[2]!, args, {
        principal: core.principal(),
        origin: `browser ${req.socket.remoteAddress ?? ''}`.trim(),
        // The client's address (seed 001: the lockout logs the TCP/IP address), never a name.
        host: normalizeAddress(req.socket.remoteAddress) ?? 'unknown',
      });
      return send(res, 200, JSON.stringify(envelope), 'application/json');
    }
    if (url.pathname.startsWith('/api/')) return send(res, 404, 'No such API path.\n', 'text/plain; charset=utf-8');

    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'Method not allowed.\n', 'text/plain; charset=utf-8');
    const found = await resolveStatic(opts.staticDir, url.pathname);
    if (!found) return send(res, 404, 'Not found.\n', 'text/plain; charset=utf-8');
    const content = await readStatic(found.file);
    if (found.file.endsWith('index.html') && !pageScripts) {
      pageScripts = scriptsNamedIn(content.toString('utf8'));
      if (pageScripts.size === 0) res.once('finish', () => scriptSent(null));
    } else if (found.file.endsWith('.js') && pageScripts?.size) {
      const name = basename(found.file);
      res.once('finish', () => scriptSent(name));
    }
    return send(res, 200, req.method === 'HEAD' ? '' : content, found.type, {
      'Cache-Control': found.file.endsWith('index.html') ? 'no-store' : 'private, max-age=300',
    });
  }

  /** 413 with the error envelope, so the UI shows the sentence (not "host unreachable"). */
  function tooLarge(res: ServerResponse, size: number | null, limit: number) {
    const envelope = {
      ok: false,
      error: { code: 'INVALID', message: tooLargeMessage(size, limit), details: { rule: 'max_body_bytes', limit } },
    };
    return send(res, 413, JSON.stringify(envelope), 'application/json');
  }

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://${authority}`);
    const ok =
      url.pathname === '/api/events' &&
      hostAllowed(req, authority) &&
      originAllowed(req, authority) &&
      tokenMatches(requestToken(req, port), token);
    if (!ok) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => void Promise.resolve(opts.core).then((core) => attach(core, ws)));
  });

  function attach(core: HostCore, ws: WebSocket) {
    if (ws.readyState !== ws.OPEN) return; // closed while main was still loading
    const remove = core.bus.addSink((batch) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > MAX_WS_BUFFER) {
        core.log.warn('event socket too slow; a batch was dropped', {
          items: batch.events.reduce((n, e) => n + e.items.length, 0),
        });
        return;
      }
      ws.send(JSON.stringify(batch));
    });
    ws.on('close', remove);
    ws.on('error', remove);
    ws.on('message', () => ws.close(1008, 'This socket only sends.'));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  authority = `${hostName}:${port}`;
  const origin = `http://${authority}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    hostName,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The file names of the scripts an HTML page loads at once: module scripts and modulepreloads. */
export function scriptsNamedIn(html: string): Set<string> {
  const out = new Set<string>();
  for (const m of html.matchAll(/<(?:script\b[^>]*\bsrc|link\b[^>]*\brel="modulepreload"[^>]*\bhref)="([^"]+\.js)"/g))
    out.add(m[1]!.split('/').pop()!);
  return out;
}
