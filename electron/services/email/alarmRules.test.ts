import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, type TestSmtp } from '../../testing/smtpServer';
import { testCa } from '../../testing/testCa';
import { parseConsoleHash } from '../../contract/services/consoleLink';
import { seededDb, signIn, startConsole, type TestConsole } from '../testing/harness';
import type { MappedTrap, Severity } from '../../domain/alarms/eventConfig';
import { AlarmWriter } from '../alarms';

/** A trap as the receiver maps it (one alarm per deduplication key). */
const trap = (key: string, source: string, severity: Severity, receivedAt: string, message = key): MappedTrap => ({
  trap: {
    receivedAt,
    source,
    version: 'v2c',
    kind: 'trap',
    trapOid: '1.3.6.1.4.1.193.132.5.1.0.9',
    uptime: 0,
    varbinds: [],
  },
  configId: null,
  name: key,
  category: 'Telephony',
  severity,
  message,
  dedupeKey: key,
  clearKey: null,
});

/** Stores traps the way the alarms feature does: one batch through the real alarm writer. */
async function store(c: TestConsole, traps: MappedTrap[]): Promise<void> {
  const w = new AlarmWriter(
    () => c.core.data.require(),
    c.core.data,
    () => {},
    (err) => {
      throw err;
    },
  );
  for (const t of traps) w.push(t);
  await w.flush();
  await w.dispose();
}

describe('Alarm e-mail rules: a storm of alarms gives one digest message', () => {
  let c: TestConsole;
  let smtp: TestSmtp;
  let supervisor: TestConsole;
  let ruleId = 0;
  beforeAll(async () => {
    process.env.CCM_EXTRA_CA_FILE = testCa().caFile;
    smtp = await startSmtpServer();
    const db = await seededDb('sqlite');
    c = await startConsole(db);
    await signIn(c, 'admin', 'Admin#2026');
    supervisor = await startConsole(db);
    await signIn(supervisor, 'supervisor', 'Super#2026');
    const out = await c.call('email', 'saveOutgoing', {
      expectedVersion: 0,
      settings: {
        enabled: true,
        protocol: 'smtp',
        fromAddress: 'console@example.test',
        host: '127.0.0.1',
        port: smtp.port,
        useAuth: false,
        userName: '',
        clientId: '',
        tenantId: '',
        authority: 'https://login.microsoftonline.com',
      },
    });
    expect(out.error).toBeUndefined();
  });
  afterAll(async () => {
    delete process.env.CCM_CONSOLE_ORIGIN;
    await supervisor?.stop();
    await c?.stop();
    await smtp?.stop();
  });

  it('severity ≥ Major from 10.9.*: one message per interval listing the alarms, read back from the SMTP server', async () => {
    const bad = await c.call('email', 'saveAlarmRule', {
      id: null,
      expectedVersion: 0,
      rule: {
        name: 'x',
        enabled: true,
        minSeverity: 'Major',
        category: '',
        sourcePattern: '',
        recipients: [],
        digestSeconds: 10,
      },
    });
    expect(bad.error).toMatchObject({ code: 'BAD_ARGUMENTS', field: 'rule.recipients' });
    const saved = await c.call('email', 'saveAlarmRule', {
      id: null,
      expectedVersion: 0,
      rule: {
        name: 'NOC',
        enabled: true,
        minSeverity: 'Major',
        category: '',
        sourcePattern: '10.9.*',
        recipients: ['noc@example.test'],
        digestSeconds: 10,
      },
    });
    expect(saved.error).toBeUndefined();
    ruleId = saved.value.id;
    // The rule starts at its first pass (no backlog of older alarms).
    await expect
      .poll(async () => (await c.call('email', 'listAlarmRules')).value[0]?.lastRunAt ?? null, { timeout: 30_000 })
      .not.toBeNull();

    // The storm: 600 alarms stored by the alarm writer, 300 of them matching.
    const at = new Date(Date.now() + 1000).toISOString();
    const severities = ['Critical', 'Major', 'Minor'] as const;
    await store(
      c,
      Array.from({ length: 600 }, (_, i) =>
        trap(
          `storm-${i}`,
          i < 450 ? `10.9.${i % 5}.${i % 200}` : '192.168.1.1',
          severities[i % 3]!,
          at,
          `Storm alarm ${i}`,
        ),
      ),
    );
    const expected = Array.from({ length: 450 }, (_, i) => i).filter((i) => i % 3 !== 2).length; // 300
    const [digest] = await smtp.waitFor(1, 60_000);
    expect(digest!.to).toEqual(['noc@example.test']);
    expect(digest!.parsed.subject).toBe(`[NOC] ${expected} alarms (Major or higher)`);
    // The first 200 with their details and a link back, then how many more.
    expect(digest!.parsed.text!.match(/Storm alarm \d+/g)).toHaveLength(200);
    expect(digest!.parsed.text).toContain('… and 100 more.');
    expect(digest!.parsed.text).toContain('ccm://alarms/');
    expect(digest!.parsed.text).not.toContain('192.168.1.1');
    // The next interval passes: still one message for the storm, not hundreds.
    const ranAt = (await c.call('email', 'listAlarmRules')).value[0]!.lastRunAt!;
    await expect
      .poll(async () => (await c.call('email', 'listAlarmRules')).value[0]!.lastRunAt! > ranAt, { timeout: 60_000 })
      .toBe(true);
    expect(smtp.received).toHaveLength(1);

    // Test sends one now.
    const test = await c.call('email', 'testAlarmRule', { id: saved.value.id });
    expect(test.value).toMatchObject({ queued: true });
    await smtp.waitFor(2);
    expect(smtp.received[1]!.parsed.subject).toMatch(/^\[NOC\] /);
  });

  it('an alarm stored after a pass, received before it, is in the next digest; a re-raised alarm is listed again', async () => {
    const saved = await c.call('email', 'saveAlarmRule', {
      id: null,
      expectedVersion: 0,
      rule: {
        name: 'Late',
        enabled: true,
        minSeverity: 'Warning',
        category: '',
        sourcePattern: '10.77.*',
        recipients: ['late@example.test'],
        digestSeconds: 10,
      },
    });
    expect(saved.error).toBeUndefined();
    const lastRun = async () =>
      (await c.call('email', 'listAlarmRules')).value.find((r) => r.id === saved.value.id)?.lastRunAt ?? null;
    await expect.poll(lastRun, { timeout: 30_000 }).not.toBeNull();
    const late = () => smtp.received.filter((m) => m.parsed.subject?.startsWith('[Late]'));
    // A batch the writer commits after the pass, its traps received a minute before it (the
    // receive time is what last_seen holds): a window on last_seen would never mail them.
    const ranAt = Date.parse((await lastRun())!);
    const before = new Date(ranAt - 60_000).toISOString();
    await store(c, [
      trap('late-a', '10.77.0.1', 'Critical', before, 'Late alarm A'),
      trap('late-b', '10.77.0.2', 'Warning', before, 'Late alarm B'),
    ]);
    await expect.poll(() => late().length, { timeout: 60_000 }).toBe(1);
    const first = late()[0]!.parsed;
    expect(first.subject).toBe('[Late] 2 alarms (Warning or higher)');
    expect(first.text).toContain('Late alarm A');
    expect(first.text).toContain('Late alarm B');
    // A re-raises (the same deduplication key, merged into its row), again with an old receive
    // time: it re-occurred, so the next digest lists it again, with its count; B does not.
    const afterFirst = Date.parse((await lastRun())!);
    await store(c, [
      trap('late-a', '10.77.0.1', 'Critical', new Date(afterFirst - 30_000).toISOString(), 'Late alarm A'),
    ]);
    await expect.poll(() => late().length, { timeout: 60_000 }).toBe(2);
    const second = late()[1]!.parsed;
    expect(second.subject).toBe('[Late] 1 alarm (Warning or higher)');
    expect(second.text).toContain('Late alarm A (2 occurrences)');
    expect(second.text).not.toContain('Late alarm B');
    // Nothing stored since: the next interval passes without a message.
    const afterSecond = (await lastRun())!;
    await expect.poll(async () => (await lastRun())! > afterSecond, { timeout: 60_000 }).toBe(true);
    expect(late()).toHaveLength(2);
    expect(
      (await c.call('email', 'deleteAlarmRule', { id: saved.value.id, expectedVersion: saved.value.version })).error,
    ).toBeUndefined();
  });

  it('the links in a browser-mode console open its page on the alarm (#/alarms/<id>), each a known alarm', async () => {
    process.env.CCM_CONSOLE_ORIGIN = 'http://127.0.0.1:5175';
    // The storm again, within the rule's last interval.
    await c.core.data.require().kysely.updateTable('alarm').set({ last_seen: new Date().toISOString() }).execute();
    const before = smtp.received.length;
    const test = await c.call('email', 'testAlarmRule', { id: ruleId });
    expect(test.value).toMatchObject({ queued: true });
    const [, ...rest] = await smtp.waitFor(before + 1);
    const text = rest.at(-1)!.parsed.text!;
    delete process.env.CCM_CONSOLE_ORIGIN;
    const links = text.match(/http:\/\/127\.0\.0\.1:5175\/#\/alarms\/\d+/g) ?? [];
    expect(links).toHaveLength(200);
    expect(text).not.toContain('ccm://');
    const k = c.core.data.require().kysely;
    for (const l of links.slice(0, 5)) {
      const route = parseConsoleHash(new URL(l).hash);
      expect(route).toMatchObject({ route: 'alarm' });
      const id = (route as { id: number }).id;
      expect(await k.selectFrom('alarm').select('id').where('id', '=', id).executeTakeFirst()).toEqual({ id });
    }
    expect(text).toContain('Open the alarm browser: http://127.0.0.1:5175/#/alarms');
  });

  it('a Supervisor lists the rules but cannot add, change, test or delete one; a stale delete is refused', async () => {
    const list = await supervisor.call('email', 'listAlarmRules');
    expect(list.error).toBeUndefined();
    const row = list.value.find((r) => r.id === ruleId)!;
    expect(row.rule.name).toBe('NOC');
    const refused = [
      await supervisor.call('email', 'saveAlarmRule', {
        id: null,
        expectedVersion: 0,
        rule: { ...row.rule, name: 'S' },
      }),
      await supervisor.call('email', 'saveAlarmRule', { id: row.id, expectedVersion: row.version, rule: row.rule }),
      await supervisor.call('email', 'testAlarmRule', { id: row.id }),
      await supervisor.call('email', 'deleteAlarmRule', { id: row.id, expectedVersion: row.version }),
    ];
    for (const r of refused) expect(r.error).toMatchObject({ code: 'FORBIDDEN' });
    const stale = await c.call('email', 'deleteAlarmRule', { id: row.id, expectedVersion: row.version + 7 });
    expect(stale.error).toMatchObject({ code: 'CONFLICT' });
    const edited = await c.call('email', 'saveAlarmRule', {
      id: row.id,
      expectedVersion: row.version,
      rule: { ...row.rule, digestSeconds: 60 },
    });
    expect(edited.value).toMatchObject({ version: row.version + 1, rule: { digestSeconds: 60 } });
    expect(
      (await c.call('email', 'deleteAlarmRule', { id: row.id, expectedVersion: row.version + 1 })).error,
    ).toBeUndefined();
    expect((await c.call('email', 'listAlarmRules')).value).toEqual([]);
  });
});
