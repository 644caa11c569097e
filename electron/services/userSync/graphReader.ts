import { fetchFailure, outboundFetch } from '../../connectors/http/outbound';
import { DirectoryError, type DirectoryEntry, type DirectoryRead } from './directory';

/**
 * Azure AD over Microsoft Graph: a client-credentials token from the Microsoft identity platform, the User Group
 * by displayName, then `transitiveMembers` (nested groups included) with `$select` and `$top=999`, following
 * `@odata.nextLink`. A 429 or 503 is retried after its Retry-After (seconds; at most 5 times, at most 120 s each).
 * Every request goes through outboundFetch (the proxy setting). Sync ID = the user's object id.
 */
export const PUBLIC_CLOUD = {
  loginBaseUrl: 'https://login.microsoftonline.com',
  graphBaseUrl: 'https://graph.microsoft.com',
};

export interface AzureTarget {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  group: string;
  loginBaseUrl?: string;
  graphBaseUrl?: string;
}

const MAX_RETRIES = 5;
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(new DirectoryError('cancelled', 'Cancelled.'));
    });
  });

/** Retry-After: delta-seconds or an HTTP date; missing = 5 s. */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  if (header === null) return 5000;
  const n = Number(header);
  const ms = Number.isFinite(n) ? n * 1000 : Date.parse(header) - now;
  return Math.min(Math.max(Number.isFinite(ms) ? ms : 5000, 0), 120_000);
}

async function request(url: string, init: RequestInit, signal: AbortSignal | undefined): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    let res: Response;
    try {
      res = await outboundFetch(url, { ...init, signal });
    } catch (e) {
      if (signal?.aborted) throw new DirectoryError('cancelled', 'Cancelled.');
      throw new DirectoryError('unreachable', `${new URL(url).host} cannot be reached (${fetchFailure(e)}).`);
    }
    if ((res.status === 429 || res.status === 503) && attempt < MAX_RETRIES) {
      await res.body?.cancel();
      await sleep(retryAfterMs(res.headers.get('retry-after')), signal);
      continue;
    }
    return res;
  }
}

type AadError = { error?: string; error_description?: string; error_codes?: number[] };
type GraphError = { error?: { code?: string; message?: string } };

async function token(t: AzureTarget, signal?: AbortSignal): Promise<string> {
  const base = t.loginBaseUrl || PUBLIC_CLOUD.loginBaseUrl;
  const res = await request(
    `${base}/${encodeURIComponent(t.tenantId)}/oauth2/v2.0/token`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: t.clientId,
        client_secret: t.clientSecret,
        scope: `${t.graphBaseUrl || PUBLIC_CLOUD.graphBaseUrl}/.default`,
      }).toString(),
    },
    signal,
  );
  const body = (await res.json().catch(() => ({}))) as AadError & { access_token?: string };
  if (res.ok && body.access_token) return body.access_token;
  const code = body.error_codes?.[0];
  // The first sentence of the description (its trace and correlation ids are noise here).
  const said = (body.error_description ?? body.error ?? `HTTP ${res.status}`).split(' Trace ID:')[0];
  if (code === 90002 || code === 900023)
    throw new DirectoryError('tenant', `Azure AD does not know the Tenant ID "${t.tenantId}": ${said}`);
  if (code === 7000215 || code === 7000222 || body.error === 'invalid_client')
    throw new DirectoryError('credentials', `Azure AD refused the Client Secret: ${said}`);
  if (code === 700016) throw new DirectoryError('credentials', `Azure AD does not know the Client ID: ${said}`);
  throw new DirectoryError('directory', `Azure AD refused the sign-in: ${said}`);
}

async function graphGet(url: string, tok: string, signal?: AbortSignal): Promise<Record<string, unknown>> {
  const res = await request(url, { headers: { Authorization: `Bearer ${tok}`, Accept: 'application/json' } }, signal);
  const body = (await res.json().catch(() => ({}))) as GraphError & Record<string, unknown>;
  if (res.ok) return body;
  const code = body.error?.code ?? `HTTP ${res.status}`;
  const msg = body.error?.message ?? '';
  if (res.status === 403 || code === 'Authorization_RequestDenied')
    throw new DirectoryError(
      'permission',
      `Microsoft Graph refused the request (${code}: ${msg}). Grant the application permissions User.Read.All, ` +
        `Group.Read.All, GroupMember.Read.All, Directory.Read.All and RoleManagement.Read.Directory ` +
        `with admin consent.`,
    );
  if (res.status === 429)
    throw new DirectoryError('throttled', `Microsoft Graph kept throttling the requests (${code}).`);
  throw new DirectoryError('directory', `Microsoft Graph refused the request (${code}: ${msg}).`);
}

export async function readAzureGroup(t: AzureTarget, attributes: string[], read: DirectoryRead): Promise<void> {
  if (!t.tenantId || !t.clientId) throw new DirectoryError('config', 'Tenant ID and Client ID are required.');
  const graph = t.graphBaseUrl || PUBLIC_CLOUD.graphBaseUrl;
  const tok = await token(t, read.signal);
  const filter = `displayName eq '${t.group.replace(/'/g, "''")}'`;
  const groups = await graphGet(
    `${graph}/v1.0/groups?$filter=${encodeURIComponent(filter)}&$select=id,displayName`,
    tok,
    read.signal,
  );
  const found = (groups.value as { id: string }[] | undefined) ?? [];
  if (found.length === 0) throw new DirectoryError('group', `The User Group "${t.group}" does not exist in Azure AD.`);
  if (found.length > 1)
    throw new DirectoryError('group', `${found.length} groups are named "${t.group}" in Azure AD; rename one.`);
  const select = ['id', ...new Set(attributes.filter((a) => a !== 'id'))].join(',');
  let next: string | undefined =
    `${graph}/v1.0/groups/${encodeURIComponent(found[0]!.id)}/transitiveMembers?$select=${select}&$top=999`;
  while (next) {
    if (read.signal?.aborted) throw new DirectoryError('cancelled', 'Cancelled.');
    const page = await graphGet(next, tok, read.signal);
    const batch: DirectoryEntry[] = [];
    for (const o of (page.value as Record<string, unknown>[] | undefined) ?? []) {
      if (o['@odata.type'] !== '#microsoft.graph.user') continue;
      const attrs: Record<string, string | null> = {};
      for (const a of attributes) {
        const v = o[a];
        const x = Array.isArray(v) ? v[0] : v;
        attrs[a] = x === undefined || x === null || x === '' ? null : String(x);
      }
      batch.push({ syncId: String(o.id), attrs, ref: String(o.userPrincipalName ?? o.id) });
    }
    await read.onBatch(batch);
    next = page['@odata.nextLink'] as string | undefined;
  }
}
