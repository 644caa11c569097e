import { z } from 'zod';
import { method, service } from '../define';
import { canRead, canWrite } from '../permissions';

/**
 * Web Manager: Virtual Agents (profiles, their agents, actions and speech), REST SDK clients,
 * CLIP numbers for outgoing calls and the Exchange Calendar integration.
 *
 * - Virtual Agents and REST SDK clients serve the whole installation: every tenant may read them
 *   (webManager read), only a host administrator changes them (checked in main).
 * - CLIP numbers and the Exchange Calendar settings are per tenant.
 * - Secrets (client tokens, the Google service-account key, the Default Agent Password, the
 *   Exchange client secret) go to the OS keychain only; reads say "set / not set".
 */

const NO_CONTROL = /^\P{Cc}*$/u;
const Text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} is at most ${max} characters`)
    .regex(NO_CONTROL, `${label} cannot contain control characters`);
const Mandatory = (label: string, max: number) => Text(label, max).min(1, `${label} is mandatory`);
const Id = z.number().int().positive();
const Version = z.number().int().min(0);
const TenantArg = { tenantId: z.number().int().positive().optional() };

/** http(s) endpoint; plain http only for the loopback address (test stand-ins). */
export const Endpoint = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `${label} is mandatory`)
    .max(500, `${label} is at most 500 characters`)
    .refine((s) => {
      try {
        const u = new URL(s);
        if (u.username || u.password) return false;
        if (u.protocol === 'https:') return true;
        return u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === 'localhost');
      } catch {
        return false;
      }
    }, `${label} must be an https:// address (http:// only for 127.0.0.1)`);

// ───────────────────────────── REST SDK ─────────────────────────────

/** "a random 64 bytes new Client Token", hex-encoded. */
export const GENERATED_TOKEN_BYTES = 64;
export const ClientToken = z
  .string()
  .min(16, 'Client Token is at least 16 characters')
  .max(256, 'Client Token is at most 256 characters')
  .regex(/^[\x21-\x7e]+$/, 'Client Token is printable ASCII without spaces');

export const RestClientRow = z.object({
  id: z.number().int(),
  version: z.number().int(),
  name: z.string(),
  tokenSet: z.boolean(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type RestClientRow = z.infer<typeof RestClientRow>;

// ───────────────────────────── CLIP ─────────────────────────────

export const CLIP_LIMIT = 10;
export const ClipInput = z.object({
  number: z
    .string()
    .trim()
    .min(1, 'Number is mandatory')
    .max(32, 'Number is at most 32 digits')
    .regex(/^[0-9]+$/, 'Number is a string of numbers and no special characters'),
  name: Mandatory('Name', 50),
});
export type ClipInput = z.infer<typeof ClipInput>;
export const ClipRow = ClipInput.extend({ id: z.number().int(), version: z.number().int() });
export type ClipRow = z.infer<typeof ClipRow>;

// ───────────────────────────── Virtual Agents ─────────────────────────────

export const VA_TYPES = ['dialogflow', 'dialogflowV2', 'connector'] as const;
export const VaType = z.enum(VA_TYPES);
export type VaType = z.infer<typeof VaType>;
export const VA_TYPE_LABEL: Record<VaType, string> = {
  dialogflow: 'Dialogflow',
  dialogflowV2: 'Dialogflow V2',
  connector: 'Connector',
};
export const DIALOGFLOW_URL = 'https://dialogflow.com';
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
export const DIALOGFLOW_API_URL = 'https://dialogflow.googleapis.com';

export const SpeechConfig = z.object({
  enabled: z.boolean(),
  cmsAddress: Text('CMS address', 255).regex(/^[A-Za-z0-9.:_-]*$/, 'CMS address is an IP address or FQDN'),
  cmsPort: z.number().int().min(1, 'CMS port is 1–65535').max(65535, 'CMS port is 1–65535'),
  language: Mandatory('Language', 10).regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,4})?$/, 'Language is like EN-US'),
  gender: z.enum(['male', 'female']),
  welcomeMessage: Text('Welcome message', 1000),
  fallbackQueueNumber: Text('Fallback queue number', 50).regex(/^[0-9]*$/, 'Fallback queue number is digits only'),
});
export type SpeechConfig = z.infer<typeof SpeechConfig>;
export const SPEECH_DEFAULTS: SpeechConfig = {
  enabled: false,
  cmsAddress: '',
  cmsPort: 6017,
  language: 'EN-US',
  gender: 'male',
  welcomeMessage: '',
  fallbackQueueNumber: '',
};

export const VaProfileInput = z
  .object({
    name: Mandatory('Profile Name', 100),
    type: VaType,
    /** Dialogflow */
    url: z.string().trim().max(500),
    /** Dialogflow V2: must equal the key's project_id. */
    projectId: Text('Project ID', 100),
    tokenEndpoint: z.string().trim().max(500),
    apiEndpoint: z.string().trim().max(500),
    fallbackMessage: Mandatory('Fallback Message', 1000),
    sessionTimeoutMin: z
      .number()
      .int('Session Inactivity Timeout is whole minutes')
      .min(1, 'Session Inactivity Timeout is at least 1 minute')
      .max(1440, 'Session Inactivity Timeout is at most 1440 minutes'),
    timeoutMessage: Text('Timeout Message', 1000),
    speech: SpeechConfig,
  })
  .superRefine((p, ctx) => {
    const endpoint = (key: 'url' | 'tokenEndpoint' | 'apiEndpoint', label: string) => {
      const r = Endpoint(label).safeParse(p[key]);
      if (!r.success) ctx.addIssue({ code: 'custom', path: [key], message: r.error.issues[0]!.message });
    };
    if (p.type === 'dialogflow') endpoint('url', 'URL');
    if (p.type === 'dialogflowV2') {
      if (!p.projectId) ctx.addIssue({ code: 'custom', path: ['projectId'], message: 'Project ID is mandatory' });
      else if (!/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(p.projectId))
        ctx.addIssue({
          code: 'custom',
          path: ['projectId'],
          message: 'Project ID is 6–30 lower-case letters, digits or hyphens, starting with a letter',
        });
      endpoint('tokenEndpoint', 'Token endpoint');
      endpoint('apiEndpoint', 'Dialogflow API endpoint');
    }
    if (p.type !== 'dialogflowV2' && p.speech.enabled)
      ctx.addIssue({
        code: 'custom',
        path: ['speech', 'enabled'],
        message: 'Speech is only for Dialogflow V2 profiles',
      });
    if (p.speech.enabled && !p.speech.cmsAddress)
      ctx.addIssue({
        code: 'custom',
        path: ['speech', 'cmsAddress'],
        message: 'CMS address is mandatory when speech is enabled',
      });
  });
export type VaProfileInput = z.infer<typeof VaProfileInput>;

export const VaProfileRow = z.object({
  id: z.number().int(),
  version: z.number().int(),
  profile: VaProfileInput,
  /** Dialogflow: the client token; Connector: the connector token. */
  clientTokenSet: z.boolean(),
  connectorTokenSet: z.boolean(),
  /** Dialogflow V2: a key is stored; its e-mail and key id (not secret) to recognise it. */
  keySet: z.boolean(),
  keyClientEmail: z.string().nullable(),
  keyId: z.string().nullable(),
  defaultPasswordSet: z.boolean(),
  agents: z.number().int(),
  actions: z.number().int(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type VaProfileRow = z.infer<typeof VaProfileRow>;

export const VaAgentRow = z.object({
  userId: z.number().int(),
  logonId: z.string(),
  name: z.string(),
  tenant: z.string(),
  agentGroup: z.string(),
  /** The profile the agent is assigned to, if any. */
  profileId: z.number().int().nullable(),
  profileName: z.string().nullable(),
  /** Why the agent cannot be a virtual agent (null = can). */
  refusal: z.string().nullable(),
});
export type VaAgentRow = z.infer<typeof VaAgentRow>;

export const VA_ACTION_KINDS = [
  'requeueOpenMedia',
  'requeueWebInteraction',
  'requeueSpeech',
  'callback',
  'externalSystemRequest',
  'webInteractionPushUrl',
] as const;
export const VaActionKind = z.enum(VA_ACTION_KINDS);
export type VaActionKind = z.infer<typeof VaActionKind>;
export const VA_ACTION_LABEL: Record<VaActionKind, string> = {
  requeueOpenMedia: 'Requeue – OpenMedia',
  requeueWebInteraction: 'Requeue – WebInteraction',
  requeueSpeech: 'Requeue – Speech',
  callback: 'Callback Action',
  externalSystemRequest: 'External System Request',
  webInteractionPushUrl: 'WebInteraction Push URL',
};
const ActionName = Mandatory('Action Name', 100);
const Param = (label: string) =>
  Mandatory(label, 100).regex(/^[A-Za-z0-9_.-]+$/, `${label} is letters, digits, _ . or -`);
export const VaAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('requeueOpenMedia'), name: ActionName, requeueQueue: Mandatory('Requeue Queue', 100) }),
  z.object({
    kind: z.literal('requeueWebInteraction'),
    name: ActionName,
    requeueQueue: Mandatory('Requeue Queue', 100),
  }),
  z.object({ kind: z.literal('requeueSpeech'), name: ActionName, requeueTarget: Mandatory('Requeue Target', 100) }),
  z.object({
    kind: z.literal('callback'),
    name: ActionName,
    callbackQueue: Mandatory('Callback Queue', 100),
    phoneParameter: Param('Phone Parameter Name'),
    scheduleTimeParameter: Param('Schedule Time Parameter Name'),
  }),
  z.object({
    kind: z.literal('externalSystemRequest'),
    name: ActionName,
    uriParameter: Param('External System URI Parameter'),
  }),
  z.object({
    kind: z.literal('webInteractionPushUrl'),
    name: ActionName,
    pushUrlParameter: Param('Push URL Parameter'),
  }),
]);
export type VaAction = z.infer<typeof VaAction>;
export const VaActionRow = z.object({ id: z.number().int(), version: z.number().int(), action: VaAction });
export type VaActionRow = z.infer<typeof VaActionRow>;

/** The External System Request contract, as the page shows it. */
export const EXTERNAL_SYSTEM_CONTRACT = {
  request: '{ "contactID": "<OSCC contact ID>", "parameters": { "<key>": "<value>", … } }',
  response: '{ "contactID": "<the same contact ID>", "content": "<text for the customer>" }',
  rule: 'The response contactID must be equal to the request contactID.',
} as const;

// ───────────────────────────── Exchange Calendar ─────────────────────────────

export const GRAPH_URL = 'https://graph.microsoft.com';
export const MS_AUTHORITY_URL = 'https://login.microsoftonline.com';
const Guid = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^$|^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, `${label} is a GUID`);
export const CalendarSettings = z
  .object({
    enabled: z.boolean(),
    clientId: Guid('Client ID'),
    directoryTenantId: Guid('Tenant Id'),
    authorityUrl: Endpoint('Authority'),
    graphUrl: Endpoint('Graph endpoint'),
  })
  .superRefine((s, ctx) => {
    if (!s.enabled) return;
    if (!s.clientId) ctx.addIssue({ code: 'custom', path: ['clientId'], message: 'Client ID is mandatory' });
    if (!s.directoryTenantId)
      ctx.addIssue({ code: 'custom', path: ['directoryTenantId'], message: 'Tenant Id is mandatory' });
  });
export type CalendarSettings = z.infer<typeof CalendarSettings>;
export const CalendarDoc = z.object({
  version: z.number().int(),
  settings: CalendarSettings,
  secretSet: z.boolean(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type CalendarDoc = z.infer<typeof CalendarDoc>;

const ok = z.object({ ok: z.boolean() });

export const webManagerService = service({
  methods: {
    // REST SDK
    listRestClients: method({
      args: z.object({}),
      result: z.array(RestClientRow),
      permission: canRead('webManager'),
      summary: 'The REST SDK clients (names; tokens only as set / not set)',
    }),
    generateToken: method({
      args: z.object({}),
      result: z.object({ token: z.string() }),
      permission: canWrite('webManager'),
      summary: 'A new random token: 64 bytes from the system’s secure random source, hex (nothing is stored)',
    }),
    saveRestClient: method({
      args: z.object({
        id: Id.nullable(),
        expectedVersion: Version,
        name: Mandatory('Client Name', 32),
        /** Only when set or changed. */
        token: ClientToken.optional(),
      }),
      result: RestClientRow,
      permission: canWrite('webManager'),
      summary: 'Add or change a REST SDK client (host administrator; token to the keychain)',
    }),
    deleteRestClient: method({
      args: z.object({ id: Id, expectedVersion: Version }),
      result: ok,
      permission: canWrite('webManager'),
      summary: 'Delete a REST SDK client and its token',
    }),

    // CLIP
    listClip: method({
      args: z.object(TenantArg),
      result: z.object({ items: z.array(ClipRow), limit: z.number().int() }),
      permission: canRead('webManager'),
      summary: 'The tenant’s CLIP numbers for outgoing calls',
    }),
    saveClip: method({
      args: z.object({ ...TenantArg, id: Id.nullable(), expectedVersion: Version, item: ClipInput }),
      result: ClipRow,
      permission: canWrite('webManager'),
      summary: 'Add or update a CLIP number (at most ten per tenant)',
    }),
    deleteClip: method({
      args: z.object({ ...TenantArg, id: Id, expectedVersion: Version }),
      result: ok,
      permission: canWrite('webManager'),
      summary: 'Delete a CLIP number',
    }),

    // Virtual Agents
    listProfiles: method({
      args: z.object({}),
      result: z.array(VaProfileRow),
      permission: canRead('webManager'),
      summary: 'The Virtual Agent profiles (secrets only as set / not set)',
    }),
    saveProfile: method({
      args: z.object({
        id: Id.nullable(),
        expectedVersion: Version,
        profile: VaProfileInput,
        /** Only when set or changed. */
        clientToken: ClientToken.optional(),
        connectorToken: ClientToken.optional(),
        /** Dialogflow V2: the Google service-account key file's text. */
        keyFile: z.string().max(20_000, 'The token file is at most 20,000 characters').optional(),
        defaultAgentPassword: z
          .string()
          .min(1, 'Default Agent Password is mandatory')
          .max(128, 'Default Agent Password is at most 128 characters')
          .optional(),
      }),
      result: VaProfileRow,
      permission: canWrite('webManager'),
      summary: 'Add or change a Virtual Agent profile (host administrator; secrets to the keychain)',
    }),
    deleteProfile: method({
      args: z.object({ id: Id, expectedVersion: Version }),
      result: ok,
      permission: canWrite('webManager'),
      summary: 'Delete a Virtual Agent profile with its agents, actions and secrets',
    }),
    testProfile: method({
      args: z.object({ id: Id, text: Mandatory('Text', 256).default('hello') }),
      result: z.object({
        tokenMs: z.number(),
        detectMs: z.number(),
        queryText: z.string(),
        fulfillmentText: z.string(),
        intent: z.string().nullable(),
        action: z.string().nullable(),
      }),
      // Write: it uses the stored key.
      permission: canWrite('webManager'),
      summary: 'Dialogflow V2: get a Google access token with the key and ask detectIntent',
    }),
    listAgents: method({
      args: z.object({ filter: z.string().max(100).default('') }),
      result: z.array(VaAgentRow),
      permission: canRead('webManager'),
      summary: 'Users that can be virtual agents, with their profile and why one cannot be',
    }),
    setAgents: method({
      args: z.object({
        profileId: Id,
        expectedVersion: Version,
        userIds: z.array(Id).max(5000, 'at most 5000 agents per profile'),
      }),
      result: VaProfileRow,
      permission: canWrite('webManager'),
      summary: 'The agents assigned to a profile (each agent in at most one profile)',
    }),
    listActions: method({
      args: z.object({ profileId: Id }),
      result: z.array(VaActionRow),
      permission: canRead('webManager'),
      summary: 'The actions of a Virtual Agent profile',
    }),
    saveAction: method({
      args: z.object({ profileId: Id, id: Id.nullable(), expectedVersion: Version, action: VaAction }),
      result: VaActionRow,
      permission: canWrite('webManager'),
      summary: 'Add or change an action (Action Name unique in its profile)',
    }),
    deleteAction: method({
      args: z.object({ profileId: Id, id: Id, expectedVersion: Version }),
      result: ok,
      permission: canWrite('webManager'),
      summary: 'Delete an action',
    }),

    // Exchange Calendar
    getCalendar: method({
      args: z.object(TenantArg),
      result: CalendarDoc,
      permission: canRead('webManager'),
      summary: 'The tenant’s Exchange Calendar settings (Exchange Online only)',
    }),
    saveCalendar: method({
      args: z.object({
        ...TenantArg,
        expectedVersion: Version,
        settings: CalendarSettings,
        clientSecret: z
          .string()
          .min(1)
          .max(256, 'Client secret value is at most 256 characters')
          .regex(/^[\x20-\x7e]+$/, 'Client secret value is printable ASCII')
          .optional(),
      }),
      result: CalendarDoc,
      permission: canWrite('webManager'),
      summary: 'Save the Exchange Calendar settings (secret to the keychain)',
    }),
    testCalendar: method({
      args: z.object({
        ...TenantArg,
        upn: z
          .string()
          .trim()
          .min(3, 'User is mandatory')
          .max(256)
          .regex(/^[^\s/?#]+@[^\s/?#]+$/, 'a user@domain'),
      }),
      result: z.object({
        tokenMs: z.number(),
        graphMs: z.number(),
        events: z.number().int(),
        first: z.string().nullable(),
      }),
      permission: canWrite('webManager'),
      summary: 'Get a token by client credentials and read one calendar event of the user',
    }),
  },
  events: {},
});
