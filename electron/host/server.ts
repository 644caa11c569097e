import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Principal } from '../contract';
import { SECURITY_HEADERS } from '../csp';
import type { EventBus } from '../ipc/events';
import type { Router } from '../ipc/router';
import type { Logger } from '../log/logger';
import { cookieName, hostAllowed, newRunToken, originAllowed, requestToken, tokenMatches } from './auth';
import { readStatic, resolveStatic } from './static';

export interface HostOptions {
  router: Router;
  bus: EventBus;
  log: Logger;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port: number;
  principal: () => Principal;
  token?: string;
}

export interface Host {
  readonly url: string; // carries the token
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const MAX_BODY = 4 * 1024 * 1024;
/** A socket that is this far behind gets batches dropped (and counted) rather than buffered forever. */
const MAX_WS_BUFFER = 16 * 1024 * 1024;

function send(res: ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

const UNAUTHORIZED_TEXT =
  'Unauthorized: this console needs its run token. Open the URL that `npm start` printed (it ends in ?token=…).\n';

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Browser mode: the contract over HTTP (one POST per call) and a WebSocket for the
 * event batches, bound to 127.0.0.1 only. Every request needs the per-run token (cookie
 * after the first visit); a request without it gets 401.
 */
export async function startHost(opts: HostOptions): Promise<Host> {
  const token = opts.token ?? newRunToken();
  let port = opts.port;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      opts.log.error('browser-mode request failed', { url: req.url, error: String(err) });
      if (!res.headersSent) send(res, 500, 'Internal error; see the log file.\n', 'text/plain; charset=utf-8');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (!hostAllowed(req, port)) return send(res, 421, 'Misdirected request: unexpected Host header.\n', 'text/plain; charset=utf-8');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

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
    if (!tokenMatches(requestToken(req, port), token)) return send(res, 401, UNAUTHORIZED_TEXT, 'text/plain; charset=utf-8');

    const api = /^\/api\/([A-Za-z][\w]*)\/([A-Za-z][\w]*)$/.exec(url.pathname);
    if (api) {
      if (req.method !== 'POST') return send(res, 405, 'Use POST.\n', 'text/plain; charset=utf-8', { Allow: 'POST' });
      if (!originAllowed(req, port)) return send(res, 403, 'Cross-origin request refused.\n', 'text/plain; charset=utf-8');
      // application/json only: a cross-site HTML form cannot send it without a preflight.
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return send(res, 415, 'Send application/json.\n', 'text/plain; charset=utf-8');
      }
      const body = await readBody(req);
      if (body === null) return send(res, 413, `Request larger than ${MAX_BODY} bytes.\n`, 'text/plain; charset=utf-8');
      let args: unknown;
      try {
        args = body.length === 0 ? {} : JSON.parse(body);
      } catch {
        return send(res, 200, JSON.stringify({ ok: false, error: { code: 'BAD_ARGUMENTS', message: 'The request body is not valid JSON.' } }), 'application/json');
      }
      const envelope = await opts.router.call(api[1]!, api[2]!, args, {
        principal: opts.principal(),
        origin: `browser ${req.socket.remoteAddress ?? ''}`.trim(),
        host: req.socket.remoteAddress ?? 'unknown',
      });
      return send(res, 200, JSON.stringify(envelope), 'application/json');
    }
    if (url.pathname.startsWith('/api/')) return send(res, 404, 'No such API path.\n', 'text/plain; charset=utf-8');

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed.\n', 'text/plain; charset=utf-8');
    const found = await resolveStatic(opts.staticDir, url.pathname);
    if (!found) return send(res, 404, 'Not found.\n', 'text/plain; charset=utf-8');
    const content = await readStatic(found.file);
    return send(res, 200, req.method === 'HEAD' ? '' : content, found.type, {
      'Cache-Control': found.file.endsWith('index.html') ? 'no-store' : 'private, max-age=300',
    });
  }

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const ok =
      url.pathname === '/api/events' &&
      hostAllowed(req, port) &&
      originAllowed(req, port) &&
      tokenMatches(requestToken(req, port), token);
    if (!ok) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket) {
    const remove = opts.bus.addSink((batch) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > MAX_WS_BUFFER) {
        opts.log.warn('event socket too slow; a batch was dropped', { items: batch.events.reduce((n, e) => n + e.items.length, 0) });
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
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
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
