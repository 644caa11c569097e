import type { PermissionSet } from '../contract';

/**
 * The user types the console ships (issue 3 §4): what each grants per area. Stored in
 * user_type.permissions; administrators can add more in the database.
 */
export const BUILT_IN_USER_TYPES: Record<
  'administrator' | 'supervisor' | 'fieldTechnician' | 'agent',
  { name: string; permissions: PermissionSet; hostAdmin: boolean; scopeUsersToAgentGroups: boolean }
> = {
  administrator: {
    name: 'Administrator',
    permissions: {
      users: 'write',
      objectTags: 'write',
      dispatch: 'write',
      responseFiles: 'write',
      sso: 'write',
      system: 'write',
      alarms: 'write',
      logs: 'write',
    },
    hostAdmin: false,
    scopeUsersToAgentGroups: false,
  },
  // Read-write on the users of the agent groups they have permission for, read elsewhere.
  supervisor: {
    name: 'Supervisor',
    permissions: {
      users: 'write',
      objectTags: 'read',
      dispatch: 'read',
      responseFiles: 'read',
      sso: 'read',
      system: 'read',
      alarms: 'read',
      logs: 'read',
    },
    hostAdmin: false,
    scopeUsersToAgentGroups: true,
  },
  // Watches alarms and logs while fixing things; nothing else.
  fieldTechnician: {
    name: 'Field Technician',
    permissions: { alarms: 'write', logs: 'write' },
    hostAdmin: false,
    scopeUsersToAgentGroups: false,
  },
  // Agents run the Agent application; they have no access to the console.
  agent: { name: 'Agent', permissions: {}, hostAdmin: false, scopeUsersToAgentGroups: false },
};

export const HOST_ADMINISTRATOR = {
  name: 'Host Administrator',
  permissions: BUILT_IN_USER_TYPES.administrator.permissions,
  hostAdmin: true,
  scopeUsersToAgentGroups: false,
};
