import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../connectors/db/schema';
import { DEFAULT_EVENT_CONFIGS } from '../../domain/alarms/defaults';
import { EventMatcher, mapTrap } from '../../domain/alarms/eventConfig';
import { buildIndex } from '../../domain/alarms/mib';
import { MICC_BASE_OID, windowsEnterprise, windowsEventOf, type Trap } from '../../domain/alarms/trap';
import { ERROR, insertionStringOid } from './demoSource';

/**
 * The history seeded in the demo: MiCC Enterprise events shaped as the Windows event-to-trap
 * translator sends them (the demo trap source sends the same): SNMPv1, enterprise =
 * BaseEnterpriseOID + the event source's length and characters, specific-trap = the 32-bit
 * event ID with its severity bits, the insertion strings as OctetString varbinds ($1 = the
 * text with Windows' trailing CR LF). Name, severity, message and key come from the shipped
 * event configuration, exactly as for a received trap ("Event 3000 from Router Service").
 */
const HISTORY = [
  {
    source: 'Router Service',
    eventId: (ERROR + 3000) >>> 0,
    text: 'Fail to connect to Broker.',
    address: '10.20.1.12',
    first: 180,
    last: 95,
    n: 4,
  },
  {
    source: 'Router Service',
    eventId: (ERROR + 3010) >>> 0,
    text: 'Router Service lost connection to OAS.',
    address: '10.20.1.11',
    first: 150,
    last: 150,
    n: 1,
  },
];

/** The seeded rows as received traps mapped by the shipped configuration. */
function demoHistory(at: string) {
  const t = Date.parse(at);
  const iso = (minutesAgo: number) => new Date(t - minutesAgo * 60_000).toISOString();
  const matcher = new EventMatcher(DEFAULT_EVENT_CONFIGS.map((c, i) => ({ ...c, id: i + 1 })));
  const mib = buildIndex([]).index;
  return HISTORY.map((h) => {
    const trapOid = `${windowsEnterprise(MICC_BASE_OID, h.source)}.0.${h.eventId}`;
    const trap: Trap = {
      receivedAt: iso(h.last),
      source: h.address,
      version: 'v1',
      kind: 'trap',
      trapOid,
      uptime: 8_640_000,
      varbinds: [{ oid: insertionStringOid(MICC_BASE_OID, 1), type: 'OctetString', value: `${h.text}\r\n` }],
      windowsEvent: windowsEventOf(trapOid)!,
    };
    return { h, trap, mapped: mapTrap(trap, matcher, mib), iso };
  });
}

/**
 * Demo data for the alarms feature, run inside seedDemo's transaction after the base demo.
 * The listener row (migration 007) gets the demo's own address and port (127.0.0.1:10162,
 * left disabled: with the embedded demo database selected the console listens there anyway
 * and its demo trap source sends realistic MiCC Enterprise traps to it). A little history
 * is added so the browser is not empty before the first trap arrives.
 */
export async function seedAlarmsDemo(
  tx: Transaction<Database> | Kysely<Database>,
  tenantId: number,
  at: string,
): Promise<void> {
  void tenantId;
  await tx
    .updateTable('alarm_listener')
    .set({ address: '127.0.0.1', port: 10162, updated_at: at })
    .where('id', '=', 1)
    .execute();
  for (const { h, trap, mapped, iso } of demoHistory(at)) {
    await tx
      .insertInto('alarm')
      .values({
        received_at: iso(h.first),
        last_seen: iso(h.last),
        source_address: trap.source,
        trap_oid: trap.trapOid,
        name: mapped.name,
        category: mapped.category,
        severity: mapped.severity,
        message: mapped.message,
        varbinds: JSON.stringify(trap.varbinds),
        acknowledged: 1,
        acknowledged_by: 'tech',
        acknowledged_at: iso(h.last - 5),
        dedupe_key: mapped.dedupeKey,
        occurrences: h.n,
        notes: 'Resolved during the maintenance window.',
        cleared: 1,
        cleared_by: 'tech',
        cleared_at: iso(h.last - 10),
        config_id: null,
        snmp_version: trap.version,
        uptime: trap.uptime,
      })
      .execute();
  }
}
