import dgram from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendTrap, type SendTrapOptions } from '../../connectors/snmp/sender';
import { ENGINES } from '../../connectors/db/testing/engines';
import { encodeTrapV1, type OutVarbind } from '../../domain/alarms/ber';
import { MICC_BASE_OID, windowsEnterprise } from '../../domain/alarms/trap';
import { seededDb, signIn, startConsole, type SeededDb, type TestConsole } from '../testing/harness';
import { stateHost } from './runtime';

// Traps shaped the way the Windows event-to-trap translator sends them (seed 001, HOW TO
// FORWARD MICC-E EVENTS AS TRAP TO SNMP MANAGERS), over real UDP on 127.0.0.1, through the
// console's listener, event configuration and storage, on both database engines.

const ROUTER = windowsEnterprise(MICC_BASE_OID, 'Router Service');
const IC = windowsEnterprise('1.3.6.1.4.1.311.1.13.1', 'Interaction Center');
const ERROR = 0xc0000000;
const WARNING = 0x80000000;
const INFO = 0x40000000;
const id32 = (bits: number, n: number) => (bits + n) >>> 0;
const IF_INDEX = '1.3.6.1.2.1.2.2.1.1';
const V3USER = {
  name: 'miccv3',
  level: 'authPriv' as const,
  authProtocol: 'sha' as const,
  authKey: 'authpass-2026',
  privProtocol: 'aes' as const,
  privKey: 'privpass-2026',
};

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out; last value ${JSON.stringify(v).slice(0, 800)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const rawSend = (buf: Buffer, port: number) =>
  new Promise<void>((resolve) => {
    const s = dgram.createSocket('udp4');
    s.send(buf, port, '127.0.0.1', () => {
      s.close();
      resolve();
    });
  });

/** The bytes an SNMPv3 sender puts on the wire (captured on a socket of our own). */
const captureV3 = (o: Omit<SendTrapOptions, 'host' | 'port'>) =>
  new Promise<Buffer>((resolve) => {
    const capture = dgram.createSocket('udp4');
    capture.on('message', (m) => {
      capture.close();
      resolve(m);
    });
    capture.bind(0, '127.0.0.1', () => void sendTrap({ host: '127.0.0.1', port: capture.address().port, ...o }));
  });

type Row = {
  id: number;
  name: string;
  severity: string;
  message: string;
  source: string;
  cleared: boolean;
  count: number;
  category: string;
  uptime: number | null;
  leftOut: number;
  snmpVersion: string;
};

describe.each(ENGINES)('MiCC Enterprise event-to-trap traps over UDP (%s)', (engine) => {
  let db: SeededDb;
  let c: TestConsole;
  let port = 0;
  const status = async () => (await c.call('alarms', 'status')).value;
  const settle = () =>
    until(status, (s) => s.counters.queued === 0 && s.counters.stored + (s.counters.dropped['ignored'] ?? 0) >= 0);
  const stored = (n: number) => until(status, (s) => s.counters.stored >= n && s.counters.queued === 0);
  const list = async (filter: object = {}): Promise<Row[]> =>
    (await c.call('alarms', 'list', { filter: { includeCleared: true, ...filter }, limit: 500, offset: 0 })).value.rows;
  const detail = async (id: number) => (await c.call('alarms', 'get', { id })).value;
  const strings = (...v: (string | Buffer)[]): OutVarbind[] =>
    v.map((value, i) => ({ oid: `${MICC_BASE_OID}.9999.${i + 1}.0`, type: 'OctetString', value }));
  const send = async (o: Omit<SendTrapOptions, 'host' | 'port' | 'community'>) => {
    const before = (await status()).counters.stored;
    await sendTrap({ host: '127.0.0.1', port, community: 'public', ...o });
    await stored(before + 1);
  };
  const listening = async () => {
    const s = await until(status, (x) => x.state === 'listening' || x.state === 'error');
    expect(s.message).toBeNull();
    port = s.port;
  };
  const start = async () => {
    c = await startConsole(db);
    await signIn(c, 'admin', 'Admin#2026');
    await listening();
  };

  beforeAll(async () => {
    db = await seededDb(engine);
    c = await startConsole(db);
    await signIn(c, 'admin', 'Admin#2026');
    const doc = (await c.call('alarms', 'settings')).value;
    expect(
      (
        await c.call('alarms', 'saveSettings', {
          expectedVersion: doc.version,
          settings: { ...doc.settings, enabled: true, address: '127.0.0.1', port: 0 },
        })
      ).error,
    ).toBeUndefined();
    expect((await c.call('alarms', 'saveV3User', V3USER)).error).toBeUndefined();
    await listening();
  }); // vitest.config.ts hookTimeout (120 s): room for a loaded machine
  afterAll(async () => {
    await c?.stop();
  });

  it('names an event by its number and source, with its text ($1 without CR LF) and the severity of its bits; nothing lands in Unknown traps', async () => {
    await send({
      version: 'v1',
      agentAddr: '10.30.0.1',
      trapOid: `${ROUTER}.0.${id32(ERROR, 3000)}`,
      varbinds: strings('Fail to connect to Broker.\r\n', 'micc01'),
    });
    await send({
      version: 'v1',
      agentAddr: '10.30.0.1',
      trapOid: `${ROUTER}.0.${id32(WARNING, 3001)}`,
      varbinds: strings('Broker answered slowly.\r\n'),
    });
    await send({
      version: 'v1',
      agentAddr: '10.30.0.1',
      trapOid: `${ROUTER}.0.${id32(INFO, 3002)}`,
      varbinds: strings('Connected to Broker.\r\n'),
    });
    await send({
      version: 'v1',
      agentAddr: '10.30.0.1',
      trapOid: `${MICC_BASE_OID}.0.3003`,
      varbinds: strings('Plain event number.\r\n'),
    });
    const rows = await list({ source: '10.30.0.1' });
    const by = (name: string) => rows.find((r) => r.name === name)!;
    expect(by('Event 3000 from Router Service')).toMatchObject({
      severity: 'Major',
      category: 'Application Alert Alarms',
      message: 'Fail to connect to Broker.',
      snmpVersion: 'v1',
    });
    expect(by('Event 3001 from Router Service')).toMatchObject({
      severity: 'Warning',
      message: 'Broker answered slowly.',
    });
    expect(by('Event 3002 from Router Service')).toMatchObject({ severity: 'Normal', message: 'Connected to Broker.' });
    // The plain form carries no source and no severity bits.
    expect(by('Event 3003 from 10.30.0.1')).toMatchObject({ severity: 'Normal', message: 'Plain event number.' });
    expect(rows.every((r) => r.category !== 'Unknown traps')).toBe(true);
    const d = await detail(by('Event 3000 from Router Service').id);
    expect(d.windowsEvent).toEqual({
      base: MICC_BASE_OID,
      source: 'Router Service',
      eventId: id32(ERROR, 3000),
      eventCode: 3000,
      severity: 'Error',
    });
    // Kept exact in the details.
    expect(d.varbinds[0]).toMatchObject({
      name: 'secEventText.0',
      value: 'Fail to connect to Broker.\r\n',
      hex: false,
    });
    expect(d.varbinds[1]).toMatchObject({ value: 'micc01' });
    expect((await detail(by('Event 3003 from 10.30.0.1').id)).windowsEvent).toMatchObject({
      source: '',
      eventCode: 3003,
      severity: null,
    });
  });

  it('reads a negative INTEGER specific-trap on the wire as the 32-bit event ID', async () => {
    const before = (await status()).counters.stored;
    // 0xC0000BB8 as Windows puts it on the wire: 4 bytes, top bit set, i.e. -1073738824.
    await rawSend(
      encodeTrapV1({
        community: 'public',
        enterprise: ROUTER,
        agentAddr: '10.30.0.2',
        generic: 6,
        specific: id32(ERROR, 3000) - 2 ** 32,
        uptime: 99,
        varbinds: strings('Negative on the wire.\r\n'),
      }),
      port,
    );
    await stored(before + 1);
    const row = (await list({ source: '10.30.0.2' }))[0]!;
    expect(row).toMatchObject({
      name: 'Event 3000 from Router Service',
      severity: 'Major',
      message: 'Negative on the wire.',
    });
    expect((await detail(row.id)).windowsEvent).toMatchObject({
      eventId: id32(ERROR, 3000),
      eventCode: 3000,
      severity: 'Error',
    });
  });

  it('one configuration serves the plain, the suffixed and the 32-bit forms, as v1 and as v2c forwards', async () => {
    const cfg = await c.call('alarms', 'saveEventConfig', {
      id: null,
      expectedVersion: 0,
      config: {
        oidPattern: `${MICC_BASE_OID}.0.3100`,
        name: 'Router lost the OAS',
        category: 'Application Alert Alarms',
        severity: 'Critical',
        messageFormat: 'OAS: $1',
        dedupeKey: '$A|oas',
        clearKey: '',
      },
    });
    expect(cfg.error).toBeUndefined();
    const src = { agentAddr: '10.30.0.3' };
    const fwd: OutVarbind = { oid: '1.3.6.1.6.3.18.1.3.0', type: 'IpAddress', value: '10.30.0.3' };
    await send({ version: 'v1', ...src, trapOid: `${MICC_BASE_OID}.0.3100`, varbinds: strings('plain\r\n') });
    await send({ version: 'v1', ...src, trapOid: `${ROUTER}.0.3100`, varbinds: strings('suffixed\r\n') });
    await send({ version: 'v1', ...src, trapOid: `${ROUTER}.0.${id32(ERROR, 3100)}`, varbinds: strings('32-bit\r\n') });
    await send({
      version: 'v2c',
      trapOid: `${ROUTER}.0.${id32(ERROR, 3100)}`,
      varbinds: [...strings('v2c forward\r\n'), fwd],
    });
    const rows = await list({ source: '10.30.0.3' });
    // One alarm row: every form matched the one configuration (and its dedupe key).
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      name: 'Router lost the OAS',
      severity: 'Critical',
      count: 4,
      message: 'OAS: v2c forward',
      snmpVersion: 'v2c',
    });
  });

  it('stores sysUpTime of v2c traps and of v3 traps and shows it', async () => {
    await send({
      version: 'v2c',
      uptime: 123_456,
      trapOid: `${ROUTER}.0.${id32(INFO, 3200)}`,
      varbinds: [...strings('with uptime\r\n'), { oid: '1.3.6.1.6.3.18.1.3.0', type: 'IpAddress', value: '10.30.0.4' }],
    });
    expect((await list({ source: '10.30.0.4' }))[0]).toMatchObject({ uptime: 123_456 });
    await send({
      version: 'v3',
      user: V3USER,
      uptime: 654_321,
      trapOid: `${ROUTER}.0.${id32(INFO, 3201)}`,
      varbinds: [
        ...strings('v3 with uptime\r\n'),
        { oid: '1.3.6.1.6.3.18.1.3.0', type: 'IpAddress', value: '10.30.0.5' },
      ],
    });
    expect((await list({ source: '10.30.0.5' }))[0]).toMatchObject({ uptime: 654_321, snmpVersion: 'v3' });
  });

  it('stores a trap with more varbinds than the cap with the first 256 and says how many were left out', async () => {
    const many: OutVarbind[] = Array.from({ length: 300 }, (_, i) => ({
      oid: `1.3.6.1.4.1.4242.1.${i}`,
      type: 'Integer',
      value: i,
    }));
    await send({
      version: 'v2c',
      trapOid: `${ROUTER}.0.${id32(WARNING, 3300)}`,
      varbinds: [
        ...strings('many varbinds\r\n'),
        { oid: '1.3.6.1.6.3.18.1.3.0', type: 'IpAddress', value: '10.30.0.6' },
        ...many,
      ],
    });
    const row = (await list({ source: '10.30.0.6' }))[0]!;
    // 2 + 1 + 1 + 300 on the wire; 256 kept (sysUpTime.0 and snmpTrapOID.0 among them).
    expect(row).toMatchObject({ message: 'many varbinds', leftOut: 48 });
    const d = await detail(row.id);
    expect(d.varbinds).toHaveLength(254);
    expect(d.varbinds[253]).toMatchObject({ oid: '1.3.6.1.4.1.4242.1.251', value: '251' });
    expect(d.alarm.leftOut).toBe(48);
    expect((await status()).counters.dropped['too-large'] ?? 0).toBe(0);
  });

  it('keeps bytes that are not UTF-8 as hex, never confused with text that looks like hex', async () => {
    await send({
      version: 'v1',
      agentAddr: '10.30.0.7',
      trapOid: `${ROUTER}.0.${id32(ERROR, 3400)}`,
      varbinds: strings(Buffer.from([0xff, 0xfe, 0x00, 0x41]), '0xfffe0041', 'fffe0041'),
    });
    const row = (await list({ source: '10.30.0.7' }))[0]!;
    expect(row.message).toBe('[hex ff fe 00 41]');
    const d = await detail(row.id);
    expect(d.varbinds.map((v: { value: string; hex: boolean }) => [v.value, v.hex])).toEqual([
      ['fffe0041', true],
      ['0xfffe0041', false],
      ['fffe0041', false],
    ]);
  });

  it('correlation: linkUp clears linkDown of the same ifIndex only, across the v1 and v2c forms', async () => {
    const link = (ifIndex: number): OutVarbind[] => [
      { oid: `${IF_INDEX}.${ifIndex}`, type: 'Integer', value: ifIndex },
      { oid: `1.3.6.1.2.1.2.2.1.7.${ifIndex}`, type: 'Integer', value: 1 },
      { oid: `1.3.6.1.2.1.2.2.1.8.${ifIndex}`, type: 'Integer', value: 2 },
    ];
    await send({ version: 'v1', agentAddr: '10.30.0.8', trapOid: '1.3.6.1.6.3.1.1.5.3', varbinds: link(3) });
    await send({ version: 'v1', agentAddr: '10.30.0.8', trapOid: '1.3.6.1.6.3.1.1.5.3', varbinds: link(4) });
    let rows = await list({ source: '10.30.0.8' });
    expect(rows.map((r) => [r.name, r.severity, r.message, r.cleared]).sort()).toEqual([
      ['linkDown', 'Major', 'Link down on 10.30.0.8 (ifIndex 3)', false],
      ['linkDown', 'Major', 'Link down on 10.30.0.8 (ifIndex 4)', false],
    ]);
    // linkUp forwarded as v2c (snmpTrapAddress.0 names the same agent).
    await send({
      version: 'v2c',
      trapOid: '1.3.6.1.6.3.1.1.5.4',
      varbinds: [...link(3), { oid: '1.3.6.1.6.3.18.1.3.0', type: 'IpAddress', value: '10.30.0.8' }],
    });
    rows = await list({ source: '10.30.0.8' });
    expect(rows.find((r) => r.message.endsWith('(ifIndex 3)'))).toMatchObject({ cleared: true, severity: 'Major' });
    expect(rows.find((r) => r.message.endsWith('(ifIndex 4)'))).toMatchObject({ cleared: false });
  });

  it('correlation: Genesys 47001 clears 47000 across the 32-bit v1 form and a plain v2c forward; coldStart/warmStart are named by SNMPv2-MIB', async () => {
    await send({
      version: 'v1',
      agentAddr: '10.30.0.9',
      trapOid: `${IC}.0.${id32(ERROR, 47000)}`,
      varbinds: strings('Genesys Cloud connection lost.\r\n'),
    });
    expect((await list({ source: '10.30.0.9' }))[0]).toMatchObject({
      name: 'Genesys Cloud connection lost',
      severity: 'Critical',
      cleared: false,
    });
    await send({
      version: 'v2c',
      trapOid: `${IC}.0.47001`,
      varbinds: [
        ...strings('Genesys Cloud connection restored.\r\n'),
        { oid: '1.3.6.1.6.3.18.1.3.0', type: 'IpAddress', value: '10.30.0.9' },
      ],
    });
    expect((await list({ source: '10.30.0.9' }))[0]).toMatchObject({
      name: 'Genesys Cloud connection lost',
      cleared: true,
    });
    // coldStart and warmStart are named by SNMPv2-MIB, not by a name stored in their configuration rows.
    const configs = (await c.call('alarms', 'eventConfigs', {})).value as {
      id: number;
      oidPattern: string;
      name: string;
      version: number;
      category: string;
    }[];
    const cold = configs.find((r) => r.oidPattern === '1.3.6.1.6.3.1.1.5.1')!;
    const warm = configs.find((r) => r.oidPattern === '1.3.6.1.6.3.1.1.5.2')!;
    expect([cold.name, warm.name]).toEqual(['', '']);
    await send({ version: 'v1', agentAddr: '10.30.0.10', trapOid: '1.3.6.1.6.3.1.1.5.1', varbinds: [] });
    expect((await list({ source: '10.30.0.10' }))[0]).toMatchObject({
      name: 'coldStart',
      message: 'Cold start of 10.30.0.10',
    });
    // warmStart is "Log only" as shipped: made an alarm for the test, its name still empty.
    expect(
      (
        await c.call('alarms', 'saveEventConfig', {
          id: warm.id,
          expectedVersion: warm.version,
          config: {
            ...(configs.find((r) => r.id === warm.id) as object),
            category: 'Status Alarms',
          } as never,
        })
      ).error,
    ).toBeUndefined();
    await send({ version: 'v2c', trapOid: '1.3.6.1.6.3.1.1.5.2', varbinds: [] });
    expect((await list({ text: 'Warm start' })).find((r) => r.name === 'warmStart')).toMatchObject({
      name: 'warmStart',
      category: 'Status Alarms',
    });
  });

  it('correlation rules: the shipped pairs are listed; a pair an operator adds clears across the v1 and v2c forms, per source (and per varbind value)', async () => {
    type Rule = {
      clears: { id: number; version: number; oidPattern: string };
      cleared: { id: number; version: number; oidPattern: string };
      match: { on: string; position?: number } | null;
      shipped: boolean;
    };
    const rules = async () => (await c.call('alarms', 'correlations', {})).value as Rule[];
    const shipped = await rules();
    expect(shipped.map((r) => [r.clears.oidPattern, r.cleared.oidPattern, r.match, r.shipped])).toEqual(
      expect.arrayContaining([
        ['1.3.6.1.4.1.*.0.47001', '1.3.6.1.4.1.*.0.47000', { on: 'source' }, true],
        ['1.3.6.1.6.3.1.1.5.4', '1.3.6.1.6.3.1.1.5.3', { on: 'varbind', position: 1 }, true],
      ]),
    );
    // "Router Service reconnected to OAS" (3011) clears "lost connection to OAS" (3010) of the same server.
    const saved = await c.call('alarms', 'saveCorrelation', {
      original: null,
      rule: { clears: `${MICC_BASE_OID}.0.3011`, cleared: `${MICC_BASE_OID}.0.3010`, match: { on: 'source' } },
    });
    expect(saved.error).toBeUndefined();
    const mine = (await rules()).find((r) => r.cleared.oidPattern === `${MICC_BASE_OID}.0.3010`)!;
    expect(mine).toMatchObject({ match: { on: 'source' }, shipped: false });
    for (const host of ['10.30.0.40', '10.30.0.41'])
      await send({
        version: 'v1',
        agentAddr: host,
        trapOid: `${ROUTER}.0.${id32(ERROR, 3010)}`,
        varbinds: strings('Router Service lost connection to OAS.\r\n'),
      });
    expect((await list({ source: '10.30.0.40' }))[0]).toMatchObject({
      name: 'Event 3010 from Router Service',
      severity: 'Major',
      message: 'Router Service lost connection to OAS.',
      cleared: false,
    });
    // The resolution forwarded as SNMPv2c, plain event number, from 10.30.0.40 only.
    await send({
      version: 'v2c',
      trapOid: `${ROUTER}.0.3011`,
      varbinds: [
        ...strings('Router Service reconnected to OAS.\r\n'),
        { oid: '1.3.6.1.6.3.18.1.3.0', type: 'IpAddress', value: '10.30.0.40' },
      ],
    });
    expect((await list({ source: '10.30.0.40' })).map((r) => [r.name, r.cleared])).toEqual([
      ['Event 3010 from Router Service', true],
    ]);
    expect((await list({ source: '10.30.0.41' }))[0]!.cleared).toBe(false);

    // Edited to "the same source and the same $2": only the matching instance is cleared.
    expect(
      (
        await c.call('alarms', 'saveCorrelation', {
          original: {
            clearsId: mine.clears.id,
            clearsVersion: mine.clears.version,
            clearedId: mine.cleared.id,
            clearedVersion: mine.cleared.version,
          },
          rule: {
            clears: `${MICC_BASE_OID}.0.3011`,
            cleared: `${MICC_BASE_OID}.0.3010`,
            match: { on: 'varbind', position: 2 },
          },
        })
      ).error,
    ).toBeUndefined();
    for (const oas of ['oas01', 'oas02'])
      await send({
        version: 'v1',
        agentAddr: '10.30.0.42',
        trapOid: `${ROUTER}.0.${id32(ERROR, 3010)}`,
        varbinds: strings('Router Service lost connection to OAS.\r\n', oas),
      });
    await send({
      version: 'v1',
      agentAddr: '10.30.0.42',
      trapOid: `${ROUTER}.0.${id32(INFO, 3011)}`,
      varbinds: strings('Router Service reconnected to OAS.\r\n', 'oas02'),
    });
    const byOas = (await list({ source: '10.30.0.42' })).map((r) => r.cleared).sort();
    expect(byOas).toEqual([false, true]);

    // A stale edit is refused; a delete takes the pair away (the resolution is then logged only).
    const now = (await rules()).find((r) => r.cleared.oidPattern === `${MICC_BASE_OID}.0.3010`)!;
    const ref = {
      clearsId: now.clears.id,
      clearsVersion: now.clears.version,
      clearedId: now.cleared.id,
      clearedVersion: now.cleared.version,
    };
    expect(
      (
        await c.call('alarms', 'saveCorrelation', {
          original: { ...ref, clearedVersion: ref.clearedVersion - 1 },
          rule: { clears: `${MICC_BASE_OID}.0.3011`, cleared: `${MICC_BASE_OID}.0.3010`, match: { on: 'source' } },
        })
      ).error,
    ).toMatchObject({ code: 'CONFLICT' });
    expect((await c.call('alarms', 'deleteCorrelation', ref)).error).toBeUndefined();
    expect((await rules()).some((r) => r.cleared.oidPattern === `${MICC_BASE_OID}.0.3010`)).toBe(false);
  });

  it('an SNMPv3 message from an engine whose clock is behind the one it showed before is dropped as not in the time window', async () => {
    // The listener last saw these engines (kept in the database across restarts) at boots 7, and at
    // boots 0 with time 500000; a sender now says boots 0, time 0 (net-snmp's traps always do).
    const late = '80001f8880aa0000000000000001';
    const boots = '80001f8880aa0000000000000002';
    const k = () => c.core.data.require().kysely;
    const at = Date.now();
    await k()
      .insertInto('alarm_v3_engine')
      .values([
        { host: stateHost(), engine_id: late, boots: 0, engine_time: 500_000, seen_at: at },
        { host: stateHost(), engine_id: boots, boots: 7, engine_time: 10, seen_at: at },
      ])
      .execute();
    await c.stop();
    await start();
    const before = (await status()).counters;
    for (const engineId of [late, boots])
      await rawSend(
        await captureV3({
          version: 'v3',
          user: { ...V3USER, engineId },
          trapOid: `${ROUTER}.0.${id32(INFO, 3600)}`,
          varbinds: strings('from an engine whose clock went back\r\n'),
        }),
        port,
      );
    const s = await until(
      status,
      (x) => (x.counters.dropped['not-in-time-window'] ?? 0) >= (before.dropped['not-in-time-window'] ?? 0) + 2,
    );
    expect(s.counters.stored).toBe(before.stored);
    expect(await list({ text: 'clock went back' })).toEqual([]);
    // The same user from an engine the listener has not seen is accepted.
    await send({
      version: 'v3',
      user: { ...V3USER, engineId: '80001f8880aa0000000000000003' },
      trapOid: `${ROUTER}.0.${id32(INFO, 3601)}`,
      varbinds: strings('fresh engine\r\n'),
    });
  }, 60_000);

  it('correlation rules refuse what cannot work, naming the field', async () => {
    const save = (clears: string, cleared: string) =>
      c.call('alarms', 'saveCorrelation', { original: null, rule: { clears, cleared, match: { on: 'source' } } });
    expect((await save(`${MICC_BASE_OID}.0.3020`, `${MICC_BASE_OID}.0.3020`)).error).toMatchObject({
      code: 'INVALID',
      field: 'cleared',
    });
    expect((await save('noSuchTrapName', `${MICC_BASE_OID}.0.3020`)).error).toMatchObject({
      code: 'INVALID',
      field: 'clears',
    });
    // The shipped 47001 already clears 47000: one resolution clears one problem; a resolution is no problem.
    expect((await save('1.3.6.1.4.1.*.0.47001', `${MICC_BASE_OID}.0.3020`)).error).toMatchObject({
      code: 'INVALID',
      field: 'clears',
    });
    expect((await save(`${MICC_BASE_OID}.0.3021`, '1.3.6.1.4.1.*.0.47001')).error).toMatchObject({
      code: 'INVALID',
      field: 'cleared',
    });
  });

  it('an SNMPv3 message with an unknown user, a wrong key or a security level below the user’s is an authenticationFailure alarm saying why', async () => {
    const auth = async () => (await list({ text: 'SNMP v3' })).filter((r) => r.name === 'authenticationFailure');
    const before = (await status()).counters;
    await rawSend(
      await captureV3({ version: 'v3', user: { ...V3USER, name: 'intruder' }, trapOid: `${ROUTER}.0.1`, varbinds: [] }),
      port,
    );
    await rawSend(
      await captureV3({
        version: 'v3',
        user: { ...V3USER, authKey: 'wrong-key-123' },
        trapOid: `${ROUTER}.0.1`,
        varbinds: [],
      }),
      port,
    );
    await rawSend(
      await captureV3({
        version: 'v3',
        user: { ...V3USER, privKey: 'wrong-priv-123' },
        trapOid: `${ROUTER}.0.1`,
        varbinds: [],
      }),
      port,
    );
    await rawSend(
      await captureV3({
        version: 'v3',
        user: { ...V3USER, level: 'authNoPriv' },
        trapOid: `${ROUTER}.0.1`,
        varbinds: [],
      }),
      port,
    );
    const s = await until(status, (x) => x.counters.stored >= before.stored + 4 && x.counters.queued === 0);
    const d = (k: string) => (s.counters.dropped[k] ?? 0) - (before.dropped[k] ?? 0);
    expect([d('unknown-user'), d('auth-failure'), d('security-level')]).toEqual([1, 1, 1]);
    expect(d('decrypt-failure') + d('auth-failure')).toBe(2); // a wrong privacy key: decryption fails or yields a wrong digest
    // Folded into one alarm per source (as for communities); every refusal is in its occurrences.
    const row = (await auth())[0]!;
    expect(row).toMatchObject({ severity: 'Warning', category: 'Security Alarms' });
    const texts = (await detail(row.id)).occurrences.map((o: { message: string }) => o.message).join('\n');
    expect(texts).toContain(
      'Refused an SNMP v3 packet from 127.0.0.1: SNMPv3 user "intruder" is not configured (unknown user)',
    );
    expect(texts).toContain('wrong digest (wrong authentication key or protocol)');
    expect(texts).toContain('SNMPv3 user "miccv3" needs authPriv; the message is authNoPriv (security level)');
    expect(texts).not.toContain('wrong-key-123');
  });

  it('keeps the counters and the SNMPv3 replay cache across a restart', async () => {
    const packet = await captureV3({
      version: 'v3',
      user: V3USER,
      trapOid: `${ROUTER}.0.${id32(INFO, 3500)}`,
      varbinds: strings('captured once\r\n'),
    });
    const s0 = (await status()).counters;
    await rawSend(packet, port);
    await stored(s0.stored + 1);
    // Accepted digests reach the database within a moment.
    const k = () => c.core.data.require().kysely;
    await until(
      async () =>
        (
          await k()
            .selectFrom('alarm_v3_replay')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirst()
        )?.n,
      (n) => Number(n) >= 2,
    );
    const before = (await status()).counters;
    await c.stop();

    await start();
    const after = (await status()).counters;
    expect(after.received).toBe(before.received);
    expect(after.stored).toBe(before.stored);
    expect(after.dropped['unknown-user']).toBe(before.dropped['unknown-user']);
    await rawSend(packet, port);
    const s = await until(status, (x) => (x.counters.dropped['replayed'] ?? 0) > (before.dropped['replayed'] ?? 0));
    expect(s.counters.stored).toBe(before.stored);
    expect(s.counters.received).toBe(before.received + 1);
    // A fresh message from the same engine is still accepted.
    await send({
      version: 'v3',
      user: V3USER,
      trapOid: `${ROUTER}.0.${id32(INFO, 3501)}`,
      varbinds: strings('fresh\r\n'),
    });
  }, 60_000);

  it('only a host administrator changes installation-wide settings (trap listener, SNMPv3 users, event configuration, correlation rules, MIBs)', async () => {
    const doc = (await c.call('alarms', 'settings')).value;
    const cfgs = (await c.call('alarms', 'eventConfigs')).value;
    const genesys = (await c.call('alarms', 'correlations', {})).value.find(
      (r: { cleared: { oidPattern: string } }) => r.cleared.oidPattern === '1.3.6.1.4.1.*.0.47000',
    )!;
    const mib =
      'TENANT-MIB DEFINITIONS ::= BEGIN\nIMPORTS enterprises FROM SNMPv2-SMI;\nt OBJECT IDENTIFIER ::= { enterprises 4343 }\nEND\n';
    expect(
      (await c.call('alarms', 'importMibs', { files: [{ name: 'TENANT-MIB.txt', text: mib }] })).error,
    ).toBeUndefined();
    const attempts: [string, object][] = [
      ['saveSettings', { expectedVersion: doc.version, settings: { ...doc.settings, communities: ['tenant-guess'] } }],
      [
        'saveV3User',
        { name: 'tenantuser', level: 'authNoPriv', authProtocol: 'sha', privProtocol: 'aes', authKey: 'tenantkey-1' },
      ],
      ['deleteV3User', { name: 'miccv3' }],
      [
        'saveEventConfig',
        {
          id: null,
          expectedVersion: 0,
          config: {
            oidPattern: `${MICC_BASE_OID}.0.3900`,
            name: 'x',
            category: 'Ignore',
            severity: 'Normal',
            messageFormat: '',
            dedupeKey: '',
            clearKey: '',
          },
        },
      ],
      ['deleteEventConfig', { id: cfgs[0]!.id, expectedVersion: cfgs[0]!.version }],
      [
        'saveCorrelation',
        {
          original: null,
          rule: { clears: `${MICC_BASE_OID}.0.3901`, cleared: `${MICC_BASE_OID}.0.3900`, match: { on: 'source' } },
        },
      ],
      [
        'deleteCorrelation',
        {
          clearsId: genesys.clears.id,
          clearsVersion: genesys.clears.version,
          clearedId: genesys.cleared.id,
          clearedVersion: genesys.cleared.version,
        },
      ],
      ['importMibs', { files: [{ name: 'OTHER.txt', text: mib.replace('TENANT-MIB', 'OTHER-MIB') }] }],
      ['removeMib', { module: 'TENANT-MIB' }],
    ];
    for (const [who, password, tenant] of [
      ['nwadmin', 'Admin#2026', 2],
      ['tech', 'Tech#2026', 1],
    ] as const) {
      await signIn(c, who, password, tenant);
      for (const [method, args] of attempts) {
        const r = await c.callByName('alarms', method, args);
        expect(r.error, `${who} ${method}`).toMatchObject({ code: 'FORBIDDEN' });
        expect(r.error!.message).toContain('Only a host administrator can change');
      }
      // What a tenant administrator may do with alarms stays: read, acknowledge.
      const rows = await list();
      expect((await c.call('alarms', 'acknowledge', { ids: [rows[0]!.id], acknowledged: true })).error).toBeUndefined();
    }
    await signIn(c, 'admin', 'Admin#2026');
    const now = (await c.call('alarms', 'settings')).value;
    expect(now.version).toBe(doc.version);
    expect(now.settings.communities).toEqual(doc.settings.communities);
    expect(now.v3Users.map((u: { name: string }) => u.name)).toEqual(['miccv3']);
    expect((await c.call('alarms', 'eventConfigs')).value).toHaveLength(cfgs.length);
    expect((await c.call('alarms', 'correlations', {})).value).toContainEqual(genesys);
    expect((await c.call('alarms', 'mibs')).value.map((m: { module: string }) => m.module)).toContain('TENANT-MIB');
    // The host administrator may.
    expect((await c.call('alarms', 'removeMib', { module: 'TENANT-MIB' })).value).toEqual({ ok: true });
    void settle;
  }, 90_000);
});
