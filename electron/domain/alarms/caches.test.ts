import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeTrapV1, encodeTrapV2, MAX_VARBINDS, varbindsJson, type OutVarbind } from './ber';
import { DEFAULT_EVENT_CONFIGS } from './defaults';
import { EventMatcher, mapTrap, packBatch, unpackBatch, type EventConfig } from './eventConfig';
import { buildIndex } from './mib';
import { MICC_BASE_OID, toTrap, windowsEnterprise } from './trap';

// The receiver thread remembers what a storm repeats (decoded varbinds by their bytes, trap OID
// strings, default keys, event names, $n texts). These tests pin that a remembered answer is
// always the answer a fresh decode/mapping would give.
const ERROR = 0xc0000000;
const ent = windowsEnterprise(MICC_BASE_OID, 'Router Service');
const text = (oid: string, value: string | Buffer): OutVarbind => ({ oid, type: 'OctetString', value });
const v1 = (o: { agentAddr?: string; specific?: number; uptime?: number; varbinds?: OutVarbind[] } = {}) =>
  encodeTrapV1({
    community: 'public',
    enterprise: ent,
    agentAddr: o.agentAddr ?? '10.20.1.11',
    generic: 6,
    specific: (o.specific ?? ERROR + 3000) | 0,
    uptime: o.uptime ?? 100,
    varbinds: o.varbinds ?? [text(`${MICC_BASE_OID}.9999.1.0`, 'Fail to connect to Broker.\r\n')],
  });
const configs: EventConfig[] = DEFAULT_EVENT_CONFIGS.map((c, i) => ({ ...c, id: i + 1 }));
const { index } = buildIndex([]);

describe('what the receiver thread remembers', () => {
  it('a repeated packet decodes to the same values and JSON as a first one; other bytes never hit', () => {
    const first = decodeMessage(v1({ uptime: 1 }));
    const again = decodeMessage(v1({ uptime: 2 }));
    expect(again.v1!.timestamp).toBe(2);
    expect(again.varbinds).toEqual(first.varbinds);
    expect(varbindsJson(again.varbinds)).toBe(JSON.stringify(again.varbinds));
    // Same OID, other text; bytes that are not text; a text that looks like those bytes as hex.
    const other = decodeMessage(v1({ varbinds: [text(`${MICC_BASE_OID}.9999.1.0`, 'Broker is back.\r\n')] }));
    expect(other.varbinds[0]!.value).toBe('Broker is back.\r\n');
    const bytes = [text('1.3.6.1.4.1.9.1', Buffer.from([0x00, 0xff])), text('1.3.6.1.4.1.9.1', '00ff')];
    for (let i = 0; i < 2; i++) {
      const d = decodeMessage(v1({ varbinds: bytes }));
      expect(d.varbinds).toEqual([
        { oid: '1.3.6.1.4.1.9.1', type: 'OctetString', value: '00ff', hex: true },
        { oid: '1.3.6.1.4.1.9.1', type: 'OctetString', value: '00ff' },
      ]);
      expect(varbindsJson(d.varbinds)).toBe(JSON.stringify(d.varbinds));
    }
  });

  it('v2c: sysUpTime changes per trap and is never served from memory; the JSON stays exact', () => {
    const pk = (uptime: number) =>
      encodeTrapV2({
        community: 'public',
        requestId: uptime,
        uptime,
        trapOid: `${ent}.0.${ERROR + 3000}`,
        varbinds: [
          text(`${MICC_BASE_OID}.9999.1.0`, 'Fail to connect to Broker.\r\n'),
          { oid: '1.3.6.1.6.3.18.1.3.0', type: 'IpAddress', value: '10.20.1.12' },
          { oid: '1.3.6.1.2.1.2.2.1.10.1', type: 'Counter32', value: uptime * 2 },
        ],
      });
    for (const up of [10, 20]) {
      const t = toTrap(decodeMessage(pk(up)), '127.0.0.1', 'now');
      expect(t.uptime).toBe(up);
      expect(t.source).toBe('10.20.1.12');
      expect(t.varbinds.map((v) => v.value)).toEqual(['Fail to connect to Broker.\r\n', '10.20.1.12', String(up * 2)]);
      expect(varbindsJson(t.varbinds)).toBe(JSON.stringify(t.varbinds));
    }
  });

  it('a list past the varbind cap is counted every time, not remembered', () => {
    const many = Array.from({ length: MAX_VARBINDS + 3 }, (_, i) => text(`1.3.6.1.4.1.9.${i}`, 'x'));
    for (let i = 0; i < 2; i++) {
      const d = decodeMessage(v1({ varbinds: many }));
      expect(d.varbinds).toHaveLength(MAX_VARBINDS);
      expect(d.leftOut).toBe(3);
    }
  });

  it('trap OID, agent address, event name and default key follow each trap, not the first one', () => {
    const a = toTrap(decodeMessage(v1({ agentAddr: '10.20.1.11' })), '127.0.0.1', 'now');
    const b = toTrap(decodeMessage(v1({ agentAddr: '10.20.1.12', specific: ERROR + 3010 })), '127.0.0.1', 'now');
    const c = toTrap(decodeMessage(v1({ agentAddr: '10.20.1.12' })), '127.0.0.1', 'now');
    expect([a.source, b.source, c.source]).toEqual(['10.20.1.11', '10.20.1.12', '10.20.1.12']);
    expect(a.trapOid).toBe(`${ent}.0.${ERROR + 3000}`);
    expect(b.trapOid).toBe(`${ent}.0.${ERROR + 3010}`);
    expect(c.trapOid).toBe(a.trapOid);
    const matcher = new EventMatcher(configs);
    const [ma, mb, mc] = [a, b, c].map((t) => mapTrap(t, matcher, index));
    expect([ma!.dedupeKey, mb!.dedupeKey, mc!.dedupeKey]).toEqual([
      `10.20.1.11|${MICC_BASE_OID}.0.3000|Router Service`,
      `10.20.1.12|${MICC_BASE_OID}.0.3010|Router Service`,
      `10.20.1.12|${MICC_BASE_OID}.0.3000|Router Service`,
    ]);
    expect([ma!.name, mb!.name]).toEqual(['Event 3000 from Router Service', 'Event 3010 from Router Service']);
    // The plain form (no event source in the enterprise) is named after the sending host, per host.
    const plain = (agentAddr: string) =>
      toTrap(
        decodeMessage(
          encodeTrapV1({
            community: 'public',
            enterprise: MICC_BASE_OID,
            agentAddr,
            generic: 6,
            specific: 3000,
            uptime: 1,
            varbinds: [],
          }),
        ),
        '127.0.0.1',
        'now',
      );
    expect(mapTrap(plain('10.0.0.1'), matcher, index).name).toBe('Event 3000 from 10.0.0.1');
    expect(mapTrap(plain('10.0.0.2'), matcher, index).name).toBe('Event 3000 from 10.0.0.2');
  });

  it('a changed event configuration applies to the very next trap (a new matcher, nothing stale)', () => {
    const trap = () => toTrap(decodeMessage(v1()), '127.0.0.1', 'now');
    const before = mapTrap(trap(), new EventMatcher(configs), index);
    expect(before).toMatchObject({ category: 'Application Alert Alarms', severity: 'Major' });
    const saved: EventConfig = {
      id: 500,
      oidPattern: `${MICC_BASE_OID}.0.3000`,
      name: 'Broker unreachable',
      category: 'Broker Alarms',
      severity: 'Critical',
      severityFromEvent: false,
      messageFormat: 'Broker: $1 ($E)',
      dedupeKey: '$A|broker',
      clearKey: '',
    };
    const after = mapTrap(trap(), new EventMatcher([...configs, saved]), index);
    expect(after).toMatchObject({
      configId: 500,
      name: 'Broker unreachable',
      category: 'Broker Alarms',
      severity: 'Critical',
      message: 'Broker: Fail to connect to Broker. (3000)',
      dedupeKey: '10.20.1.11|broker',
    });
    // Removed again: back to the subtree configuration.
    expect(mapTrap(trap(), new EventMatcher(configs), index)).toMatchObject({ configId: before.configId });
  });

  it('a packed batch shares one string per distinct text and keeps every field', () => {
    const matcher = new EventMatcher(configs);
    const batch = [v1(), v1({ agentAddr: '10.20.1.12' }), v1()].map((p) =>
      mapTrap(toTrap(decodeMessage(p), '127.0.0.1', '2026-12-07T15:00:00.000Z'), matcher, index),
    );
    const out = unpackBatch(packBatch(batch));
    expect(out.map((m) => [m.trap.source, m.dedupeKey, m.message, m.clearKey, m.configId])).toEqual(
      batch.map((m) => [m.trap.source, m.dedupeKey, m.message, m.clearKey, m.configId]),
    );
    expect(out.map((m) => m.varbindsJson)).toEqual(batch.map((m) => JSON.stringify(m.trap.varbinds)));
    expect(out[0]!.trap.windowsEvent).toMatchObject({ eventCode: 3000, severity: 'Error' });
    expect(unpackBatch(packBatch([]))).toEqual([]);
  });
});
