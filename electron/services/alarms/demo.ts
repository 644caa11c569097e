import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../connectors/db/schema';

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
  const t = Date.parse(at);
  const iso = (minutesAgo: number) => new Date(t - minutesAgo * 60_000).toISOString();
  const msg = '1.3.6.1.4.1.193.132.5.1.100.1';
  const rows = [
    {
      name: 'secBrokerConFailed',
      oid: '1.3.6.1.4.1.193.132.5.1.0.1',
      severity: 'Major',
      text: 'Fail to connect to Broker.',
      src: '10.20.1.12',
      first: 180,
      last: 95,
      n: 4,
      cleared: 1,
      key: '10.20.1.12|broker',
    },
    {
      name: 'secRouterOASConLost',
      oid: '1.3.6.1.4.1.193.132.5.1.0.2',
      severity: 'Critical',
      text: 'Router Service lost connection to OAS.',
      src: '10.20.1.11',
      first: 150,
      last: 150,
      n: 1,
      cleared: 1,
      key: '10.20.1.11|router-oas',
    },
  ];
  for (const r of rows) {
    await tx
      .insertInto('alarm')
      .values({
        received_at: iso(r.first),
        last_seen: iso(r.last),
        source_address: r.src,
        trap_oid: r.oid,
        name: r.name,
        category: 'Application Alert Alarms',
        severity: r.severity,
        message: r.text,
        varbinds: JSON.stringify([{ oid: msg, type: 'OctetString', value: `${r.text}\r\n` }]),
        acknowledged: 1,
        acknowledged_by: 'tech',
        acknowledged_at: iso(r.last - 5),
        dedupe_key: r.key,
        occurrences: r.n,
        notes: r.cleared ? 'Resolved during the maintenance window.' : '',
        cleared: r.cleared as 0 | 1,
        cleared_by: r.cleared ? 'tech' : null,
        cleared_at: r.cleared ? iso(r.last - 10) : null,
        config_id: null,
        snmp_version: 'v2c',
      })
      .execute();
  }
}
