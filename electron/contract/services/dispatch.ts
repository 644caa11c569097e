import { z } from 'zod';
import { method, service } from '../define';
import { canRead, canWrite } from '../permissions';

/**
 * Dispatch Groups (issue 5; seed 001: CONFIGURATION OF PERSONAL CALL ROUTING, PERSONAL CALL
 * ROUTING WITHOUT DISPATCH, CONFIGURING PERSONAL CALL ROUTING, AGENT DATA ACCESS, PHONE AGENT
 * AUTOMATIC LOGON, DATABASE HANDLING, CALLER ID FOR OUTGOING CALLS).
 */

const Id = z.number().int().positive();
const Version = z.number().int().min(0);
const Name = (what: string) =>
  z.string().trim().min(1, `${what} is required`).max(100, `${what} is at most 100 characters`);
/** A dialable number or destination: digits and the usual separators. */
const Number50 = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} is required`)
    .max(50, `${what} is at most 50 characters`)
    .regex(/^[0-9+*#][0-9+*#\s\-.()]*$/, `${what}: digits, +, *, # and separators only`);
const OptionalNumber50 = (what: string) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), Number50(what).nullable());

export const MEDIA_TYPES = ['voice', 'email', 'chat', 'sms', 'callback'] as const;
export const MediaType = z.enum(MEDIA_TYPES);
export type MediaType = z.infer<typeof MediaType>;
export const MEDIA_LABELS: Record<MediaType, string> = {
  voice: 'Voice',
  email: 'E-mail',
  chat: 'Chat',
  sms: 'SMS',
  callback: 'Callback',
};
/** Media types whose groups use a response file (E-MAIL, CHAT AND SMS RESPONSE FILES). */
export const RESPONSE_FILE_MEDIA: readonly MediaType[] = ['email', 'chat', 'sms'];

export const ServiceGroupFields = z
  .object({
    name: Name('Name'),
    mediaType: MediaType,
    routing: z.enum(['automatic', 'manual']),
    personalCalls: z.boolean(),
    displayInDispatch: z.boolean(),
    maxWaitPersonalSec: z
      .number()
      .int()
      .min(0, 'Maximum Wait Time for Personal Call is 0 or more seconds')
      .max(86_400, 'Maximum Wait Time for Personal Call is at most 86400 seconds'),
    openRule: z.enum(['logged_on', 'ready']),
    skillIds: z.array(Id).max(500),
    responseFileId: Id.nullable(),
    callerIdId: Id.nullable(),
    agentsMayChangeCallerId: z.boolean(),
  })
  .superRefine((g, ctx) => {
    if (g.personalCalls && !(g.mediaType === 'voice' && g.routing === 'manual')) {
      ctx.addIssue({
        code: 'custom',
        path: ['personalCalls'],
        message: 'Personal Calls is only for Voice – Manual Routing service groups',
      });
    }
    if (g.responseFileId !== null && !RESPONSE_FILE_MEDIA.includes(g.mediaType)) {
      ctx.addIssue({
        code: 'custom',
        path: ['responseFileId'],
        message: 'A response file is only for e-mail, chat and SMS service groups',
      });
    }
  });
export type ServiceGroupFields = z.infer<typeof ServiceGroupFields>;

export const ServiceGroupDoc = z.object({
  id: z.number().int(),
  version: z.number().int(),
  fields: ServiceGroupFields,
  /** Service accesses routed to this group. */
  accesses: z.array(z.object({ id: z.number().int(), name: z.string(), bvdNumber: z.string() })),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type ServiceGroupDoc = z.infer<typeof ServiceGroupDoc>;

export const ServiceGroupRow = z.object({
  id: z.number().int(),
  version: z.number().int(),
  name: z.string(),
  mediaType: MediaType,
  routing: z.enum(['automatic', 'manual']),
  personalCalls: z.boolean(),
  displayInDispatch: z.boolean(),
  skills: z.array(z.string()),
  accessCount: z.number().int(),
});
export type ServiceGroupRow = z.infer<typeof ServiceGroupRow>;

export const ServiceAccessFields = z.object({
  name: Name('Name'),
  bvdNumber: Number50('BVD number'),
  serviceGroupId: Id,
});
export const ServiceAccessRow = z.object({
  id: z.number().int(),
  version: z.number().int(),
  name: z.string(),
  bvdNumber: z.string(),
  serviceGroupId: z.number().int(),
  serviceGroup: z.string(),
  personalCalls: z.boolean(),
});
export type ServiceAccessRow = z.infer<typeof ServiceAccessRow>;

export const CallerIdRow = z.object({
  /** null = new */
  id: Id.nullable(),
  name: Name('Name'),
  callerId: Number50('Caller ID'),
  isDefault: z.boolean(),
});
export type CallerIdRow = z.infer<typeof CallerIdRow>;

export const DispatchSettings = z.object({
  ringTimeSupervisionSec: z
    .number()
    .int()
    .min(1, 'Ring Time Supervision is 1–3600 seconds')
    .max(3600, 'Ring Time Supervision is 1–3600 seconds'),
  systemDefaultDestination: OptionalNumber50('System default destination'),
  allowViewAllDispatchGroups: z.boolean(),
  autoRestoreLogon: z.boolean(),
  /** null = no limit */
  dispatchLicences: z.number().int().min(0, 'Dispatch licences is 0 or more').max(1_000_000).nullable(),
  /**
   * CALLER ID FOR OUTGOING CALLS: "For private calls, one of the custom caller IDs may be selected as the default
   * and whether the agent is allowed to select a different caller ID."
   */
  agentsMaySelectCallerId: z.boolean().default(false),
});
export type DispatchSettings = z.infer<typeof DispatchSettings>;

export const DispatchSettingsDoc = z.object({
  version: z.number().int(),
  settings: DispatchSettings,
  callerIds: z.array(CallerIdRow.extend({ id: z.number().int() })),
  licencesUsed: z.number().int(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type DispatchSettingsDoc = z.infer<typeof DispatchSettingsDoc>;

export const Lookups = z.object({
  skills: z.array(z.object({ id: z.number().int(), name: z.string() })),
  responseFiles: z.array(z.object({ id: z.number().int(), name: z.string() })),
  callerIds: z.array(
    z.object({ id: z.number().int(), name: z.string(), callerId: z.string(), isDefault: z.boolean() }),
  ),
  serviceGroups: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      mediaType: MediaType,
      routing: z.enum(['automatic', 'manual']),
      personalCalls: z.boolean(),
    }),
  ),
  serviceAccesses: z.array(
    z.object({ id: z.number().int(), name: z.string(), bvdNumber: z.string(), serviceGroupId: z.number().int() }),
  ),
  callManagers: z.array(z.object({ id: z.number().int(), name: z.string() })),
});
export type Lookups = z.infer<typeof Lookups>;

export const DispatchAgentRow = z.object({
  id: z.number().int(),
  version: z.number().int(),
  logonId: z.string(),
  name: z.string(),
  agentGroup: z.string(),
  directoryNumber: z.string().nullable(),
  personalDefaultDestination: z.string().nullable(),
  dispatchPrivilege: z.boolean(),
  skills: z.array(z.object({ skillId: z.number().int(), name: z.string(), level: z.number().int() })),
});
export type DispatchAgentRow = z.infer<typeof DispatchAgentRow>;

export const AgentQuery = z.object({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
  search: z.string().trim().max(100).optional(),
  dispatchOnly: z.boolean().optional(),
  skillId: Id.optional(),
});

export const AgentDispatchFields = z.object({
  directoryNumber: OptionalNumber50('Directory Number'),
  personalDefaultDestination: OptionalNumber50('Personal call default destination'),
  dispatchPrivilege: z.boolean(),
  skills: z
    .array(
      z.object({
        skillId: Id,
        level: z.number().int().min(1, 'Skill level is 1–100').max(100, 'Skill level is 1–100'),
      }),
    )
    .max(500)
    .refine((s) => new Set(s.map((x) => x.skillId)).size === s.length, 'A skill is listed twice'),
});
export type AgentDispatchFields = z.infer<typeof AgentDispatchFields>;

export const AgentActivity = z.enum(['idle', 'notReady', 'busyVoice']);
export const PreviewState = z.object({
  loggedOn: z.boolean(),
  activity: AgentActivity,
  dispatchAccess: z.boolean(),
  answersInTime: z.boolean(),
  freeWithinMaxWait: z.boolean(),
  personalDefaultReachable: z.boolean(),
  systemDefaultReachable: z.boolean(),
});
export type PreviewState = z.infer<typeof PreviewState>;

export const PreviewArgs = z.object({
  /** The service access (BVD) the call arrives on; it names the group. */
  serviceAccessId: Id,
  designation: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('calledNumber'),
      number: z.string().trim().min(1, 'Called number is required').max(50),
    }),
    z.object({ kind: z.literal('script'), agentId: Id }),
  ]),
  state: PreviewState,
});
export type PreviewArgs = z.infer<typeof PreviewArgs>;

const RuleOut = z.object({ id: z.string(), section: z.string(), text: z.string() });
export const PreviewResult = z.object({
  group: z.object({ id: z.number().int(), name: z.string(), maxWaitPersonalSec: z.number().int() }),
  agent: z
    .object({
      id: z.number().int(),
      logonId: z.string(),
      name: z.string(),
      dispatchPrivilege: z.boolean(),
      personalDefaultDestination: z.string().nullable(),
    })
    .nullable(),
  steps: z.array(z.object({ rule: RuleOut.nullable(), says: z.string() })),
  outcome: z.enum(['agent', 'dispatchQueue', 'personalDefault', 'systemDefault', 'notPersonal']),
  summary: z.string(),
});
export type PreviewResult = z.infer<typeof PreviewResult>;

export const FindingOut = z.object({
  kind: z.string(),
  message: z.string(),
  target: z.object({ type: z.enum(['serviceGroup', 'agent']), id: z.number().int(), name: z.string() }),
});
export type FindingOut = z.infer<typeof FindingOut>;

export const VisibleGroupOut = z.object({
  id: z.number().int(),
  name: z.string(),
  readOnly: z.boolean(),
  why: z.string(),
});

export const AutoLogonRow = z.object({
  agentId: z.number().int(),
  logonId: z.string(),
  name: z.string(),
  option: z.number().int(),
  phoneNum: z.string(),
  callManagerId: z.number().int(),
  callManager: z.string(),
  readyStatus: z.boolean(),
  priorityLogon: z.boolean(),
  timeStamp: z.string(),
  restored: z.boolean(),
  priority: z.boolean(),
  reason: z.string(),
});
export type AutoLogonRow = z.infer<typeof AutoLogonRow>;

export const PhoneAgentLogonFields = z.object({
  agentId: Id,
  callManagerId: Id,
  phoneNum: Number50('Extension (phone_num)'),
  readyStatus: z.boolean(),
  priorityLogon: z.boolean(),
});
export type PhoneAgentLogonFields = z.infer<typeof PhoneAgentLogonFields>;

export const CallManagerFields = z.object({
  name: Name('Name'),
  serverType: z.enum(['OAS', 'TAS']),
  host: z
    .string()
    .trim()
    .min(1, 'Address is required')
    .max(255)
    .regex(/^[A-Za-z0-9.\-:[\]]+$/, 'Address: a host name or IP address'),
  port: z.number().int().min(1, 'Port is 1–65535').max(65535, 'Port is 1–65535'),
  site: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
    z.string().trim().max(100).nullable(),
  ),
});
export type CallManagerFields = z.infer<typeof CallManagerFields>;
export const CallManagerRow = CallManagerFields.extend({
  id: z.number().int(),
  version: z.number().int(),
  phoneAgents: z.number().int(),
});
export type CallManagerRow = z.infer<typeof CallManagerRow>;

const Ok = z.object({ ok: z.literal(true) });

export const dispatchService = service({
  methods: {
    lookups: method({
      args: z.object({}),
      result: Lookups,
      permission: canRead('dispatch'),
      summary: 'Skills, response files, caller IDs, groups, accesses and call managers for pickers',
    }),
    getSettings: method({
      args: z.object({}),
      result: DispatchSettingsDoc,
      permission: canRead('dispatch'),
      summary: 'The tenant’s dispatch settings, custom caller IDs and licence pool',
    }),
    saveSettings: method({
      args: z.object({
        expectedVersion: Version,
        settings: DispatchSettings,
        callerIds: z.array(CallerIdRow).max(200),
      }),
      result: DispatchSettingsDoc,
      permission: canWrite('dispatch'),
      summary:
        'Save the dispatch settings and caller IDs in one transaction (refused when stale, or when the pool is ' +
        'below the privileges in use)',
    }),
    listServiceGroups: method({
      args: z.object({}),
      result: z.array(ServiceGroupRow),
      permission: canRead('dispatch'),
      summary: 'The tenant’s service groups',
    }),
    getServiceGroup: method({
      args: z.object({ id: Id }),
      result: ServiceGroupDoc,
      permission: canRead('dispatch'),
      summary: 'One service group',
    }),
    saveServiceGroup: method({
      args: z.object({ id: Id.nullable(), expectedVersion: Version, fields: ServiceGroupFields }),
      result: ServiceGroupDoc,
      permission: canWrite('dispatch'),
      summary: 'Create (id null) or update a service group',
    }),
    deleteServiceGroup: method({
      args: z.object({ id: Id, expectedVersion: Version }),
      result: Ok,
      permission: canWrite('dispatch'),
      summary: 'Delete a service group no service access routes to',
    }),
    listServiceAccesses: method({
      args: z.object({}),
      result: z.array(ServiceAccessRow),
      permission: canRead('dispatch'),
      summary: 'The tenant’s service accesses',
    }),
    saveServiceAccess: method({
      args: z.object({ id: Id.nullable(), expectedVersion: Version, fields: ServiceAccessFields }),
      result: ServiceAccessRow,
      permission: canWrite('dispatch'),
      summary: 'Create or update a service access (BVD number unique in the tenant)',
    }),
    deleteServiceAccess: method({
      args: z.object({ id: Id, expectedVersion: Version }),
      result: Ok,
      permission: canWrite('dispatch'),
      summary: 'Delete a service access',
    }),
    agentsPage: method({
      args: AgentQuery,
      result: z.object({
        total: z.number().int(),
        rows: z.array(DispatchAgentRow),
        licences: z.object({ pool: z.number().int().nullable(), used: z.number().int() }),
      }),
      permission: canRead('dispatch'),
      summary: 'A page of agents with their dispatch fields, filtered and paged in the database',
    }),
    saveAgent: method({
      args: z.object({ id: Id, expectedVersion: Version, fields: AgentDispatchFields }),
      result: DispatchAgentRow,
      permission: canWrite('dispatch'),
      summary:
        'Save an agent’s skills, dispatch privilege (within the licence pool), Directory Number and personal ' +
        'default destination',
    }),
    preview: method({
      args: PreviewArgs,
      result: PreviewResult,
      permission: canRead('dispatch'),
      summary: 'What happens to this personal call: the path, step by step, with the rule of each step',
    }),
    checkConfiguration: method({
      args: z.object({}),
      result: z.object({ findings: z.array(FindingOut), total: z.number().int(), truncated: z.boolean() }),
      permission: canRead('dispatch'),
      summary: 'What would break personal call routing, each finding naming the object to fix',
    }),
    agentView: method({
      args: z.object({ agentId: Id }),
      result: z.object({
        agent: z.object({ id: z.number().int(), logonId: z.string(), name: z.string() }),
        allowViewAll: z.boolean(),
        hasGroupPermission: z.boolean(),
        dispatch: z.array(VisibleGroupOut),
        realTime: z.array(VisibleGroupOut),
        /** Private calls: the tenant's default caller ID and whether the agent may select a different one. */
        privateCallerId: z.object({
          default: z.object({ name: z.string(), callerId: z.string() }).nullable(),
          agentMaySelect: z.boolean(),
          /** What the agent can choose from in the Manual Dial form (the default only, unless allowed). */
          choices: z.array(z.object({ name: z.string(), callerId: z.string() })),
        }),
      }),
      permission: canRead('dispatch'),
      summary: 'The service groups an agent sees in the Dispatch and Real-Time windows (AGENT DATA ACCESS)',
    }),
    autoLogon: method({
      args: z.object({ limit: z.number().int().min(1).max(5000).default(1000) }),
      result: z.object({
        tenantAutoRestore: z.boolean(),
        total: z.number().int(),
        restoredCount: z.number().int(),
        rows: z.array(AutoLogonRow),
      }),
      permission: canRead('dispatch'),
      summary: 'phone_agent_logon rows and who is restored after a restart, priority agents first',
    }),
    savePhoneAgentLogon: method({
      args: z.object({ fields: PhoneAgentLogonFields, replace: z.boolean() }),
      result: AutoLogonRow,
      permission: canWrite('dispatch'),
      summary: 'Pre-populate (or replace) an agent’s phone_agent_logon row without logging them on',
    }),
    deletePhoneAgentLogon: method({
      args: z.object({ agentId: Id }),
      result: Ok,
      permission: canWrite('dispatch'),
      summary: 'Remove an agent’s phone_agent_logon row',
    }),
    listCallManagers: method({
      args: z.object({}),
      result: z.array(CallManagerRow),
      permission: canRead('dispatch'),
      summary: 'The tenant’s call managers (site_server_param)',
    }),
    saveCallManager: method({
      args: z.object({ id: Id.nullable(), expectedVersion: Version, fields: CallManagerFields }),
      result: CallManagerRow,
      permission: canWrite('dispatch'),
      summary: 'Create or update a call manager',
    }),
    deleteCallManager: method({
      args: z.object({ id: Id, expectedVersion: Version }),
      result: Ok,
      permission: canWrite('dispatch'),
      summary: 'Delete a call manager no phone agent logon refers to',
    }),
  },
  events: {},
});
