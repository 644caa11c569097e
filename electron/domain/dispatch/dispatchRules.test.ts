import { describe, expect, it } from 'vitest';
import { dispatchWindow, realTimeWindow, type GroupFacts } from './agentDataAccess';
import { restoreDecision, restoreOrder } from './autoLogon';
import { checkConfiguration, normalizeDirectoryNumber } from './configurationCheck';

const groups: GroupFacts[] = [
  { id: 1, name: 'Manual skilled', routing: 'manual', displayInDispatch: false, skillIds: [10] },
  { id: 2, name: 'Manual unskilled', routing: 'manual', displayInDispatch: false, skillIds: [20] },
  { id: 3, name: 'Auto shown', routing: 'automatic', displayInDispatch: true, skillIds: [10, 30] },
  { id: 4, name: 'Auto hidden', routing: 'automatic', displayInDispatch: false, skillIds: [10] },
  { id: 5, name: 'No skills', routing: 'manual', displayInDispatch: false, skillIds: [] },
];

describe('AGENT DATA ACCESS: Service Groups in Dispatch Window', () => {
  it('"By default, displays all service groups that are of type Manual Routing, or which are defined with the option Display in Dispatch and that the agent is skilled to serve."', () => {
    const seen = dispatchWindow({ skillIds: [10], hasGroupPermission: false }, groups, false);
    expect(seen.map((g) => [g.name, g.readOnly])).toEqual([
      ['Manual skilled', false],
      ['Auto shown', false],
    ]);
  });
  it('"If … Allow Agents to View all Dispatch Groups is set … all service groups of type Manual Routing, or … Display in Dispatch. … if the agent is not skilled … read-only."', () => {
    const seen = dispatchWindow({ skillIds: [10], hasGroupPermission: false }, groups, true);
    expect(seen.map((g) => [g.name, g.readOnly])).toEqual([
      ['Manual skilled', false],
      ['Manual unskilled', true],
      ['Auto shown', false],
      ['No skills', true],
    ]);
    expect(seen[1]!.why).toMatch(/read-only/);
  });
});

describe('AGENT DATA ACCESS: Service Groups in Real-Time Window', () => {
  it('"…all service groups for which the agent has read, read/write, or write permission, as well as all service groups that the agent is skilled to serve"', () => {
    expect(realTimeWindow({ skillIds: [], hasGroupPermission: true }, groups)).toHaveLength(5);
  });
  it('"…service groups which the agent is skilled to serve may be displayed even if the agent doesn\'t have permission"', () => {
    const seen = realTimeWindow({ skillIds: [10], hasGroupPermission: false }, groups);
    expect(seen.map((g) => g.name)).toEqual(['Manual skilled', 'Auto shown', 'Auto hidden']);
    expect(seen[0]!.why).toMatch(/even without permission/);
  });
});

describe('PHONE AGENT AUTOMATIC LOGON', () => {
  it('"By default, all agents will be set to use the system setting"', () => {
    expect(restoreDecision(0, true, true, false)).toMatchObject({ restored: true, priority: false });
    expect(restoreDecision(0, false, true, false)).toMatchObject({ restored: false });
  });
  it('"Restore Logon State" always restores, "regardless of the system setting"', () => {
    expect(restoreDecision(1, false, true, false)).toMatchObject({ restored: true });
  });
  it('"Don\'t Restore Logon State" never restores', () => {
    expect(restoreDecision(2, true, true, true)).toMatchObject({ restored: false });
  });
  it('"Restore Logon State with Priority": logged on before any other', () => {
    expect(restoreDecision(3, false, true, false)).toMatchObject({ restored: true, priority: true });
  });
  it('DATABASE HANDLING: "the phone agent must have previously logged on"; priority_logon puts the agent first', () => {
    expect(restoreDecision(1, true, false, false)).toMatchObject({
      restored: false,
      reason: expect.stringMatching(/never logged on/),
    });
    const rows = [
      { logonId: 'b', timeStamp: '2026-01-02', decision: restoreDecision(0, true, true, false) },
      { logonId: 'a', timeStamp: '2026-01-03', decision: restoreDecision(0, true, true, true) },
      { logonId: 'c', timeStamp: '2026-01-01', decision: restoreDecision(2, true, true, true) },
      { logonId: 'd', timeStamp: '2026-01-04', decision: restoreDecision(3, true, true, false) },
      { logonId: 'e', timeStamp: '2026-01-01', decision: restoreDecision(1, true, true, false) },
    ];
    expect(restoreOrder(rows).map((r) => r.logonId)).toEqual(['a', 'd', 'e', 'b']);
  });
});

describe('configuration check', () => {
  const agent = (
    agentId: number,
    logonId: string,
    over: Partial<{
      directoryNumber: string | null;
      dispatchPrivilege: boolean;
      personalDefaultDestination: string | null;
    }> = {},
  ) => ({
    groupId: 1,
    groupName: 'Personal',
    agentId,
    logonId,
    directoryNumber: '5000',
    dispatchPrivilege: true,
    personalDefaultDestination: null,
    ...over,
  });
  it('finds each broken piece and names the object to fix', () => {
    const found = checkConfiguration({
      personalGroups: [
        { id: 1, name: 'Personal', accessCount: 0, skillCount: 0 },
        { id: 2, name: 'Fine', accessCount: 1, skillCount: 1 },
      ],
      groupAgents: [
        agent(7, 'karen', { directoryNumber: null }),
        agent(8, 'lee', { dispatchPrivilege: false }),
        agent(9, 'ok', { dispatchPrivilege: false, personalDefaultDestination: '5100' }),
      ],
      numbers: [
        { agentId: 8, logonId: 'lee', directoryNumber: '555-0100' },
        { agentId: 9, logonId: 'ok', directoryNumber: '5550100' },
        { agentId: 10, logonId: 'x', directoryNumber: '5550101' },
      ],
    });
    expect(found.map((f) => [f.kind, f.target.type, f.target.id])).toEqual([
      ['groupWithoutAccess', 'serviceGroup', 1],
      ['groupWithoutSkills', 'serviceGroup', 1],
      ['agentWithoutDirectoryNumber', 'agent', 7],
      ['agentWithoutFallback', 'agent', 8],
      ['duplicateDirectoryNumber', 'agent', 8],
      ['duplicateDirectoryNumber', 'agent', 9],
    ]);
    expect(found[4]!.message).toBe(
      'lee shares Directory Number 555-0100 with ok (5550100): the called number cannot identify one agent.',
    );
  });
  it('numbers differing only in spaces, dashes and brackets are the same number', () => {
    expect(normalizeDirectoryNumber(' +1 (613) 555-0100 ')).toBe('+16135550100');
  });
});
