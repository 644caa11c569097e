import type { SrvRecord } from 'node:dns';
import { Resolver } from 'node:dns/promises';
import { DirectoryError } from './directory';

/**
 * "Blank Host Name = the local domain": the domain controllers of a DNS domain are found with DNS SRV records
 * `_ldap._tcp.<domain>` (as Windows' DC locator does) and tried in the order RFC 2782 gives: lowest priority
 * first; within a priority, at random in proportion to the weights. The domain is the one configured, or the
 * machine's domain, which only Windows knows (USERDNSDOMAIN); elsewhere it must be given.
 */
export function machineDomain(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  if (platform !== 'win32') return null;
  const d = (env.USERDNSDOMAIN ?? '').trim().toLowerCase();
  return d || null;
}

let dnsServers: string[] | null = null;
/** Tests point the lookup at their DNS server on 127.0.0.1 (production uses the system's servers). */
export function setDirectoryDnsServers(servers: string[] | null): void {
  dnsServers = servers;
}
/** What setDirectoryDnsServers set (handed to the reader's worker thread, which has its own module state). */
export const directoryDnsServers = (): string[] | null => dnsServers;

/** RFC 2782 order of the targets (random: [0, 1), injectable for tests). A lone "." target = no service. */
export function orderSrv(records: SrvRecord[], random: () => number = Math.random): SrvRecord[] {
  const usable = records.filter((r) => r.name !== '' && r.name !== '.');
  const priorities = [...new Set(usable.map((r) => r.priority))].sort((a, b) => a - b);
  const out: SrvRecord[] = [];
  for (const p of priorities) {
    // Zero weights first, then pick by running sum of weights ≥ a random number in [0, total].
    const left = usable
      .filter((r) => r.priority === p)
      .sort((a, b) => (a.weight === 0 ? 0 : 1) - (b.weight === 0 ? 0 : 1));
    while (left.length) {
      const total = left.reduce((s, r) => s + r.weight, 0);
      const pick = Math.floor(random() * (total + 1)); // uniform over 0..total, inclusive
      let sum = 0;
      let i = 0;
      for (; i < left.length - 1; i++) {
        sum += left[i]!.weight;
        if (sum >= pick) break;
      }
      out.push(left.splice(i, 1)[0]!);
    }
  }
  return out;
}

export interface DcTarget {
  host: string;
  port: number;
}

/** The domain controllers of `domain`, in the order to try them; a DirectoryError naming the cause when none. */
export async function locateDomainControllers(domain: string, random?: () => number): Promise<DcTarget[]> {
  const name = `_ldap._tcp.${domain}`;
  const resolver = new Resolver({ timeout: 3000, tries: 2 });
  if (dnsServers) resolver.setServers(dnsServers);
  let records: SrvRecord[];
  try {
    records = await resolver.resolveSrv(name);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    throw new DirectoryError(
      'unreachable',
      code === 'ENOTFOUND' || code === 'ENODATA'
        ? `No domain controller is published in DNS for ${domain} (no SRV record ${name}).`
        : `The domain controllers of ${domain} cannot be looked up in DNS (${code || (e as Error).message}).`,
    );
  }
  const ordered = orderSrv(records, random);
  if (!ordered.length)
    throw new DirectoryError('unreachable', `DNS says ${domain} offers no LDAP service (SRV record ${name}).`);
  return ordered.map((r) => ({ host: r.name.replace(/\.$/, ''), port: r.port }));
}
