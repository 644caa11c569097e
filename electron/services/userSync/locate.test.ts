import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryError } from './directory';
import { locateDomainControllers, machineDomain, orderSrv, setDirectoryDnsServers } from './locate';
import { startTestDns, type TestDns } from './testDns';

const rr = (name: string, priority: number, weight: number, port = 389) => ({ name, priority, weight, port });

describe('domain controllers by DNS SRV (RFC 2782)', () => {
  let dns: TestDns;
  beforeAll(async () => {
    dns = await startTestDns({
      '_ldap._tcp.corp.example.test': [
        { priority: 20, weight: 0, port: 3890, target: 'dc3.corp.example.test' },
        { priority: 10, weight: 60, port: 389, target: 'dc1.corp.example.test' },
        { priority: 10, weight: 40, port: 389, target: 'dc2.corp.example.test' },
      ],
      '_ldap._tcp.none.example.test': [{ priority: 0, weight: 0, port: 0, target: '.' }],
    });
    setDirectoryDnsServers([dns.server]);
  });
  afterAll(async () => {
    setDirectoryDnsServers(null);
    await dns?.stop();
  });

  it('orders by priority, then by weight at random; zero weights first in their priority; "." is no service', () => {
    const recs = [rr('c', 20, 0), rr('a', 10, 60), rr('b', 10, 40), rr('z', 10, 0)];
    // random 0 → running sum ≥ 0: the zero-weight one first, then a (60), then b.
    expect(orderSrv(recs, () => 0).map((r) => r.name)).toEqual(['z', 'a', 'b', 'c']);
    // random just below 1 → the last running sum: b (sum 100 of z, a, b), then a, then z (sum 0 ≥ 0).
    expect(orderSrv(recs, () => 0.999).map((r) => r.name)).toEqual(['b', 'a', 'z', 'c']);
    // Over many picks, a comes first about 60 % of the time among a and b.
    let seed = 1;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    let aFirst = 0;
    for (let i = 0; i < 2000; i++) if (orderSrv([rr('a', 1, 60), rr('b', 1, 40)], rnd)[0]!.name === 'a') aFirst++;
    expect(aFirst / 2000).toBeGreaterThan(0.55);
    expect(aFirst / 2000).toBeLessThan(0.65);
    expect(orderSrv([rr('.', 0, 0)])).toEqual([]);
  });

  it('asks the DNS server for _ldap._tcp.<domain> over the wire and gets the targets in order', async () => {
    const dcs = await locateDomainControllers('corp.example.test', () => 0);
    expect(dcs).toEqual([
      { host: 'dc1.corp.example.test', port: 389 },
      { host: 'dc2.corp.example.test', port: 389 },
      { host: 'dc3.corp.example.test', port: 3890 },
    ]);
    expect(dns.queries).toContain('_ldap._tcp.corp.example.test');
  });

  it('names the cause when the domain has no controller in DNS', async () => {
    const missing = await locateDomainControllers('nowhere.example.test').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(DirectoryError);
    expect((missing as DirectoryError).message).toMatch(/No domain controller is published in DNS for nowhere/);
    const none = await locateDomainControllers('none.example.test').catch((e: unknown) => e);
    expect((none as DirectoryError).message).toMatch(/offers no LDAP service/);
  });

  it('knows the machine domain on Windows only', () => {
    expect(machineDomain('win32', { USERDNSDOMAIN: 'CORP.EXAMPLE.COM' })).toBe('corp.example.com');
    expect(machineDomain('linux', { USERDNSDOMAIN: 'corp.example.com' })).toBeNull();
  });
});
