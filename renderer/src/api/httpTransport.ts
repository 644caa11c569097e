import { CcmErrorShape, EventBatch, type Envelope, type Transport } from '../../../electron/contract';

/**
 * Browser mode: calls go to POST /api/<service>/<method>, events come over one
 * WebSocket at /api/events. The run token travels in an HttpOnly cookie that the
 * host set when the printed URL was opened, so nothing here handles the token.
 */
export function createHttpTransport(base = window.location.origin): Transport {
  const listeners = new Set<(batch: EventBatch) => void>();
  let socket: WebSocket | null = null;
  let retryMs = 500;

  const connect = () => {
    const url = new URL('/api/events', base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retryMs = 500;
      setConnectionState('connected');
    };
    ws.onmessage = (msg) => {
      const parsed = EventBatch.safeParse(JSON.parse(String(msg.data)));
      if (!parsed.success) return;
      for (const l of listeners) l(parsed.data);
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      setConnectionState('reconnecting');
      if (listeners.size > 0) setTimeout(connect, (retryMs = Math.min(retryMs * 2, 10_000)));
    };
  };

  return {
    async invoke(service, method, args): Promise<Envelope<unknown>> {
      let res: Response;
      try {
        res = await fetch(new URL(`/api/${service}/${method}`, base), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          credentials: 'same-origin',
          body: JSON.stringify(args ?? {}),
        });
      } catch {
        return {
          ok: false,
          error: { code: 'UNAVAILABLE', message: 'The console host is not reachable (was npm start stopped?).' },
        };
      }
      if (res.status === 401) {
        return {
          ok: false,
          error: {
            code: 'NOT_SIGNED_IN',
            message: 'This page has no valid run token: open the URL that npm start printed.',
          },
        };
      }
      const body: unknown = await res.json().catch(() => null);
      if (body && typeof body === 'object' && 'ok' in body) {
        if (body.ok === true && 'value' in body) return { ok: true, value: body.value };
        const error = CcmErrorShape.safeParse((body as { error?: unknown }).error);
        if (error.success) return { ok: false, error: error.data };
      }
      if (res.status === 413) {
        // The host answers the envelope; an intermediary might not.
        return {
          ok: false,
          error: {
            code: 'INVALID',
            message: 'The request is too large for this action. Use a smaller file or fewer rows.',
          },
        };
      }
      return {
        ok: false,
        error: { code: 'INTERNAL', message: `Unexpected answer from the console host (HTTP ${res.status}).` },
      };
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!socket) connect();
      return () => listeners.delete(listener);
    },
  };
}

export type ConnectionState = 'connected' | 'reconnecting';
const stateListeners = new Set<(s: ConnectionState) => void>();
function setConnectionState(s: ConnectionState) {
  for (const l of stateListeners) l(s);
}
/** Browser mode only: whether the event socket is up (shown in the status bar). */
export function onConnectionState(listener: (s: ConnectionState) => void): () => void {
  stateListeners.add(listener);
  return () => stateListeners.delete(listener);
}
