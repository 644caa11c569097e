import { z } from 'zod';
import { method, service } from '../define';
import { canRead, canWrite } from '../permissions';

/**
 * Users › User Synchronization (the tenant's User Synchronization tab): users of one directory group (Active
 * Directory over LDAP, or Azure AD over Microsoft Graph) are added, updated, deleted and undeleted in the tenant.
 * Every run can be previewed first; an apply writes exactly the previewed changes in one transaction per tenant.
 * Passwords and client secrets live in the OS keychain only, bound to the host (AD) or tenant + client (Azure AD).
 */

export const SYNC_TYPES = ['none', 'ad', 'azure'] as const;
export const SyncType = z.enum(SYNC_TYPES);
export type SyncType = z.infer<typeof SyncType>;

export const AD_SECURITY = ['none', 'ldaps', 'starttls'] as const;

/** Console fields a directory attribute can fill. Logon ID, Password, Agent Group and User Type are never mapped. */
export const MAPPED_FIELDS = [
  'firstName',
  'lastName',
  'externalLogonId',
  'directoryNumber',
  'chatDisplayName',
] as const;
export const MappedField = z.enum(MAPPED_FIELDS);
export type MappedField = z.infer<typeof MappedField>;
/** Fields an update never changes, whatever the mapping (the manual's list). */
export const PROTECTED_FIELDS = ['Logon ID', 'Password', 'Agent Group', 'User Type'] as const;

/** The Graph application permissions the manual lists, with what each is for (shown as a checklist). */
export const GRAPH_PERMISSIONS: readonly { name: string; why: string }[] = [
  { name: 'User.Read.All', why: "read the users' names, e-mail, principal name and phone numbers" },
  { name: 'Group.Read.All', why: 'find the User Group by its name' },
  { name: 'GroupMember.Read.All', why: "read the group's members, nested groups included" },
  { name: 'Directory.Read.All', why: 'read the directory objects a member refers to' },
  { name: 'RoleManagement.Read.Directory', why: 'read directory role assignments' },
];

const Attr = z
  .string()
  .trim()
  .max(64, 'an attribute name is at most 64 characters')
  .regex(/^[A-Za-z0-9;.-]*$/, 'an attribute name: letters, digits, - . ;');
export const FieldMapping = z.object({
  /** Directory attribute(s), first non-empty wins: e.g. ['userPrincipalName', 'mail']. Empty = not mapped. */
  attributes: z.array(Attr).max(3),
  /** 'add': only when the user is added; 'always': every synchronization. */
  when: z.enum(['add', 'always']),
});
export type FieldMapping = z.infer<typeof FieldMapping>;
export const Mapping = z.object(
  Object.fromEntries(MAPPED_FIELDS.map((f) => [f, FieldMapping])) as Record<MappedField, typeof FieldMapping>,
);
export type Mapping = z.infer<typeof Mapping>;

export const DEFAULT_MAPPING: Record<'ad' | 'azure', Mapping> = {
  ad: {
    firstName: { attributes: ['givenName'], when: 'always' },
    lastName: { attributes: ['sn'], when: 'always' },
    externalLogonId: { attributes: ['userPrincipalName', 'mail'], when: 'always' },
    directoryNumber: { attributes: ['telephoneNumber'], when: 'add' },
    chatDisplayName: { attributes: [], when: 'add' },
  },
  azure: {
    firstName: { attributes: ['givenName'], when: 'always' },
    lastName: { attributes: ['surname'], when: 'always' },
    externalLogonId: { attributes: ['userPrincipalName', 'mail'], when: 'always' },
    directoryNumber: { attributes: ['businessPhones'], when: 'add' },
    chatDisplayName: { attributes: [], when: 'add' },
  },
};

const HostName = z
  .string()
  .trim()
  .max(255, 'Host Name: at most 255 characters')
  .regex(/^[A-Za-z0-9.:_-]*$/, 'Host Name: a host name or IP address');
const DomainName = z
  .string()
  .trim()
  .max(253, 'Domain: at most 253 characters')
  .regex(/^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$|^$/, {
    message: 'Domain: a DNS domain name such as corp.example.com',
  });
/** A plain file name ending in .csv: no folder, no `..`, nothing that climbs out of the folder it is written to. */
export const CSV_FILE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9 _.-]{0,95}\.csv$/i;
export const DEFAULT_CSV_FILE = 'UserSync.csv';
export const CsvLocation = z.object({
  /**
   * Blank = the console's logs folder; otherwise one of the folders a host administrator allowed for log files
   * (Logs › Allowed folders), chosen from that list — main refuses any other folder.
   */
  folder: z.string().trim().max(1024),
  fileName: z.string().trim().regex(CSV_FILE_NAME, 'File name: a plain file name ending in .csv (no folder, no “..”)'),
});
export type CsvLocation = z.infer<typeof CsvLocation>;
const Guidish = z
  .string()
  .trim()
  .max(100)
  .regex(/^[A-Za-z0-9.-]*$/, 'a GUID or a domain name');
const BaseUrl = z
  .string()
  .trim()
  .max(200)
  .regex(/^(https?:\/\/[^\s/]+)?$/, 'a base URL such as https://login.microsoftonline.com (no path)');

export const UserSyncSettings = z.object({
  type: SyncType,
  ad: z.object({
    host: HostName,
    port: z.number().int().min(1, 'Host Port: 1–65535').max(65535, 'Host Port: 1–65535'),
    userName: z.string().trim().max(256, 'User Name: at most 256 characters'),
    security: z.enum(AD_SECURITY),
    /** Where to search; blank = the server's default naming context. */
    baseDn: z.string().trim().max(512),
    /**
     * Blank Host Name: the domain controllers of this DNS domain are found by DNS SRV (`_ldap._tcp.<domain>`).
     * Blank = the machine's domain, which only Windows knows; elsewhere it must be given.
     */
    domain: DomainName.default(''),
  }),
  azure: z.object({
    tenantId: Guidish,
    clientId: Guidish,
    /** Blank = the public cloud (login.microsoftonline.com, graph.microsoft.com); for sovereign clouds and tests. */
    loginBaseUrl: BaseUrl,
    graphBaseUrl: BaseUrl,
  }),
  userGroup: z.string().trim().max(256, 'User Group: at most 256 characters'),
  logonId: z.object({
    order: z.enum(['lastFirst', 'firstLast']),
    firstChars: z.number().int().min(1, 'at least 1').max(19, 'at most 19'),
    lastChars: z.number().int().min(1, 'at least 1').max(19, 'at most 19'),
  }),
  neverDelete: z.boolean(),
  allowManualDelete: z.boolean(),
  mapping: Mapping,
  schedule: z.object({
    enabled: z.boolean(),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:MM'),
  }),
  /** Where UserSync.csv is appended. */
  csv: CsvLocation.default({ folder: '', fileName: DEFAULT_CSV_FILE }),
});
export type UserSyncSettings = z.infer<typeof UserSyncSettings>;

export const UserSyncConfig = UserSyncSettings.extend({
  tenantId: z.number().int(),
  version: z.number().int(),
  /** Whether the keychain holds a password (AD) / client secret (Azure AD) for the current host / tenant + client. */
  passwordSet: z.boolean(),
  secretSet: z.boolean(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  /** Where this console appends UserSync.csv (the full path, for the page), and the folders that may be chosen. */
  csvPath: z.string(),
  csvFolders: z.array(z.string()),
  /** The machine's DNS domain when the OS knows it (Windows), for "blank = the local domain". */
  localDomain: z.string().nullable(),
});
export type UserSyncConfig = z.infer<typeof UserSyncConfig>;

export const SyncAction = z.enum(['ADD', 'UPDATE', 'DELETE', 'UNDELETE', 'ERROR']);
export type SyncAction = z.infer<typeof SyncAction>;
export const SyncChange = z.object({
  action: SyncAction,
  syncId: z.string(),
  userId: z.number().int().nullable(),
  logonId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  externalLogonId: z.string().nullable(),
  /** UPDATE (and UNDELETE with changes): field by field. */
  fields: z.array(z.object({ field: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
  comment: z.string(),
});
export type SyncChange = z.infer<typeof SyncChange>;
export const SyncCounts = z.object({
  read: z.number().int(),
  add: z.number().int(),
  update: z.number().int(),
  delete: z.number().int(),
  undelete: z.number().int(),
  error: z.number().int(),
  unchanged: z.number().int(),
});
export type SyncCounts = z.infer<typeof SyncCounts>;

export const SyncPreview = z.object({
  previewId: z.string(),
  tenantId: z.number().int(),
  createdAt: z.string(),
  counts: SyncCounts,
  /** The changes of one page (filter by action). */
  changes: z.array(SyncChange),
  total: z.number().int(),
});
export type SyncPreview = z.infer<typeof SyncPreview>;

export const SyncRun = z.object({
  id: z.number().int(),
  tenantId: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  trigger: z.enum(['manual', 'schedule', 'command']),
  actor: z.string(),
  status: z.enum(['running', 'succeeded', 'failed', 'cancelled']),
  counts: SyncCounts.nullable(),
  error: z.string().nullable(),
});
export type SyncRun = z.infer<typeof SyncRun>;

const Tenant = { tenantId: z.number().int().optional() };

export const userSyncService = service({
  methods: {
    get: method({
      args: z.object(Tenant),
      result: UserSyncConfig,
      permission: canRead('users'),
      summary: "The tenant's user synchronization settings (no secrets)",
    }),
    save: method({
      args: z.object({
        ...Tenant,
        expectedVersion: z.number().int(),
        settings: UserSyncSettings,
        /** Given: stored in the keychain for this host and port. Absent: the stored one is kept (same host). */
        password: z.string().min(1, 'Password cannot be empty').max(256).optional(),
        clientSecret: z.string().min(1, 'Client Secret cannot be empty').max(256).optional(),
      }),
      result: UserSyncConfig,
      permission: canWrite('users'),
      summary: 'Save the user synchronization settings (refused when stale)',
    }),
    preview: method({
      args: z.object(Tenant),
      result: SyncPreview,
      permission: canWrite('users'),
      summary: 'Read the directory group and list every change a synchronization would make (nothing is written)',
    }),
    previewPage: method({
      args: z.object({
        previewId: z.string().max(64),
        action: SyncAction.optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(200),
      }),
      result: SyncPreview,
      permission: canWrite('users'),
      summary: 'A page of a preview, filtered by action',
    }),
    apply: method({
      args: z.object({ previewId: z.string().max(64) }),
      result: SyncRun,
      permission: canWrite('users'),
      summary: 'Write exactly the previewed changes in one transaction (refused when the users changed since)',
    }),
    cancel: method({
      args: z.object({ ...Tenant }),
      result: z.object({ cancelled: z.boolean() }),
      permission: canWrite('users'),
      summary: "Cancel the tenant's running preview or apply (an apply rolls back: nothing is written)",
      stopsRunningWork: true,
    }),
    runs: method({
      args: z.object({ ...Tenant, limit: z.number().int().min(1).max(100).default(10) }),
      result: z.array(SyncRun),
      permission: canRead('users'),
      summary: "The tenant's last synchronization runs",
    }),
  },
  events: {
    /** Progress of a running preview or apply. */
    progress: z.object({
      tenantId: z.number().int(),
      phase: z.enum(['reading', 'comparing', 'writing', 'done']),
      read: z.number().int(),
      compared: z.number().int(),
      written: z.number().int(),
    }),
  },
});
