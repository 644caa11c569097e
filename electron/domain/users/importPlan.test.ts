import { describe, expect, it } from 'vitest';
import type { UserFields } from '../../contract';
import { parseCsv } from './csv';
import { planImport, type ExistingUser } from './importPlan';

const base: UserFields = {
  logonId: 'x',
  firstName: '',
  lastName: '',
  directoryNumber: null,
  agentGroupId: 1,
  userTypeId: 10,
  externalLogonId: null,
  chatDisplayName: null,
  circuitUser: null,
  phoneAgentLogon: 'useSystemSetting',
  personalDefaultDestination: null,
  dispatchPrivilege: false,
};
const users: ExistingUser[] = [
  {
    id: 1,
    version: 3,
    deleted: false,
    syncId: null,
    fields: { ...base, logonId: 'alice', directoryNumber: '100', externalLogonId: 'alice@x', agentGroupId: 1 },
  },
  {
    id: 2,
    version: 1,
    deleted: false,
    syncId: null,
    fields: { ...base, logonId: 'bob', directoryNumber: '200', circuitUser: 'bob@c', agentGroupId: 2 },
  },
  { id: 3, version: 1, deleted: true, syncId: 's-3', fields: { ...base, logonId: 'gone', directoryNumber: '300' } },
];
const ctx = {
  agentGroups: [
    { id: 1, name: '<Default>' },
    { id: 2, name: 'Sales' },
  ],
  userTypes: [{ id: 10, name: 'Agent' }],
  users,
  scope: null as readonly number[] | null,
};
const plan = (text: string, over: Partial<typeof ctx> = {}) => {
  const p = parseCsv(text);
  if (!p.ok) throw new Error(p.message);
  return planImport(p.records, { ...ctx, ...over });
};

describe('CSV import plan', () => {
  it('creates new Logon IDs, updates existing ones (any case), keeps columns the file leaves out', () => {
    const p = plan('Logon ID,Last Name,User Type\nnew1,Neu,Agent\nALICE,Changed,\n');
    expect(p.errors).toEqual([]);
    expect(p.creates).toEqual([{ ...base, logonId: 'new1', lastName: 'Neu', agentGroupId: 1 }]);
    expect(p.updates).toHaveLength(1);
    expect(p.updates[0]!.fields).toMatchObject({
      logonId: 'ALICE',
      lastName: 'Changed',
      directoryNumber: '100',
      externalLogonId: 'alice@x',
    });
  });

  it('requires a header with Logon ID, known columns, and rows', () => {
    expect(plan('Name\nx\n').errors[0]).toMatchObject({ row: 1, field: 'Name', rule: /Unknown column/ });
    expect(plan('First Name\nx\n').errors[0]).toMatchObject({ field: 'Logon ID', rule: /no Logon ID column/ });
    expect(plan('Logon ID\n').errors[0]).toMatchObject({ rule: /No rows/ });
    expect(plan('').errors[0]).toMatchObject({ rule: /empty/ });
    // export-only columns are accepted and ignored
    expect(plan('Logon ID,Locked,Sync ID,Last Logon\nalice,Yes,abc,2020\n').errors).toEqual([]);
  });

  it('reports each rule with the row and the column', () => {
    const p = plan(
      [
        'Logon ID,First Name,Agent Group,User Type,Phone Agent Logon,Dispatch Privilege',
        ',a,,Agent,,',
        'n1,a,Nowhere,Agent,,',
        'n2,a,,Boss,,',
        'n3,a,,Agent,Often,',
        'n4,a,,Agent,,maybe',
        `n5,${'y'.repeat(101)},,Agent,,`,
        'n6,a,,,,',
        'n7,a,b,c,d,e,f',
      ].join('\n'),
    );
    expect(p.errors.map((e) => `${e.row}:${e.field}`)).toEqual([
      '2:Logon ID',
      '3:Agent Group',
      '4:User Type',
      '5:Phone Agent Logon',
      '6:Dispatch Privilege',
      '7:First Name',
      '8:User Type',
      '9:',
    ]);
    expect(p.creates).toEqual([]);
  });

  it('accepts the seed’s Phone Agent Logon labels and 0–3', () => {
    const p = plan(
      "Logon ID,User Type,Phone Agent Logon\na1,Agent,Don't Restore Logon State\na2,Agent,restore logon state with priority\na3,Agent,1\n",
    );
    expect(p.creates.map((c) => c.phoneAgentLogon)).toEqual(['dontRestore', 'restoreWithPriority', 'restore']);
  });

  it('Logon ID, Directory Number, External Logon ID, Circuit User unique in the file and against the tenant', () => {
    const p = plan(
      [
        'Logon ID,User Type,Directory Number,External Logon ID,Circuit User',
        'n1,Agent,100,,',
        'N1,Agent,,,',
        'n2,Agent,,ALICE@x,',
        'n3,Agent,,,BOB@C',
        'n4,Agent,900,,',
        'n5,Agent,900,,',
        'n6,Agent,300,,',
      ].join('\n'),
    );
    expect(p.errors.map((e) => `${e.row}:${e.field}`)).toEqual([
      '2:Directory Number',
      '3:Logon ID',
      '4:External Logon ID',
      '5:Circuit User',
      '7:Directory Number',
      '8:Directory Number',
    ]);
    expect(p.errors[0]!.rule).toMatch(/already the Directory Number of alice/);
    expect(p.errors[5]!.rule).toMatch(/gone \(a deleted user\)/);
  });

  it('a number may move from one user to another within the same file', () => {
    const p = plan('Logon ID,Directory Number\nalice,\nbob,100\n');
    expect(p.errors).toEqual([]);
  });

  it('a deleted user’s Logon ID is refused (undelete first)', () => {
    expect(plan('Logon ID\ngone\n').errors[0]).toMatchObject({ field: 'Logon ID', rule: /deleted user/ });
  });

  it('a supervisor may touch only users of their agent groups and put users only there', () => {
    const p = plan('Logon ID,Agent Group,User Type\nalice,,\nbob,Sales,\nnew1,Sales,Agent\n', { scope: [2] });
    expect(p.errors.map((e) => `${e.row}:${e.field}`)).toEqual(['2:Logon ID']);
    const q = plan('Logon ID,Agent Group\nbob,<Default>\n', { scope: [2] });
    expect(q.errors[0]).toMatchObject({ field: 'Agent Group', rule: /only in the agent groups you supervise/ });
  });
});
