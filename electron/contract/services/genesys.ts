import { z } from 'zod';
import { method, service } from '../define';
import { canRead, canWrite } from '../permissions';

/**
 * Genesys Cloud for PureConnect (seed 004): the console pairs each tenant with one Genesys Cloud
 * organization and pushes its users (SCIM 2.0), agent groups (→ queues), skills (→ ACD skills or
 * languages) and wrap-up codes to it, one way. The organization administrator's password and the
 * OAuth client's secret live in the OS keychain only, bound to the region's login host.
 */

/** Genesys Cloud regions: the API is api.<host>, sign-in login.<host>. The default is North America (US East). */
export const GENESYS_REGIONS = [
  { host: 'mypurecloud.com', label: 'Americas (US East)' },
  { host: 'use2.us-gov-pure.cloud', label: 'Americas (US East 2, FedRAMP)' },
  { host: 'usw2.pure.cloud', label: 'Americas (US West)' },
  { host: 'cac1.pure.cloud', label: 'Americas (Canada)' },
  { host: 'sae1.pure.cloud', label: 'Americas (São Paulo)' },
  { host: 'mypurecloud.ie', label: 'EMEA (Dublin)' },
  { host: 'euw2.pure.cloud', label: 'EMEA (London)' },
  { host: 'mypurecloud.de', label: 'EMEA (Frankfurt)' },
  { host: 'euc2.pure.cloud', label: 'EMEA (Zurich)' },
  { host: 'mec1.pure.cloud', label: 'Middle East (UAE)' },
  { host: 'aps1.pure.cloud', label: 'Asia Pacific (Mumbai)' },
  { host: 'mypurecloud.jp', label: 'Asia Pacific (Tokyo)' },
  { host: 'apne3.pure.cloud', label: 'Asia Pacific (Osaka)' },
  { host: 'apne2.pure.cloud', label: 'Asia Pacific (Seoul)' },
  { host: 'mypurecloud.com.au', label: 'Asia Pacific (Sydney)' },
] as const;
export const GENESYS_REGION_HOSTS = GENESYS_REGIONS.map((r) => r.host) as unknown as readonly [string, ...string[]];
export const GenesysRegion = z.enum(GENESYS_REGION_HOSTS as [string, ...string[]], {
  message: 'choose a region from the Genesys Cloud regions list',
});
export const DEFAULT_GENESYS_REGION = 'mypurecloud.com';
export const apiHostOf = (region: string) => `api.${region}`;
export const loginHostOf = (region: string) => `login.${region}`;

/** The seed's rule for the organization administrator's password. */
export const GenesysAdminPassword = z
  .string()
  .min(8, 'at least 8 characters')
  .max(256, 'at most 256 characters')
  .regex(/[0-9]/, 'needs a number')
  .regex(/[^A-Za-z0-9]/, 'needs a special character')
  .regex(/[A-Z]/, 'needs an upper case letter')
  .regex(/[a-z]/, 'needs a lower case letter');

export const GenesysOrgShortName = z
  .string()
  .trim()
  .max(100, 'at most 100 characters')
  .regex(/^[A-Za-z0-9]*$/, 'letters and digits only');

export const GenesysAdminEmail = z.union([
  z.literal(''),
  z.string().trim().max(254, 'at most 254 characters').email('an e-mail address (name@domain)'),
]);

/** Browser Client Applications: https only. */
export const BrowserClientUri = z
  .string()
  .trim()
  .max(2000, 'at most 2,000 characters')
  .url('an absolute URI')
  .refine((u) => /^https:\/\//i.test(u), 'must be https');

/** What the Configuration and Synchronization Options tabs save (no secrets). */
export const GenesysConfigInput = z.object({
  enabled: z.boolean(),
  adminEmail: GenesysAdminEmail,
  orgShortName: GenesysOrgShortName,
  region: GenesysRegion,
  syncUsers: z.boolean().default(true),
  syncAdvanced: z.boolean().default(false),
  browserClientApps: z.array(BrowserClientUri).max(100, 'at most 100 applications').default([]),
  /** Currently Selected Dial Groups: names of the tenant's dial groups (`dialGroupList`), checked in main. */
  dialGroups: z
    .array(z.string().trim().min(1, 'a dial group needs a name').max(100, 'at most 100 characters'))
    .max(100, 'at most 100 dial groups')
    .default([]),
});
export type GenesysConfigInput = z.infer<typeof GenesysConfigInput>;

export const GenesysConfigDoc = z.object({
  config: GenesysConfigInput,
  version: z.number().int(),
  passwordSet: z.boolean(),
  provisioned: z.object({ at: z.string(), orgId: z.string(), orgName: z.string(), clientId: z.string() }).nullable(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type GenesysConfigDoc = z.infer<typeof GenesysConfigDoc>;

/** queueMembers: a workgroup's members → its queue's members (per agent group). */
export const SYNC_KINDS = ['user', 'workgroup', 'skill', 'wrapupCode', 'queueMembers'] as const;
export const SyncKind = z.enum(SYNC_KINDS);
export type SyncKind = z.infer<typeof SyncKind>;
export const SyncStatus = z.enum(['Synced', 'Error', 'Not synced']);
export type SyncStatus = z.infer<typeof SyncStatus>;

export const SyncRecord = z.object({
  kind: SyncKind,
  objectId: z.number().int(),
  name: z.string(),
  status: SyncStatus,
  /** The API's error text (Error) or why it is not synchronized (Not synced). */
  message: z.string().nullable(),
  /** The last successful synchronization. */
  lastSynchronized: z.string().nullable(),
});
export type SyncRecord = z.infer<typeof SyncRecord>;

export const HEALTH_ITEMS = [
  'API Health',
  'User Sync',
  'WrapupCode Sync',
  'Workgroup Sync',
  'Skill Sync',
  'User Skill Sync',
  'Cloud Conduit',
  'OAuth client apps',
] as const;
export const HealthDetail = z.object({
  severity: z.enum(['Error', 'Warning', 'Information']),
  time: z.string(),
  message: z.string(),
});
export const HealthItem = z.object({
  item: z.enum(HEALTH_ITEMS),
  state: z.string(),
  lastUpdate: z.string().nullable(),
  details: z.array(HealthDetail),
});
export type HealthItem = z.infer<typeof HealthItem>;

/**
 * Skill proficiency 1–100 → Genesys Cloud rating 1–5 stars: 1–20 → 1, 21–40 → 2, 41–60 → 3,
 * 61–80 → 4, 81–100 → 5 (ceil(level / 20)).
 */
export const proficiencyToStars = (level: number) => Math.min(5, Math.max(1, Math.ceil(level / 20)));

export const WrapupCodeName = z
  .string()
  .trim()
  .min(1, 'a wrap-up code needs a name')
  .max(100, 'at most 100 characters')
  .regex(/^\P{Cc}*$/u, 'no control characters');
export const WrapupCodeRow = z.object({ id: z.number().int(), name: z.string(), version: z.number().int() });

/** A dial group of the tenant (Genesys Cloud Dial Groups tab, "Available Dial Groups"). */
export const DialGroupName = z
  .string()
  .trim()
  .min(1, 'a dial group needs a name')
  .max(100, 'at most 100 characters')
  .regex(/^\P{Cc}*$/u, 'no control characters');
export const DialGroupRow = z.object({
  id: z.number().int(),
  name: z.string(),
  version: z.number().int(),
  /** Whether it is in Currently Selected Dial Groups (then it cannot be deleted). */
  selected: z.boolean(),
});
export type DialGroupRow = z.infer<typeof DialGroupRow>;

// ---- SMS Provisioning (seed 004 "Configure Genesys Cloud for SMS Provisioning") ----------------------

/** Number Type in the dialog → the Platform API's phoneNumberType. */
export const SMS_NUMBER_TYPES = { Longcode: 'local', 'Toll Free': 'tollfree' } as const;
const SmsNumberType = z.enum(['Longcode', 'Toll Free'], { message: 'Longcode or Toll Free' });
type SmsNumberType = z.infer<typeof SmsNumberType>;
export const smsNumberTypeOf = (apiType: string): SmsNumberType | string =>
  apiType === 'local' ? 'Longcode' : apiType === 'tollfree' ? 'Toll Free' : apiType;

/** Exchange and Area Code: the first digit 2–9, the second and third 0–9. */
const NanpTriple = z.union([
  z.literal(''),
  z
    .string()
    .trim()
    .regex(/^[2-9][0-9]{2}$/, 'three digits: the first 2–9, the second and third 0–9'),
]);
const SmsSearchInput = z
  .object({
    numberType: SmsNumberType.default('Longcode'),
    maxResults: z.number().int().min(1, 'at least 1').max(100, 'at most 100').default(10),
    exchange: NanpTriple.default(''),
    areaCode: NanpTriple.default(''),
    city: z.string().trim().max(100, 'at most 100 characters').default(''),
    state: z.string().trim().max(100, 'at most 100 characters').default(''),
    country: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{2}$/, 'a two-letter country code (ISO 3166), e.g. US')
      .default('US'),
    postalCode: z
      .union([
        z.literal(''),
        z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9 -]{2,12}$/, 'letters, digits, space or -'),
      ])
      .default(''),
    vanity: z
      .union([
        z.literal(''),
        z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9]{4,7}$/, '4 to 7 letters or digits'),
      ])
      .default(''),
    /** The vanity characters are at the end of the number. */
    endsWith: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (v.endsWith && !v.vanity)
      ctx.addIssue({ code: 'custom', path: ['vanity'], message: 'Ends With needs the vanity characters' });
    if (v.vanity && v.exchange)
      ctx.addIssue({ code: 'custom', path: ['exchange'], message: 'use Exchange or Vanity, not both' });
  });
type SmsSearchInput = z.infer<typeof SmsSearchInput>;

/**
 * The Platform API's `pattern` for a search: '*' is any one digit, letters stand for their keypad
 * digits. A full 10-character pattern (area code, exchange, line) matches the whole national number;
 * a shorter one matches anywhere in it.
 */
export function smsSearchPattern(v: SmsSearchInput): string {
  if (v.vanity && v.endsWith) return `${v.areaCode || '***'}${'*'.repeat(7 - v.vanity.length)}${v.vanity}`;
  if (v.vanity) return v.vanity;
  if (v.exchange) return `${v.areaCode || '***'}${v.exchange}****`;
  return '';
}

const AvailableSmsNumber = z.object({
  phoneNumber: z.string(),
  countryCode: z.string(),
  region: z.string().nullable(),
  city: z.string().nullable(),
  addressRequirement: z.string().nullable(),
});

const HttpsUrl = z
  .string()
  .trim()
  .max(2000, 'at most 2,000 characters')
  .url('an absolute URL')
  .refine((u) => /^https:\/\//i.test(u), 'must be https (secure)');
const WebhookPassword = z.string().max(256, 'at most 256 characters');
const SmsDetails = {
  email: z.string().trim().max(254, 'at most 254 characters').email('an e-mail address (name@domain)'),
  comment: z.string().trim().max(500, 'at most 500 characters').default(''),
  webhookUsername: z
    .string()
    .trim()
    .max(100, 'at most 100 characters')
    .regex(/^[^:\p{Cc}]*$/u, 'no colon or control characters')
    .default(''),
  /** Basic auth password of the MO and DR webhooks; kept in the OS keychain only. Omitted = unchanged. */
  webhookPassword: WebhookPassword.optional(),
  confirmPassword: WebhookPassword.optional(),
  moUrl: HttpsUrl,
  drUrl: HttpsUrl,
};
const passwordsMatch = (
  v: { webhookPassword?: string | undefined; confirmPassword?: string | undefined; webhookUsername: string },
  ctx: z.RefinementCtx,
) => {
  if ((v.webhookPassword ?? '') !== (v.confirmPassword ?? ''))
    ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'does not match the Webhook Password' });
  if (v.webhookPassword && !v.webhookUsername)
    ctx.addIssue({ code: 'custom', path: ['webhookUsername'], message: 'a webhook password needs a username' });
};
const SmsProvisionInput = z
  .object({
    phoneNumber: z
      .string()
      .trim()
      .regex(/^\+[1-9][0-9]{6,14}$/, 'an E.164 number (+ and 7 to 15 digits)'),
    numberType: SmsNumberType,
    country: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{2}$/, 'a two-letter country code (ISO 3166), e.g. US'),
    ...SmsDetails,
  })
  .superRefine(passwordsMatch);
const SmsUpdateInput = z
  .object({ id: z.number().int(), expectedVersion: z.number().int().min(1), ...SmsDetails })
  .superRefine(passwordsMatch);

export const SmsNumberRow = z.object({
  /** The console's row (null: provisioned in Genesys Cloud by someone else). */
  id: z.number().int().nullable(),
  version: z.number().int().nullable(),
  /** The Genesys Cloud id of the provisioned number. */
  accountId: z.string().nullable(),
  number: z.string(),
  type: z.string(),
  status: z.string(),
  email: z.string(),
  comment: z.string(),
  webhookUsername: z.string(),
  webhookPasswordSet: z.boolean(),
  moUrl: z.string(),
  drUrl: z.string(),
});
export type SmsNumberRow = z.infer<typeof SmsNumberRow>;

/** Manage Client Configuration: the OAuth client the SMS provisioning uses. */
export const SMS_CLIENT_DEFAULTS = {
  serviceName: 'GenesysCloudMessaging',
  durationSeconds: 86_400,
  status: 'active',
  description: 'PureConnect integration with Genesys Cloud Messaging',
} as const;
export const SmsClientInput = z.object({
  serviceName: z
    .string()
    .trim()
    .min(1, 'a service name is required')
    .max(100, 'at most 100 characters')
    .regex(/^\P{Cc}*$/u, 'no control characters'),
  /** Seconds until the client's tokens expire: 10 minutes to 48 hours. */
  durationSeconds: z
    .number()
    .int('whole seconds')
    .min(600, 'at least 600 seconds (10 minutes)')
    .max(172_800, 'at most 172,800 seconds (48 hours)')
    .default(86_400),
  status: z.enum(['active', 'inactive'], { message: 'active or inactive' }).default('active'),
  description: z.string().trim().max(500, 'at most 500 characters').default(''),
});
export type SmsClientInput = z.infer<typeof SmsClientInput>;
const SmsClientDoc = z.object({
  config: SmsClientInput,
  clientId: z.string(),
  secretSet: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});

const Email = z.union([z.literal(''), z.string().trim().max(254).email('an e-mail address (name@domain)')]);

export const genesysService = service({
  methods: {
    get: method({
      args: z.object({}),
      result: GenesysConfigDoc.nullable(),
      permission: canRead('genesys'),
      summary: "The tenant's Genesys Cloud configuration (no secrets); null when none is saved",
    }),
    save: method({
      args: z.object({
        expectedVersion: z.number().int().min(0),
        config: GenesysConfigInput,
        /** Only when entered or changed (change admin credentials); stored in the keychain only. */
        password: GenesysAdminPassword.optional(),
      }),
      result: GenesysConfigDoc,
      permission: canWrite('genesys'),
      summary: 'Save the configuration (versioned); disabling keeps it and stops synchronizing',
    }),
    apply: method({
      args: z.object({}),
      result: z.object({ orgId: z.string(), orgName: z.string(), clientId: z.string(), message: z.string() }),
      permission: canWrite('genesys'),
      summary: 'Provision: sign in as the organization administrator, check the org, create the OAuth client',
    }),
    remove: method({
      args: z.object({ expectedVersion: z.number().int().min(1) }),
      result: z.object({ ok: z.boolean() }),
      permission: canWrite('genesys'),
      summary: 'Remove Configuration: the settings, the keychain entries and the synchronization status',
    }),
    forceSync: method({
      args: z.object({}),
      result: z.object({ started: z.boolean() }),
      permission: canWrite('genesys'),
      summary: 'Force Complete Sync of the selected objects',
    }),
    records: method({
      args: z.object({ kind: SyncKind, objectId: z.number().int().optional() }),
      result: z.array(SyncRecord),
      permission: canRead('genesys'),
      summary: 'Per-record synchronization status (Synced / Error / Not synced, Last Synchronized)',
    }),
    health: method({
      args: z.object({}),
      result: z.object({
        enabled: z.boolean(),
        items: z.array(HealthItem),
        /** Synchronization passes finished so far in this console, and whether one is queued or running. */
        passes: z.number().int(),
        busy: z.boolean(),
      }),
      permission: canRead('genesys'),
      summary: 'Integration Health: State, Last Update and Details per health item',
    }),
    userProfiles: method({
      args: z.object({}),
      result: z.array(
        z.object({
          userId: z.number().int(),
          logonId: z.string(),
          businessEmail: z.string(),
          displayName: z.string(),
        }),
      ),
      permission: canRead('genesys'),
      summary: "Users' Business Email and Display Name (what synchronizes)",
    }),
    setUserProfile: method({
      args: z.object({
        userId: z.number().int(),
        businessEmail: Email,
        displayName: z.string().trim().max(200, 'at most 200 characters'),
      }),
      result: z.object({ ok: z.boolean() }),
      permission: canWrite('genesys'),
      summary: "Set a user's Business Email and Display Name",
    }),
    setSkillLanguage: method({
      args: z.object({ skillId: z.number().int(), treatAsLanguage: z.boolean() }),
      result: z.object({ ok: z.boolean() }),
      permission: canWrite('genesys'),
      summary: 'Treat as a Language: the skill becomes a Genesys Cloud language',
    }),
    skills: method({
      args: z.object({}),
      result: z.array(z.object({ id: z.number().int(), name: z.string(), treatAsLanguage: z.boolean() })),
      permission: canRead('genesys'),
      summary: 'Skills with their Treat as a Language setting',
    }),
    wrapupCodes: method({
      args: z.object({}),
      result: z.array(WrapupCodeRow),
      permission: canRead('genesys'),
      summary: "The tenant's wrap-up codes",
    }),
    saveWrapupCode: method({
      args: z.object({
        id: z.number().int().nullable(),
        expectedVersion: z.number().int().min(0),
        name: WrapupCodeName,
      }),
      result: WrapupCodeRow,
      permission: canWrite('genesys'),
      summary: 'Add or rename a wrap-up code (name unique in the tenant)',
    }),
    deleteWrapupCode: method({
      args: z.object({ id: z.number().int(), expectedVersion: z.number().int() }),
      result: z.object({ ok: z.boolean() }),
      permission: canWrite('genesys'),
      summary: 'Delete a wrap-up code',
    }),
    dialGroupList: method({
      args: z.object({}),
      result: z.array(DialGroupRow),
      permission: canRead('genesys'),
      summary: "The tenant's dial groups (Available Dial Groups), by name",
    }),
    saveDialGroup: method({
      args: z.object({
        id: z.number().int().nullable(),
        expectedVersion: z.number().int().min(0),
        name: DialGroupName,
      }),
      result: DialGroupRow,
      permission: canWrite('genesys'),
      summary: 'Add or rename a dial group (name unique in the tenant ignoring case; a selection follows a rename)',
    }),
    deleteDialGroup: method({
      args: z.object({ id: z.number().int(), expectedVersion: z.number().int().min(1) }),
      result: z.object({ ok: z.boolean() }),
      permission: canWrite('genesys'),
      summary: 'Delete a dial group (refused while it is in Currently Selected Dial Groups)',
    }),
    smsNumbers: method({
      args: z.object({}),
      result: z.array(SmsNumberRow),
      permission: canRead('genesys'),
      summary: 'SMS Provisioning: the provisioned numbers (from Genesys Cloud, with the console’s details); Refresh',
    }),
    smsSearch: method({
      args: SmsSearchInput,
      result: z.array(AvailableSmsNumber),
      permission: canWrite('genesys'),
      summary: 'SMS Provisioning: search the numbers available to provision',
    }),
    smsProvision: method({
      args: SmsProvisionInput,
      result: SmsNumberRow,
      permission: canWrite('genesys'),
      summary: 'Provision an available number (webhook password in the keychain only)',
    }),
    smsUpdate: method({
      args: SmsUpdateInput,
      result: SmsNumberRow,
      permission: canWrite('genesys'),
      summary: 'Update a provisioned number’s details',
    }),
    smsDelete: method({
      args: z.object({ id: z.number().int(), expectedVersion: z.number().int().min(1) }),
      result: z.object({ ok: z.boolean() }),
      permission: canWrite('genesys'),
      summary: 'Deprovision a number',
    }),
    smsClient: method({
      args: z.object({}),
      result: SmsClientDoc.nullable(),
      permission: canRead('genesys'),
      summary: 'Manage Client Configuration: the SMS OAuth client (no secret); null when none exists',
    }),
    smsClientSave: method({
      args: z.object({ expectedVersion: z.number().int().min(0), config: SmsClientInput }),
      result: SmsClientDoc,
      permission: canWrite('genesys'),
      summary: 'Create (expectedVersion 0) or Apply the SMS OAuth client; its secret goes to the keychain',
    }),
    smsClientDelete: method({
      args: z.object({ expectedVersion: z.number().int().min(1) }),
      result: z.object({ ok: z.boolean() }),
      permission: canWrite('genesys'),
      summary: 'Delete the SMS OAuth client',
    }),
  },
  events: {},
});
