import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../connectors/db/demoSeed';
import { ENGINES } from '../../connectors/db/testing/engines';
import { HOST_ADMINISTRATOR } from '../../domain/userTypes';
import { withUserKeys } from '../../domain/users/logonKey';
import { seededDb, signIn, startConsole, type TestConsole, type ResultOf } from '../testing/harness';

/** An import that was refused (applied: false) and its row errors. */
type Refused = Extract<ResultOf<'users', 'importCsv'>, { applied: false }>;

type Row = {
  id: number;
  version: number;
  logonId: string;
  locked: boolean;
  deleted: boolean;
  agentGroupId: number;
  userTypeId: number;
  lastName: string;
};
type Lookups = { agentGroups: Array<{ id: number; name: string }>; userTypes: Array<{ id: number; name: string }> };

// Supervisor → Administrator: every write on an EXISTING user is refused when the user's
// current type grants more than the caller holds (or is a host administrator type), not only
// when such a type is being given. Over the real contract path, on both engines.
describe.each(ENGINES)(
  'users: a caller cannot change a user whose type grants more than their own, on %s',
  (engine) => {
    let c: TestConsole;
    let lk: Lookups;
    const group = (name: string) => lk.agentGroups.find((g) => g.name === name)!.id;
    const type = (name: string) => lk.userTypes.find((t) => t.name === name)!.id;
    const kysely = () => c.core.data.require().kysely;
    const fields = (logonId: string, userTypeId: number, agentGroupId = group('Sales')) => ({
      logonId,
      firstName: 'Q',
      lastName: logonId,
      directoryNumber: null,
      agentGroupId,
      userTypeId,
      externalLogonId: null,
      chatDisplayName: null,
      circuitUser: null,
      phoneAgentLogon: 'useSystemSetting' as const,
      personalDefaultDestination: null,
      dispatchPrivilege: false,
    });
    const row = async (logonId: string): Promise<Row> =>
      (await c.call('users', 'page', { limit: 50, search: logonId, deleted: 'include' })).value.rows.find(
        (r: Row) => r.logonId === logonId,
      )!;
    const as = async (logonId: string, password: string, tenantId = 1) => {
      await c.call('auth', 'signOut');
      await signIn(c, logonId, password, tenantId);
    };
    const asAdmin = () => as('admin', DEMO_ACCOUNTS.hostAdmin.password);
    const asSupervisor = () => as('supervisor', DEMO_ACCOUNTS.supervisor.password);
    let northwind = 0;

    beforeAll(async () => {
      c = await startConsole(await seededDb(engine, 40));
      await signIn(c, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
      lk = (await c.call('users', 'lookups')).value;
      // In an agent group the supervisor supervises, so only the type rule can refuse them.
      for (const [logonId, t] of [
        ['qaboss', 'Administrator'],
        ['qahost', 'Host Administrator'],
        ['qaagent', 'Agent'],
        ['qaagent2', 'Agent'],
      ] as const) {
        const res = await c.call('users', 'create', { fields: fields(logonId, type(t)) });
        expect(res.ok, res.error?.message).toBe(true);
      }
      // A host administrator account that lives in Northwind (host administrator types are per tenant).
      const k = kysely();
      northwind = (
        await k.selectFrom('tenant').select('id').where('name', '=', 'Northwind Support').executeTakeFirstOrThrow()
      ).id;
      const by = { updated_at: new Date().toISOString(), updated_by: 'test' };
      const hostType = (
        await k
          .insertInto('user_type')
          .values({
            tenant_id: northwind,
            name: 'Host Administrator',
            permissions: JSON.stringify(HOST_ADMINISTRATOR.permissions),
            is_host_admin: 1,
            scope_users_to_agent_groups: 0,
            ...by,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      const nwGroup = (
        await k.selectFrom('agent_group').select('id').where('tenant_id', '=', northwind).executeTakeFirstOrThrow()
      ).id;
      await k
        .insertInto('cc_user')
        .values(
          withUserKeys({
            tenant_id: northwind,
            logon_id: 'nwhost',
            first_name: 'N',
            last_name: 'Host',
            agent_group_id: nwGroup,
            user_type_id: hostType,
            phone_agent_logon: 0,
            dispatch_privilege: 0,
            locked: 0,
            failed_attempts: 0,
            deleted: 0,
            ...by,
          }),
        )
        .execute();
    }, 120_000); // a loaded machine can take a while to start PostgreSQL's database
    afterAll(async () => c?.stop());

    it('Supervisor → Administrator / Host Administrator user: save, set password, lock and unlock are refused; an Agent is allowed', async () => {
      await asSupervisor();
      try {
        for (const target of ['qaboss', 'qahost']) {
          const r = await row(target);
          const doc = (await c.call('users', 'get', { id: r.id })).value;
          // The save keeps the user's own type: before, only a type being GIVEN was checked.
          const save = await c.call('users', 'save', {
            id: r.id,
            expectedVersion: doc.version,
            fields: { ...doc.fields, firstName: 'Pwned' },
          });
          expect(save.error, target).toMatchObject({ code: 'FORBIDDEN' });
          expect(save.error!.message).toMatch(new RegExp(`You cannot change ${target}: its user type`));
          expect(
            (await c.call('users', 'setPassword', { id: r.id, expectedVersion: r.version, password: 'Taken#Over2026' }))
              .error,
            target,
          ).toMatchObject({ code: 'FORBIDDEN' });
          expect((await c.call('users', 'lock', { id: r.id, expectedVersion: r.version })).error, target).toMatchObject(
            { code: 'FORBIDDEN' },
          );
          expect(
            (await c.call('users', 'unlock', { id: r.id, expectedVersion: r.version })).error,
            target,
          ).toMatchObject({ code: 'FORBIDDEN' });
          expect(await row(target)).toMatchObject({ version: r.version, locked: false, lastName: target });
        }
        expect((await c.call('users', 'get', { id: (await row('qahost')).id })).value).toMatchObject({
          passwordSet: false,
          fields: { firstName: 'Q' },
        });
        // the same writes on an Agent of the same group pass
        const a = await row('qaagent');
        const locked = await c.call('users', 'lock', { id: a.id, expectedVersion: a.version });
        expect(locked.value, locked.error?.message).toMatchObject({ locked: true });
        const unlocked = await c.call('users', 'unlock', { id: a.id, expectedVersion: locked.value.version });
        expect(unlocked.value).toMatchObject({ locked: false });
      } finally {
        await asAdmin();
      }
    });

    it('Supervisor: every bulk action refuses as a whole when the selection holds such users, naming them and the count', async () => {
      await asSupervisor();
      try {
        const ids = await Promise.all(['qaagent', 'qaboss', 'qahost'].map(async (l) => (await row(l)).id));
        const before = await row('qaagent');
        const actions = [
          { kind: 'moveToAgentGroup', agentGroupId: group('Support') },
          { kind: 'changeUserType', userTypeId: type('Agent') },
          { kind: 'lock' },
          { kind: 'unlock' },
          { kind: 'delete' },
          { kind: 'undelete' },
        ] as const;
        for (const action of actions) {
          const res = await c.call('users', 'bulk', { selection: { ids }, action });
          expect(res.error, action.kind).toMatchObject({ code: 'FORBIDDEN' });
          expect(res.error!.message, action.kind).toMatch(
            /^2 of the 3 selected users have a user type that grants more than yours \(qaboss, qahost; .*Nothing was changed/,
          );
        }
        // every user matching a filter: the same rule
        const byFilter = await c.call('users', 'bulk', {
          selection: { filter: { search: 'qa' }, exceptIds: [] },
          action: { kind: 'lock' },
        });
        expect(byFilter.error).toMatchObject({ code: 'FORBIDDEN' });
        expect(await row('qaagent')).toMatchObject({
          version: before.version,
          locked: false,
          agentGroupId: group('Sales'),
        });
        expect(await row('qaboss')).toMatchObject({
          locked: false,
          deleted: false,
          userTypeId: type('Administrator'),
          agentGroupId: group('Sales'),
        });
        // leaving them out, the same action passes
        const ok = await c.call('users', 'bulk', {
          selection: { ids: [ids[0]!] },
          action: { kind: 'moveToAgentGroup', agentGroupId: group('Support') },
        });
        expect(ok.value, ok.error?.message).toMatchObject({ affected: 1 });
        await c.call('users', 'bulk', {
          selection: { ids: [ids[0]!] },
          action: { kind: 'moveToAgentGroup', agentGroupId: group('Sales') },
        });
      } finally {
        await asAdmin();
      }
    });

    it('Supervisor: bulk edits and CSV import refuse such users, and a bulk edit cannot give a type above their own', async () => {
      await asSupervisor();
      try {
        const boss = await row('qaboss');
        const agent = await row('qaagent2');
        const edit = await c.call('users', 'bulkUpdate', {
          edits: [
            { id: agent.id, expectedVersion: agent.version, changes: { lastName: 'Edited' } },
            { id: boss.id, expectedVersion: boss.version, changes: { lastName: 'Edited' } },
          ],
        });
        expect(edit.error).toMatchObject({ code: 'FORBIDDEN' });
        expect(edit.error!.message).toMatch(/1 of the 2 selected users .*\(qaboss;/);
        // giving the Administrator type in a bulk edit was not checked at all before
        const give = await c.call('users', 'bulkUpdate', {
          edits: [{ id: agent.id, expectedVersion: agent.version, changes: { userTypeId: type('Administrator') } }],
        });
        expect(give.error).toMatchObject({ code: 'FORBIDDEN', field: 'userTypeId' });
        expect(await row('qaagent2')).toMatchObject({
          version: agent.version,
          userTypeId: type('Agent'),
          lastName: 'qaagent2',
        });

        const imp = await c.call('users', 'importCsv', {
          text: 'Logon ID,Last Name\r\nqaagent2,Imported\r\nqahost,Imported\r\n',
        });
        expect(imp.value).toMatchObject({ applied: false });
        expect((imp.value as Refused).errors).toEqual([
          {
            row: 3,
            field: 'Logon ID',
            rule: expect.stringMatching(/^qahost: its user type "Host Administrator" is a host administrator type/),
          },
        ]);
        expect((await row('qahost')).lastName).toBe('qahost');
        expect((await row('qaagent2')).lastName).toBe('qaagent2');
      } finally {
        await asAdmin();
      }
    });

    it('Tenant administrator (nwadmin) → the tenant’s host administrator account: every write is refused', async () => {
      await as('nwadmin', DEMO_ACCOUNTS.northwindAdmin.password, northwind);
      try {
        const host = await row('nwhost');
        const agent = await row('nwagent1');
        const doc = (await c.call('users', 'get', { id: host.id })).value;
        const refused = [
          await c.call('users', 'save', {
            id: host.id,
            expectedVersion: doc.version,
            fields: { ...doc.fields, lastName: 'Pwned' },
          }),
          await c.call('users', 'setPassword', {
            id: host.id,
            expectedVersion: host.version,
            password: 'Taken#Over2026',
          }),
          await c.call('users', 'lock', { id: host.id, expectedVersion: host.version }),
          await c.call('users', 'unlock', { id: host.id, expectedVersion: host.version }),
          await c.call('users', 'bulk', { selection: { ids: [agent.id, host.id] }, action: { kind: 'delete' } }),
          await c.call('users', 'bulk', {
            selection: { ids: [host.id] },
            action: { kind: 'changeUserType', userTypeId: agent.userTypeId },
          }),
          await c.call('users', 'bulkUpdate', {
            edits: [{ id: host.id, expectedVersion: host.version, changes: { lastName: 'Pwned' } }],
          }),
          // dispatch fields of the same account are a write on that user too
          await c.call('dispatch', 'saveAgent', {
            id: host.id,
            expectedVersion: host.version,
            fields: { directoryNumber: '7999', personalDefaultDestination: null, dispatchPrivilege: false, skills: [] },
          }),
        ];
        for (const [i, res] of refused.entries()) expect(res.error, String(i)).toMatchObject({ code: 'FORBIDDEN' });
        expect(refused[0]!.error!.message).toMatch(
          /nwhost: its user type "Host Administrator" is a host administrator type/,
        );
        expect(refused.at(-1)!.error!.message).toMatch(
          /nwhost: its user type "Host Administrator" is a host administrator type/,
        );
        const imp = await c.call('users', 'importCsv', { text: 'Logon ID,Last Name\r\nnwhost,Pwned\r\n' });
        expect((imp.value as Refused).errors[0]).toMatchObject({ row: 2, field: 'Logon ID' });
        expect(await row('nwhost')).toMatchObject({
          version: host.version,
          lastName: 'Host',
          locked: false,
          deleted: false,
        });
        // the tenant's own Administrator type does not exceed nwadmin: their other users stay theirs
        const ok = await c.call('users', 'lock', { id: agent.id, expectedVersion: agent.version });
        expect(ok.value, ok.error?.message).toMatchObject({ locked: true });
        await c.call('users', 'unlock', { id: agent.id, expectedVersion: ok.value.version });
      } finally {
        await asAdmin();
      }
    });

    it('a host administrator changes them all; nobody bulk-locks their own account', async () => {
      const boss = await row('qaboss');
      const locked = await c.call('users', 'bulk', {
        selection: { ids: [boss.id, (await row('qahost')).id] },
        action: { kind: 'lock' },
      });
      expect(locked.value, locked.error?.message).toMatchObject({ affected: 2 });
      await c.call('users', 'bulk', {
        selection: { ids: [boss.id, (await row('qahost')).id] },
        action: { kind: 'unlock' },
      });

      const me = await row('admin');
      const self = await c.call('users', 'bulk', { selection: { ids: [boss.id, me.id] }, action: { kind: 'lock' } });
      expect(self.error).toMatchObject({ code: 'INVALID' });
      expect(self.error!.message).toMatch(/includes your own account \(admin\).*Nothing was changed/);
      const byFilter = await c.call('users', 'bulk', {
        selection: { filter: { search: 'admin' }, exceptIds: [] },
        action: { kind: 'lock' },
      });
      expect(byFilter.error?.message).toMatch(/your own account/);
      expect(await row('admin')).toMatchObject({ locked: false, version: me.version });
      expect((await row('qaboss')).locked).toBe(false);
    });
  },
);
