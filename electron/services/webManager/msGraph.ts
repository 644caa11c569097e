import { outboundFetch } from '../../connectors/http/outbound';
import { ServiceError } from '../../ipc/errors';

const TIMEOUT_MS = 15_000;

async function call(url: string, init: RequestInit, what: string, field: string) {
  let res: Response;
  try {
    res = await outboundFetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } })?.cause?.code ?? (err instanceof Error ? err.name : 'error');
    throw new ServiceError('UNAVAILABLE', `${what} at ${new URL(url).origin} could not be reached (${cause}).`, field);
  }
  const text = await res.text();
  let body: Record<string, unknown> | null;
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  } catch {
    body = null;
  }
  return { status: res.status, body };
}

/** {"error":"invalid_client","error_description":"AADSTS7000215: …"} or Graph's {"error":{"code","message"}}. */
function msError(body: Record<string, unknown> | null): string {
  if (!body) return 'no details';
  if (typeof body.error === 'string') {
    const d = typeof body.error_description === 'string' ? body.error_description.split(/\r?\n/)[0] : '';
    return d ? `${body.error}: ${d}` : body.error;
  }
  const e = body.error as { code?: unknown; message?: unknown } | undefined;
  if (e && typeof e === 'object') return [e.code, e.message].filter((x) => typeof x === 'string').join(': ');
  return 'no details';
}

/**
 * Exchange Calendar "Test": a token by client credentials from the Microsoft identity platform
 * (`<authority>/<tenant>/oauth2/v2.0/token`, scope `<graph>/.default`), then one event of the
 * user's calendar (`GET /v1.0/users/{upn}/calendar/events?$top=1`).
 */
export async function calendarTest(o: {
  authorityUrl: string;
  graphUrl: string;
  clientId: string;
  directoryTenantId: string;
  clientSecret: string;
  upn: string;
}): Promise<{ tokenMs: number; graphMs: number; events: number; first: string | null }> {
  const authority = o.authorityUrl.replace(/\/+$/, '');
  const graph = o.graphUrl.replace(/\/+$/, '');
  const t0 = Date.now();
  const tok = await call(
    `${authority}/${encodeURIComponent(o.directoryTenantId)}/oauth2/v2.0/token`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: o.clientId,
        client_secret: o.clientSecret,
        scope: 'https://graph.microsoft.com/.default',
      }).toString(),
    },
    'The Microsoft identity platform',
    'authorityUrl',
  );
  const token = tok.body?.access_token;
  if (tok.status !== 200 || typeof token !== 'string') {
    const err = typeof tok.body?.error === 'string' ? tok.body.error : '';
    throw new ServiceError(
      'INVALID',
      `The Microsoft identity platform refused the client (HTTP ${tok.status}): ${msError(tok.body)}.`,
      err === 'invalid_client' || err === 'unauthorized_client'
        ? 'clientSecret'
        : err === 'invalid_request' && /tenant/i.test(msError(tok.body))
          ? 'directoryTenantId'
          : 'clientId',
    );
  }
  const t1 = Date.now();
  const ev = await call(
    `${graph}/v1.0/users/${encodeURIComponent(o.upn)}/calendar/events?$top=1`,
    { method: 'GET', headers: { authorization: `Bearer ${token}`, accept: 'application/json' } },
    'Microsoft Graph',
    'graphUrl',
  );
  if (ev.status !== 200)
    throw new ServiceError(
      'INVALID',
      `Microsoft Graph refused the calendar of ${o.upn} (HTTP ${ev.status}): ${msError(ev.body)}.`,
      ev.status === 404 ? 'upn' : 'clientId',
    );
  const items = Array.isArray(ev.body?.value) ? (ev.body.value as Array<{ subject?: unknown }>) : [];
  return {
    tokenMs: t1 - t0,
    graphMs: Date.now() - t1,
    events: items.length,
    first: typeof items[0]?.subject === 'string' ? items[0].subject : null,
  };
}
