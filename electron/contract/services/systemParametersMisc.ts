import { z } from 'zod';
import { method } from '../define';
import { canRead, canWrite } from '../permissions';
import type { FieldProblem } from './systemParameters';

/**
 * System parameters of the MiCC Enterprise manual's INTEGRATING WITH MIVOICE CALL RECORDING (with
 * MICC ENTERPRISE SUPPORT DLLS and USING CALL RECORDING IN AGENT) and AGENT DATA ACCESS, per tenant,
 * and the agent privileges these name, per user type (user_type_privilege, migration 023).
 * The rules are pure functions so main (which refuses) and the pages say the same thing.
 */

// ---------------------------------------------------------------- privileges on user types

/** Agent privileges of a user type the manual names (stored in user_type_privilege). */
export const AGENT_PRIVILEGES = ['recordCalls', 'recordOthers', 'changeSkillsForOthers', 'provideAssistance'] as const;
export const AgentPrivilege = z.enum(AGENT_PRIVILEGES);
export type AgentPrivilege = z.infer<typeof AgentPrivilege>;
export const AGENT_PRIVILEGE_LABELS: Record<AgentPrivilege, string> = {
  recordCalls: 'Record Calls',
  recordOthers: 'Record Others',
  changeSkillsForOthers: 'Change Skills for Other Agents',
  provideAssistance: 'Provide Assistance',
};

export const UserTypePrivileges = z.object({
  id: z.number().int(),
  name: z.string(),
  /** user_type.version: a privilege change is a versioned change of the user type. */
  version: z.number().int(),
  privileges: z.array(AgentPrivilege),
});
export type UserTypePrivileges = z.infer<typeof UserTypePrivileges>;

// ---------------------------------------------------------------- MiVoice Call Recording

export const VOICE_RECORDING_OPTIONS = ['onDemand', 'allCallsSave', 'allCallsDiscard'] as const;
export const VOICE_RECORDING_LABELS: Record<(typeof VOICE_RECORDING_OPTIONS)[number], string> = {
  onDemand: 'On Demand',
  allCallsSave: 'All Calls – Save by Default',
  allCallsDiscard: 'All Calls – Discard by Default',
};
/** The MiVoice Call Recording rules (set in its Admin tool); the last is not applicable with MiCC Enterprise. */
export const MIVCR_RULES = [
  'alwaysNoOverride',
  'doNotRecordAllowOverride',
  'alwaysAllowOverride',
  'doNotRecordNoOverride',
] as const;
export const MIVCR_RULE_LABELS: Record<(typeof MIVCR_RULES)[number], string> = {
  alwaysNoOverride: 'Always Record – No Manual Override',
  doNotRecordAllowOverride: 'Do Not Record – Allow Manual Override',
  alwaysAllowOverride: 'Always Record – Allow Manual Override',
  doNotRecordNoOverride: 'Do Not Record – No Manual Override',
};

/** The manual's table: what each MiVCR rule does with each MiCC Enterprise option. */
export const MIVCR_RULE_TABLE: Record<
  'onDemand' | 'allCalls',
  Record<Exclude<(typeof MIVCR_RULES)[number], 'doNotRecordNoOverride'>, string>
> = {
  onDemand: {
    alwaysNoOverride: 'Recording will always be performed. The agent will not be able to start/stop recording.',
    doNotRecordAllowOverride:
      'Recording will be performed on demand, when the agent selects to start/stop call recording. ' +
      'Recording will not be performed automatically.',
    alwaysAllowOverride: 'Recording will always be performed. The agent will be able to stop recording.',
  },
  allCalls: {
    alwaysNoOverride: 'Recording will always be performed. The agent will not be able to start/stop recording.',
    doNotRecordAllowOverride:
      'Recording will always be performed. The agent will be able to start/stop recording if the agent has ' +
      'Record Calls privilege.',
    alwaysAllowOverride:
      'Recording will always be performed. The agent will be able to start/stop recording if the agent has ' +
      'Record Calls privilege.',
  },
};

/** The three support DLLs whose versions must be the same on the MiVCR and the MiCC Enterprise server. */
export const SUPPORT_DLLS = [
  {
    key: 'ccasComClient',
    name: 'CCASComClient.dll',
    mivcr: '<InstallDir>\\CTS.NET\\Solidus DLLs',
    micce: '<InstallDir>\\Common Files\\EricssonShare\\NextCCShare',
  },
  {
    key: 'socketManager',
    name: 'SocketManager.dll',
    mivcr: '<InstallDir>\\CTS.NET\\Solidus DLLs',
    micce: '<InstallDir>\\Common Files\\EricssonShare',
  },
  {
    key: 'secTraceLog',
    name: 'SeCTraceLog.dll',
    mivcr: '<InstallDir>\\CTS.NET\\Solidus DLLs',
    micce: '<InstallDir>\\Common Files\\EricssonShare',
  },
] as const;
export type SupportDll = (typeof SUPPORT_DLLS)[number]['key'];
export const SERVER_LABELS = { mivcr: 'MiVCR server', micce: 'MiCC Enterprise server' } as const;

const Version = z.string().max(40, 'at most 40 characters');
const DllVersions = z.object({ ccasComClient: Version, socketManager: Version, secTraceLog: Version });
export type DllVersions = z.infer<typeof DllVersions>;

export const CallRecordingSettings = z.object({
  /** Agent tab: "Integrated with External Recording System". */
  integrated: z.boolean(),
  voiceRecording: z.enum(VOICE_RECORDING_OPTIONS),
  /** The Recording Action configured in the MiVCR Admin tool (the console explains it beside the option). */
  mivcrRule: z.enum(MIVCR_RULES),
  /** MiVoice Call Recording Server Name: the Navigator tab is http://<it>/navigator. Empty: no tab. */
  mivcrServer: z.string().max(253, 'at most 253 characters'),
  /** The support DLLs' file versions as entered or imported, per server ('' = not entered). */
  dllVersions: z.object({ mivcr: DllVersions, micce: DllVersions }),
});
export type CallRecordingSettings = z.infer<typeof CallRecordingSettings>;

const noVersions = { ccasComClient: '', socketManager: '', secTraceLog: '' };
export const DEFAULT_CALL_RECORDING: CallRecordingSettings = Object.freeze({
  integrated: false,
  voiceRecording: 'onDemand',
  mivcrRule: 'doNotRecordAllowOverride',
  mivcrServer: '',
  dllVersions: { mivcr: { ...noVersions }, micce: { ...noVersions } },
}) as CallRecordingSettings;

const HOST = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const FILE_VERSION = /^\d{1,5}(\.\d{1,5}){1,3}$/;

/** The Navigator web client as an Agent tab: http://<MiVoice Call Recording Server Name>/navigator. */
export const navigatorUrl = (server: string): string | null =>
  server.trim() === '' ? null : `http://${server.trim()}/navigator`;

export function callRecordingProblems(s: CallRecordingSettings): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (s.mivcrRule === 'doNotRecordNoOverride')
    out.push({
      field: 'mivcrRule',
      message:
        'MiVoice Call Recording rule: Do Not Record – No Manual Override is not applicable when integrating with ' +
        'MiCC Enterprise',
    });
  const server = s.mivcrServer.trim();
  if (server !== '' && !(HOST.test(server) || IPV4.test(server)))
    out.push({
      field: 'mivcrServer',
      message: 'MiVoice Call Recording Server Name: a host name or IP address only (no http:// or path), e.g. mivcr01',
    });
  for (const side of ['mivcr', 'micce'] as const)
    for (const dll of SUPPORT_DLLS) {
      const v = s.dllVersions[side][dll.key].trim();
      if (v !== '' && !FILE_VERSION.test(v))
        out.push({
          field: `dllVersions.${side}.${dll.key}`,
          message:
            `${dll.name} on the ${SERVER_LABELS[side]}: a file version, ` + 'numbers separated by dots, e.g. 7.1.0.25',
        });
    }
  return out;
}

export interface DllCheck {
  dll: SupportDll;
  name: string;
  mivcr: string;
  micce: string;
  state: 'same' | 'differs' | 'missing';
  message: string;
}

/** MICC ENTERPRISE SUPPORT DLLS: which of the three differ (compared number by number: 7.1 = 7.1.0.0). */
export function dllCheck(v: CallRecordingSettings['dllVersions']): DllCheck[] {
  const parts = (t: string) => {
    const p = t.trim().split('.').map(Number);
    while (p.length < 4) p.push(0);
    return p.join('.');
  };
  return SUPPORT_DLLS.map((d) => {
    const a = v.mivcr[d.key].trim();
    const b = v.micce[d.key].trim();
    if (a === '' || b === '')
      return {
        dll: d.key,
        name: d.name,
        mivcr: a,
        micce: b,
        state: 'missing' as const,
        message: `${d.name}: enter the version on the ${a === '' ? SERVER_LABELS.mivcr : SERVER_LABELS.micce}`,
      };
    if (parts(a) === parts(b))
      return {
        dll: d.key,
        name: d.name,
        mivcr: a,
        micce: b,
        state: 'same' as const,
        message: `${d.name}: same version`,
      };
    return {
      dll: d.key,
      name: d.name,
      mivcr: a,
      micce: b,
      state: 'differs' as const,
      message:
        `${d.name} differs (MiVCR ${a}, MiCC Enterprise ${b}): copy it from ${d.micce} on the MiCC Enterprise ` +
        `server to ${d.mivcr} on the MiVCR server`,
    };
  });
}

/**
 * Reads the three versions from a text: PowerShell's
 * `Get-ChildItem *.dll | % { $_.VersionInfo } | Format-Table FileVersion, FileName` or any lines naming
 * the DLL and a dotted version (e.g. "SocketManager.dll 7.1.0.25"). Only the three DLLs count.
 */
export function parseDllVersions(text: string): Partial<DllVersions> {
  const out: Partial<DllVersions> = {};
  for (const line of text.split(/\r?\n/)) {
    for (const d of SUPPORT_DLLS) {
      if (!line.toLowerCase().includes(d.name.toLowerCase())) continue;
      const m = /(?:^|[\s,;"'=:])(\d{1,5}(?:\.\d{1,5}){1,3})(?=$|[\s,;"'])/.exec(line.replace(/, /g, '.'));
      if (m) out[d.key] ??= m[1]!;
    }
  }
  return out;
}

/**
 * USING CALL RECORDING IN AGENT with the table: what an agent with these privileges gets.
 * Null when the tenant is not integrated with an external recording system.
 */
export function recordingForAgent(
  s: CallRecordingSettings,
  privileges: readonly AgentPrivilege[],
): { button: boolean; text: string } | null {
  if (!s.integrated) return null;
  const rc = privileges.includes('recordCalls');
  const ro = privileges.includes('recordOthers');
  const button = rc || ro;
  const rule = s.mivcrRule === 'doNotRecordNoOverride' ? 'doNotRecordAllowOverride' : s.mivcrRule;
  const what = MIVCR_RULE_TABLE[s.voiceRecording === 'onDemand' ? 'onDemand' : 'allCalls'][rule];
  return {
    button,
    text:
      (button
        ? 'Record Calls button on the Sessions tab. '
        : 'No Record Calls button (neither Record Calls nor Record Others privilege). ') +
      `${VOICE_RECORDING_LABELS[s.voiceRecording]} with ${MIVCR_RULE_LABELS[rule]}: ${what}` +
      (s.voiceRecording !== 'onDemand' && rule !== 'alwaysNoOverride'
        ? rc
          ? ' This user type has Record Calls.'
          : ' This user type does not have Record Calls.'
        : ''),
  };
}

// ---------------------------------------------------------------- Agent Data Access

/**
 * AGENT DATA ACCESS options: the system options (Contact Center System Properties) and the SeCCfg
 * options the table names, per tenant. Allow Agents to View all Dispatch Groups is Dispatch's and the
 * Divert dialog's open-group rule is each service group's (Open when: logged on / ready).
 */
export const DEPARTMENT_NAME_MAX = 50;
export const DEPARTMENTS_MAX = 200;
export const DEPARTMENT_MEMBERS_MAX = 100_000;

/**
 * A department as DepartmentConfig.exe sets it up: a name and its agents (user ids of the tenant).
 * An agent is in at most one department; Suppress Agents outside Department uses them.
 */
export const Department = z.object({
  name: z.string().max(DEPARTMENT_NAME_MAX * 2),
  agentIds: z.array(z.number().int().positive()).max(DEPARTMENT_MEMBERS_MAX),
});
export type Department = z.infer<typeof Department>;

export const AgentDataAccess = z.object({
  /** System option. */
  useAgentGroupForSkillAssignment: z.boolean(),
  /** SeCCfg option. */
  useAgentGroupForDial: z.boolean(),
  /** SeCCfg option (departments as configured with DepartmentConfig.exe). */
  suppressAgentsOutsideDepartment: z.boolean(),
  /** System options. */
  useAgentGroupForMessaging: z.boolean(),
  useAgentGroupForForce: z.boolean(),
  useAgentGroupForMonitor: z.boolean(),
  /** DepartmentConfig.exe's departments (older saves have none). */
  departments: z.array(Department).max(DEPARTMENTS_MAX).default([]),
});
export type AgentDataAccess = z.infer<typeof AgentDataAccess>;

/**
 * The departments' rules, in order: a name (trimmed, 1–50 characters), names unique ignoring case,
 * an agent in one department only. `logonOf` names an agent in the message (main and the page
 * both know the logon IDs).
 */
export function departmentProblems(
  departments: readonly Department[],
  logonOf: (id: number) => string = (id) => `user ${id}`,
): FieldProblem[] {
  const out: FieldProblem[] = [];
  const names = new Map<string, string>();
  const owner = new Map<number, string>();
  departments.forEach((d, i) => {
    const name = d.name.trim();
    const field = `departments.${i}.name`;
    if (!name) out.push({ field, message: `Department ${i + 1}: the name is required.` });
    else if (name.length > DEPARTMENT_NAME_MAX)
      out.push({ field, message: `Department “${name.slice(0, 20)}…”: at most ${DEPARTMENT_NAME_MAX} characters.` });
    else if (names.has(name.toLowerCase()))
      out.push({
        field,
        message: `Department “${name}”: the name is already used by “${names.get(name.toLowerCase())}”.`,
      });
    else names.set(name.toLowerCase(), name);
    for (const id of d.agentIds) {
      const other = owner.get(id);
      if (other !== undefined && other !== name)
        out.push({
          field: `departments.${i}.agentIds`,
          message: `Department “${name}”: ${logonOf(id)} is already in “${other}”; an agent is in one department only.`,
        });
      else owner.set(id, name);
    }
  });
  return out;
}
export const DEFAULT_AGENT_DATA_ACCESS: AgentDataAccess = Object.freeze({
  useAgentGroupForSkillAssignment: false,
  useAgentGroupForDial: false,
  suppressAgentsOutsideDepartment: false,
  useAgentGroupForMessaging: false,
  useAgentGroupForForce: false,
  useAgentGroupForMonitor: false,
  departments: [],
}) as AgentDataAccess;

// ---------------------------------------------------------------- documents and methods

const Meta = {
  version: z.number().int(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
};
const TenantArg = { tenantId: z.number().int().positive().optional() };
const ExpectedVersion = z.number().int().min(0);

export const CallRecordingDoc = z.object({
  tenantId: z.number().int(),
  settings: CallRecordingSettings,
  /** The tenant's user types with their agent privileges. */
  userTypes: z.array(UserTypePrivileges),
  ...Meta,
});
export type CallRecordingDoc = z.infer<typeof CallRecordingDoc>;
export const AgentDataAccessDoc = z.object({
  tenantId: z.number().int(),
  settings: AgentDataAccess,
  userTypes: z.array(UserTypePrivileges),
  /** The departments' agents (only users that still exist; deleted ones are dropped from settings). */
  departmentAgents: z.array(z.object({ id: z.number().int(), logonId: z.string(), name: z.string() })),
  ...Meta,
});
export type AgentDataAccessDoc = z.infer<typeof AgentDataAccessDoc>;

/** One list of agents in an Agent dialog or window, as AGENT DATA ACCESS decides it. */
export const AgentList = z.object({
  key: z.enum(['skillAssignment', 'contacts', 'messaging', 'force', 'monitor', 'assist']),
  title: z.string(),
  /** Which privilege or option decided, in the manual's words. */
  rule: z.string(),
  total: z.number().int(),
  /** The first agents (logon IDs), at most 12. */
  sample: z.array(z.string()),
});
export type AgentList = z.infer<typeof AgentList>;

export const AgentDataView = z.object({
  agent: z.object({ id: z.number().int(), logonId: z.string(), agentGroup: z.string(), userType: z.string() }),
  privileges: z.array(AgentPrivilege),
  /** The Record Calls button and what recording does (null: not integrated with MiVCR). */
  recording: z.object({ button: z.boolean(), text: z.string() }).nullable(),
  lists: z.array(AgentList),
  /** Divert dialog: the service groups per media type with the rule that makes each open. */
  divert: z.array(
    z.object({
      mediaType: z.string(),
      groups: z.array(z.object({ id: z.number().int(), name: z.string(), openWhen: z.string() })),
    }),
  ),
});
export type AgentDataView = z.infer<typeof AgentDataView>;

export const miscMethods = {
  getCallRecording: method({
    args: z.object(TenantArg),
    result: CallRecordingDoc,
    permission: canRead('system'),
    summary: "The tenant's MiVoice Call Recording settings and its user types' recording privileges",
  }),
  saveCallRecording: method({
    args: z.object({ ...TenantArg, expectedVersion: ExpectedVersion, settings: CallRecordingSettings }),
    result: CallRecordingDoc,
    permission: canWrite('system'),
    summary: "Save the tenant's MiVoice Call Recording settings (refused when stale)",
  }),
  getAgentDataAccess: method({
    args: z.object(TenantArg),
    result: AgentDataAccessDoc,
    permission: canRead('system'),
    summary: "The tenant's Agent Data Access options and its user types' privileges",
  }),
  saveAgentDataAccess: method({
    args: z.object({ ...TenantArg, expectedVersion: ExpectedVersion, settings: AgentDataAccess }),
    result: AgentDataAccessDoc,
    permission: canWrite('system'),
    summary: "Save the tenant's Agent Data Access options (refused when stale)",
  }),
  agentDataView: method({
    args: z.object({ agentId: z.number().int().positive() }),
    result: AgentDataView,
    permission: canRead('system'),
    summary: "What does this agent see: the agents in its dialogs and the Divert dialog's groups (AGENT DATA ACCESS)",
  }),
  findDepartmentAgents: method({
    args: z.object({ search: z.string().max(100) }),
    result: z.array(z.object({ id: z.number().int(), logonId: z.string(), name: z.string() })),
    permission: canRead('system'),
    summary: "The caller's tenant's agents whose name or Logon ID has every word of the search (at most 20)",
  }),
  saveUserTypePrivileges: method({
    args: z.object({
      userTypeId: z.number().int().positive(),
      expectedVersion: ExpectedVersion,
      privileges: z.array(AgentPrivilege).max(AGENT_PRIVILEGES.length),
    }),
    result: UserTypePrivileges,
    permission: canWrite('system'),
    summary: "Set a user type's agent privileges (Record Calls, Record Others, …; refused when stale)",
  }),
};
