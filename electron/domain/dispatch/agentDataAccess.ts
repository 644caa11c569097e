/**
 * AGENT DATA ACCESS (seed 001), the two service-group rows of the table: which service
 * groups an agent sees in the Dispatch window and in the Real-Time window. Pure.
 *
 * Two readings the seed leaves open, made explicit here:
 * - "Skilled to serve": the agent holds at least one of the skills assigned to the service
 *   group (a group with no skills is served by nobody through skills).
 * - "Permission for the service group": this console grants permissions per area, so an
 *   agent whose user type grants read or read-write on Dispatch Groups has it for every group.
 */
export interface GroupFacts {
  id: number;
  name: string;
  routing: 'automatic' | 'manual';
  displayInDispatch: boolean;
  skillIds: readonly number[];
}

export interface AgentFacts {
  skillIds: readonly number[];
  /** The user type grants read, read/write or write on service groups. */
  hasGroupPermission: boolean;
}

export interface VisibleGroup {
  id: number;
  name: string;
  /** Dispatch window: the agent cannot answer or move calls of this group. */
  readOnly: boolean;
  why: string;
}

export const isSkilled = (agentSkills: ReadonlySet<number>, g: GroupFacts) =>
  g.skillIds.some((s) => agentSkills.has(s));

export function dispatchWindow(
  agent: AgentFacts,
  groups: readonly GroupFacts[],
  allowViewAll: boolean,
): VisibleGroup[] {
  const skills = new Set(agent.skillIds);
  const out: VisibleGroup[] = [];
  for (const g of groups) {
    const kind = g.routing === 'manual' ? 'Manual Routing' : g.displayInDispatch ? 'Display in Dispatch' : null;
    if (!kind) continue;
    if (isSkilled(skills, g))
      out.push({ id: g.id, name: g.name, readOnly: false, why: `${kind}, and the agent is skilled to serve it.` });
    else if (allowViewAll)
      out.push({
        id: g.id,
        name: g.name,
        readOnly: true,
        why:
          `${kind}; Allow Agents to View all Dispatch Groups is set but the agent is not skilled to serve it, so ` +
          `its calls are read-only.`,
      });
  }
  return out;
}

export function realTimeWindow(agent: AgentFacts, groups: readonly GroupFacts[]): VisibleGroup[] {
  const skills = new Set(agent.skillIds);
  const out: VisibleGroup[] = [];
  for (const g of groups) {
    const skilled = isSkilled(skills, g);
    if (!skilled && !agent.hasGroupPermission) continue;
    const why =
      agent.hasGroupPermission && skilled
        ? 'The agent has permission for it and is skilled to serve it.'
        : agent.hasGroupPermission
          ? 'The agent has permission for it.'
          : 'The agent is skilled to serve it (shown even without permission).';
    out.push({ id: g.id, name: g.name, readOnly: false, why });
  }
  return out;
}
