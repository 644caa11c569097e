import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../connectors/db/demoSeed';
import { ENGINES } from '../../connectors/db/testing/engines';
import { seededDb, signIn, startConsole, type TestConsole, type ResultOf } from '../testing/harness';
import { deepPage, sortedUsers } from './userQuery';

/** An import that was refused (applied: false) and its row errors. */
type Refused = Extract<ResultOf<'users', 'importCsv'>, { applied: false }>;

type Row = {
  id: number;
  version: number;
  logonId: string;
  agentGroup: string;
  agentGroupId: number;
  userTypeId: number;
  userType: string;
  directoryNumber: string | null;
  synchronized: boolean;
  deleted: boolean;
  locked: boolean;
};
type Lookups = {
  agentGroups: Array<{ id: number; name: string }>;
  userTypes: Array<{ id: number; name: string }>;
  deletion: { version: number; neverDeleteSynced: boolean; allowManualDeleteSynced: boolean };
};

describe.each(ENGINES)('users (issue 4) on %s', (engine) => {
  let c: TestConsole;
  let lk: Lookups;
  const group = (name: string) => lk.agentGroups.find((g) => g.name === name)!.id;
  const type = (name: string) => lk.userTypes.find((t) => t.name === name)!.id;
  const fields = (over: Record<string, unknown> = {}) => ({
    logonId: 'newbie',
    firstName: 'New',
    lastName: 'Bie',
    directoryNumber: null,
    agentGroupId: group('Sales'),
    userTypeId: type('Agent'),
    externalLogonId: null,
    chatDisplayName: null,
    circuitUser: null,
    phoneAgentLogon: 'useSystemSetting' as const,
    personalDefaultDestination: null,
    dispatchPrivilege: false,
    ...over,
  });
  const rows = async (q: Record<string, unknown> = {}): Promise<Row[]> =>
    (await c.call('users', 'page', { limit: 1000, ...q })).value.rows;
  const byLogon = async (logonId: string, q: Record<string, unknown> = {}) =>
    (await rows({ search: logonId, deleted: 'include', ...q })).find((r) => r.logonId === logonId);
  const kysely = () => c.core.data.require().kysely;
  const asAdmin = async () => {
    await c.call('auth', 'signOut');
    await signIn(c, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
  };

  beforeAll(async () => {
    c = await startConsole(await seededDb(engine, 60));
    await signIn(c, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
    lk = (await c.call('users', 'lookups')).value;
  }, 120_000); // a loaded machine can take a while to start PostgreSQL's database
  afterAll(async () => c?.stop());

  it('creates a user with every General field, readable back; Sync ID stays empty', async () => {
    const res = await c.call('users', 'create', {
      fields: fields({
        logonId: 'qakaren',
        directoryNumber: '6100',
        externalLogonId: 'Karen.Sharp@demo.example',
        chatDisplayName: 'Karen',
        circuitUser: 'karen@circuit.example',
        phoneAgentLogon: 'restoreWithPriority',
        personalDefaultDestination: '6199',
      }),
    });
    expect(res.ok, res.error?.message).toBe(true);
    const doc = (await c.call('users', 'get', { id: res.value.id })).value;
    expect(doc).toMatchObject({
      version: 1,
      syncId: null,
      passwordSet: false,
      deleted: false,
      agentGroup: 'Sales',
      userType: 'Agent',
    });
    expect(doc.fields).toMatchObject({
      logonId: 'qakaren',
      directoryNumber: '6100',
      phoneAgentLogon: 'restoreWithPriority',
      circuitUser: 'karen@circuit.example',
      personalDefaultDestination: '6199',
    });
    const audit = await c.call('audit', 'query', { action: 'create', objectType: 'user', limit: 5 });
    expect(audit.value.rows[0]!.objectName).toBe('qakaren');
    // the grid's search ignores case on both engines (and % / _ are literal)
    expect((await rows({ search: 'QAKAREN' })).map((r) => r.logonId)).toEqual(['qakaren']);
    expect((await rows({ search: 'Karen.Sharp@DEMO' })).map((r) => r.logonId)).toEqual(['qakaren']);
    expect(await rows({ search: 'qa%ren' })).toEqual([]);
  });

  it('refuses a Logon ID another user holds, in any case, naming the holder', async () => {
    const res = await c.call('users', 'create', { fields: fields({ logonId: 'QaKaren' }) });
    expect(res.error).toMatchObject({ code: 'INVALID', field: 'logonId' });
    expect(res.error!.message).toMatch(/"QaKaren" is already used by qakaren/);
    const blank = await c.call('users', 'create', { fields: fields({ logonId: '  ' }) });
    expect(blank.error).toMatchObject({ code: 'BAD_ARGUMENTS', field: 'fields.logonId' });
    expect(blank.error!.message).toMatch(/Logon ID is required/);
  });

  it.each([
    ['directoryNumber', '6100', /Directory Number "6100" is already used by qakaren/],
    ['externalLogonId', 'KAREN.SHARP@demo.example', /External Logon ID .* is already used by qakaren/],
    [
      'circuitUser',
      'Karen@Circuit.example',
      /Circuit User .* is already used by qakaren: two users in the same tenant cannot share it/,
    ],
  ])('refuses a duplicate %s, naming the user who holds it', async (field, value, message) => {
    const res = await c.call('users', 'create', { fields: fields({ logonId: `dup-${field}`, [field]: value }) });
    expect(res.error).toMatchObject({ code: 'INVALID', field });
    expect(res.error!.message).toMatch(message);
    expect(await byLogon(`dup-${field}`)).toBeUndefined();
  });

  it('saves with the version it read; a stale save is refused', async () => {
    const doc = (await c.call('users', 'get', { id: (await byLogon('qakaren'))!.id })).value;
    const ok = await c.call('users', 'save', {
      id: doc.id,
      expectedVersion: doc.version,
      fields: { ...doc.fields, lastName: 'Sharpe', directoryNumber: '' },
    });
    expect(ok.value).toMatchObject({ version: doc.version + 1, fields: { lastName: 'Sharpe', directoryNumber: null } });
    const stale = await c.call('users', 'save', { id: doc.id, expectedVersion: doc.version, fields: doc.fields });
    expect(stale.error?.code).toBe('CONFLICT');
    expect(stale.error!.message).toMatch(/version you supplied \[1\] does not match the current version \[2\]/);
  });

  it('a save may keep its own unique values; another user’s Directory Number is refused', async () => {
    const other = (await rows()).find((r) => r.directoryNumber !== null && r.logonId !== 'qakaren')!;
    const doc = (await c.call('users', 'get', { id: (await byLogon('qakaren'))!.id })).value;
    expect(
      (
        await c.call('users', 'save', {
          id: doc.id,
          expectedVersion: doc.version,
          fields: { ...doc.fields, firstName: 'Karen' },
        })
      ).ok,
    ).toBe(true);
    const res = await c.call('users', 'save', {
      id: doc.id,
      expectedVersion: doc.version + 1,
      fields: { ...doc.fields, directoryNumber: other.directoryNumber },
    });
    expect(res.error).toMatchObject({ code: 'INVALID', field: 'directoryNumber' });
    expect(res.error!.message).toContain(other.logonId);
  });

  it('copy needs a new Logon ID and copies settings and tag assignments, not the Sync ID or password', async () => {
    const source = (await rows()).find((r) => r.synchronized)!;
    const doc = (await c.call('users', 'get', { id: source.id })).value;
    const same = await c.call('users', 'copy', {
      id: source.id,
      fields: {
        ...doc.fields,
        logonId: source.logonId.toUpperCase(),
        directoryNumber: null,
        externalLogonId: null,
        circuitUser: null,
      },
    });
    expect(same.error).toMatchObject({ code: 'INVALID', field: 'logonId' });
    expect(same.error!.message).toMatch(/copy needs a new Logon ID/);
    const taken = await c.call('users', 'copy', { id: source.id, fields: { ...doc.fields, logonId: 'qakaren' } });
    expect(taken.error?.field).toBe('logonId');
    const tag = await kysely().selectFrom('object_tag').select('id').where('agent_enabled', '=', 1).executeTakeFirst();
    if (tag)
      await kysely()
        .insertInto('object_tag_mapping')
        .values({ object_tag_id: tag.id, object_tag_value: 'x', object_id: source.id, object_type: 0x1000 })
        .execute();
    const copy = await c.call('users', 'copy', {
      id: source.id,
      fields: { ...doc.fields, logonId: 'copied1', directoryNumber: null, externalLogonId: null, circuitUser: null },
    });
    expect(copy.ok, copy.error?.message).toBe(true);
    expect(copy.value).toMatchObject({
      syncId: null,
      passwordSet: false,
      fields: { agentGroupId: doc.fields.agentGroupId, phoneAgentLogon: doc.fields.phoneAgentLogon },
    });
    if (tag) {
      const mapped = await kysely()
        .selectFrom('object_tag_mapping')
        .selectAll()
        .where('object_id', '=', copy.value.id)
        .where('object_type', '=', 0x1000)
        .execute();
      expect(mapped).toHaveLength(1);
    }
  });

  it('a synchronized user cannot be deleted unless the tenant allows it; then the deletion is soft and Undelete restores it', async () => {
    const synced = (await rows({ synchronized: true }))[0]!;
    const refused = await c.call('users', 'bulk', { selection: { ids: [synced.id] }, action: { kind: 'delete' } });
    expect(refused.error).toMatchObject({ code: 'INVALID' });
    expect(refused.error!.message).toMatch(/synchronized .*Allow Manual Deletion for Synchronized Users/);

    const s = (await c.call('users', 'lookups')).value.deletion;
    const saved = await c.call('users', 'saveDeletionSettings', {
      expectedVersion: s.version,
      neverDeleteSynced: true,
      allowManualDeleteSynced: true,
    });
    expect(saved.value).toMatchObject({ neverDeleteSynced: true, allowManualDeleteSynced: true });
    const stale = await c.call('users', 'saveDeletionSettings', {
      expectedVersion: s.version,
      neverDeleteSynced: false,
      allowManualDeleteSynced: false,
    });
    expect(stale.error?.code).toBe('CONFLICT');

    const done = await c.call('users', 'bulk', { selection: { ids: [synced.id] }, action: { kind: 'delete' } });
    expect(done.value).toMatchObject({ affected: 1, softDeleted: 1, hardDeleted: 0 });
    expect((await rows()).some((r) => r.id === synced.id)).toBe(false);
    const hidden = await rows({ deleted: 'only' });
    expect(hidden.find((r) => r.id === synced.id)).toMatchObject({
      deleted: true,
      synchronized: true,
      directoryNumber: synced.directoryNumber,
    });
    // its unique values stay reserved for the undelete
    const doc = (await c.call('users', 'get', { id: synced.id })).value;
    const reuse = await c.call('users', 'create', { fields: fields({ logonId: doc.fields.logonId }) });
    expect(reuse.error!.message).toMatch(/deleted user .*undelete it/);
    const editDeleted = await c.call('users', 'save', {
      id: synced.id,
      expectedVersion: doc.version,
      fields: doc.fields,
    });
    expect(editDeleted.error!.message).toMatch(/is deleted: undelete it/);

    const back = await c.call('users', 'bulk', { selection: { ids: [synced.id] }, action: { kind: 'undelete' } });
    expect(back.value.affected).toBe(1);
    const restored = (await c.call('users', 'get', { id: synced.id })).value;
    expect(restored).toMatchObject({ deleted: false, syncId: doc.syncId, fields: doc.fields });
    await c.call('users', 'saveDeletionSettings', {
      expectedVersion: saved.value.version,
      neverDeleteSynced: false,
      allowManualDeleteSynced: false,
    });
  });

  it('a user created by hand is deleted for good, which frees its Logon ID; nobody deletes themselves', async () => {
    const u = (await c.call('users', 'create', { fields: fields({ logonId: 'temp1', directoryNumber: '6200' }) }))
      .value;
    const res = await c.call('users', 'bulk', { selection: { ids: [u.id] }, action: { kind: 'delete' } });
    expect(res.value).toMatchObject({ affected: 1, hardDeleted: 1, softDeleted: 0 });
    expect(await byLogon('temp1')).toBeUndefined();
    expect(
      (await c.call('users', 'create', { fields: fields({ logonId: 'TEMP1', directoryNumber: '6200' }) })).ok,
    ).toBe(true);
    const me = (await byLogon('admin'))!;
    const self = await c.call('users', 'bulk', { selection: { ids: [me.id] }, action: { kind: 'delete' } });
    expect(self.error!.message).toMatch(/account you are signed in with/);
  });

  it('a bulk action is one transaction: one refused user refuses them all', async () => {
    const manual = (await rows({ synchronized: false, agentGroupId: group('Billing') })).slice(0, 3);
    const synced = (await rows({ synchronized: true }))[0]!;
    const res = await c.call('users', 'bulk', {
      selection: { ids: [...manual.map((r) => r.id), synced.id] },
      action: { kind: 'delete' },
    });
    expect(res.error!.message).toMatch(/1 of the 4 users cannot be deleted, so none was/);
    for (const m of manual) expect(await byLogon(m.logonId)).toMatchObject({ deleted: false });
  });

  it('bulk move / change user type / lock / unlock on the selection or on every user matching a filter', async () => {
    const billing = await rows({ agentGroupId: group('Billing') });
    const count = await c.call('users', 'count', {
      selection: { filter: { agentGroupId: group('Billing') }, exceptIds: [billing[0]!.id] },
    });
    expect(count.value.count).toBe(billing.length - 1);
    const moved = await c.call('users', 'bulk', {
      selection: { filter: { agentGroupId: group('Billing') }, exceptIds: [billing[0]!.id] },
      action: { kind: 'moveToAgentGroup', agentGroupId: group('Night Shift') },
    });
    expect(moved.value.affected).toBe(billing.length - 1);
    expect(await rows({ agentGroupId: group('Billing') })).toHaveLength(1);
    const ids = billing.slice(1, 4).map((r) => r.id);
    expect((await c.call('users', 'bulk', { selection: { ids }, action: { kind: 'lock' } })).value.affected).toBe(3);
    expect((await rows({ locked: true })).filter((r) => ids.includes(r.id))).toHaveLength(3);
    expect((await c.call('users', 'bulk', { selection: { ids }, action: { kind: 'unlock' } })).value.affected).toBe(3);
    expect(
      (
        await c.call('users', 'bulk', {
          selection: { ids },
          action: { kind: 'changeUserType', userTypeId: type('Supervisor') },
        })
      ).value.affected,
    ).toBe(3);
    const audit = await c.call('audit', 'query', { action: 'lock', objectType: 'user', limit: 10 });
    expect(audit.value.total).toBeGreaterThanOrEqual(3);
  });

  it('dispatch licences: a save, copy, bulk undelete or import beyond the pool is refused and nothing changes', async () => {
    const used = Number(
      (
        await kysely()
          .selectFrom('cc_user')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('tenant_id', '=', 1)
          .where('deleted', '=', 0)
          .where('dispatch_privilege', '=', 1)
          .executeTakeFirstOrThrow()
      ).n,
    );
    await kysely().updateTable('tenant').set({ dispatch_licences: used }).where('id', '=', 1).execute();
    try {
      const u = (await rows()).find((r) => r.logonId === 'qakaren')!;
      const doc = (await c.call('users', 'get', { id: u.id })).value;
      const res = await c.call('users', 'save', {
        id: u.id,
        expectedVersion: doc.version,
        fields: { ...doc.fields, dispatchPrivilege: true, lastName: 'NotSaved' },
      });
      expect(res.error).toMatchObject({ code: 'INVALID', field: 'dispatchPrivilege' });
      expect((await c.call('users', 'get', { id: u.id })).value.fields).toMatchObject({
        dispatchPrivilege: false,
        lastName: doc.fields.lastName,
      });
      const created = await c.call('users', 'create', {
        fields: fields({ logonId: 'dispatcher', dispatchPrivilege: true }),
      });
      expect(created.error?.field).toBe('dispatchPrivilege');
      expect(await byLogon('dispatcher')).toBeUndefined();
      const imp = await c.call('users', 'importCsv', {
        text: 'Logon ID,Agent Group,User Type,Dispatch Privilege\r\ndisp1,Sales,Agent,Yes\r\n',
      });
      expect(imp.error?.field).toBe('dispatchPrivilege');
      expect(await byLogon('disp1')).toBeUndefined();
      const privileged = await kysely()
        .selectFrom('cc_user')
        .select(['id', 'logon_id'])
        .where('tenant_id', '=', 1)
        .where('deleted', '=', 0)
        .where('dispatch_privilege', '=', 1)
        .executeTakeFirstOrThrow();
      const src = (await c.call('users', 'get', { id: privileged.id })).value;
      const copy = await c.call('users', 'copy', {
        id: privileged.id,
        fields: { ...src.fields, logonId: 'dispcopy', directoryNumber: null, externalLogonId: null, circuitUser: null },
      });
      expect(copy.error?.field).toBe('dispatchPrivilege');
      expect(await byLogon('dispcopy')).toBeUndefined();
      // a deleted synchronized user keeps its privilege: undeleting it takes a licence again
      const synced = (await rows({ synchronized: true }))[1]!;
      await kysely().updateTable('cc_user').set({ dispatch_privilege: 1 }).where('id', '=', synced.id).execute();
      await kysely()
        .updateTable('tenant')
        .set({ allow_manual_delete_synced: 1, dispatch_licences: used + 1 })
        .where('id', '=', 1)
        .execute();
      expect(
        (await c.call('users', 'bulk', { selection: { ids: [synced.id] }, action: { kind: 'delete' } })).value
          .softDeleted,
      ).toBe(1);
      await kysely().updateTable('tenant').set({ dispatch_licences: used }).where('id', '=', 1).execute();
      const undelete = await c.call('users', 'bulk', { selection: { ids: [synced.id] }, action: { kind: 'undelete' } });
      expect(undelete.error?.field).toBe('dispatchPrivilege');
      expect((await c.call('users', 'get', { id: synced.id })).value.deleted).toBe(true);
      await kysely()
        .updateTable('tenant')
        .set({ dispatch_licences: null, allow_manual_delete_synced: 0 })
        .where('id', '=', 1)
        .execute();
      expect(
        (await c.call('users', 'bulk', { selection: { ids: [synced.id] }, action: { kind: 'undelete' } })).value
          .affected,
      ).toBe(1);
      await kysely().updateTable('cc_user').set({ dispatch_privilege: 0 }).where('id', '=', synced.id).execute();
    } finally {
      await kysely().updateTable('tenant').set({ dispatch_licences: null }).where('id', '=', 1).execute();
    }
  });

  it('CSV: export all matching rows; re-import of the export changes nothing', async () => {
    const exp = await c.call('users', 'exportCsv', { filter: { agentGroupId: group('Sales') } });
    const total = (await c.call('users', 'page', { agentGroupId: group('Sales'), limit: 1 })).value.total;
    expect(exp.value.rows).toBe(total);
    expect(
      exp.value.text.startsWith('\ufeffLogon ID,First Name,Last Name,Directory Number,Agent Group,User Type'),
    ).toBe(true);
    expect(exp.value.text.split('\r\n').length).toBe(total + 2);
    const res = await c.call('users', 'importCsv', { text: exp.value.text });
    expect(res.value).toMatchObject({ applied: true, created: 0, rows: total });
  });

  it('CSV import validates every row and applies none when any is wrong, with a report per row', async () => {
    const taken = (await rows()).find((r) => r.directoryNumber !== null)!;
    const text = [
      'Logon ID,First Name,Last Name,Directory Number,Agent Group,User Type,Phone Agent Logon',
      'good1,Ann,"Smith, Jr.",7001,Sales,Agent,Restore Logon State',
      ',No,Logon,7002,Sales,Agent,',
      'GOOD1,Dup,Logon,7003,Sales,Agent,',
      `dn1,Dup,Number,${taken.directoryNumber},Sales,Agent,`,
      'grp1,Bad,Group,7004,Nowhere,Agent,',
      `long1,${'x'.repeat(101)},Name,7005,Sales,Agent,`,
      'pal1,Bad,Option,7006,Sales,Agent,Sometimes',
      'dn2,Same,Number,7001,Sales,Agent,',
    ].join('\r\n');
    const res = await c.call('users', 'importCsv', { text: '\ufeff' + text });
    expect(res.value.applied).toBe(false);
    const errs = (res.value as Refused).errors as Array<{ row: number; field: string; rule: string }>;
    expect(errs.map((e) => [e.row, e.field])).toEqual([
      [3, 'Logon ID'],
      [4, 'Logon ID'],
      [5, 'Directory Number'],
      [6, 'Agent Group'],
      [7, 'First Name'],
      [8, 'Phone Agent Logon'],
      [9, 'Directory Number'],
    ]);
    expect(errs[1]!.rule).toMatch(/also on line 2/);
    expect(errs[2]!.rule).toContain(taken.logonId);
    expect(await byLogon('good1')).toBeUndefined();
  });

  it('CSV import of valid rows creates and updates all in one transaction (quotes, BOM, CRLF, newlines in quotes)', async () => {
    const existing = (await rows()).find((r) => r.logonId === 'qakaren')!;
    const text =
      '\ufeffLogon ID,First Name,Last Name,Directory Number,Agent Group,User Type\r\nimp1,"Ann ""Annie""","Smith, Jr.",7101,Sales,Agent\r\nimp2,"Two\r\nLines",Doe,,Support,Agent\r\nQAKAREN,Karen,Imported,7103,,\r\n';
    const res = await c.call('users', 'importCsv', { text });
    expect(res.value).toMatchObject({ applied: true, created: 2, updated: 1 });
    const one = (await c.call('users', 'get', { id: (await byLogon('imp1'))!.id })).value;
    expect(one.fields).toMatchObject({ firstName: 'Ann "Annie"', lastName: 'Smith, Jr.', directoryNumber: '7101' });
    const two = (await c.call('users', 'get', { id: (await byLogon('imp2'))!.id })).value;
    expect(two.fields.firstName).toBe('Two\nLines');
    const upd = (await c.call('users', 'get', { id: existing.id })).value;
    expect(upd.fields).toMatchObject({
      lastName: 'Imported',
      directoryNumber: '7103',
      agentGroupId: existing.agentGroupId,
    });
  });

  it('a supervisor changes only users of the agent groups they supervise, in every write', async () => {
    await c.call('auth', 'signOut');
    await signIn(c, 'supervisor', DEMO_ACCOUNTS.supervisor.password);
    try {
      const all = await rows();
      const billing = all.find((r) => r.agentGroup === 'Billing' || r.agentGroup === 'Night Shift')!;
      const sales = all.find((r) => r.agentGroup === 'Sales' && r.logonId !== 'supervisor')!;
      const bdoc = (await c.call('users', 'get', { id: billing.id })).value;
      expect(
        (
          await c.call('users', 'save', {
            id: billing.id,
            expectedVersion: bdoc.version,
            fields: { ...bdoc.fields, firstName: 'X' },
          })
        ).error?.code,
      ).toBe('FORBIDDEN');
      const sdoc = (await c.call('users', 'get', { id: sales.id })).value;
      expect(
        (
          await c.call('users', 'save', {
            id: sales.id,
            expectedVersion: sdoc.version,
            fields: { ...sdoc.fields, agentGroupId: billing.agentGroupId },
          })
        ).error?.code,
      ).toBe('FORBIDDEN');
      const ok = await c.call('users', 'save', {
        id: sales.id,
        expectedVersion: sdoc.version,
        fields: { ...sdoc.fields, firstName: 'Scoped' },
      });
      expect(ok.ok, ok.error?.message).toBe(true);
      expect(
        (await c.call('users', 'create', { fields: fields({ logonId: 'sup1', agentGroupId: billing.agentGroupId }) }))
          .error?.code,
      ).toBe('FORBIDDEN');
      const bulk = await c.call('users', 'bulk', {
        selection: { ids: [sales.id, billing.id] },
        action: { kind: 'lock' },
      });
      expect(bulk.error?.code).toBe('FORBIDDEN');
      expect(bulk.error!.message).toMatch(/1 of the selected users are outside/);
      const imp = await c.call('users', 'importCsv', { text: `Logon ID,Last Name\r\n${billing.logonId},Nope\r\n` });
      expect((imp.value as Refused).errors[0]).toMatchObject({ row: 2, field: 'Logon ID' });
      // nor may a supervisor hand out a user type that grants more than their own
      const escalate = await c.call('users', 'save', {
        id: sales.id,
        expectedVersion: ok.value.version,
        fields: { ...ok.value.fields, userTypeId: type('Administrator') },
      });
      expect(escalate.error).toMatchObject({ code: 'FORBIDDEN', field: 'userTypeId' });
      expect(
        (
          await c.call('users', 'saveDeletionSettings', {
            expectedVersion: 1,
            neverDeleteSynced: false,
            allowManualDeleteSynced: true,
          })
        ).error?.code,
      ).toBe('FORBIDDEN');
    } finally {
      await asAdmin();
    }
  });

  it('an agent group or user type of another tenant is refused', async () => {
    const other = await kysely()
      .selectFrom('agent_group')
      .select('id')
      .where('tenant_id', '<>', 1)
      .executeTakeFirstOrThrow();
    const res = await c.call('users', 'create', { fields: fields({ logonId: 'foreign', agentGroupId: other.id }) });
    expect(res.error).toMatchObject({ code: 'INVALID', field: 'agentGroupId' });
  });

  it('a page far down the order (IDs first, then the rows) is the same page as OFFSET on the full rows', async () => {
    for (const sort of ['logonId', 'lastName', 'agentGroup', 'userType', 'lastLogonAt', 'directoryNumber'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        const q = { sort, direction, limit: 15, offset: 20, agentGroupId: undefined, deleted: 'hide' as const };
        const plain = await sortedUsers(kysely(), 1, q).limit(15).offset(20).execute();
        const deep = await deepPage(kysely(), 1, q).execute();
        expect(
          deep.map((r) => r.id),
          `${sort} ${direction}`,
        ).toEqual(plain.map((r) => r.id));
      }
    }
    const filtered = {
      sort: 'lastName' as const,
      direction: 'asc' as const,
      limit: 5,
      offset: 3,
      search: 'a',
      locked: false,
    };
    expect((await deepPage(kysely(), 1, filtered).execute()).map((r) => r.id)).toEqual(
      (await sortedUsers(kysely(), 1, filtered).limit(5).offset(3).execute()).map((r) => r.id),
    );
  });
});
