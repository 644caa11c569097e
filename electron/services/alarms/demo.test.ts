import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../../connectors/db/engine';
import { newMigratedDb } from '../../connectors/db/testing/engines';
import { MICC_BASE_OID, windowsEventOf } from '../../domain/alarms/trap';
import { seedAlarmsDemo } from './demo';

describe('the demo’s seeded alarm history', () => {
  const dbs: Db[] = [];
  afterAll(async () => {
    for (const d of dbs) await d.close();
  });

  it('is real-shaped MiCC Enterprise events: suffixed enterprise, 32-bit IDs, $1 text with CR LF, never the invented .0.1–.0.5', async () => {
    const db = await newMigratedDb('sqlite');
    dbs.push(db);
    await seedAlarmsDemo(db.kysely, 1, '2026-12-01T12:00:00.000Z');
    const rows = await db.kysely
      .selectFrom('alarm')
      .select(['trap_oid', 'name', 'message', 'varbinds', 'severity', 'snmp_version'])
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.trap_oid).not.toMatch(/^1\.3\.6\.1\.4\.1\.193\.132\.5\.1\.0\.[1-5]$/);
      expect(r.name).not.toMatch(/^sec/);
      const w = windowsEventOf(r.trap_oid)!;
      expect(w).toMatchObject({ base: MICC_BASE_OID, source: 'Router Service', severity: 'Error' });
      expect(w.eventId).toBeGreaterThan(0xffff);
      expect(r.name).toBe(`Event ${w.eventCode} from Router Service`);
      expect(r.severity).toBe('Major');
      expect(r.snmp_version).toBe('v1');
      const vbs = JSON.parse(r.varbinds) as { oid: string; type: string; value: string }[];
      expect(vbs[0]!.type).toBe('OctetString');
      expect(vbs[0]!.value).toBe(`${r.message}\r\n`);
      expect(vbs.some((v) => v.oid.startsWith(`${MICC_BASE_OID}.100.`))).toBe(false);
    }
    expect(rows.map((r) => r.message)).toContain('Fail to connect to Broker.');
  });
});
