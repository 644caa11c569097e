import { AREAS, type Area, type PermissionSet } from '../contract';

type BuiltIn = 'administrator' | 'supervisor' | 'fieldTechnician' | 'agent';

/**
 * What each built-in user type grants, one row per area (electron/contract/permissions.ts AREAS):
 * a new area does not compile until it says here what the shipped user types get on it.
 * Missing = none.
 */
const LEVELS_BY_AREA: Record<Area, Partial<Record<BuiltIn, 'read' | 'write'>>> = {
  users: { administrator: 'write', supervisor: 'write' },
  objectTags: { administrator: 'write', supervisor: 'read' },
  dispatch: { administrator: 'write', supervisor: 'read' },
  responseFiles: { administrator: 'write', supervisor: 'read' },
  sso: { administrator: 'write', supervisor: 'read' },
  system: { administrator: 'write', supervisor: 'read' },
  alarms: { administrator: 'write', supervisor: 'read', fieldTechnician: 'write' },
  logs: { administrator: 'write', supervisor: 'read', fieldTechnician: 'write' },
  email: { administrator: 'write', supervisor: 'read' },
  webManager: { administrator: 'write', supervisor: 'read' },
  genesys: { administrator: 'write', supervisor: 'read' },
};

const levels = (type: BuiltIn): PermissionSet =>
  Object.fromEntries(AREAS.flatMap((area) => (LEVELS_BY_AREA[area][type] ? [[area, LEVELS_BY_AREA[area][type]]] : [])));

/**
 * The user types the console ships (issue 3 §4): what each grants per area. Stored in
 * user_type.permissions; administrators can add more in the database.
 */
export const BUILT_IN_USER_TYPES: Record<
  BuiltIn,
  { name: string; permissions: PermissionSet; hostAdmin: boolean; scopeUsersToAgentGroups: boolean }
> = {
  administrator: {
    name: 'Administrator',
    permissions: levels('administrator'),
    hostAdmin: false,
    scopeUsersToAgentGroups: false,
  },
  // Read-write on the users of the agent groups they have permission for, read elsewhere.
  supervisor: {
    name: 'Supervisor',
    permissions: levels('supervisor'),
    hostAdmin: false,
    scopeUsersToAgentGroups: true,
  },
  // Watches alarms and logs while fixing things; nothing else.
  fieldTechnician: {
    name: 'Field Technician',
    permissions: levels('fieldTechnician'),
    hostAdmin: false,
    scopeUsersToAgentGroups: false,
  },
  // Agents run the Agent application; they have no access to the console.
  agent: { name: 'Agent', permissions: levels('agent'), hostAdmin: false, scopeUsersToAgentGroups: false },
};

export const HOST_ADMINISTRATOR = {
  name: 'Host Administrator',
  permissions: BUILT_IN_USER_TYPES.administrator.permissions,
  hostAdmin: true,
  scopeUsersToAgentGroups: false,
};
