import { describe, expect, it } from 'vitest';
import { routePersonalCall, RULES, type AgentState, type CallScenario, type RuleId } from './personalCallRouting';

const state = (s: Partial<AgentState> = {}): AgentState => ({
  loggedOn: true,
  activity: 'idle',
  dispatchAccess: true,
  answersInTime: true,
  freeWithinMaxWait: false,
  personalDefaultReachable: true,
  systemDefaultReachable: true,
  ...s,
});
const scenario = (s: Partial<CallScenario> = {}, st: Partial<AgentState> = {}): CallScenario => ({
  group: { name: 'Personal', mediaType: 'voice', routing: 'manual', personalCalls: true, maxWaitPersonalSec: 30 },
  access: { name: 'Personal line', bvdNumber: '4001' },
  ringTimeSupervisionSec: 15,
  systemDefaultDestination: '5999',
  designation: { kind: 'calledNumber', number: '5000' },
  agent: { name: 'Karen Sharp', personalDefaultDestination: '5100' },
  state: state(st),
  ...s,
});
const rules = (s: CallScenario) => routePersonalCall(s).steps.map((x) => x.rule?.id);
const path = (s: CallScenario) => routePersonalCall(s);

// One test per sentence of seed 001's two sections (and the call flow of CONFIGURING PERSONAL CALL ROUTING).
describe('CONFIGURATION OF PERSONAL CALL ROUTING (with Dispatch)', () => {
  it('"…routed to agents through service groups defined as Voice – Manual Routing by checking the option Personal Calls": other groups do not route personal calls', () => {
    for (const group of [
      { name: 'A', mediaType: 'voice', routing: 'automatic' as const, personalCalls: false, maxWaitPersonalSec: 0 },
      { name: 'B', mediaType: 'voice', routing: 'manual' as const, personalCalls: false, maxWaitPersonalSec: 0 },
      { name: 'C', mediaType: 'email', routing: 'manual' as const, personalCalls: true, maxWaitPersonalSec: 0 },
    ]) {
      const p = path(scenario({ group }));
      expect(p.outcome).toBe('notPersonal');
      expect(p.steps.at(-1)!.rule).toBe(RULES.personalGroup);
    }
  });

  it('"…preferred agent routing will automatically be set for the service group"', () => {
    expect(rules(scenario())).toContain('preferredAgent');
  });

  it('"…the called number will be compared to the Personal Directory Number configured for the agent"', () => {
    const p = path(scenario());
    const compare = p.steps.find((s) => s.rule?.id === 'compare')!;
    expect(compare.says).toBe('Called number 5000 matches the Personal Directory Number of Karen Sharp.');
  });

  it('"If the numbers match and the agent is idle, the call is routed to the preferred agent, regardless of the agent\'s Voice Ready/Not Ready status."', () => {
    for (const activity of ['idle', 'notReady'] as const) {
      const p = path(scenario({}, { activity }));
      expect(p.outcome).toBe('agent');
      expect(p.steps.map((s) => s.rule?.id)).toEqual(['flowDivert', 'flowAccess', 'preferredAgent', 'compare', 'idle']);
    }
    expect(path(scenario({}, { activity: 'notReady' })).steps.at(-1)!.says).toMatch(/Voice Not Ready does not matter/);
  });

  it('"If the agent is currently busy with a voice call, the call is added to the Dispatch Call queue for the service group."', () => {
    const p = path(scenario({}, { activity: 'busyVoice' }));
    expect(p.steps.map((s) => s.rule?.id)).toContain('busy');
    expect(p.outcome).toBe('dispatchQueue');
  });

  it('"…designate a call to be sent to a preferred agent from Script Manager…"', () => {
    const p = path(scenario({ designation: { kind: 'script' } }));
    expect(p.steps.map((s) => s.rule?.id)).toEqual(['flowDivert', 'flowAccess', 'preferredAgent', 'script', 'idle']);
    expect(p.outcome).toBe('agent');
  });

  it('"If the agent cannot be identified, the call will be added to the Dispatch queue… generally available to all agents skilled…"', () => {
    const p = path(scenario({ agent: null }));
    expect(p.outcome).toBe('dispatchQueue');
    expect(p.steps.map((s) => s.rule?.id).slice(-3)).toEqual(['compare', 'unidentified', 'select']);
    expect(p.steps.find((s) => s.rule?.id === 'compare')!.says).toMatch(/matches no agent/);
    expect(path(scenario({ agent: null, designation: { kind: 'script' } })).outcome).toBe('dispatchQueue');
  });

  it('"The agent can select a call from the Dispatch queue for immediate routing to that agent."', () => {
    const p = path(scenario({}, { activity: 'busyVoice', freeWithinMaxWait: true }));
    expect(p.steps.at(-1)!.rule?.id).toBe('select');
    expect(p.outcome).toBe('agent');
  });

  it('"If the agent is not logged on, the call will be diverted to the agent\'s configured Default Destination for personal calls."', () => {
    const p = path(scenario({}, { loggedOn: false }));
    expect(p.outcome).toBe('personalDefault');
    expect(p.steps.at(-1)).toMatchObject({ rule: RULES.notLoggedOn, says: expect.stringContaining('5100') });
    // with or without Dispatch: a logged-off agent has no Dispatch access to speak of
    expect(path(scenario({}, { loggedOn: false, dispatchAccess: false })).outcome).toBe('personalDefault');
  });

  it('"If this fails, the call will remain in the Dispatch queue." (unreachable, or none configured)', () => {
    const failed = path(scenario({}, { loggedOn: false, personalDefaultReachable: false }));
    expect(failed.outcome).toBe('dispatchQueue');
    expect(failed.steps.map((s) => s.rule?.id).slice(-3)).toEqual(['notLoggedOn', 'notLoggedOnFails', 'select']);
    const none = path(
      scenario({ agent: { name: 'Lee Scott', personalDefaultDestination: null } }, { loggedOn: false }),
    );
    expect(none.outcome).toBe('dispatchQueue');
    expect(none.summary).toMatch(/not configured/);
  });

  it('"…doesn\'t answer the personal call within the configured Ring Time Supervision value, the call will be added to the Dispatch queue…"', () => {
    const p = path(scenario({}, { answersInTime: false }));
    expect(p.outcome).toBe('dispatchQueue');
    expect(p.steps.find((s) => s.rule?.id === 'ringTime')!.says).toMatch(/Ring Time Supervision \(15 seconds\)/);
  });

  it('"If the agent is busy, the call will wait in the Dispatch queue for… Maximum Wait Time for Personal Call…; if the agent doesn\'t retrieve the call… generally available"', () => {
    const p = path(scenario({}, { activity: 'busyVoice', freeWithinMaxWait: false }));
    expect(p.steps.map((s) => s.rule?.id).slice(-3)).toEqual(['busy', 'licence', 'maxWait']);
    expect(p.steps.at(-1)!.says).toMatch(/30 seconds.*all agents skilled/);
    expect(p.outcome).toBe('dispatchQueue');
  });

  it('"Accessing personal calls from the Dispatch queue requires that a Dispatch agent license is available and assigned to the agent."', () => {
    expect(rules(scenario({}, { activity: 'busyVoice' }))).toContain('licence');
    // without the licence the agent is never offered the queue: the WITHOUT DISPATCH rules apply
    expect(rules(scenario({}, { activity: 'busyVoice', dispatchAccess: false }))).not.toContain('licence');
  });
});

describe('PERSONAL CALL ROUTING WITHOUT DISPATCH', () => {
  const noDispatch = (st: Partial<AgentState> = {}, s: Partial<CallScenario> = {}) =>
    scenario(s, { dispatchAccess: false, ...st });

  it('"If an agent logs on without access to the Dispatch queue… personal call routing is still supported."', () => {
    expect(rules(noDispatch())).toContain('withoutDispatch');
  });

  it('"When personal calls arrive, they will be sent directly to the agent, if logged on and idle."', () => {
    const p = path(noDispatch());
    expect(p.outcome).toBe('agent');
    expect(p.steps.map((s) => s.rule?.id).slice(-3)).toEqual(['withoutDispatch', 'direct', 'ringTimeout']);
  });

  it('"The ring timeout value for the call will be the Maximum Wait Time for Personal Call value… instead of the regular Ring Time Supervision value"', () => {
    const p = path(noDispatch());
    expect(p.steps.at(-1)!.says).toBe(
      'It rings for Maximum Wait Time for Personal Call (30 seconds) instead of Ring Time Supervision (15 seconds).',
    );
    expect(rules(noDispatch({ answersInTime: false }))).not.toContain('ringTime');
  });

  it('"If the agent is busy, the call will wait for the agent based on… Maximum Wait Time for Personal Call"', () => {
    const p = path(noDispatch({ activity: 'busyVoice', freeWithinMaxWait: true }));
    expect(p.steps.map((s) => s.rule?.id).slice(-2)).toEqual(['waitForAgent', 'direct']);
    expect(p.outcome).toBe('agent');
  });

  it('"Once that time has expired, the call will be deflected to the agent\'s personal call default destination. It will not be added to the Dispatch queue."', () => {
    const p = path(noDispatch({ activity: 'busyVoice' }));
    expect(p.outcome).toBe('personalDefault');
    expect(p.steps.map((s) => s.rule?.id)).not.toContain('busy');
    expect(p.steps.find((s) => s.rule?.id === 'deflect')!.says).toMatch(/5100, not to the Dispatch queue/);
    // an idle agent who lets it ring out reaches the same deflection (stated as an interpretation)
    const rang = path(noDispatch({ answersInTime: false }));
    expect(rang.outcome).toBe('personalDefault');
    expect(rang.steps.find((s) => s.rule?.id === 'deflect')!.says).toMatch(
      /Configuration of Personal Call Routing states this deflection for the busy case/,
    );
  });

  it('"If the call fails to deflect to the agent\'s personal call default destination, MiCC Enterprise will attempt… the system default destination."', () => {
    const p = path(noDispatch({ activity: 'busyVoice', personalDefaultReachable: false }));
    expect(p.outcome).toBe('systemDefault');
    expect(p.steps.at(-1)).toMatchObject({ rule: RULES.systemDefault, says: expect.stringContaining('5999') });
    expect(
      path(noDispatch({ activity: 'busyVoice' }, { agent: { name: 'Lee', personalDefaultDestination: null } })).outcome,
    ).toBe('systemDefault');
  });

  it('"If that fails, the call will be added to the Dispatch queue so it can be answered by another agent with Dispatch privilege."', () => {
    const p = path(
      noDispatch({ activity: 'busyVoice', personalDefaultReachable: false, systemDefaultReachable: false }),
    );
    expect(p.outcome).toBe('dispatchQueue');
    expect(p.steps.map((s) => s.rule?.id).slice(-2)).toEqual(['lastResort', 'notDirect']);
    expect(
      path(noDispatch({ activity: 'busyVoice', personalDefaultReachable: false }, { systemDefaultDestination: null }))
        .outcome,
    ).toBe('dispatchQueue');
  });

  it('"…once the call is added to the Dispatch queue, it will not be sent directly to the agent. It must be selected from the Dispatch queue."', () => {
    const p = path(
      noDispatch({
        activity: 'busyVoice',
        personalDefaultReachable: false,
        systemDefaultReachable: false,
        freeWithinMaxWait: false,
      }),
    );
    expect(p.steps.at(-1)!.says).toBe(
      'It will not be sent directly to Karen Sharp; it must be selected from the Dispatch queue.',
    );
  });

  it('"This allows agents without Dispatch licenses to receive personal calls."', () => {
    expect(rules(noDispatch({ activity: 'busyVoice' }))).toContain('purpose');
  });
});

describe('the rule table', () => {
  it('quotes every rule at least once across the scenarios above, and each step names its section', () => {
    const seen = new Set<RuleId>();
    const all: CallScenario[] = [];
    for (const loggedOn of [true, false])
      for (const activity of ['idle', 'notReady', 'busyVoice'] as const)
        for (const dispatchAccess of [true, false])
          for (const answersInTime of [true, false])
            for (const freeWithinMaxWait of [true, false])
              for (const personalDefaultReachable of [true, false])
                for (const systemDefaultReachable of [true, false])
                  all.push(
                    scenario(
                      {},
                      {
                        loggedOn,
                        activity,
                        dispatchAccess,
                        answersInTime,
                        freeWithinMaxWait,
                        personalDefaultReachable,
                        systemDefaultReachable,
                      },
                    ),
                  );
    all.push(
      scenario({ agent: null }),
      scenario({ designation: { kind: 'script' } }),
      scenario({
        group: { name: 'X', mediaType: 'voice', routing: 'automatic', personalCalls: false, maxWaitPersonalSec: 0 },
      }),
    );
    for (const s of all) for (const step of routePersonalCall(s).steps) if (step.rule) seen.add(step.rule.id as RuleId);
    expect([...seen].sort()).toEqual((Object.keys(RULES) as RuleId[]).sort());
  });
});
