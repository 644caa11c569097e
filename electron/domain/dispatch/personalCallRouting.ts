/**
 * Personal call routing, exactly as seed 001 states it (CONFIGURATION OF PERSONAL CALL
 * ROUTING; PERSONAL CALL ROUTING WITHOUT DISPATCH; the call flow of CONFIGURING PERSONAL
 * CALL ROUTING). Pure: the console has no live call manager, so the "What happens to this
 * call?" preview runs these rules on the configuration plus the agent state the user sets.
 * Every step quotes the sentence it applies; where the seed is silent the step says so.
 */

export type RuleSection =
  | 'CONFIGURATION OF PERSONAL CALL ROUTING'
  | 'PERSONAL CALL ROUTING WITHOUT DISPATCH'
  | 'CONFIGURING PERSONAL CALL ROUTING';

export interface Rule {
  readonly id: string;
  readonly section: RuleSection;
  /** The seed's sentence, verbatim. */
  readonly text: string;
}

const WITH: RuleSection = 'CONFIGURATION OF PERSONAL CALL ROUTING';
const WITHOUT: RuleSection = 'PERSONAL CALL ROUTING WITHOUT DISPATCH';
const FLOW: RuleSection = 'CONFIGURING PERSONAL CALL ROUTING';

/** The seed's sentences, one constant each (the tests walk them one by one). */
export const RULES = {
  personalGroup: {
    id: 'personalGroup',
    section: WITH,
    text:
      'Personal calls can be routed to agents through service groups defined as Voice – Manual Routing by ' +
      'checking the option Personal Calls when defining the service group in Configuration Manager.',
  },
  preferredAgent: {
    id: 'preferredAgent',
    section: WITH,
    text:
      'When the option Personal Calls is set for a Voice - Manual Routing service group, preferred agent routing ' +
      'will automatically be set for the service group.',
  },
  compare: {
    id: 'compare',
    section: WITH,
    text:
      'When calls arrive to the service group, the called number will be compared to the Personal Directory ' +
      'Number configured for the agent.',
  },
  idle: {
    id: 'idle',
    section: WITH,
    text:
      'If the numbers match and the agent is idle, the call is routed to the preferred agent, regardless of the ' +
      "agent's Voice Ready/Not Ready status.",
  },
  busy: {
    id: 'busy',
    section: WITH,
    text:
      'If the agent is currently busy with a voice call, the call is added to the Dispatch Call queue for the ' +
      'service group.',
  },
  script: {
    id: 'script',
    section: WITH,
    text:
      'It is also possible to designate a call to be sent to a preferred agent from Script Manager when the call ' +
      'is routed to a Voice – Manual Routing service group with the Personal Calls option set.',
  },
  unidentified: {
    id: 'unidentified',
    section: WITH,
    text:
      'If the agent cannot be identified, the call will be added to the Dispatch queue for the service group, ' +
      'and it will be generally available to all agents skilled to serve the service group.',
  },
  select: {
    id: 'select',
    section: WITH,
    text: 'The agent can select a call from the Dispatch queue for immediate routing to that agent.',
  },
  notLoggedOn: {
    id: 'notLoggedOn',
    section: WITH,
    text:
      "If the agent is not logged on, the call will be diverted to the agent's configured Default Destination " +
      'for personal calls.',
  },
  notLoggedOnFails: {
    id: 'notLoggedOnFails',
    section: WITH,
    text: 'If this fails, the call will remain in the Dispatch queue.',
  },
  ringTime: {
    id: 'ringTime',
    section: WITH,
    text:
      "If the call is routed to the agent and the agent doesn't answer the personal call within the configured " +
      'Ring Time Supervision value, the call will be added to the Dispatch queue for the service group, and it will ' +
      'be generally available to all agents skilled to serve the service group.',
  },
  maxWait: {
    id: 'maxWait',
    section: WITH,
    text:
      'If the agent is busy, the call will wait in the Dispatch queue for the configured Maximum Wait Time for ' +
      "Personal Call value; if the agent doesn't retrieve the call within that time period, the call will be " +
      'generally available to all agents skilled to serve the service group.',
  },
  licence: {
    id: 'licence',
    section: WITH,
    text:
      'Accessing personal calls from the Dispatch queue requires that a Dispatch agent license is available and ' +
      'assigned to the agent.',
  },

  withoutDispatch: {
    id: 'withoutDispatch',
    section: WITHOUT,
    text:
      'If an agent logs on without access to the Dispatch queue, either due to no assigned privilege or license ' +
      'available, personal call routing is still supported.',
  },
  direct: {
    id: 'direct',
    section: WITHOUT,
    text: 'When personal calls arrive, they will be sent directly to the agent, if logged on and idle.',
  },
  ringTimeout: {
    id: 'ringTimeout',
    section: WITHOUT,
    text:
      'The ring timeout value for the call will be the Maximum Wait Time for Personal Call value configured for ' +
      'the service group instead of the regular Ring Time Supervision value for the system.',
  },
  waitForAgent: {
    id: 'waitForAgent',
    section: WITHOUT,
    text:
      'If the agent is busy, the call will wait for the agent based on the amount of time configured as the ' +
      'Maximum Wait Time for Personal Call value for the service group.',
  },
  deflect: {
    id: 'deflect',
    section: WITHOUT,
    text:
      "Once that time has expired, the call will be deflected to the agent's personal call default destination. " +
      'It will not be added to the Dispatch queue.',
  },
  systemDefault: {
    id: 'systemDefault',
    section: WITHOUT,
    text:
      "If the call fails to deflect to the agent's personal call default destination, MiCC Enterprise will " +
      'attempt to deflect the call to the system default destination.',
  },
  lastResort: {
    id: 'lastResort',
    section: WITHOUT,
    text:
      'If that fails, the call will be added to the Dispatch queue so it can be answered by another agent with ' +
      'Dispatch privilege.',
  },
  notDirect: {
    id: 'notDirect',
    section: WITHOUT,
    text:
      'Note that once the call is added to the Dispatch queue, it will not be sent directly to the agent. It ' +
      'must be selected from the Dispatch queue.',
  },
  purpose: {
    id: 'purpose',
    section: WITHOUT,
    text: 'This allows agents without Dispatch licenses to receive personal calls.',
  },

  flowDivert: {
    id: 'flowDivert',
    section: FLOW,
    text:
      'The call diverts to a CTI group which is associated with the service access that was created to handle ' +
      'the personal calls.',
  },
  flowAccess: {
    id: 'flowAccess',
    section: FLOW,
    text: 'The service access routes the call to the personal calls service group.',
  },
} as const satisfies Record<string, Rule>;

export type RuleId = keyof typeof RULES;

/**
 * What the user sets in the preview. "idle" and "notReady" are both idle (no voice call); notReady is Voice Not Ready.
 */
export type AgentActivity = 'idle' | 'notReady' | 'busyVoice';

export interface AgentState {
  loggedOn: boolean;
  activity: AgentActivity;
  /** Dispatch privilege assigned and a Dispatch licence available. */
  dispatchAccess: boolean;
  /** Answers the personal call while it rings (within the ring timeout that applies). */
  answersInTime: boolean;
  /**
   * Busy agent: retrieves the call from the Dispatch queue / becomes free within Maximum Wait Time for Personal Call.
   */
  freeWithinMaxWait: boolean;
  /** The personal call default destination accepts the deflected call. */
  personalDefaultReachable: boolean;
  /** The system default destination accepts the deflected call. */
  systemDefaultReachable: boolean;
}

export interface CallScenario {
  group: {
    name: string;
    mediaType: string;
    routing: 'automatic' | 'manual';
    personalCalls: boolean;
    maxWaitPersonalSec: number;
  };
  /** How the call reached the group, when it came through a service access (BVD). */
  access?: { name: string; bvdNumber: string } | null;
  ringTimeSupervisionSec: number;
  systemDefaultDestination: string | null;
  /** The called number (compared to Personal Directory Numbers), or an agent designated by a script. */
  designation: { kind: 'calledNumber'; number: string } | { kind: 'script' };
  /** The agent the designation identifies; null = not identified. */
  agent: { name: string; personalDefaultDestination: string | null } | null;
  state: AgentState;
}

/** Where the call ends up. */
export type Outcome =
  | 'agent' // answered by the preferred agent
  | 'dispatchQueue' // in the Dispatch queue, generally available to all agents skilled to serve the group
  | 'personalDefault' // deflected / diverted to the agent's personal call default destination
  | 'systemDefault' // deflected to the system default destination
  | 'notPersonal'; // the group does not handle personal calls

export interface Step {
  rule: Rule | null;
  /** What happens to this call, in the preview's words. */
  says: string;
}

export interface CallPath {
  steps: Step[];
  outcome: Outcome;
  /** One line for the result header. */
  summary: string;
}

const secs = (n: number) => `${n} second${n === 1 ? '' : 's'}`;

export function routePersonalCall(s: CallScenario): CallPath {
  const steps: Step[] = [];
  const step = (id: RuleId | null, says: string) => steps.push({ rule: id ? RULES[id] : null, says });
  const done = (outcome: Outcome, summary: string): CallPath => ({ steps, outcome, summary });
  const g = s.group;

  if (s.access) {
    step('flowDivert', `The call reaches service access "${s.access.name}" (BVD ${s.access.bvdNumber}).`);
    step('flowAccess', `Service access "${s.access.name}" routes the call to service group "${g.name}".`);
  }
  if (!(g.mediaType === 'voice' && g.routing === 'manual' && g.personalCalls)) {
    step(
      'personalGroup',
      `"${g.name}" is not a Voice – Manual Routing group with Personal Calls set, so the call is not routed as a ` +
        `personal call.`,
    );
    return done('notPersonal', `Not a personal call: "${g.name}" does not have Personal Calls set.`);
  }
  step('preferredAgent', `"${g.name}" has Personal Calls set: preferred agent routing is on.`);

  if (s.designation.kind === 'calledNumber') {
    step(
      'compare',
      s.agent
        ? `Called number ${s.designation.number} matches the Personal Directory Number of ${s.agent.name}.`
        : `Called number ${s.designation.number} matches no agent's Personal Directory Number.`,
    );
  } else {
    step(
      'script',
      s.agent
        ? `Script Manager designates ${s.agent.name} as the preferred agent.`
        : 'Script Manager designates no agent that can be identified.',
    );
  }
  const agent = s.agent;
  if (!agent) {
    step(
      'unidentified',
      `The call is added to the Dispatch queue of "${g.name}", available to all agents skilled to serve it.`,
    );
    step('select', 'An agent selects it from the Dispatch queue and it is routed to that agent.');
    return done('dispatchQueue', 'Dispatch queue: the agent could not be identified.');
  }
  const st = s.state;

  if (!st.loggedOn) {
    const dest = agent.personalDefaultDestination;
    step(
      'notLoggedOn',
      dest
        ? `${agent.name} is not logged on: the call is diverted to their Default Destination for personal calls, ` +
            `${dest}.`
        : `${agent.name} is not logged on and has no Default Destination for personal calls.`,
    );
    if (dest && st.personalDefaultReachable)
      return done('personalDefault', `Diverted to ${agent.name}'s personal default destination ${dest}.`);
    step(
      'notLoggedOnFails',
      `${dest ? `The diversion to ${dest} fails` : 'There is nowhere to divert to'}: the call remains in the ` +
        `Dispatch queue of "${g.name}".`,
    );
    step('select', 'An agent skilled to serve the group selects it from the Dispatch queue.');
    return done(
      'dispatchQueue',
      `Dispatch queue: ${agent.name} is not logged on and the default destination ` +
        `${dest ? 'failed' : 'is not configured'}.`,
    );
  }

  const idleNote = st.activity === 'notReady' ? ' (Voice Not Ready does not matter)' : '';
  if (st.dispatchAccess) {
    if (st.activity !== 'busyVoice') {
      step('idle', `${agent.name} is idle${idleNote}: the call is routed to them.`);
      if (st.answersInTime) return done('agent', `Answered by ${agent.name}.`);
      step(
        'ringTime',
        `${agent.name} does not answer within Ring Time Supervision (${secs(s.ringTimeSupervisionSec)}): the call is ` +
          `added to the Dispatch queue of "${g.name}", available to all agents skilled to serve it.`,
      );
      step('select', 'An agent selects it from the Dispatch queue and it is routed to that agent.');
      return done(
        'dispatchQueue',
        `Dispatch queue: not answered within Ring Time Supervision (${secs(s.ringTimeSupervisionSec)}).`,
      );
    }
    step(
      'busy',
      `${agent.name} is busy with a voice call: the call is added to the Dispatch Call queue of "${g.name}".`,
    );
    step(
      'licence',
      `${agent.name} has a Dispatch agent licence, so they can take the personal call from the Dispatch queue.`,
    );
    if (st.freeWithinMaxWait) {
      step(
        'select',
        `${agent.name} selects the call from the Dispatch queue within Maximum Wait Time for Personal Call ` +
          `(${secs(g.maxWaitPersonalSec)}) and it is routed to them.`,
      );
      return done('agent', `Taken by ${agent.name} from the Dispatch queue.`);
    }
    step(
      'maxWait',
      `${agent.name} does not retrieve it within Maximum Wait Time for Personal Call ` +
        `(${secs(g.maxWaitPersonalSec)}): the call becomes available to all agents skilled to serve "${g.name}".`,
    );
    return done(
      'dispatchQueue',
      `Dispatch queue: not retrieved within Maximum Wait Time for Personal Call (${secs(g.maxWaitPersonalSec)}).`,
    );
  }

  step(
    'withoutDispatch',
    `${agent.name} is logged on without access to the Dispatch queue: personal call routing still applies.`,
  );
  if (st.activity !== 'busyVoice') {
    step('direct', `${agent.name} is logged on and idle${idleNote}: the call is sent directly to them.`);
    step(
      'ringTimeout',
      `It rings for Maximum Wait Time for Personal Call (${secs(g.maxWaitPersonalSec)}) instead of Ring Time ` +
        `Supervision (${secs(s.ringTimeSupervisionSec)}).`,
    );
    if (st.answersInTime) return done('agent', `Answered by ${agent.name}.`);
    // The seed names only the busy case's expiry; an unanswered ring timeout ends the same wait.
    step(
      'deflect',
      `Not answered within ${secs(g.maxWaitPersonalSec)}. (Configuration of Personal Call Routing states this ` +
        `deflection for the busy case; the ring timeout above is the same Maximum Wait Time, so the preview applies ` +
        `it here too.)`,
    );
  } else {
    step(
      'waitForAgent',
      `${agent.name} is busy: the call waits for them for Maximum Wait Time for Personal Call ` +
        `(${secs(g.maxWaitPersonalSec)}).`,
    );
    if (st.freeWithinMaxWait) {
      step('direct', `${agent.name} becomes idle within the wait: the call is sent directly to them.`);
      return done('agent', `Answered by ${agent.name} after waiting.`);
    }
  }
  const dest = agent.personalDefaultDestination;
  step(
    'deflect',
    dest
      ? `The time has expired: the call is deflected to ${agent.name}'s personal call default destination ${dest}, ` +
          `not to the Dispatch queue.`
      : `The time has expired: ${agent.name} has no personal call default destination, so the deflection fails.`,
  );
  if (dest && st.personalDefaultReachable) {
    step('purpose', `${agent.name} receives personal calls without a Dispatch licence.`);
    return done('personalDefault', `Deflected to ${agent.name}'s personal call default destination ${dest}.`);
  }
  const sys = s.systemDefaultDestination;
  step(
    'systemDefault',
    sys
      ? `The deflection to the personal default destination fails: the call is deflected to the system default ` +
          `destination ${sys}.`
      : 'The deflection to the personal default destination fails, and no system default destination is configured.',
  );
  if (sys && st.systemDefaultReachable)
    return done('systemDefault', `Deflected to the system default destination ${sys}.`);
  step(
    'lastResort',
    `That fails too: the call is added to the Dispatch queue of "${g.name}" to be answered by another agent with ` +
      `Dispatch privilege.`,
  );
  step('notDirect', `It will not be sent directly to ${agent.name}; it must be selected from the Dispatch queue.`);
  return done(
    'dispatchQueue',
    'Dispatch queue: both default destinations failed; only agents with Dispatch privilege can take it.',
  );
}
