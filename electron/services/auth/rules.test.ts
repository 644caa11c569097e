import { isIP } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../connectors/db/demoSeed';
import { ENGINES } from '../../connectors/db/testing/engines';
import { MESSAGES } from '../../domain/password/policy';
import { normalizeAddress, primaryAddress } from '../../ipc/workstationAddress';
import { seededDb, signIn, startConsole, type SeededDb, type TestConsole } from '../testing/harness';

const { hostAdmin, expiring } = DEMO_ACCOUNTS;

describe.each(ENGINES)('password and audit rules on %s', (engine) => {
  let c: TestConsole;
  beforeAll(async () => {
    c = await startConsole(await seededDb(engine, 5));
  }, 120_000);
  afterAll(async () => c?.stop());
  const kysely = () => c.core.data.require().kysely;

  describe('a new password (NIST SP 800-63B §3.1.1.2)', () => {
    it('own change: refuses the Logon ID in any case, with its own message', async () => {
      const res = await c.call('auth', 'changePassword', {
        logonId: 'expiring',
        tenantId: 1,
        currentPassword: expiring.password,
        newPassword: 'EXPIRING',
      });
      expect(res.error).toEqual({ code: 'INVALID', field: 'newPassword', message: MESSAGES.sameAsLogonId });
      await c.call('auth', 'signOut');
    });

    it('own change: refuses one of the commonest passwords (any case), with its own message', async () => {
      for (const pw of ['Password1', 'QWERTY123', 'iloveyou']) {
        const res = await c.call('auth', 'changePassword', {
          logonId: 'expiring',
          tenantId: 1,
          currentPassword: expiring.password,
          newPassword: pw,
        });
        expect(res.error).toEqual({ code: 'INVALID', field: 'newPassword', message: MESSAGES.common });
      }
      await c.call('auth', 'signOut');
    });

    it('an administrator setting a password meets the same two rules', async () => {
      await signIn(c, 'admin', hostAdmin.password);
      const u = (await c.call('users', 'page', { search: 'expiring' })).value.rows.find(
        (r: { logonId: string }) => r.logonId === 'expiring',
      );
      const same = await c.call('users', 'setPassword', {
        id: u!.id,
        expectedVersion: u!.version,
        password: 'Expiring',
      });
      expect(same.error).toEqual({ code: 'INVALID', field: 'password', message: MESSAGES.sameAsLogonId });
      const common = await c.call('users', 'setPassword', {
        id: u!.id,
        expectedVersion: u!.version,
        password: 'welcome123',
      });
      expect(common.error).toEqual({ code: 'INVALID', field: 'password', message: MESSAGES.common });
      const fine = await c.call('users', 'setPassword', {
        id: u!.id,
        expectedVersion: u!.version,
        password: 'Quiet-Harbor#77',
      });
      expect(fine.ok).toBe(true);
      await c.call('auth', 'signOut');
    });
  });

  it('a Logon ID that matches no user is audited as "unknown Logon ID" with its length, never its text', async () => {
    const typed = 'Sup3r-Secret-In-The-Wrong-Box';
    const res = await c.call('auth', 'signIn', { logonId: typed, password: 'whatever-else', tenantId: 1 });
    expect(res.error!.message).toBe(MESSAGES.incorrect);
    const rows = await kysely()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'sign-in-failed')
      .orderBy('id', 'desc')
      .execute();
    expect(JSON.stringify(rows)).not.toContain(typed);
    expect(JSON.stringify(rows).toLowerCase()).not.toContain(typed.toLowerCase());
    expect(rows[0]).toMatchObject({ actor: 'unknown Logon ID', object_name: 'unknown Logon ID', object_id: null });
    expect(JSON.parse(rows[0]!.after_json!)).toMatchObject({ reason: 'unknown-user', logonIdLength: typed.length });
    // A known Logon ID is still named.
    await c.call('auth', 'signIn', { logonId: 'tech', password: 'not-the-password', tenantId: 1 });
    const known = await kysely()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'sign-in-failed')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(known).toMatchObject({ object_name: 'tech' });
  });
});

describe('the address that caused a lockout', () => {
  let db: SeededDb;
  beforeAll(async () => {
    db = await seededDb('sqlite', 5);
  }, 120_000);

  it('a command-line sign-in records this machine’s IP address, not "command line" or a host name', async () => {
    for (let i = 0; i < 5; i++) {
      const c = await startConsole(db, ['/user:supervisor', `/password:wrong-${i}`, '/tenantid:1']);
      await c.stop();
    }
    const c = await startConsole(db);
    const u = await c.core.data
      .require()
      .kysely.selectFrom('cc_user')
      .select(['locked', 'locked_by_host'])
      .where('logon_id', '=', 'supervisor')
      .executeTakeFirstOrThrow();
    expect(u.locked).toBe(1);
    expect(u.locked_by_host).toBe(primaryAddress());
    expect(isIP(u.locked_by_host!)).not.toBe(0);
    const lock = await c.core.data
      .require()
      .kysely.selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'lock')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(lock.after_json!).host).toBe(primaryAddress());
    await c.stop();
  }, 120_000);

  it('primaryAddress prefers an external IPv4, then a global IPv6; normalizeAddress keeps addresses only', () => {
    const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false) =>
      ({
        address,
        family,
        internal,
        netmask: '',
        mac: '',
        cidr: null,
        ...(family === 'IPv6' ? { scopeid: 0 } : {}),
      }) as never;
    expect(
      primaryAddress({
        lo: [nic('127.0.0.1', 'IPv4', true)],
        eth0: [nic('fe80::1', 'IPv6'), nic('2001:db8::5', 'IPv6'), nic('192.168.4.20', 'IPv4')],
      }),
    ).toBe('192.168.4.20');
    expect(
      primaryAddress({
        lo: [nic('127.0.0.1', 'IPv4', true)],
        eth0: [nic('fe80::1', 'IPv6'), nic('2001:db8::5', 'IPv6')],
      }),
    ).toBe('2001:db8::5');
    expect(primaryAddress({ lo: [nic('127.0.0.1', 'IPv4', true)] })).toBe('127.0.0.1');
    expect(normalizeAddress('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(normalizeAddress('::1')).toBe('::1');
    expect(normalizeAddress('command line')).toBeUndefined();
    expect(normalizeAddress('workstation-17')).toBeUndefined();
  });
});
