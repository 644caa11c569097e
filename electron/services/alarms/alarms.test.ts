import dgram from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendTrap } from '../../connectors/snmp/sender';
import { ENGINES } from '../../connectors/db/testing/engines';
import { encodeTrapV2 } from '../../domain/alarms/ber';
import { MICC_BASE_OID, windowsEnterprise } from '../../domain/alarms/trap';
import { seededDb, signIn, startConsole, type TestConsole } from '../testing/harness';

const MSG = `${MICC_BASE_OID}.9999.1.0`;
// Real-shaped MiCC Enterprise events: enterprise = base + "Router Service", specific = the 32-bit event ID.
const ROUTER = windowsEnterprise(MICC_BASE_OID, 'Router Service');
const ERR = 0xc0000000;
const ev = (n: number, bits = ERR) => `${ROUTER}.0.${(bits + n) >>> 0}`;

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out; last value ${JSON.stringify(v).slice(0, 800)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(ENGINES)('SNMP traps over UDP on 127.0.0.1 (%s)', (engine) => {
  let c: TestConsole;
  let port = 0;
  let version = 0;
  const status = async () => (await c.call('alarms', 'status')).value;
  const stored = (n: number) => until(status, (s) => s.counters.stored >= n && s.counters.queued === 0);
  const list = async (filter: object = {}) =>
    (await c.call('alarms', 'list', { filter: { includeCleared: true, ...filter }, limit: 500, offset: 0 })).value;
  const save = async (patch: object) => {
    const doc = (await c.call('alarms', 'settings')).value;
    const res = await c.call('alarms', 'saveSettings', {
      expectedVersion: doc.version,
      settings: { ...doc.settings, ...patch },
    });
    expect(res.error).toBeUndefined();
    const s = await until(status, (x) => x.state === 'listening' || x.state === 'error');
    expect(s.message).toBeNull();
    port = s.port;
    version = res.value.version;
  };
  const v2 = (trapOid: string, text: string, extra: object = {}) =>
    sendTrap({
      host: '127.0.0.1',
      port,
      version: 'v2c',
      community: 'public',
      trapOid,
      varbinds: [{ oid: MSG, type: 'OctetString', value: text }],
      ...extra,
    });

  beforeAll(async () => {
    c = await startConsole(await seededDb(engine));
    // Listener settings, v3 users, event configuration and MIBs are host-administrator settings.
    await signIn(c, 'admin', 'Admin#2026');
    await save({ enabled: true, address: '127.0.0.1', port: 0 });
    expect(port).toBeGreaterThan(0);
  }); // vitest.config.ts hookTimeout (120 s): room for a loaded machine
  afterAll(async () => {
    await c?.stop();
  });

  it('listens with a receive buffer of at least 4 MB', async () => {
    const s = await status();
    expect(s.state).toBe('listening');
    expect(s.recvBufferBytes).toBeGreaterThanOrEqual(4 * 1024 * 1024);
  });

  it('decodes v1, v2c and an acknowledged inform, named through the MIB', async () => {
    const before = (await status()).counters.stored;
    await sendTrap({
      host: '127.0.0.1',
      port,
      version: 'v1',
      community: 'public',
      agentAddr: '10.20.1.11',
      trapOid: ev(3000),
      varbinds: [{ oid: MSG, type: 'OctetString', value: 'Fail to connect to Broker.\r\n' }],
    });
    await v2(ev(5102, 0x80000000), 'The report database answered slowly.');
    const inform = await sendTrap({
      host: '127.0.0.1',
      port,
      version: 'v2c',
      inform: true,
      timeoutMs: 30_000, // a ceiling for the acknowledgement, room for a loaded machine (default 2 s)
      community: 'public',
      trapOid: '1.3.6.1.6.3.1.1.5.1',
      varbinds: [],
    });
    expect(inform.acknowledged).toBe(true);
    await stored(before + 3);
    const rows = (await list()).rows;
    const broker = rows.find((r: { name: string }) => r.name === 'Event 3000 from Router Service');
    expect(broker).toMatchObject({
      source: '10.20.1.11',
      severity: 'Major',
      message: 'Fail to connect to Broker.',
      snmpVersion: 'v1',
      category: 'Application Alert Alarms',
    });
    expect(rows.find((r: { name: string }) => r.name === 'Event 5102 from Router Service')).toMatchObject({
      snmpVersion: 'v2c',
      severity: 'Warning',
      message: 'The report database answered slowly.',
    });
    expect(rows.find((r: { name: string }) => r.name === 'coldStart')).toMatchObject({
      message: 'Cold start of 127.0.0.1',
    });
    const detail = (await c.call('alarms', 'get', { id: broker!.id })).value;
    expect(detail.trapName).toBe('Event 3000 from Router Service (Windows event-to-trap)');
    expect(detail.windowsEvent).toMatchObject({ eventCode: 3000, source: 'Router Service', severity: 'Error' });
    expect(detail.varbinds[0]).toMatchObject({
      name: 'secEventText.0',
      type: 'OctetString',
      value: 'Fail to connect to Broker.\r\n',
      hex: false,
    });
  });

  it('decodes an SNMPv3 authPriv trap (keys in the keychain), and refuses an unknown user and a replay', async () => {
    const add = await c.call('alarms', 'saveV3User', {
      name: 'miccv3',
      level: 'authPriv',
      authProtocol: 'sha',
      privProtocol: 'aes',
      authKey: 'authpass-2026',
      privKey: 'privpass-2026',
    });
    expect(add.error).toBeUndefined();
    expect(add.value.v3Users).toEqual([
      {
        name: 'miccv3',
        level: 'authPriv',
        authProtocol: 'sha',
        privProtocol: 'aes',
        authKeySet: true,
        privKeySet: true,
      },
    ]);
    expect(JSON.stringify(add.value)).not.toContain('authpass');
    const s = await until(status, (x) => x.state === 'listening');
    port = s.port;
    const before = s.counters.stored;
    const user = {
      name: 'miccv3',
      level: 'authPriv' as const,
      authProtocol: 'sha' as const,
      authKey: 'authpass-2026',
      privProtocol: 'aes' as const,
      privKey: 'privpass-2026',
    };
    await sendTrap({
      host: '127.0.0.1',
      port,
      version: 'v3',
      user,
      trapOid: ev(3010),
      varbinds: [{ oid: MSG, type: 'OctetString', value: 'Router Service lost connection to OAS.\r\n' }],
    });
    await stored(before + 1);
    const row = (await list({ text: 'OAS' })).rows.find((r: { snmpVersion: string }) => r.snmpVersion === 'v3');
    expect(row).toMatchObject({
      name: 'Event 3010 from Router Service',
      severity: 'Major',
      message: 'Router Service lost connection to OAS.',
    });

    // Unknown user; wrong key; a captured packet sent again.
    await sendTrap({
      host: '127.0.0.1',
      port,
      version: 'v3',
      user: { ...user, name: 'intruder' },
      trapOid: ev(3010),
      varbinds: [],
    });
    await sendTrap({
      host: '127.0.0.1',
      port,
      version: 'v3',
      user: { ...user, authKey: 'wrong-key-123' },
      trapOid: ev(3010),
      varbinds: [],
    });
    const capture = dgram.createSocket('udp4');
    const packet = await new Promise<Buffer>((resolve) => {
      capture.on('message', (m) => resolve(m));
      capture.bind(
        0,
        '127.0.0.1',
        () =>
          void sendTrap({
            host: '127.0.0.1',
            port: capture.address().port,
            version: 'v3',
            user,
            trapOid: ev(3010),
            varbinds: [],
          }),
      );
    });
    capture.close();
    const tx = dgram.createSocket('udp4');
    tx.send(packet, port, '127.0.0.1');
    // The unknown user and the wrong key are authenticationFailure alarms (stored), the replay only counted.
    await until(status, (x) => x.counters.stored >= before + 4 && x.counters.queued === 0);
    tx.send(packet, port, '127.0.0.1');
    const after = await until(
      status,
      (x) =>
        (x.counters.dropped['replayed'] ?? 0) >= 1 &&
        (x.counters.dropped['unknown-user'] ?? 0) >= 1 &&
        (x.counters.dropped['auth-failure'] ?? 0) >= 1,
    );
    tx.close();
    expect(after.counters.stored).toBe(before + 4);
  });

  it('refuses unknown communities and hosts not accepted, counting them and raising authenticationFailure', async () => {
    await sendTrap({ host: '127.0.0.1', port, version: 'v2c', community: 'guess', trapOid: ev(3000), varbinds: [] });
    await until(status, (x) => (x.counters.dropped['unknown-community'] ?? 0) >= 1 && x.counters.queued === 0);
    await until(list, (l) =>
      l.rows.some(
        (r: { name: string; message: string }) => r.name === 'authenticationFailure' && r.message.includes('community'),
      ),
    );
    const auth = (await list()).rows.find((r: { name: string }) => r.name === 'authenticationFailure');
    expect(auth).toMatchObject({
      severity: 'Warning',
      category: 'Security Alarms',
      message: 'Refused an SNMP v2c packet from 127.0.0.1: its community name is not accepted.',
    });
    expect(auth!.message).not.toContain('guess');

    await save({ acceptAnyHost: false, acceptHosts: ['192.0.2.55'] });
    await v2(ev(3000), 'Fail to connect to Broker.');
    const s = await until(status, (x) => (x.counters.dropped['host-not-accepted'] ?? 0) >= 1);
    expect(s.counters.dropped['host-not-accepted']).toBe(1);
    await save({ acceptAnyHost: false, acceptHosts: ['localhost'] });
    const before = (await status()).counters.stored;
    await v2(ev(3000), 'Fail to connect to Broker.');
    await stored(before + 1);
    await save({ acceptAnyHost: true, acceptHosts: [] });
  });

  it('folds repeats into one row per dedupe key, and a resolution clears its problem (47001 clears 47000)', async () => {
    const ent = windowsEnterprise('1.3.6.1.4.1.311.1.13.1', 'Interaction Center');
    const send = (id: number) =>
      sendTrap({
        host: '127.0.0.1',
        port,
        version: 'v1',
        community: 'public',
        agentAddr: '10.20.2.31',
        trapOid: `${ent}.0.${id}`,
        varbinds: [{ oid: MSG, type: 'OctetString', value: 'x' }],
      });
    const before = (await status()).counters.stored;
    await send(47000);
    await send(47000);
    await send(47000);
    await stored(before + 3);
    let rows = (await list({ source: '10.20.2.31' })).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      count: 3,
      severity: 'Critical',
      name: 'Genesys Cloud connection lost',
      cleared: false,
    });
    expect(rows[0]!.firstSeen <= rows[0]!.lastSeen).toBe(true);
    await send(47001);
    rows = (
      await until(
        () => list({ source: '10.20.2.31' }),
        (l) => l.rows.some((r: { cleared: boolean }) => r.cleared),
      )
    ).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ cleared: true, clearedBy: 'Genesys Cloud connection restored from 10.20.2.31' });
    expect((await list({ source: '10.20.2.31', includeCleared: false })).rows).toHaveLength(0);
    // The problem coming back opens a new row.
    await send(47000);
    rows = (
      await until(
        () => list({ source: '10.20.2.31' }),
        (l) => l.rows.length === 2,
      )
    ).rows;
    expect(rows.map((r: { cleared: boolean; count: number }) => [r.cleared, r.count])).toEqual([
      [false, 1],
      [true, 3],
    ]);
  });

  it('acknowledges (who and when, audited), clears, keeps notes, filters with negation and exports CSV', async () => {
    const row = (await list({ text: 'Broker' })).rows[0];
    const ack = await c.call('alarms', 'acknowledge', { ids: [row!.id], acknowledged: true });
    expect(ack.value).toEqual({ count: 1 });
    let r = (await c.call('alarms', 'get', { id: row!.id })).value.alarm;
    expect(r).toMatchObject({ acknowledged: true, acknowledgedBy: 'admin' });
    expect((await c.call('alarms', 'acknowledge', { ids: [row!.id], acknowledged: false })).value).toEqual({
      count: 1,
    });
    expect((await c.call('alarms', 'setNotes', { id: row!.id, notes: 'Broker restarted by Terry' })).value.notes).toBe(
      'Broker restarted by Terry',
    );
    expect((await c.call('alarms', 'clear', { ids: [row!.id] })).value).toEqual({ count: 1 });
    r = (await c.call('alarms', 'get', { id: row!.id })).value.alarm;
    expect(r).toMatchObject({ cleared: true, clearedBy: 'admin', acknowledged: false });
    const audit = await c.core.data
      .require()
      .kysely.selectFrom('audit_log')
      .select(['action', 'actor', 'object_id'])
      .where('object_type', '=', 'alarm')
      .where('object_id', '=', String(row!.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ['acknowledge', 'admin'],
      ['unacknowledge', 'admin'],
      ['update', 'admin'],
      ['clear', 'admin'],
    ]);
    const neg = (await list({ text: '!Broker' })).rows;
    expect(neg.every((x: { message: string }) => !/broker/i.test(x.message))).toBe(true);
    expect(
      (await list({ severities: ['Critical'] })).rows.every((x: { severity: string }) => x.severity === 'Critical'),
    ).toBe(true);
    const csv = (await c.call('alarms', 'exportCsv', { filter: { includeCleared: true } })).value;
    expect(csv.text.split('\r\n')[0]).toBe(
      'Ack,Corr,Severity,First seen,Last seen,Source,Name,Category,Message,Trap OID,Acknowledged by,Acknowledged at,Cleared,Cleared by,Notes',
    );
    expect(csv.text).toContain(
      `Event 3000 from Router Service,Application Alert Alarms,Fail to connect to Broker.,secCCEvents.`,
    );
  });

  it('the time filter: an alarm is listed when its first-to-last-seen span meets From–To', async () => {
    const row = (source: string, first: string, last: string) => ({
      received_at: first,
      last_seen: last,
      source_address: source,
      trap_oid: '1.3.6.1.4.1.4242.0.9',
      name: 'time filter',
      category: 'Application Alert Alarms',
      severity: 'Warning',
      message: `time filter ${source}`,
      varbinds: '[]',
      acknowledged: 0 as const,
      acknowledged_by: null,
      acknowledged_at: null,
      dedupe_key: `${source}|time-filter`,
      occurrences: 2,
      notes: '',
      cleared: 0 as const,
      cleared_by: null,
      cleared_at: null,
      config_id: null,
      snmp_version: 'v2c',
    });
    await c.core.data
      .require()
      .kysely.insertInto('alarm')
      .values([
        row('10.99.0.1', '2026-03-01T08:00:00.000Z', '2026-03-01T09:00:00.000Z'),
        row('10.99.0.2', '2026-03-01T12:00:00.000Z', '2026-03-01T12:00:00.000Z'),
        row('10.99.0.3', '2026-03-02T08:00:00.000Z', '2026-03-03T08:00:00.000Z'),
      ])
      .execute();
    const sources = async (filter: object) =>
      (await list({ source: '10.99.0.', ...filter })).rows.map((r: { source: string }) => r.source).sort();
    expect(await sources({})).toEqual(['10.99.0.1', '10.99.0.2', '10.99.0.3']);
    // From: still seen at or after it (the first row's last repeat was before 10:00).
    expect(await sources({ from: '2026-03-01T10:00:00.000Z' })).toEqual(['10.99.0.2', '10.99.0.3']);
    // To: first received at or before it.
    expect(await sources({ to: '2026-03-01T11:00:00.000Z' })).toEqual(['10.99.0.1']);
    // Both: the spans that meet the window, including one that began before it and ended after.
    expect(await sources({ from: '2026-03-01T08:30:00.000Z', to: '2026-03-01T12:00:00.000Z' })).toEqual([
      '10.99.0.1',
      '10.99.0.2',
    ]);
    expect(await sources({ from: '2026-03-02T12:00:00.000Z', to: '2026-03-02T13:00:00.000Z' })).toEqual(['10.99.0.3']);
    expect(await sources({ from: '2026-03-04T00:00:00.000Z' })).toEqual([]);
  });

  it('event configuration: wildcards, names, refusals, and the unknown-trap bucket', async () => {
    const before = (await status()).counters.stored;
    await v2('1.3.6.1.4.1.4242.0.7', 'Fan 2 failed');
    await stored(before + 1);
    const unknown = (await list({ category: 'Unknown traps' })).rows[0];
    expect(unknown).toMatchObject({
      name: 'enterprises.4242.0.7',
      message: 'enterprises.4242.0.7: secEventText.0=Fan 2 failed',
    });
    const bad = await c.call('alarms', 'saveEventConfig', {
      id: null,
      expectedVersion: 0,
      config: {
        oidPattern: 'noSuchName.1',
        name: 'x',
        category: 'Status Alarms',
        severity: 'Minor',
        messageFormat: '$1',
        dedupeKey: '',
        clearKey: '',
      },
    });
    expect(bad.error).toMatchObject({ code: 'INVALID', field: 'oidPattern' });
    const clearNoKey = await c.call('alarms', 'saveEventConfig', {
      id: null,
      expectedVersion: 0,
      config: {
        oidPattern: '1.3.6.1.4.1.4242.0.8',
        name: 'x',
        category: 'Status Alarms',
        severity: 'Cleared',
        messageFormat: '$1',
        dedupeKey: '',
        clearKey: '',
      },
    });
    expect(clearNoKey.error).toMatchObject({ code: 'INVALID', field: 'clearKey' });
    const ok = await c.call('alarms', 'saveEventConfig', {
      id: null,
      expectedVersion: 0,
      config: {
        oidPattern: '1.3.6.1.4.1.4242.*',
        name: 'Acme hardware',
        category: 'Hardware Alarms',
        severity: 'Minor',
        messageFormat: 'Acme: $1',
        dedupeKey: '',
        clearKey: '',
      },
    });
    expect(ok.error).toBeUndefined();
    const dup = await c.call('alarms', 'saveEventConfig', {
      id: null,
      expectedVersion: 0,
      config: { ...ok.value, oidPattern: '1.3.6.1.4.1.4242.*' },
    });
    expect(dup.error).toMatchObject({ code: 'INVALID', field: 'oidPattern' });
    const byName = await c.call('alarms', 'saveEventConfig', {
      id: null,
      expectedVersion: 0,
      config: {
        oidPattern: 'SNMPv2-MIB::snmpTraps.6',
        name: 'egpNeighborLoss',
        category: 'Ignore',
        severity: 'Normal',
        messageFormat: '',
        dedupeKey: '',
        clearKey: '',
      },
    });
    expect(byName.value).toMatchObject({ oidPattern: '1.3.6.1.6.3.1.1.5.6', oidName: 'snmpTraps.6' });
    const stale = await c.call('alarms', 'saveEventConfig', {
      id: ok.value.id,
      expectedVersion: ok.value.version + 5,
      config: ok.value,
    });
    expect(stale.error?.code).toBe('CONFLICT');
    await v2('1.3.6.1.4.1.4242.0.7', 'Fan 3 failed');
    await v2('1.3.6.1.6.3.1.1.5.6', 'ignored');
    const s = await until(status, (x) => x.counters.stored >= before + 2 && (x.counters.dropped['ignored'] ?? 0) >= 1);
    expect(s.counters.dropped['ignored']).toBe(1);
    expect((await list({ category: 'Hardware Alarms' })).rows[0]).toMatchObject({
      message: 'Acme: Fan 3 failed',
      severity: 'Minor',
    });
  });

  it('follows event configuration changed by another console on the same database', async () => {
    const k = c.core.data.require().kysely;
    // As another console would: a plain committed update (no call through this console).
    await k
      .updateTable('alarm_event_config')
      .set({ severity: 'Minor', updated_at: new Date().toISOString(), version: 99 })
      .where('oid_pattern', '=', '1.3.6.1.4.1.*.0.47000')
      .execute();
    await new Promise((r) => setTimeout(r, 6500));
    const before = (await status()).counters.stored;
    await v2(
      `${windowsEnterprise('1.3.6.1.4.1.311.1.13.1', 'Interaction Center')}.0.47000`,
      'Other console said Minor',
      {
        varbinds: [
          { oid: MSG, type: 'OctetString', value: 'Other console said Minor' },
          { oid: '1.3.6.1.6.3.18.1.3.0', type: 'IpAddress', value: '10.99.0.1' },
        ],
      },
    );
    await stored(before + 1);
    expect((await list({ text: 'Other console said' })).rows[0]).toMatchObject({ severity: 'Minor' });
  }, 30_000);

  it('imports MIBs all-or-nothing, naming file, line and reason', async () => {
    const good =
      'ACME-MIB DEFINITIONS ::= BEGIN\nIMPORTS enterprises FROM SNMPv2-SMI;\nacme OBJECT IDENTIFIER ::= { enterprises 4242 }\nacmeFanFailed NOTIFICATION-TYPE\n  STATUS current\n  DESCRIPTION "A fan failed."\n  ::= { acme 0 7 }\nEND\n';
    const bad = 'BAD-MIB DEFINITIONS ::= BEGIN\nfoo OBJECT IDENTIFIER ::= { nowhere 1 }\nEND\n';
    const refused = await c.call('alarms', 'importMibs', {
      files: [
        { name: 'ACME-MIB.txt', text: good },
        { name: 'bad.mib', text: bad },
      ],
    });
    expect(refused.error).toMatchObject({ code: 'INVALID', field: 'files' });
    expect(refused.error!.message).toContain(
      'bad.mib, line 2: foo: its parent nowhere is not defined in BAD-MIB nor imported',
    );
    expect((await c.call('alarms', 'mibs')).value.some((m: { module: string }) => m.module === 'ACME-MIB')).toBe(false);
    const ok = await c.call('alarms', 'importMibs', { files: [{ name: 'ACME-MIB.txt', text: good }] });
    expect(ok.value).toEqual({ modules: ['ACME-MIB'] });
    expect(
      (await c.call('alarms', 'translate', { oids: ['1.3.6.1.4.1.4242.0.7', '1.3.6.1.4.1.193.132.5.1.0.3'] })).value,
    ).toEqual(['acmeFanFailed', 'secCCEventNotifications.3']);
    expect((await c.call('alarms', 'removeMib', { module: 'SNMPv2-MIB' })).error?.code).toBe('NOT_FOUND');
    expect((await c.call('alarms', 'removeMib', { module: 'ACME-MIB' })).value).toEqual({ ok: true });
  });

  it('survives random and mutated packets, counting each by reason', async () => {
    const tx = dgram.createSocket('udp4');
    const good = encodeTrapV2({
      community: 'public',
      requestId: 1,
      uptime: 1,
      trapOid: ev(3000),
      varbinds: [{ oid: MSG, type: 'OctetString', value: 'fuzz' }],
    });
    let seed = 12345;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const before = await status();
    const packets: Buffer[] = [];
    for (let i = 0; i < 300; i++)
      packets.push(Buffer.from(Array.from({ length: 1 + Math.floor(rnd() * 200) }, () => Math.floor(rnd() * 256))));
    for (let i = 0; i < 700; i++) {
      const p = Buffer.from(good);
      const flips = 1 + Math.floor(rnd() * 4);
      for (let f = 0; f < flips; f++) p[Math.floor(rnd() * p.length)] = Math.floor(rnd() * 256);
      packets.push(rnd() < 0.3 ? p.subarray(0, Math.floor(rnd() * p.length)) : p);
    }
    packets.push(
      Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff]),
      Buffer.alloc(0),
      Buffer.from([0x30, 0x80, 0x02, 0x01, 0x01, 0, 0]),
    );
    // Mutated SNMPv3 authPriv traps (the user exists since the v3 test): net-snmp's side must not throw either.
    const capture = dgram.createSocket('udp4');
    const v3 = await new Promise<Buffer>((resolve) => {
      capture.on('message', (m) => resolve(m));
      capture.bind(
        0,
        '127.0.0.1',
        () =>
          void sendTrap({
            host: '127.0.0.1',
            port: capture.address().port,
            version: 'v3',
            user: {
              name: 'miccv3',
              level: 'authPriv',
              authProtocol: 'sha',
              authKey: 'authpass-2026',
              privProtocol: 'aes',
              privKey: 'privpass-2026',
            },
            trapOid: ev(3000),
            varbinds: [],
          }),
      );
    });
    capture.close();
    for (let i = 0; i < 300; i++) {
      const p = Buffer.from(v3);
      p[6 + Math.floor(rnd() * (p.length - 6))] = Math.floor(rnd() * 256);
      packets.push(rnd() < 0.2 ? p.subarray(0, Math.floor(rnd() * p.length)) : p);
    }
    for (const p of packets) {
      tx.send(p, port, '127.0.0.1');
      await new Promise((r) => setImmediate(r));
    }
    const after = await until(status, (x) => x.counters.received - before.counters.received >= packets.length - 20);
    tx.close();
    const drops = Object.entries(after.counters.dropped).filter(([k]) =>
      [
        'not-ber',
        'truncated',
        'bad-length',
        'wrong-version',
        'unsupported-pdu',
        'bad-value',
        'too-large',
        'auth-failure',
        'decrypt-failure',
        'security-level',
        'unknown-user',
        'v3-invalid',
      ].includes(k),
    );
    expect(drops.reduce((n, [, v]) => n + Number(v), 0)).toBeGreaterThan(200);
    // Still listening and decoding.
    const n = (await status()).counters.stored;
    await v2(ev(3000), 'after the fuzz');
    await until(status, (x) => x.state === 'listening' && x.counters.stored > n);
  });

  it('explains a port that is already taken, with the fix', async () => {
    const holder = dgram.createSocket('udp4');
    await new Promise<void>((r) => holder.bind(0, '127.0.0.1', () => r()));
    const taken = holder.address().port;
    const doc = (await c.call('alarms', 'settings')).value;
    await c.call('alarms', 'saveSettings', {
      expectedVersion: doc.version,
      settings: { ...doc.settings, port: taken },
    });
    const s = await until(status, (x) => x.state === 'error');
    expect(s.message).toContain(`Cannot listen on UDP 127.0.0.1:${taken}: another program already holds the port`);
    expect(s.message).toContain('SNMP Trap service');
    holder.close();
    await save({ port: 0 });
    expect((await status()).state).toBe('listening');
  });

  it('sends a test trap to its own listener', async () => {
    const r = await c.call('alarms', 'sendTestTrap', { version: 'inform', message: 'Hello from the test' });
    expect(r.value).toMatchObject({ acknowledged: true, target: `127.0.0.1:${port}` });
    await until(list, (l) => l.rows.some((x: { message: string }) => x.message === 'Hello from the test'));
    void version;
  });
});
