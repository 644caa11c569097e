import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BerError, decodeMessage, encodeTrapV1, encodeTrapV2, informResponse, responseRequestId } from './ber';
import { DEFAULT_EVENT_CONFIGS } from './defaults';
import { EventMatcher, expand, mapTrap, packBatch, unpackBatch, UNKNOWN, type EventConfig } from './eventConfig';
import { buildIndex, parseMibText } from './mib';
import { MICC_BASE_OID, toTrap, windowsEnterprise, windowsEventOf, type Trap } from './trap';

const MIBS = resolve(__dirname, '../../../resources/mibs');
const shipped = () => ['SNMPv2-SMI.txt', 'SNMPv2-TC.txt', 'SNMPv2-MIB.txt', 'SNMP-COMMUNITY-MIB.txt', 'MICC-ENTERPRISE-EVENT-MIB.txt'].flatMap((f) => {
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
        { oid: '1.3.6.1.4.1.9.9.9', type: 'OctetString', value: '0x00ff10' },
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
      ['OctetString', '0x00ff10'],
    ]);
    const t = toTrap(m, '127.0.0.1', 'now');
    expect(t.source).toBe('10.20.1.11'); // snmpTrapAddress.0 names the original agent
    expect(t.trapOid).toBe(`${MICC_BASE_OID}.0.1`);
    expect(t.varbinds[0]!.value).toBe('Fail to connect to Broker.\r\n');
  });

  it('maps a v1 trap by RFC 3584 and answers an inform with a Response-PDU', () => {
    const v1 = decodeMessage(encodeTrapV1({ community: 'c', enterprise: MICC_BASE_OID, agentAddr: '10.0.0.9', generic: 6, specific: 2, uptime: 5, varbinds: [] }));
    expect(toTrap(v1, '127.0.0.1', 'now')).toMatchObject({ version: 'v1', trapOid: `${MICC_BASE_OID}.0.2`, source: '10.0.0.9' });
    const cold = decodeMessage(encodeTrapV1({ community: 'c', enterprise: '1.3.6.1.4.1.8072', agentAddr: '0.0.0.0', generic: 0, specific: 0, uptime: 5, varbinds: [] }));
    expect(toTrap(cold, '192.0.2.1', 'now')).toMatchObject({ trapOid: '1.3.6.1.6.3.1.1.5.1', source: '192.0.2.1' });
    const inform = encodeTrapV2({ community: 'c', requestId: 99, uptime: 1, trapOid: '1.3.6.1.6.3.1.1.5.1', varbinds: [], inform: true });
    const m = decodeMessage(inform);
    expect(m.kind).toBe('inform');
    expect(responseRequestId(informResponse(inform, m))).toBe(99);
  });

  it('names why a packet is bad', () => {
    const good = encodeTrapV2({ community: 'public', requestId: 1, uptime: 1, trapOid: '1.3.6.1.6.3.1.1.5.1', varbinds: [] });
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
    expect(index.name(`${MICC_BASE_OID}.0.1`)).toBe('secBrokerConFailed');
    expect(index.byName.get('secBrokerConFailed')).toMatchObject({ kind: 'notification', description: 'Fail to connect to Broker.', objects: ['secEventMessage', 'secEventComputer', 'secEventService'] });
    expect(index.name(`${MICC_BASE_OID}.100.1.0`)).toBe('secEventMessage.0');
    expect(index.name('1.3.6.1.2.1.1.3.0')).toBe('sysUpTime.0');
    expect(index.name('1.3.6.1.6.3.18.1.3.0')).toBe('snmpTrapAddress.0');
    expect(index.name('1.3.6.1.6.3.1.1.5.5')).toBe('authenticationFailure');
    expect(index.name('1.3.6.1.4.1.9999.1')).toBe('enterprises.9999.1');
    expect(index.oidOf('SNMPv2-MIB::coldStart')).toBe('1.3.6.1.6.3.1.1.5.1');
  });

  it('reports file, line and reason', () => {
    const broken = 'BAD-MIB DEFINITIONS ::= BEGIN\nIMPORTS enterprises FROM SNMPv2-SMI;\n\nfoo OBJECT IDENTIFIER ::= { enterprises 1 }\nbar OBJECT IDENTIFIER ::= { nowhere 2 }\nEND\n';
    const r = parseMibText(broken, 'bad.mib');
    expect(r.problems).toEqual([]);
    const b = buildIndex([...shipped(), ...r.modules]);
    expect(b.problems).toEqual([{ file: 'bad.mib', line: 5, reason: 'bar: its parent nowhere is not defined in BAD-MIB nor imported' }]);
    expect(parseMibText('X DEFINITIONS ::= BEGIN\nfoo OBJECT IDENTIFIER ::= { iso 3 \n', 'x.mib').problems[0]).toMatchObject({ file: 'x.mib', reason: 'an OID value is never closed (missing "}")' });
    expect(parseMibText('X DEFINITIONS ::= BEGIN\n  a OBJECT-TYPE\n DESCRIPTION "never closed\n', 'y.mib').problems[0]).toEqual({ file: 'y.mib', line: 3, reason: 'a quoted string is never closed (missing ")' });
    const missing = parseMibText('Y DEFINITIONS ::= BEGIN\nIMPORTS thing FROM OTHER-MIB;\nz OBJECT IDENTIFIER ::= { thing 1 }\nEND', 'z.mib');
    expect(buildIndex(missing.modules).problems[0]!.reason).toBe('z: its parent thing is imported from OTHER-MIB, which is not loaded — import OTHER-MIB first');
  });

  it('reads SMIv1 TRAP-TYPE as enterprise.0.specific', () => {
    const r = parseMibText('V1 DEFINITIONS ::= BEGIN\nIMPORTS enterprises FROM SNMPv2-SMI;\nacme OBJECT IDENTIFIER ::= { enterprises 4242 }\nfanFail TRAP-TYPE\n ENTERPRISE acme\n VARIABLES { ifIndex }\n DESCRIPTION "Fan failed."\n ::= 7\nEND', 'v1.mib');
    expect(r.problems).toEqual([]);
    expect(buildIndex([...shipped(), ...r.modules]).index.name('1.3.6.1.4.1.4242.0.7')).toBe('fanFail');
  });
});

describe('event configuration', () => {
  const { index } = buildIndex(shipped());
  const matcher = new EventMatcher(configs);
  const trap = (trapOid: string, values: string[], source = '10.20.1.11'): Trap => ({ receivedAt: 'now', source, version: 'v2c', kind: 'trap', trapOid, uptime: 0, varbinds: values.map((v, i) => ({ oid: `${MICC_BASE_OID}.100.${i + 1}`, type: 'OctetString' as const, value: v })) });

  it('formats $1 (the seed: Event Log Message "$1") and $*', () => {
    const m = mapTrap({ ...trap(`${MICC_BASE_OID}.0.1`, ['Fail to connect to Broker.\r\n', 'micc01']) , varbinds: [...trap('', ['Fail to connect to Broker.\r\n', 'micc01']).varbinds] }, matcher, index);
    expect(m).toMatchObject({ name: 'secBrokerConFailed', category: 'Application Alert Alarms', severity: 'Major', message: 'Fail to connect to Broker.', dedupeKey: '10.20.1.11|broker' });
    expect(expand('$* / $2 / $9 / $$1', trap('1.2', ['a', 'b']), 'x', index)).toBe('secEventMessage=a, secEventComputer=b / b /  / $1');
  });

  it('wildcards match Windows event-to-trap traps (47000/47001), masking severity bits', () => {
    const ent = windowsEnterprise('1.3.6.1.4.1.311.1.13.1', 'Interaction Center');
    expect(windowsEventOf(`${ent}.0.47000`)).toEqual({ source: 'Interaction Center', eventId: 47000, eventCode: 47000 });
    const lost = mapTrap({ ...trap(`${ent}.0.47000`, []), windowsEvent: windowsEventOf(`${ent}.0.47000`)! }, matcher, index);
    expect(lost).toMatchObject({ severity: 'Critical', dedupeKey: '10.20.1.11|genesys-cloud', clearKey: null });
    const withBits = `${ent}.0.${(0xc0000000 + 47001) >>> 0}`;
    const restored = mapTrap({ ...trap(withBits, []), windowsEvent: windowsEventOf(withBits)! }, matcher, index);
    expect(restored).toMatchObject({ severity: 'Cleared', clearKey: '10.20.1.11|genesys-cloud' });
  });

  it('packs a batch for the trip from the receiver worker without losing a field', () => {
    const m = mapTrap(trap(`${MICC_BASE_OID}.0.3`, ['Router Service reconnected to OAS.\r\n']), matcher, index);
    const [u] = unpackBatch(packBatch([m]));
    const { varbinds, ...rest } = m.trap;
    expect(u).toMatchObject({ ...m, trap: { ...rest, uptime: null }, varbindsJson: JSON.stringify(varbinds) });
    expect(u!.trap.varbinds).toEqual(varbinds);
    expect(u!.clearKey).toBe('10.20.1.11|router-oas');
  });

  it('the most specific pattern wins; unknown traps keep every varbind', () => {
    const m = new EventMatcher([...configs, { id: 99, oidPattern: '1.3.6.1.4.1.*', name: 'Any enterprise', category: 'Log only', severity: 'Normal', messageFormat: '$*', dedupeKey: '', clearKey: '' }]);
    expect(m.match({ trapOid: `${MICC_BASE_OID}.0.2` })!.name).toBe('secRouterOASConLost');
    expect(m.match({ trapOid: '1.3.6.1.4.1.9.9.1' })!.name).toBe('Any enterprise');
    const u = mapTrap(trap('1.3.6.1.4.1.9999.0.1', ['x', 'y']), matcher, index);
    expect(u).toMatchObject({ category: UNKNOWN, name: 'enterprises.9999.0.1', message: 'enterprises.9999.0.1: secEventMessage=x, secEventComputer=y' });
  });
});

describe('bind errors', () => {
  it('say what EACCES and EADDRINUSE mean and how to fix them', async () => {
    const { explainBindError } = await import('../../connectors/snmp/trapListener');
    const e = (code: string) => Object.assign(new Error(code), { code });
    expect(explainBindError(e('EACCES'), '0.0.0.0', 162).message).toContain('ports below 1024 (such as 162, the standard trap port) need administrator rights');
    expect(explainBindError(e('EACCES'), '0.0.0.0', 162).message).toContain('setcap cap_net_bind_service=+ep');
    expect(explainBindError(e('EADDRINUSE'), '0.0.0.0', 162).message).toContain('sc stop SNMPTRAP');
    expect(explainBindError(e('EADDRNOTAVAIL'), '10.9.9.9', 162).message).toContain('10.9.9.9 is not an address of this computer');
  });
});
