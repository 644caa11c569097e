import { PHONE_AGENT_LOGON_LABELS, PHONE_AGENT_LOGON_OPTIONS, type PhoneAgentLogon } from '../../contract';

/**
 * The users CSV: the grid's columns plus the General page's fields. Import reads the
 * editable ones (any order, header names ignore case and spaces); Locked, Synchronized,
 * Sync ID and Last Logon are exported for reading and ignored on import (a Sync ID is only
 * ever set by user synchronization; passwords never travel in a CSV).
 */
export const CSV_COLUMNS = [
  { key: 'logonId', header: 'Logon ID', importable: true },
  { key: 'firstName', header: 'First Name', importable: true },
  { key: 'lastName', header: 'Last Name', importable: true },
  { key: 'directoryNumber', header: 'Directory Number', importable: true },
  { key: 'agentGroup', header: 'Agent Group', importable: true },
  { key: 'userType', header: 'User Type', importable: true },
  { key: 'externalLogonId', header: 'External Logon ID', importable: true },
  { key: 'chatDisplayName', header: 'Chat Display Name', importable: true },
  { key: 'circuitUser', header: 'Circuit User', importable: true },
  { key: 'phoneAgentLogon', header: 'Phone Agent Logon', importable: true },
  { key: 'personalDefaultDestination', header: 'Default Destination', importable: true },
  { key: 'dispatchPrivilege', header: 'Dispatch Privilege', importable: true },
  { key: 'locked', header: 'Locked', importable: false },
  { key: 'synchronized', header: 'Synchronized', importable: false },
  { key: 'syncId', header: 'Sync ID', importable: false },
  { key: 'lastLogonAt', header: 'Last Logon', importable: false },
] as const;

export type ImportableKey = Extract<(typeof CSV_COLUMNS)[number], { importable: true }>['key'];

export const headerKey = (h: string) => h.replace(/[\s_-]+/g, '').toLowerCase();

export function phoneAgentLogonLabel(v: PhoneAgentLogon): string {
  return PHONE_AGENT_LOGON_LABELS[v];
}

/** The seed's label (any case; straight or curly apostrophe) or the stored number 0–3. */
export function parsePhoneAgentLogon(text: string): PhoneAgentLogon | null {
  const t = text.trim().toLowerCase().replace(/[’']/g, '');
  if (/^[0-3]$/.test(t)) return PHONE_AGENT_LOGON_OPTIONS[Number(t)]!;
  for (const o of PHONE_AGENT_LOGON_OPTIONS)
    if (PHONE_AGENT_LOGON_LABELS[o].toLowerCase().replace(/[’']/g, '') === t) return o;
  return null;
}

export function parseYesNo(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (['yes', 'y', 'true', '1', 'x'].includes(t)) return true;
  if (['no', 'n', 'false', '0', ''].includes(t)) return false;
  return null;
}
