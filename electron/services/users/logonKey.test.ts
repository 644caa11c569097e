import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../connectors/db/demoSeed';
import { ENGINES } from '../../connectors/db/testing/engines';
import { identityKey } from '../../domain/users/logonKey';
import { seededDb, signIn, startConsole, type TestConsole, type ResultOf } from '../testing/harness';

/** An import that was refused (applied: false) and its row errors. */
type Refused = Extract<ResultOf<'users', 'importCsv'>, { applied: false }>;

type Lookups = { agentGroups: Array<{ id: number; name: string }>; userTypes: Array<{ id: number; name: string }> };

// Logon ID, External Logon ID and Circuit User compare by one key (NFKC + lower case) on both
// engines: SQLite's lower() folds ASCII only, so "Ärger.Öz" could not sign in as "ärger.öz" there
// and a case twin "äRGER.öZ" could be created beside it.
describe.each(ENGINES)('users: identifying values compare by their NFKC lower-case key on %s', (engine) => {
  let c: TestConsole;
  let lk: Lookups;
  const PASSWORD = 'Umlaut#Key2026';
  const type = (name: string) => lk.userTypes.find((t) => t.name === name)!.id;
  const group = (name: string) => lk.agentGroups.find((g) => g.name === name)!.id;
  const fields = (over: Record<string, unknown>) => ({
    logonId: 'x',
    firstName: 'Ä',
    lastName: 'Ö',
    directoryNumber: null,
    agentGroupId: group('Sales'),
    userTypeId: type('Supervisor'),
    externalLogonId: null,
    chatDisplayName: null,
    circuitUser: null,
    phoneAgentLogon: 'useSystemSetting' as const,
    personalDefaultDestination: null,
    dispatchPrivilege: false,
    ...over,
  });
  let id = 0;

  beforeAll(async () => {
    c = await startConsole(await seededDb(engine, 30));
    await signIn(c, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
    lk = (await c.call('users', 'lookups')).value;
    const res = await c.call('users', 'create', {
      fields: fields({
        logonId: 'Ärger.Öz',
        externalLogonId: 'Ärger.Öz@demo.example',
        circuitUser: 'Ärger.Öz@circuit.example',
      }),
    });
    expect(res.ok, res.error?.message).toBe(true);
    id = res.value.id;
    const set = await c.call('users', 'setPassword', { id, expectedVersion: res.value.version, password: PASSWORD });
    expect(set.ok, set.error?.message).toBe(true);
  }, 120_000); // a loaded machine can take a while to start PostgreSQL's database
  afterAll(async () => c?.stop());

  it('the key: NFKC, then lower case', () => {
    expect(identityKey('Ärger.Öz')).toBe('ärger.öz');
    expect(identityKey('ÄRGER.ÖZ')).toBe(identityKey('äRGER.öZ'));
    expect(identityKey('A\u0308rger')).toBe(identityKey('Ärger')); // decomposed umlaut
    expect(identityKey('Ａｒｇｅｒ')).toBe('arger'); // full-width letters
  });

  it('Ärger.Öz signs in as "ärger.öz" and as "ÄRGER.ÖZ"', async () => {
    for (const typed of ['ärger.öz', 'ÄRGER.ÖZ', 'A\u0308rger.O\u0308z']) {
      await c.call('auth', 'signOut');
      const res = await c.call('auth', 'signIn', { logonId: typed, password: PASSWORD, tenantId: 1 });
      expect(res.ok, `${typed}: ${res.error?.message}`).toBe(true);
      expect(res.value.user ?? res.value).toMatchObject({ logonId: 'Ärger.Öz' });
    }
    await c.call('auth', 'signOut');
    await signIn(c, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
  });

  it('a case twin is refused beside it, naming the field: Logon ID, External Logon ID, Circuit User (create, save, copy)', async () => {
    const twin = await c.call('users', 'create', { fields: fields({ logonId: 'äRGER.öZ' }) });
    expect(twin.error).toMatchObject({ code: 'INVALID', field: 'logonId' });
    expect(twin.error!.message).toMatch(/already used by Ärger\.Öz/);
    const ext = await c.call('users', 'create', {
      fields: fields({ logonId: 'twin-ext', externalLogonId: 'äRGER.öZ@DEMO.example' }),
    });
    expect(ext.error).toMatchObject({ code: 'INVALID', field: 'externalLogonId' });
    const circuit = await c.call('users', 'create', {
      fields: fields({ logonId: 'twin-circuit', circuitUser: 'ÄRGER.ÖZ@circuit.example' }),
    });
    expect(circuit.error).toMatchObject({ code: 'INVALID', field: 'circuitUser' });

    // an existing user saved to the twin values
    const other = (await c.call('users', 'create', { fields: fields({ logonId: 'plain' }) })).value;
    for (const [field, value] of [
      ['logonId', 'ÄRGER.ÖZ'],
      ['externalLogonId', 'ärger.öz@demo.example'],
      ['circuitUser', 'ärger.öz@CIRCUIT.example'],
    ] as const) {
      const res = await c.call('users', 'save', {
        id: other.id,
        expectedVersion: other.version,
        fields: { ...other.fields, [field]: value },
      });
      expect(res.error, field).toMatchObject({ code: 'INVALID', field });
    }
    const copy = await c.call('users', 'copy', { id, fields: fields({ logonId: 'ärger.ÖZ' }) });
    expect(copy.error).toMatchObject({ code: 'INVALID', field: 'logonId' });
    // the user itself may change the case of its own values
    const doc = (await c.call('users', 'get', { id })).value;
    const recased = await c.call('users', 'save', {
      id,
      expectedVersion: doc.version,
      fields: { ...doc.fields, circuitUser: 'ärger.öz@circuit.example' },
    });
    expect(recased.ok, recased.error?.message).toBe(true);
  });

  it('the database index refuses the twin even past the service check (another console at the same moment)', async () => {
    const k = c.core.data.require().kysely;
    const row = await k.selectFrom('cc_user').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const { id: _id, ...copy } = row;
    await expect(
      k
        .insertInto('cc_user')
        .values({
          ...copy,
          logon_id: 'äRGER.öZ',
          logon_key: identityKey('äRGER.öZ'),
          external_logon_id: null,
          external_logon_key: null,
          circuit_user: null,
          circuit_user_key: null,
          sync_id: null,
          directory_number: null,
        })
        .execute(),
    ).rejects.toThrow(/unique|duplicate/i);
  });

  it('CSV import finds the user by the key (updates it, creates no twin) and refuses twin External Logon ID / Circuit User', async () => {
    const upd = await c.call('users', 'importCsv', { text: 'Logon ID,Last Name\r\näRGER.öZ,Imported\r\n' });
    expect(upd.value, JSON.stringify(upd.value)).toMatchObject({ applied: true, created: 0, updated: 1 });
    // the same user (the file's spelling of its Logon ID is kept, as for any other column)
    expect((await c.call('users', 'get', { id })).value.fields).toMatchObject({
      logonId: 'äRGER.öZ',
      lastName: 'Imported',
    });
    const bad = await c.call('users', 'importCsv', {
      text: 'Logon ID,User Type,External Logon ID,Circuit User\r\nnew1,Agent,ÄRGER.ÖZ@demo.example,\r\nnew2,Agent,,äRGER.öZ@circuit.EXAMPLE\r\n',
    });
    expect(bad.value.applied).toBe(false);
    expect((bad.value as Refused).errors).toEqual([
      { row: 2, field: 'External Logon ID', rule: expect.stringMatching(/already the External Logon ID of äRGER\.öZ/) },
      { row: 3, field: 'Circuit User', rule: expect.stringMatching(/already the Circuit User of äRGER\.öZ/) },
    ]);
  });
});
