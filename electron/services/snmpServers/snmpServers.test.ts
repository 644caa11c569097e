import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../connectors/db/testing/engines';
import { createKeychainStore } from '../../connectors/keychain/secretStore';
import { startSnmpd, type TestSnmpd } from '../../connectors/snmp/testSnmpd';
import { decodeRegFile } from '../../domain/registry';
import { seededDb, signIn, startConsole, type TestConsole, type ArgsOf } from '../testing/harness';
import { agentSecretKey } from '.';

let agent: TestSnmpd;
beforeAll(async () => {
  agent = await startSnmpd();
});
afterAll(async () => {
  await agent?.stop();
});

describe.each(ENGINES)('Alarms › Servers against a real snmpd (%s)', (engine) => {
  let c: TestConsole;
  let supervisor: TestConsole;
  const keychain = createKeychainStore();
  const server = (over: object = {}): ArgsOf<'snmpServers', 'save'>['server'] => ({
    name: `micc-${engine}`,
    host: '127.0.0.1',
    port: agent.port,
    snmpVersion: 'v2c',
    v3User: '',
    v3Level: 'authPriv',
    v3AuthProtocol: 'sha',
    v3PrivProtocol: 'aes',
    timeoutMs: 400,
    retries: 1,
    agent: {
      contact: 'Field Technician',
      location: 'Rack 14',
      physical: false,
      datalink: false,
      internet: true,
      trapCommunities: [{ community: 'micc-traps', destinations: ['console01'] }],
      sendAuthenticationTraps: true,
      acceptedCommunities: [{ community: 'ccm-read', rights: 'READ ONLY' }],
      acceptAnyHost: false,
      permittedManagers: ['console01'],
      baseEnterpriseOid: '1.3.6.1.4.1.193.132.5.1',
      events: [{ log: 'Application', source: 'SeC Broker', eventId: 3221226473, count: 1, period: 0 }],
    },
    ...over,
  });
  let v2Id = 0;
  let v2Version = 0;

  beforeAll(async () => {
    const db = await seededDb(engine);
    c = await startConsole(db);
    await signIn(c, 'tech', 'Tech#2026');
    supervisor = await startConsole(db);
    await signIn(supervisor, 'supervisor', 'Super#2026');
    const res = await c.call('snmpServers', 'save', {
      id: null,
      expectedVersion: 0,
      server: server(),
      community: agent.community,
    });
    expect(res.error).toBeUndefined();
    v2Id = res.value.id;
    v2Version = res.value.version;
  }); // vitest.config.ts hookTimeout (120 s): room for a loaded machine
  afterAll(async () => {
    await c?.stop();
    await supervisor?.stop();
  });

  it('stores the community in the keychain for this host and port only; the list says “set”, never the value', async () => {
    const list = (await c.call('snmpServers', 'list')).value;
    const row = list.find((r: { id: number }) => r.id === v2Id);
    expect(row).toMatchObject({ communitySet: true, authKeySet: false });
    expect(JSON.stringify(list)).not.toContain(agent.community);
    expect(await keychain.get(agentSecretKey(v2Id, '127.0.0.1', agent.port, 'community'))).toBe(agent.community);
    // This read audit.page, a method that does not exist, so it checked nothing (the typed harness
    // found it); the technician may not read the audit either: read the rows themselves.
    const audit = await c.core.data
      .require()
      .kysely.selectFrom('audit_log')
      .selectAll()
      .where('object_type', '=', 'snmp-server')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain(agent.community);
  });

  it('“Check this server” reads sysDescr, sysContact, sysLocation and sysUpTime, named through the MIBs', async () => {
    const res = await c.call('snmpServers', 'check', { id: v2Id });
    expect(res.error).toBeUndefined();
    expect(res.value).toMatchObject({
      target: `127.0.0.1:${agent.port}`,
      sysDescr: agent.sys.descr,
      sysContact: agent.sys.contact,
      sysLocation: agent.sys.location,
    });
    expect(res.value.sysUpTime).toMatch(/^\(\d+\) /);
    expect(res.value.results.map((r: { name: string }) => r.name)).toEqual([
      'system.sysDescr.0',
      'system.sysContact.0',
      'system.sysLocation.0',
      'system.sysUpTime.0',
    ]);
  });

  it('GET by MIB name, GETNEXT .1.3 (system.sysDescr.0) and a bounded WALK of system', async () => {
    const get = (
      await c.call('snmpServers', 'query', {
        id: v2Id,
        operation: 'get',
        oids: ['sysLocation.0', 'SNMPv2-MIB::sysContact.0'],
      })
    ).value;
    expect(get.results.map((r: { value: string }) => r.value)).toEqual([agent.sys.location, agent.sys.contact]);
    const next = (await c.call('snmpServers', 'query', { id: v2Id, operation: 'getNext', oids: ['.1.3'] })).value;
    expect(next.results[0]).toMatchObject({
      oid: '1.3.6.1.2.1.1.1.0',
      name: 'system.sysDescr.0',
      type: 'OctetString',
      value: agent.sys.descr,
    });
    const walk = (await c.call('snmpServers', 'query', { id: v2Id, operation: 'walk', oids: ['system'], maxRows: 3 }))
      .value;
    expect(walk.truncated).toBe(true);
    expect(walk.results.map((r: { name: string }) => r.name)).toEqual([
      'system.sysDescr.0',
      'system.sysObjectID.0',
      'system.sysUpTime.0',
    ]);
  });

  it('noSuchObject is shown on the row; an unknown name is refused naming the OID field', async () => {
    const res = (await c.call('snmpServers', 'query', { id: v2Id, operation: 'get', oids: ['1.3.6.1.2.1.1.99.0'] }))
      .value;
    expect(res.results[0]).toMatchObject({ exception: 'noSuchObject' });
    const bad = await c.call('snmpServers', 'query', {
      id: v2Id,
      operation: 'get',
      oids: ['sysDescr.0', 'noSuchThing.0'],
    });
    expect(bad.error).toMatchObject({ code: 'INVALID', field: 'oids.1' });
  });

  it('a wrong community is a timeout that points at the community field', async () => {
    const saved = await c.call('snmpServers', 'save', {
      id: null,
      expectedVersion: 0,
      server: server({ name: `wrong-${engine}` }),
      community: 'not-accepted',
    });
    const res = await c.call('snmpServers', 'check', { id: saved.value.id });
    expect(res.error).toMatchObject({ code: 'UNAVAILABLE', field: 'community' });
    expect(res.error!.message).toMatch(/No answer from 127\.0\.0\.1:\d+ after 2 tries of 400 ms/);
    expect(res.error!.message).not.toContain('not-accepted');
  });

  it('a stored secret is never sent to another host: moving the server forgets it', async () => {
    const moved = await c.call('snmpServers', 'save', {
      id: v2Id,
      expectedVersion: v2Version,
      server: server({ host: 'localhost' }),
    });
    expect(moved.error).toBeUndefined();
    expect(moved.value.communitySet).toBe(false);
    v2Version = moved.value.version;
    expect(await keychain.get(agentSecretKey(v2Id, '127.0.0.1', agent.port, 'community'))).toBeNull();
    const res = await c.call('snmpServers', 'check', { id: v2Id });
    expect(res.error).toMatchObject({ code: 'INVALID', field: 'community' });
    expect(res.error!.message).toMatch(/No community is stored for localhost:/);
    // Entered again for the new host, it works there.
    const again = await c.call('snmpServers', 'save', {
      id: v2Id,
      expectedVersion: v2Version,
      server: server({ host: 'localhost' }),
      community: agent.community,
    });
    v2Version = again.value.version;
    expect((await c.call('snmpServers', 'check', { id: v2Id })).value.sysLocation).toBe(agent.sys.location);
  });

  it('SNMPv3: a user with keys from the keychain; a wrong key is an authentication error on the key field', async () => {
    const v3 = server({ name: `v3-${engine}`, snmpVersion: 'v3', v3User: agent.user.name });
    const saved = await c.call('snmpServers', 'save', {
      id: null,
      expectedVersion: 0,
      server: v3,
      authKey: agent.user.authKey,
      privKey: agent.user.privKey,
    });
    expect(saved.value).toMatchObject({ authKeySet: true, privKeySet: true, communitySet: false });
    expect((await c.call('snmpServers', 'check', { id: saved.value.id })).value.sysContact).toBe(agent.sys.contact);
    const wrong = await c.call('snmpServers', 'save', {
      id: saved.value.id,
      expectedVersion: saved.value.version,
      server: v3,
      authKey: 'wrong-auth-key',
    });
    const res = await c.call('snmpServers', 'check', { id: wrong.value.id });
    expect(res.error).toMatchObject({ code: 'INVALID', field: 'authKey' });
    expect(res.error!.message).toMatch(/Wrong Digest/);
    const noKeys = await c.call('snmpServers', 'save', {
      id: null,
      expectedVersion: 0,
      server: server({ name: `v3b-${engine}`, snmpVersion: 'v3', v3User: agent.user.name }),
    });
    expect((await c.call('snmpServers', 'check', { id: noKeys.value.id })).error).toMatchObject({
      code: 'INVALID',
      field: 'authKey',
    });
  });

  it('refuses a stale save and a duplicate name', async () => {
    const stale = await c.call('snmpServers', 'save', {
      id: v2Id,
      expectedVersion: v2Version - 1,
      server: server({ host: 'localhost' }),
    });
    expect(stale.error).toMatchObject({ code: 'CONFLICT' });
    const dup = await c.call('snmpServers', 'save', {
      id: null,
      expectedVersion: 0,
      server: server({ name: `MICC-${engine}`.toUpperCase() }),
    });
    expect(dup.error).toMatchObject({ code: 'CONFLICT', field: 'name' });
  });

  it('a reader of alarms sees servers and previews, but cannot send requests with the stored secrets', async () => {
    expect((await supervisor.call('snmpServers', 'list')).ok).toBe(true);
    expect((await supervisor.call('snmpServers', 'check', { id: v2Id })).error).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      (await supervisor.call('snmpServers', 'query', { id: v2Id, operation: 'get', oids: ['sysDescr.0'] })).error,
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      (await supervisor.call('snmpServers', 'save', { id: null, expectedVersion: 0, server: server({ name: 'x' }) }))
        .error,
    ).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('preview: the .reg as regedit’s UTF-16LE bytes, the evntcmd file and the warnings; nothing is saved', async () => {
    const before = (await c.call('snmpServers', 'list')).value.length;
    const p = (await supervisor.call('snmpServers', 'preview', { server: server({ name: 'preview only' }) })).value;
    expect(p.regFileName).toBe('SNMP-preview_only.reg');
    expect(p.regText).toContain(
      '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\SNMP\\Parameters\\ValidCommunities]\r\n"ccm-read"=dword:00000004',
    );
    const bytes = Buffer.from(p.regBase64, 'base64');
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe]);
    expect(decodeRegFile(new Uint8Array(bytes)).text).toBe(p.regText);
    expect(p.cnfText).toContain('#pragma add Application "SeC Broker" 3221226473 1 0');
    expect(p.warnings.some((w: { message: string }) => /console .* is not a trap destination/i.test(w.message))).toBe(
      true,
    );
    expect((await c.call('snmpServers', 'list')).value.length).toBe(before);
  });

  it('reads an evntcmd file, refusing a line it cannot keep', async () => {
    const ok = await c.call('snmpServers', 'parseEventFile', {
      text: '#pragma add Application "SeC Broker" 3221226473 2 60\r\n',
    });
    expect(ok.value.events).toEqual([
      { log: 'Application', source: 'SeC Broker', eventId: 3221226473, count: 2, period: 60 },
    ]);
    const bad = await c.call('snmpServers', 'parseEventFile', { text: '#pragma delete Application X 1\n' });
    expect(bad.error).toMatchObject({ code: 'INVALID', field: 'text' });
    expect(bad.error!.message).toMatch(/^Line 1: /);
  });

  it('delete removes the row and its keychain entries', async () => {
    const list = (await c.call('snmpServers', 'list')).value;
    const row = list.find((r: { id: number }) => r.id === v2Id);
    expect((await c.call('snmpServers', 'delete', { id: v2Id, expectedVersion: row!.version })).value).toEqual({
      ok: true,
    });
    expect(await keychain.get(agentSecretKey(v2Id, 'localhost', agent.port, 'community'))).toBeNull();
    expect((await c.call('snmpServers', 'check', { id: v2Id })).error).toMatchObject({ code: 'NOT_FOUND' });
  });
});
