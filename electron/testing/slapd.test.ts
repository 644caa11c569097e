import { Client, InvalidCredentialsError, SizeLimitExceededError } from 'ldapts';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guidBytes, manyUsers, startSlapd, type TestSlapd } from './slapd';

let d: TestSlapd;
beforeAll(async () => {
  d = await startSlapd({
    users: [
      { uid: 'ksharp', guid: '11111111-2222-3333-4444-555555555555', givenName: 'Karen', sn: 'Sharp' },
      { uid: 'jmuessig', givenName: 'Jürgen', sn: 'Müßig' },
      ...manyUsers(1500),
    ],
    groups: [
      { cn: 'Sales', members: ['jmuessig'] },
      { cn: 'MICCE Users', members: ['ksharp', 'group:Sales'] },
      { cn: 'Big', members: manyUsers(1500).map((u) => u.uid) },
    ],
  });
});
afterAll(() => d?.stop());

describe('test slapd', () => {
  it('binds the service account over ldap, StartTLS and ldaps with the test CA; refuses a wrong password', async () => {
    const ca = readFileSync(d.caFile);
    const plain = new Client({ url: d.url });
    await plain.bind(d.bindDn, d.password);
    await plain.startTLS({ ca, servername: 'localhost' });
    await plain.unbind();
    const tls = new Client({ url: d.ldapsUrl, tlsOptions: { ca } });
    await tls.bind(d.bindDn, d.password);
    await tls.unbind();
    const wrong = new Client({ url: d.url });
    await expect(wrong.bind(d.bindDn, 'nope')).rejects.toThrow(InvalidCredentialsError);
  });

  it('has AD-like attributes, memberOf and nested groups; limits an unpaged search to 1,000', async () => {
    const c = new Client({ url: d.url });
    await c.bind(d.bindDn, d.password);
    const { searchEntries } = await c.search(d.baseDn, {
      filter: '(uid=ksharp)',
      attributes: ['objectGUID', 'memberOf', 'givenName'],
      explicitBufferAttributes: ['objectGUID'],
    });
    expect(searchEntries[0]!.objectGUID).toEqual(guidBytes('11111111-2222-3333-4444-555555555555'));
    expect(searchEntries[0]!.memberOf).toBe(d.groupDn('MICCE Users'));
    const sales = await c.search(d.baseDn, { filter: `(memberOf=${d.groupDn('MICCE Users')})`, attributes: ['cn'] });
    expect(sales.searchEntries.map((e) => e.dn).sort()).toEqual([d.groupDn('Sales'), d.userDn('ksharp')].sort());
    await expect(c.search(d.baseDn, { filter: `(memberOf=${d.groupDn('Big')})` })).rejects.toThrow(
      SizeLimitExceededError,
    );
    const paged = await c.search(d.baseDn, {
      filter: `(memberOf=${d.groupDn('Big')})`,
      attributes: ['uid'],
      paged: { pageSize: 500 },
    });
    expect(paged.searchEntries).toHaveLength(1500);
    await c.unbind();
  });

  it('applies changes with modify (the memberof overlay follows)', async () => {
    d.modify(`dn: ${d.groupDn('Sales')}\nchangetype: modify\nadd: member\nmember: ${d.userDn('u000001')}\n`);
    const c = new Client({ url: d.url });
    await c.bind(d.bindDn, d.password);
    const { searchEntries } = await c.search(d.userDn('u000001'), { scope: 'base', attributes: ['memberOf'] });
    expect([searchEntries[0]!.memberOf].flat()).toContain(d.groupDn('Sales'));
    await c.unbind();
  });

  it('two servers start side by side', async () => {
    const other = await startSlapd();
    expect(other.port).not.toBe(d.port);
    await other.stop();
  });
});
