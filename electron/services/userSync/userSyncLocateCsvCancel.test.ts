import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAPPING, type UserSyncSettings } from '../../contract';
import { DEMO_ACCOUNTS } from '../../connectors/db/demoSeed';
import { ENGINES } from '../../connectors/db/testing/engines';
import { startSlapd, type TestSlapd } from '../../testing/slapd';
import { seededDb, signIn, startConsole, type TestConsole } from '../testing/harness';
import { userSyncCsvPath } from './csvLog';
import { setDirectoryDnsServers } from './locate';
import { startTestDns, type TestDns } from './testDns';
import { setApplyCheckpoint } from './userSyncService';

const T = 2;
const DOMAIN = 'corp.example.test';

describe.each(ENGINES)(
  'user synchronization: local domain by DNS SRV, UserSync.csv location, cancel on %s',
  (engine) => {
    let d: TestSlapd;
    let dns: TestDns;
    let c: TestConsole;
    /** Logs › Allowed folders is a setting of this workstation, changed by a host administrator. */
    const asHostAdmin = async <R>(fn: () => Promise<R>): Promise<R> => {
      await signIn(c, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
      try {
        return await fn();
      } finally {
        await signIn(c, 'nwadmin', 'Admin#2026', T);
      }
    };
    const allowFolders = (folders: string[]) =>
      asHostAdmin(async () => expect((await c.call('logs', 'setAllowedFolders', { folders })).error).toBeUndefined());
    let version = 0;
    const allowed = mkdtempSync(join(tmpdir(), 'ccm-sync-logs-'));
    const settings = (over: Partial<UserSyncSettings> = {}): UserSyncSettings => ({
      type: 'ad',
      ad: { host: '', port: 389, userName: d.bindDn, security: 'none', baseDn: '', domain: DOMAIN },
      azure: { tenantId: '', clientId: '', loginBaseUrl: '', graphBaseUrl: '' },
      userGroup: 'MICCE Users',
      logonId: { order: 'lastFirst', firstChars: 2, lastChars: 18 },
      neverDelete: false,
      allowManualDelete: false,
      mapping: DEFAULT_MAPPING.ad,
      schedule: { enabled: false, time: '02:00' },
      csv: { folder: '', fileName: 'UserSync.csv' },
      ...over,
    });
    const save = (over: Partial<UserSyncSettings> = {}, password?: string) =>
      c.call('userSync', 'save', { expectedVersion: version, settings: settings(over), password });
    const saved = async (over: Partial<UserSyncSettings> = {}, password?: string) => {
      const r = await save(over, password);
      expect(r.error).toBeUndefined();
      version = r.value.version;
      return r.value;
    };
    const db = () => c.core.data.require().kysely;
    const userCount = async () =>
      Number(
        (
          await db()
            .selectFrom('cc_user')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('tenant_id', '=', T)
            .executeTakeFirstOrThrow()
        ).n,
      );

    beforeAll(async () => {
      d = await startSlapd({
        users: Array.from({ length: 450 }, (_, i) => ({ uid: `u${i}`, givenName: `Given${i}`, sn: `Sur${i}` })),
        groups: [{ cn: 'MICCE Users', members: Array.from({ length: 450 }, (_, i) => `u${i}`) }],
      });
      // The first controller (priority 0) refuses connections (nothing listens on port 1); the second is slapd.
      dns = await startTestDns({
        [`_ldap._tcp.${DOMAIN}`]: [
          { priority: 0, weight: 100, port: 1, target: 'localhost' },
          { priority: 10, weight: 0, port: d.port, target: '127.0.0.1' },
        ],
      });
      setDirectoryDnsServers([dns.server]);
      const seeded = await seededDb(engine);
      c = await startConsole(seeded);
      await signIn(c, 'nwadmin', 'Admin#2026', T);
    });
    afterEach(() => setApplyCheckpoint(null));
    afterAll(async () => {
      setDirectoryDnsServers(null);
      await c?.stop();
      await dns?.stop();
      await d?.stop();
    });

    it('refuses a blank Host Name without a Domain where the OS does not know the local domain', async () => {
      const r = await save({ ad: { ...settings().ad, domain: '' } }, d.password);
      expect(r.error).toMatchObject({ code: 'INVALID', field: 'settings.ad.domain' });
      expect(r.error!.message).toMatch(/only Windows knows the local domain/);
      const cfg = await c.call('userSync', 'get', {});
      expect(cfg.value).toMatchObject({ version: 0, localDomain: null });
    });

    it('blank Host Name: finds the controllers by DNS SRV and tries the next one when the first cannot be reached', async () => {
      const v = await saved({}, d.password);
      expect(v).toMatchObject({ passwordSet: true, ad: { host: '', domain: DOMAIN } });
      const p = await c.call('userSync', 'preview', {});
      expect(p.error).toBeUndefined();
      expect(p.value.counts).toMatchObject({ read: 450, add: 450 });
      expect(dns.queries).toContain(`_ldap._tcp.${DOMAIN}`);
      // The password belongs to this domain's controllers: another domain has none.
      const other = await saved({ ad: { ...settings().ad, domain: 'other.example.test' } });
      expect(other.passwordSet).toBe(false);
      const o = await c.call('userSync', 'preview', {});
      expect(o.error).toMatchObject({ code: 'UNAVAILABLE' });
      await saved({}, d.password);
    });

    it('names the cause when no controller can be reached', async () => {
      dns.queries.length = 0;
      await saved({ ad: { ...settings().ad, domain: 'nodc.example.test' } }, d.password);
      const p = await c.call('userSync', 'preview', {});
      expect(p.error).toMatchObject({ code: 'UNAVAILABLE' });
      expect(p.error!.message).toMatch(/No domain controller is published in DNS for nodc\.example\.test/);
      expect(p.error!.message).not.toContain(d.password);
      await saved({}, d.password);
    });

    it('UserSync.csv: a plain .csv name, in the logs folder or an allowed log folder — nowhere else', async () => {
      for (const fileName of ['../UserSync.csv', '/etc/UserSync.csv', 'sub/UserSync.csv', 'UserSync.txt']) {
        const r = await save({ csv: { folder: '', fileName } });
        // The contract refuses it before main runs (main checks the name again: csvFile).
        expect(r.error, fileName).toMatchObject({ code: 'BAD_ARGUMENTS', field: 'settings.csv.fileName' });
      }
      for (const folder of ['/etc', tmpdir(), join(allowed, '..', 'elsewhere'), `${allowed}/../etc`]) {
        const r = await save({ csv: { folder, fileName: 'UserSync.csv' } });
        expect(r.error, folder).toMatchObject({ code: 'FORBIDDEN', field: 'settings.csv.folder' });
      }
      // A host administrator allows the folder for log files: then it may be chosen.
      await allowFolders([allowed]);
      const v = await saved({ csv: { folder: allowed, fileName: 'Sync-Northwind.csv' } });
      expect(v.csvPath).toBe(join(allowed, 'Sync-Northwind.csv'));
      expect(v.csvFolders).toEqual([allowed]);
      await saved({ csv: { folder: '', fileName: 'UserSync.csv' } });
      expect((await c.call('userSync', 'get', {})).value.csvPath).toBe(userSyncCsvPath(c.userDataDir));
    });

    it('cancel during apply: stops between batches, rolls everything back; the run, the audit and the CSV say so', async () => {
      const before = await userCount();
      const groups = () => db().selectFrom('agent_group').select('id').where('tenant_id', '=', T).execute();
      const groupsBefore = await groups();
      const p = await c.call('userSync', 'preview', {});
      expect(p.value.counts.add).toBe(450);
      const seen: number[] = [];
      // At the first checkpoint (200 users inserted in the transaction) the administrator presses Cancel, through
      // the contract as the page does — on SQLite too, where the apply's transaction holds the only connection
      // (userSync.cancel is `stopsRunningWork`: the router does not wait for the database to re-check the session).
      setApplyCheckpoint(async (written) => {
        seen.push(written);
        if (seen.length > 1) return;
        expect((await c.call('userSync', 'cancel', {})).value.cancelled).toBe(true);
      });
      const a = await c.call('userSync', 'apply', { previewId: p.value.previewId });
      expect(a.error).toMatchObject({ code: 'CONFLICT' });
      expect(a.error!.message).toBe('Cancelled: nothing was written.');
      // It stopped at the checkpoint after the first batch, not at the end.
      expect(seen).toEqual([200]);
      // One transaction: the 200 inserted users are gone again.
      expect(await userCount()).toBe(before);
      expect(await groups()).toEqual(groupsBefore);
      const runs = await c.call('userSync', 'runs', {});
      expect(runs.value[0]).toMatchObject({
        status: 'cancelled',
        counts: null,
        error: 'Cancelled: nothing was written.',
      });
      const audit = await db()
        .selectFrom('audit_log')
        .select(['action', 'after_json'])
        .where('tenant_id', '=', T)
        .where('action', 'like', 'userSync.%')
        .where('action', '!=', 'userSync.saveSettings')
        .execute();
      expect(audit.map((x) => x.action)).toEqual(['userSync.run']);
      expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({
        status: 'cancelled',
        rolledBack: true,
        previewed: { add: 450 },
      });
      // No user was added, changed or deleted: UserSync.csv has no row.
      expect(existsSync(userSyncCsvPath(c.userDataDir))).toBe(false);
      // The lock was released: preview and apply again, to the end.
      const again = await c.call('userSync', 'preview', {});
      const done = await c.call('userSync', 'apply', { previewId: again.value.previewId });
      expect(done.value).toMatchObject({ status: 'succeeded', counts: { add: 450 } });
      expect(await userCount()).toBe(before + 450);
    });

    it('after an apply, Logs lists UserSync.csv as a file source and follows it, in the logs folder or the allowed one', async () => {
      const file = userSyncCsvPath(c.userDataDir);
      const rows = readFileSync(file, 'utf8').split('\r\n').filter(Boolean);
      expect(rows).toHaveLength(450);
      const sources = await c.call('logs', 'sources', {});
      const src = sources.value.sources.find((s) => s.spec.kind === 'file' && s.spec.path === file);
      expect(src?.spec).toMatchObject({ name: 'User Synchronization (UserSync.csv)', enabled: true });
      // A caller cannot use the exception for the logs folder: another file there is refused.
      mkdirSync(join(c.userDataDir, 'logs'), { recursive: true });
      const own = await asHostAdmin(() =>
        c.call('logs', 'saveSource', {
          expectedVersion: sources.value.version,
          source: { id: '', kind: 'file', name: 'console', path: join(c.userDataDir, 'logs', 'console.log') },
        }),
      );
      expect(own.error).toMatchObject({ code: 'FORBIDDEN' });
      // Another location (an allowed folder): the run's rows go there and the source follows the file.
      await saved({ csv: { folder: allowed, fileName: 'Sync-Northwind.csv' }, neverDelete: false });
      await db().updateTable('cc_user').set({ first_name: 'Renamed' }).where('logon_id', '=', 'sur0gi').execute();
      const p = await c.call('userSync', 'preview', {});
      expect(p.value.counts.update).toBe(1);
      expect((await c.call('userSync', 'apply', { previewId: p.value.previewId })).error).toBeUndefined();
      const moved = readFileSync(join(allowed, 'Sync-Northwind.csv'), 'utf8').split('\r\n').filter(Boolean);
      expect(moved).toHaveLength(1);
      expect(moved[0]).toMatch(/^"[^"]+","UPDATE",/);
      const after = await c.call('logs', 'sources', {});
      expect(
        after.value.sources.some((s) => s.spec.kind === 'file' && s.spec.path === join(allowed, 'Sync-Northwind.csv')),
      ).toBe(true);
    });
  },
);
