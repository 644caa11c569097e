/**
 * What would break personal call routing (CONFIGURING PERSONAL CALL ROUTING steps 3–5 and the
 * fallbacks of the two routing sections). Pure: the service loads the facts.
 */
export type FindingKind =
  | 'groupWithoutAccess'
  | 'groupWithoutSkills'
  | 'agentWithoutDirectoryNumber'
  | 'duplicateDirectoryNumber'
  | 'agentWithoutFallback';

export interface Finding {
  kind: FindingKind;
  message: string;
  /** The object to open to fix it. */
  target: { type: 'serviceGroup' | 'agent'; id: number; name: string };
}

export interface CheckFacts {
  personalGroups: ReadonlyArray<{ id: number; name: string; accessCount: number; skillCount: number }>;
  /** Agents skilled to serve a Personal Calls group (one row per agent and group). */
  groupAgents: ReadonlyArray<{
    groupId: number;
    groupName: string;
    agentId: number;
    logonId: string;
    directoryNumber: string | null;
    dispatchPrivilege: boolean;
    personalDefaultDestination: string | null;
  }>;
  /** Every (non-deleted) agent with a Directory Number. */
  numbers: ReadonlyArray<{ agentId: number; logonId: string; directoryNumber: string }>;
}

/**
 * Two numbers that route to the same place: the call manager compares digits, so spaces,
 * dashes, dots and brackets do not make numbers different ("+1 613-555 0100" = "+16135550100").
 */
export function normalizeDirectoryNumber(n: string): string {
  return n.trim().replace(/[\s\-.()/]/g, '');
}

export function checkConfiguration(f: CheckFacts): Finding[] {
  const out: Finding[] = [];
  for (const g of f.personalGroups) {
    const target = { type: 'serviceGroup' as const, id: g.id, name: g.name };
    if (g.accessCount === 0)
      out.push({
        kind: 'groupWithoutAccess',
        target,
        message:
          `"${g.name}" has Personal Calls set but no service access (BVD) routes to it (step 5: "Create a ` +
          `service access associated with the BVD and set it to route to the personal calls service group").`,
      });
    if (g.skillCount === 0)
      out.push({
        kind: 'groupWithoutSkills',
        target,
        message:
          `"${g.name}" has Personal Calls set but no skills: no agent is skilled to serve it, so calls left ` +
          `in its Dispatch queue reach nobody.`,
      });
  }
  const seen = new Set<number>();
  for (const a of f.groupAgents) {
    const target = { type: 'agent' as const, id: a.agentId, name: a.logonId };
    if (!seen.has(a.agentId)) {
      seen.add(a.agentId);
      if (!a.directoryNumber)
        out.push({
          kind: 'agentWithoutDirectoryNumber',
          target,
          message:
            `${a.logonId} serves "${a.groupName}" but has no Directory Number: personal calls cannot be ` +
            `matched to them (step 3).`,
        });
    }
    if (!a.dispatchPrivilege && !a.personalDefaultDestination) {
      out.push({
        kind: 'agentWithoutFallback',
        target,
        message:
          `${a.logonId} serves "${a.groupName}" without Dispatch privilege and without a personal call ` +
          `default destination: calls they do not take go to the system default destination, or to the Dispatch ` +
          `queue for other agents.`,
      });
    }
  }
  const byNumber = new Map<string, Array<{ agentId: number; logonId: string; directoryNumber: string }>>();
  for (const n of f.numbers) {
    const key = normalizeDirectoryNumber(n.directoryNumber);
    const list = byNumber.get(key);
    if (list) list.push(n);
    else byNumber.set(key, [n]);
  }
  for (const list of byNumber.values()) {
    if (list.length < 2) continue;
    for (const n of list) {
      const others = list
        .filter((o) => o !== n)
        .map((o) => `${o.logonId} (${o.directoryNumber})`)
        .join(', ');
      out.push({
        kind: 'duplicateDirectoryNumber',
        target: { type: 'agent', id: n.agentId, name: n.logonId },
        message:
          `${n.logonId} shares Directory Number ${n.directoryNumber} with ${others}: the called number cannot ` +
          `identify one agent.`,
      });
    }
  }
  return out;
}
