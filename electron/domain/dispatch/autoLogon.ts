/**
 * PHONE AGENT AUTOMATIC LOGON and DATABASE HANDLING (seed 001): who is logged on again
 * after the Router Service restarts. Pure.
 */

export interface RestoreDecision {
  restored: boolean;
  priority: boolean;
  reason: string;
}

/**
 * - "By default, all agents will be set to use the system setting" (option 0 → the tenant's
 *   Automatically Restore Logon Status After Restart).
 * - "Restore Logon State … regardless of the system setting" (1), "Don't Restore Logon
 *   State … never" (2), "Restore Logon State with Priority … logged on before any other" (3).
 * - The row's priority_logon: "the agent is set for priority logon, so it should be logged on
 *   before any agents that do not have this value set."
 * - Only agents in phone_agent_logon can be restored: "the phone agent must have previously
 *   logged on" (the row carries the extension and call manager).
 */
export function restoreDecision(
  option: number,
  tenantAutoRestore: boolean,
  hasRow: boolean,
  priorityLogon: boolean,
): RestoreDecision {
  if (!hasRow)
    return {
      restored: false,
      priority: false,
      reason: 'Not in phone_agent_logon: never logged on, so no extension or call manager to restore.',
    };
  switch (option) {
    case 1:
      return {
        restored: true,
        priority: priorityLogon,
        reason: priorityLogon
          ? 'Restore Logon State; priority_logon is set in the table.'
          : 'User option Restore Logon State (regardless of the system setting).',
      };
    case 2:
      return { restored: false, priority: false, reason: "User option Don't Restore Logon State (never restored)." };
    case 3:
      return { restored: true, priority: true, reason: 'User option Restore Logon State with Priority.' };
    default:
      return tenantAutoRestore
        ? {
            restored: true,
            priority: priorityLogon,
            reason: priorityLogon
              ? 'System setting Automatically Restore Logon Status After Restart; priority_logon is set in the table.'
              : 'System setting Automatically Restore Logon Status After Restart.',
          }
        : {
            restored: false,
            priority: false,
            reason: 'Uses the system setting, and Automatically Restore Logon Status After Restart is off.',
          };
  }
}

/**
 * Restore order: priority agents first, then the rest; within each, as the table was last updated (oldest first), then
 * by logon ID.
 */
export function restoreOrder<T extends { decision: RestoreDecision; timeStamp: string; logonId: string }>(
  rows: readonly T[],
): T[] {
  return rows
    .filter((r) => r.decision.restored)
    .sort(
      (a, b) =>
        Number(b.decision.priority) - Number(a.decision.priority) ||
        a.timeStamp.localeCompare(b.timeStamp) ||
        a.logonId.localeCompare(b.logonId),
    );
}
