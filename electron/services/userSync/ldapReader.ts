import { Client, EqualityFilter, InvalidCredentialsError, type Entry } from 'ldapts';
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { DirectoryError, type DirectoryEntry, type DirectoryRead } from './directory';
import { locateDomainControllers, machineDomain } from './locate';

/**
 * Active Directory over LDAP (ldapts): bind with the service account, find the User Group by cn /
 * sAMAccountName (or by its DN), collect its nested groups (groups whose memberOf is a collected group,
 * breadth-first; a group seen twice is read once, so cycles end), then read every user that is a member of one
 * of them with the paged-results control (1,000 per page, AD's MaxPageSize). Sync ID = objectGUID in
 * AD's string form.
 */
const PAGE = 1000;
let extraCa: string[] = [];
/** Tests trust their private CA (production trusts the system's roots, plus NODE_EXTRA_CA_CERTS). */
export function addDirectoryCa(pem: string): void {
  if (!extraCa.includes(pem)) extraCa = [...extraCa, pem];
}
/** What addDirectoryCa added (handed to the reader's worker thread, which has its own module state). */
export const directoryCas = (): readonly string[] => extraCa;

/** AD's objectGUID bytes → the usual string form (first three fields little-endian). */
export function guidString(b: Buffer): string {
  if (b.length !== 16) return b.toString('hex');
  const h = (x: Buffer) => x.toString('hex');
  const rev = (x: Buffer) => h(Buffer.from(x).reverse());
  return `${rev(b.subarray(0, 4))}-${rev(b.subarray(4, 6))}-${rev(b.subarray(6, 8))}-${h(b.subarray(8, 10))}-${h(
    b.subarray(10),
  )}`;
}

export interface AdTarget {
  host: string;
  port: number;
  security: 'none' | 'ldaps' | 'starttls';
  bindDn: string;
  password: string;
  baseDn: string;
  group: string;
  timeoutMs?: number;
  /** Blank host: the domain whose controllers DNS SRV names (blank = the machine's domain, Windows only). */
  domain?: string;
}

const first = (v: Entry[string] | undefined): string | null => {
  if (v === undefined) return null;
  const x = Array.isArray(v) ? v[0] : v;
  if (x === undefined) return null;
  const s = Buffer.isBuffer(x) ? x.toString('utf8') : String(x);
  return s === '' ? null : s;
};

function describe(e: unknown, t: AdTarget): DirectoryError {
  if (e instanceof DirectoryError) return e;
  if (e instanceof InvalidCredentialsError)
    return new DirectoryError(
      'credentials',
      `The directory refused the user name or password (invalid credentials for "${t.bindDn}").`,
    );
  const err = e as NodeJS.ErrnoException & { code?: string | number };
  const code = typeof err.code === 'string' ? err.code : '';
  if (/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|ECONNRESET|EAI_AGAIN/.test(code) || /timeout/i.test(err.message))
    return new DirectoryError(
      'unreachable',
      `The directory server ${t.host}:${t.port} cannot be reached (${code || err.message}).`,
    );
  if (/CERT|SELF_SIGNED|UNABLE_TO|ERR_TLS|DEPTH_ZERO/.test(code) || /certificate/i.test(err.message))
    return new DirectoryError(
      'tls',
      `The directory server's certificate is not trusted (${code || err.message}); ` +
        `check Use SSL and the server's certificate.`,
    );
  return new DirectoryError('directory', `The directory refused the request: ${err.message || String(e)}`);
}

/**
 * Reads the group from the configured host, or — Host Name blank — from the domain's controllers as DNS SRV
 * lists them: the next one is tried when one cannot be reached (before anything was read from it).
 */
export async function readAdGroup(t: AdTarget, attributes: string[], read: DirectoryRead): Promise<void> {
  if (t.host) return readAt(t, attributes, read);
  const domain = t.domain || machineDomain();
  if (!domain)
    throw new DirectoryError('config', 'Host Name or Domain is required: only Windows knows the local domain.');
  const targets = await locateDomainControllers(domain);
  let last: DirectoryError | null = null;
  for (const dc of targets) {
    let delivered = false;
    try {
      // LDAPS listens on its own port (636): the SRV port is LDAP's, so LDAPS keeps the configured Host Port.
      await readAt({ ...t, host: dc.host, port: t.security === 'ldaps' ? t.port : dc.port }, attributes, {
        signal: read.signal,
        onBatch: (b) => {
          delivered = true;
          return read.onBatch(b);
        },
      });
      return;
    } catch (e) {
      if (!(e instanceof DirectoryError) || e.reason !== 'unreachable' || delivered) throw e;
      last = e;
    }
  }
  throw new DirectoryError(
    'unreachable',
    `No domain controller of ${domain} can be reached (tried ${targets.map((x) => `${x.host}:${x.port}`).join(', ')}` +
      `; last: ${last?.message ?? 'unknown'}).`,
  );
}

async function readAt(t: AdTarget, attributes: string[], read: DirectoryRead): Promise<void> {
  const url = `${t.security === 'ldaps' ? 'ldaps' : 'ldap'}://${t.host}:${t.port}`;
  const tlsOptions: ConnectionOptions = {
    ...(isIP(t.host) ? {} : { servername: t.host }),
    ...(extraCa.length ? { ca: extraCa } : {}),
  };
  const client = new Client({
    url,
    timeout: t.timeoutMs ?? 30_000,
    connectTimeout: t.timeoutMs ?? 10_000,
    tlsOptions: t.security === 'ldaps' ? tlsOptions : undefined,
  });
  const onAbort = () => void client.unbind().catch(() => {});
  read.signal?.addEventListener('abort', onAbort);
  try {
    if (t.security === 'starttls') await client.startTLS(tlsOptions);
    await client.bind(t.bindDn, t.password);
    let base = t.baseDn;
    if (!base) {
      const root = await client.search('', { scope: 'base', attributes: ['defaultNamingContext', 'namingContexts'] });
      base = first(root.searchEntries[0]?.defaultNamingContext) ?? first(root.searchEntries[0]?.namingContexts) ?? '';
      if (!base) throw new DirectoryError('config', 'The directory names no default naming context: give a Base DN.');
    }
    const groupClass = '(|(objectClass=group)(objectClass=groupOfNames))';
    let groupDn: string | undefined;
    if (t.group.includes('=')) {
      const r = await client
        .search(t.group, { scope: 'base', filter: groupClass, attributes: ['cn'] })
        .catch(() => null);
      groupDn = r?.searchEntries[0]?.dn;
    } else {
      const name = new EqualityFilter({ attribute: 'cn', value: t.group }).toString();
      const sam = new EqualityFilter({ attribute: 'sAMAccountName', value: t.group }).toString();
      const r = await client.search(base, { filter: `(&${groupClass}(|${name}${sam}))`, attributes: ['cn'] });
      groupDn = r.searchEntries[0]?.dn;
    }
    if (!groupDn) throw new DirectoryError('group', `The User Group "${t.group}" does not exist under ${base}.`);

    const groups = new Set([groupDn]);
    let frontier = [groupDn];
    while (frontier.length) {
      const next: string[] = [];
      for (const g of frontier) {
        const filter = `(&${groupClass}${new EqualityFilter({ attribute: 'memberOf', value: g }).toString()})`;
        for await (const page of client.searchPaginated(base, {
          filter,
          attributes: ['cn'],
          paged: { pageSize: PAGE },
        }))
          for (const e of page.searchEntries)
            if (!groups.has(e.dn)) {
              groups.add(e.dn);
              next.push(e.dn);
            }
      }
      frontier = next;
    }
    const seen = new Set<string>();
    const groupList = [...groups];
    // A few groups per request keeps the filter short with many nested groups.
    for (let i = 0; i < groupList.length; i += 20) {
      const members = groupList
        .slice(i, i + 20)
        .map((g) => new EqualityFilter({ attribute: 'memberOf', value: g }).toString())
        .join('');
      const filter = `(&(objectClass=person)(|${members}))`;
      for await (const page of client.searchPaginated(base, {
        filter,
        attributes: ['objectGUID', ...attributes],
        explicitBufferAttributes: ['objectGUID'],
        paged: { pageSize: PAGE },
      })) {
        if (read.signal?.aborted) throw new DirectoryError('cancelled', 'Cancelled.');
        const batch: DirectoryEntry[] = [];
        for (const e of page.searchEntries) {
          const raw = e.objectGUID;
          const guid = Array.isArray(raw) ? raw[0] : raw;
          if (!Buffer.isBuffer(guid)) continue;
          const syncId = guidString(guid);
          if (seen.has(syncId)) continue;
          seen.add(syncId);
          const byLower = new Map(Object.keys(e).map((k) => [k.toLowerCase(), k]));
          const attrs: Record<string, string | null> = {};
          for (const a of attributes) {
            const k = byLower.get(a.toLowerCase());
            attrs[a] = k === undefined ? null : first(e[k]);
          }
          batch.push({ syncId, attrs, ref: e.dn });
        }
        await read.onBatch(batch);
      }
    }
  } catch (e) {
    if (read.signal?.aborted) throw new DirectoryError('cancelled', 'Cancelled.');
    throw describe(e, t);
  } finally {
    read.signal?.removeEventListener('abort', onAbort);
    await client.unbind().catch(() => {});
  }
}
