import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../connectors/db/engine';
import { ENGINES, newMigratedDb } from '../../connectors/db/testing/engines';
import { AlarmRuleInput } from '../../contract/services/email';
import { matching } from './alarmRules';
import './schema';

const sources = ['host_a', 'hosta', 'HOST_B.example', 'host%c', 'hostxc', '10.9.1.2', '10.90.1.2'];

describe.each(ENGINES)('alarm e-mail rule source pattern (%s)', (engine) => {
  let db: Db;
  beforeAll(async () => {
    db = await newMigratedDb(engine);
    for (const [i, source] of sources.entries())
      await db.kysely
        .insertInto('alarm')
        .values({
          received_at: '2026-01-01T00:00:00.000Z',
          last_seen: '2026-01-01T00:00:00.000Z',
          source_address: source,
          trap_oid: '1.3.6.1.4.1.193.132.5.1.0.9',
          name: `a${i}`,
          category: 'Telephony',
          severity: 'Critical',
          message: source,
          varbinds: '[]',
          acknowledged: 0,
          acknowledged_by: null,
          acknowledged_at: null,
          dedupe_key: `k${i}`,
          occurrences: 1,
          notes: '',
          cleared: 0,
          cleared_by: null,
          cleared_at: null,
          config_id: null,
          snmp_version: 'v2c',
          uptime: null,
          change_seq: 1,
        })
        .execute();
  });
  afterAll(async () => {
    await db?.close();
  });

  const match = async (sourcePattern: string) => {
    const rule = AlarmRuleInput.parse({
      name: 'p',
      enabled: true,
      minSeverity: 'Warning',
      category: '',
      sourcePattern,
      recipients: ['noc@example.test'],
      digestSeconds: 60,
    });
    const r = await matching(db.kysely, rule, { stored: { after: 0, upTo: 1 } });
    return r.rows.map((a) => a.source_address).sort();
  };

  it('`_` is itself, not a one-character wildcard: host_a does not match hosta', async () => {
    expect(await match('host_a')).toEqual(['host_a']);
    expect(await match('host_*')).toEqual(['HOST_B.example', 'host_a']);
  });

  it('`*` is the only wildcard; `.` is itself', async () => {
    expect(await match('10.9.*')).toEqual(['10.9.1.2']);
    expect(await match('*.example')).toEqual(['HOST_B.example']);
  });

  it('ignores case on both engines', async () => {
    expect(await match('host_b.*')).toEqual(['HOST_B.example']);
    expect(await match('HOST_A')).toEqual(['host_a']);
  });
});
