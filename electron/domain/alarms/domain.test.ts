import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BerError, decodeMessage, encodeTrapV1, encodeTrapV2, informResponse, responseRequestId } from './ber';
import { DEFAULT_EVENT_CONFIGS } from './defaults';
import { EventMatcher, expand, mapTrap, packBatch, unpackBatch, UNKNOWN, type EventConfig } from './eventConfig';
import { buildIndex, parseMibText } from './mib';
import {
  eventNumberOf,
  eventSeverityOf,
  MICC_BASE_OID,
  toTrap,
  windowsEnterprise,
  windowsEventOf,
  type Trap,
} from './trap';

const MIBS = resolve(__dirname, '../../../resources/mibs');
const shipped = () =>
  [
    'SNMPv2-SMI.txt',
    'SNMPv2-TC.txt',
    'SNMPv2-MIB.txt',
    'IF-MIB.txt',
    'SNMP-COMMUNITY-MIB.txt',
    'MICC-ENTERPRISE-EVENT-MIB.txt',
  ].flatMap((f) => {
    const r = parseMibText(readFileSync(resolve(MIBS, f), 'utf8'), f);
    expect(r.problems).toEqual([]);
    return r.modules;
  });
const configs: EventConfig[] = DEFAULT_EVENT_CONFIGS.map((c, i) => ({ ...c, id: i + 1 }));

describe('BER codec', () => {
  it('round-trips a v2c trap with every value type', () => {
    const buf = encodeTrapV2({
      community: 'public',
      requestId: 4711,
      uptime: 12345,
      trapOid: `${MICC_BASE_OID}.0.1`,
      varbinds: [
        { oid: `${MICC_BASE_OID}.100.1`, type: 'OctetString', value: 'Fail to connect to Broker.\r\n' },
        { oid: '1.3.6.1.2.1.2.2.1.1.1', type: 'Integer', value: -5 },
        { oid: '1.3.6.1.2.1.1.2.0', type: 'OID', value: '1.3.6.1.4.1.193' },
        { oid: '1.3.6.1.6.3.18.1.3.0', type: 'IpAddress', value: '10.20.1.11' },
        { oid: '1.3.6.1.2.1.2.2.1.10.1', type: 'Counter32', value: 4294967295 },
        { oid: '1.3.6.1.2.1.31.1.1.1.6.1', type: 'Counter64', value: '18446744073709551615' },
        { oid: '1.3.6.1.4.1.9.9.9', type: 'OctetString', value: Buffer.from([0x00, 0xff, 0x10]) },
        { oid: '1.3.6.1.4.1.9.9.10', type: 'OctetString', value: '0x00ff10' },
      ],
    });
    const m = decodeMessage(buf);
    expect(m).toMatchObject({ version: 1, community: 'public', kind: 'trap-v2', requestId: 4711 });
    expect(m.varbinds.map((v) => [v.type, v.value])).toEqual([
      ['TimeTicks', '12345'],
      ['OID', `${MICC_BASE_OID}.0.1`],
      ['OctetString', 'Fail to connect to Broker.\r\n'],
      ['Integer', '-5'],
      ['OID', '1.3.6.1.4.1.193'],
      ['IpAddress', '10.20.1.11'],
      ['Counter32', '4294967295'],
      ['Counter64', '18446744073709551615'],
      ['OctetString', '00ff10'],
      ['OctetString', '0x00ff10'],
    ]);
    // Bytes that are not UTF-8 text are hex and say so; text that looks like hex stays text.
    expect(m.varbinds[8]).toEqual({ oid: '1.3.6.1.4.1.9.9.9', type: 'OctetString', value: '00ff10', hex: true });
    expect(m.varbinds[9]).toEqual({ oid: '1.3.6.1.4.1.9.9.10', type: 'OctetString', value: '0x00ff10' });
    const t = toTrap(m, '127.0.0.1', 'now');
    expect(t.source).toBe('10.20.1.11'); // snmpTrapAddress.0 names the original agent
    expect(t.trapOid).toBe(`${MICC_BASE_OID}.0.1`);
    expect(t.varbinds[0]!.value).toBe('Fail to connect to Broker.\r\n');
  });

  it('maps a v1 trap by RFC 3584 and answers an inform with a Response-PDU', () => {
    const v1 = decodeMessage(
      encodeTrapV1({
        community: 'c',
        enterprise: MICC_BASE_OID,
        agentAddr: '10.0.0.9',
        generic: 6,
        specific: 2,
        uptime: 5,
        varbinds: [],
      }),
    );
    expect(toTrap(v1, '127.0.0.1', 'now')).toMatchObject({
      version: 'v1',
      trapOid: `${MICC_BASE_OID}.0.2`,
      source: '10.0.0.9',
    });
    const cold = decodeMessage(
      encodeTrapV1({
        community: 'c',
        enterprise: '1.3.6.1.4.1.8072',
        agentAddr: '0.0.0.0',
        generic: 0,
        specific: 0,
        uptime: 5,
        varbinds: [],
      }),
    );
    expect(toTrap(cold, '192.0.2.1', 'now')).toMatchObject({ trapOid: '1.3.6.1.6.3.1.1.5.1', source: '192.0.2.1' });
    const inform = encodeTrapV2({
      community: 'c',
      requestId: 99,
      uptime: 1,
      trapOid: '1.3.6.1.6.3.1.1.5.1',
      varbinds: [],
      inform: true,
    });
    const m = decodeMessage(inform);
    expect(m.kind).toBe('inform');
    expect(responseRequestId(informResponse(inform, m))).toBe(99);
  });

  it('reads a 32-bit event ID sent as a negative INTEGER as the unsigned specific-trap', () => {
    const ent = windowsEnterprise(MICC_BASE_OID, 'Router Service');
    const m = decodeMessage(
      encodeTrapV1({
        community: 'c',
        enterprise: ent,
        agentAddr: '10.0.0.9',
        generic: 6,
        specific: 0xc0000bb8 - 2 ** 32,
        uptime: 5,
        varbinds: [],
      }),
    );
    expect(m.v1!.specific).toBe(0xc0000bb8 - 2 ** 32);
    expect(toTrap(m, '127.0.0.1', 'now')).toMatchObject({
      trapOid: `${ent}.0.${0xc0000bb8}`,
      windowsEvent: { eventCode: 3000, severity: 'Error', source: 'Router Service' },
    });
  });

  it('keeps the first 256 varbinds of a valid trap and counts the rest; a broken one past the cap is still refused', () => {
    const vbs = Array.from({ length: 300 }, (_, i) => ({
      oid: `1.3.6.1.4.1.4242.1.${i}`,
      type: 'Integer' as const,
      value: i,
    }));
    const m = decodeMessage(
      encodeTrapV2({ community: 'c', requestId: 1, uptime: 1, trapOid: '1.3.6.1.4.1.4242.0.1', varbinds: vbs }),
    );
    expect(m.varbinds).toHaveLength(256);
    expect(m.leftOut).toBe(300 + 2 - 256);
    expect(toTrap(m, '127.0.0.1', 'now')).toMatchObject({ leftOut: 46 });
    expect(
      decodeMessage(
        encodeTrapV2({
          community: 'c',
          requestId: 1,
          uptime: 1,
          trapOid: '1.3.6.1.4.1.4242.0.1',
          varbinds: vbs.slice(0, 10),
        }),
      ).leftOut,
    ).toBe(0);
  });

  it('names why a packet is bad', () => {
    const good = encodeTrapV2({
      community: 'public',
      requestId: 1,
      uptime: 1,
      trapOid: '1.3.6.1.6.3.1.1.5.1',
      varbinds: [],
    });
    const reason = (b: Buffer) => {
      try {
        decodeMessage(b);
        return 'ok';
      } catch (e) {
        expect(e).toBeInstanceOf(BerError);
        return (e as BerError).reason;
      }
    };
    expect(reason(Buffer.from('hello world'))).toBe('not-ber');
    expect(reason(good.subarray(0, good.length - 3))).toBe('truncated');
    const v3 = Buffer.from(good);
    v3[4] = 3; // version INTEGER value
    expect(reason(v3)).toBe('wrong-version');
    const getReq = Buffer.from(good);
    getReq[good.indexOf(0xa7)] = 0xa0;
    expect(reason(getReq)).toBe('unsupported-pdu');
    expect(reason(Buffer.from([0x30, 0x80, 0, 0]))).toBe('bad-length');
  });
});

describe('MIBs', () => {
  it('resolves the shipped MiCC Enterprise Event MIB through the standard MIBs', () => {
    const { index, problems } = buildIndex(shipped());
    expect(problems).toEqual([]);
    expect(index.name(MICC_BASE_OID)).toBe('secCCEvents');
    // No invented notification numbers: the event number follows the notifications node.
    expect(index.name(`${MICC_BASE_OID}.0.3000`)).toBe('secCCEventNotifications.3000');
    expect(
      [...index.byOid.values()].filter((n) => n.module === 'MICC-ENTERPRISE-EVENT-MIB' && n.kind === 'notification'),
    ).toEqual([]);
    expect(index.name(`${MICC_BASE_OID}.9999.1.0`)).toBe('secEventText.0');
    expect(index.name('1.3.6.1.6.3.1.1.5.3')).toBe('linkDown');
    expect(index.name('1.3.6.1.2.1.2.2.1.1.3')).toBe('ifIndex.3');
    expect(index.name('1.3.6.1.2.1.1.3.0')).toBe('sysUpTime.0');
    expect(index.name('1.3.6.1.6.3.18.1.3.0')).toBe('snmpTrapAddress.0');
    expect(index.name('1.3.6.1.6.3.1.1.5.5')).toBe('authenticationFailure');
    expect(index.name('1.3.6.1.4.1.9999.1')).toBe('enterprises.9999.1');
    expect(index.oidOf('SNMPv2-MIB::coldStart')).toBe('1.3.6.1.6.3.1.1.5.1');
  });

  it('reports file, line and reason', () => {
    const broken =
      'BAD-MIB DEFINITIONS ::= BEGIN\nIMPORTS enterprises FROM SNMPv2-SMI;\n\nfoo OBJECT IDENTIFIER ::= { enterprises 1 }\nbar OBJECT IDENTIFIER ::= { nowhere 2 }\nEND\n';
    const r = parseMibText(broken, 'bad.mib');
    expect(r.problems).toEqual([]);
    const b = buildIndex([...shipped(), ...r.modules]);
    expect(b.problems).toEqual([
      { file: 'bad.mib', line: 5, reason: 'bar: its parent nowhere is not defined in BAD-MIB nor imported' },
    ]);
    expect(
      parseMibText('X DEFINITIONS ::= BEGIN\nfoo OBJECT IDENTIFIER ::= { iso 3 \n', 'x.mib').problems[0],
    ).toMatchObject({ file: 'x.mib', reason: 'an OID value is never closed (missing "}")' });
    expect(
      parseMibText('X DEFINITIONS ::= BEGIN\n  a OBJECT-TYPE\n DESCRIPTION "never closed\n', 'y.mib').problems[0],
    ).toEqual({ file: 'y.mib', line: 3, reason: 'a quoted string is never closed (missing ")' });
    const missing = parseMibText(
      'Y DEFINITIONS ::= BEGIN\nIMPORTS thing FROM OTHER-MIB;\nz OBJECT IDENTIFIER ::= { thing 1 }\nEND',
      'z.mib',
    );
    expect(buildIndex(missing.modules).problems[0]!.reason).toBe(
      'z: its parent thing is imported from OTHER-MIB, which is not loaded — import OTHER-MIB first',
    );
  });

  it('reads SMIv1 TRAP-TYPE as enterprise.0.specific', () => {
    const r = parseMibText(
      'V1 DEFINITIONS ::= BEGIN\nIMPORTS enterprises FROM SNMPv2-SMI;\nacme OBJECT IDENTIFIER ::= { enterprises 4242 }\nfanFail TRAP-TYPE\n ENTERPRISE acme\n VARIABLES { ifIndex }\n DESCRIPTION "Fan failed."\n ::= 7\nEND',
      'v1.mib',
    );
    expect(r.problems).toEqual([]);
    expect(buildIndex([...shipped(), ...r.modules]).index.name('1.3.6.1.4.1.4242.0.7')).toBe('fanFail');
  });
});

describe('event configuration', () => {
  const { index } = buildIndex(shipped());
  const matcher = new EventMatcher(configs);
  const trap = (trapOid: string, values: string[], source = '10.20.1.11'): Trap => {
    const t: Trap = {
      receivedAt: 'now',
      source,
      version: 'v2c',
      kind: 'trap',
      trapOid,
      uptime: 0,
      varbinds: values.map((v, i) => ({
        oid: `${MICC_BASE_OID}.9999.${i + 1}.0`,
        type: 'OctetString' as const,
        value: v,
      })),
    };
    const w = windowsEventOf(trapOid);
    if (w) t.windowsEvent = w;
    return t;
  };
  const router = windowsEnterprise(MICC_BASE_OID, 'Router Service');

  it('formats $1 (the seed: Event Log Message "$1") and $*', () => {
    const m = mapTrap(
      trap(`${router}.0.${0xc0000000 + 3000}`, ['Fail to connect to Broker.\r\n', 'micc01']),
      matcher,
      index,
    );
    expect(m).toMatchObject({
      name: 'Event 3000 from Router Service',
      category: 'Application Alert Alarms',
      severity: 'Major',
      message: 'Fail to connect to Broker.',
    });
    expect(expand('$* / $2 / $9 / $$1', trap('1.2', ['a', 'b']), 'x', index)).toBe(
      'secEventText.0=a, secEventString2.0=b / b /  / $1',
    );
  });

  it('one configuration serves the plain, the suffixed and the 32-bit forms of an event', () => {
    const m = new EventMatcher([
      ...configs,
      {
        id: 50,
        oidPattern: `${MICC_BASE_OID}.0.3000`,
        name: 'Broker connection failed',
        category: 'Application Alert Alarms',
        severity: 'Critical',
        severityFromEvent: false,
        messageFormat: '$1',
        dedupeKey: '',
        clearKey: '',
      },
    ]);
    for (const oid of [
      `${MICC_BASE_OID}.0.3000`,
      `${router}.0.3000`,
      `${router}.0.${0xc0000000 + 3000}`,
      `${MICC_BASE_OID}.0.${0x40000000 + 3000}`,
    ]) {
      expect(mapTrap(trap(oid, ['x\r\n']), m, index)).toMatchObject({
        name: 'Broker connection failed',
        severity: 'Critical',
        dedupeKey: `10.20.1.11|${MICC_BASE_OID}.0.3000|${oid.startsWith(router) ? 'Router Service' : ''}`,
      });
    }
    // Other event numbers fall to the subtree default, severity from the bits.
    expect(mapTrap(trap(`${router}.0.${0x80000000 + 3001}`, ['w']), m, index)).toMatchObject({
      name: 'Event 3001 from Router Service',
      severity: 'Warning',
    });
    expect(mapTrap(trap(`${router}.0.${0x40000000 + 3002}`, ['i']), m, index)).toMatchObject({ severity: 'Normal' });
    expect(mapTrap(trap(`${MICC_BASE_OID}.0.3003`, ['p']), m, index)).toMatchObject({
      name: 'Event 3003 from 10.20.1.11',
      severity: 'Normal',
    });
  });

  it('one event number for every form: plain, source-suffixed and 32-bit (customer and facility bits too)', () => {
    expect(eventNumberOf(0xe0000bb8)).toBe(3000);
    expect(eventSeverityOf(0xe0000bb8)).toBe('Error');
    expect(eventNumberOf(0x40000000 + 7036)).toBe(7036);
    expect(eventNumberOf(3000)).toBe(3000);
    // -536867912 is how 0xE0000BB8 travels as a v1 specific-trap INTEGER; read unsigned it is the same event.
    expect(eventNumberOf(-536867912)).toBe(3000);
    const forms = [
      `${MICC_BASE_OID}.0.3000`,
      `${router}.0.3000`,
      `${router}.0.${0xc0000bb8}`,
      `${router}.0.${0xe0000bb8}`,
      `${MICC_BASE_OID}.0.${0xe0000bb8}`,
    ];
    for (const oid of forms) expect(windowsEventOf(oid)!.eventCode).toBe(3000);
    expect(windowsEventOf(`${router}.0.${0xe0000bb8}`)!.severity).toBe('Error');
    // And the console names them all "Event 3000".
    const m = new EventMatcher([]);
    for (const oid of forms)
      expect(mapTrap({ ...trap(oid, ['x']), windowsEvent: windowsEventOf(oid)! }, m, index).name).toMatch(
        /^Event 3000 from /,
      );
  });

  it('reads the Windows severity from the top two bits', () => {
    expect(windowsEventOf(`${router}.0.${0xc0000bb8}`)).toEqual({
      base: MICC_BASE_OID,
      source: 'Router Service',
      eventId: 0xc0000bb8,
      eventCode: 3000,
      severity: 'Error',
    });
    expect(windowsEventOf(`${router}.0.${0x80000bb8}`)!.severity).toBe('Warning');
    expect(windowsEventOf(`${router}.0.${0x40000bb8}`)!.severity).toBe('Informational');
    expect(windowsEventOf(`${router}.0.${0x20000bb8}`)!.severity).toBe('Success');
    expect(windowsEventOf(`${router}.0.3000`)!.severity).toBeNull();
    expect(windowsEventOf(`${MICC_BASE_OID}.0.3000`)).toMatchObject({ source: '', eventCode: 3000 });
    expect(windowsEventOf('1.3.6.1.4.1.9.9.41.2.0.1')).toBeUndefined();
  });

  it('wildcards match Windows event-to-trap traps (47000/47001), masking severity bits', () => {
    const ent = windowsEnterprise('1.3.6.1.4.1.311.1.13.1', 'Interaction Center');
    expect(windowsEventOf(`${ent}.0.47000`)).toEqual({
      base: '1.3.6.1.4.1.311.1.13.1',
      source: 'Interaction Center',
      eventId: 47000,
      eventCode: 47000,
      severity: null,
    });
    const lost = mapTrap(
      { ...trap(`${ent}.0.47000`, []), windowsEvent: windowsEventOf(`${ent}.0.47000`)! },
      matcher,
      index,
    );
    expect(lost).toMatchObject({ severity: 'Critical', dedupeKey: '10.20.1.11|genesys-cloud', clearKey: null });
    const withBits = `${ent}.0.${(0xc0000000 + 47001) >>> 0}`;
    const restored = mapTrap({ ...trap(withBits, []), windowsEvent: windowsEventOf(withBits)! }, matcher, index);
    expect(restored).toMatchObject({ severity: 'Cleared', clearKey: '10.20.1.11|genesys-cloud' });
  });

  it('packs a batch for the trip from the receiver worker without losing a field', () => {
    const m = mapTrap(
      {
        ...trap(`1.3.6.1.4.1.311.1.13.1.0.47001`, ['Genesys Cloud connection restored.\r\n']),
        uptime: 4242,
        leftOut: 3,
      },
      matcher,
      index,
    );
    const [u] = unpackBatch(packBatch([m]));
    const { varbinds, ...rest } = m.trap;
    expect(u).toMatchObject({
      ...m,
      trap: { ...rest, uptime: 4242, leftOut: 3 },
      varbindsJson: JSON.stringify(varbinds),
    });
    expect(u!.trap.varbinds).toEqual(varbinds);
    expect(u!.clearKey).toBe('10.20.1.11|genesys-cloud');
  });

  it('the most specific pattern wins; unknown traps keep every varbind', () => {
    const m = new EventMatcher([
      ...configs,
      {
        id: 99,
        oidPattern: '1.3.6.1.4.1.*',
        name: 'Any enterprise',
        category: 'Log only',
        severity: 'Normal',
        severityFromEvent: false,
        messageFormat: '$*',
        dedupeKey: '',
        clearKey: '',
      },
    ]);
    expect(m.match({ trapOid: `${MICC_BASE_OID}.0.2` })!.oidPattern).toBe(`${MICC_BASE_OID}.*`);
    expect(m.match({ trapOid: '1.3.6.1.4.1.9.9.1' })!.name).toBe('Any enterprise');
    const u = mapTrap(trap('1.3.6.1.4.1.9999.0.1', ['x', 'y']), matcher, index);
    expect(u).toMatchObject({
      category: UNKNOWN,
      name: 'enterprises.9999.0.1',
      message: 'enterprises.9999.0.1: secEventText.0=x, secEventString2.0=y',
    });
  });
});
