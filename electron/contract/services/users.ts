import { z } from 'zod';
import { bodyFor, method, service } from '../define';
import { canRead, canWrite } from '../permissions';

export const UserRow = z.object({
  id: z.number().int(),
  version: z.number().int(),
  logonId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  directoryNumber: z.string().nullable(),
  agentGroupId: z.number().int(),
  agentGroup: z.string(),
  userTypeId: z.number().int(),
  userType: z.string(),
  externalLogonId: z.string().nullable(),
  locked: z.boolean(),
  lockReason: z.enum(['failed-attempts', 'manual']).nullable(),
  lockedAt: z.string().nullable(),
  /** The host or address whose failed attempts locked the account. */
  lockedByHost: z.string().nullable(),
  /** Has a Sync ID (created by user synchronization). */
  synchronized: z.boolean(),
  /** A blank password cannot log on conventionally. */
  passwordSet: z.boolean(),
  lastLogonAt: z.string().nullable(),
  /** Soft-deleted (kept so it can be undeleted; shown only with the "deleted" filter). */
  deleted: z.boolean(),
});
export type UserRow = z.infer<typeof UserRow>;

export const UserSort = z.enum([
  'logonId',
  'firstName',
  'lastName',
  'directoryNumber',
  'agentGroup',
  'userType',
  'externalLogonId',
  'locked',
  'lastLogonAt',
]);
export type UserSort = z.infer<typeof UserSort>;

export const UserQuery = z.object({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(100_000).default(100),
  sort: UserSort.default('logonId'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  search: z.string().max(100).optional(),
  agentGroupId: z.number().int().optional(),
  userTypeId: z.number().int().optional(),
  locked: z.boolean().optional(),
  synchronized: z.boolean().optional(),
  /** 'hide' (default): only live users; 'only': only soft-deleted ones; 'include': both. */
  deleted: z.enum(['hide', 'only', 'include']).optional(),
  /** False: skip counting (total is then -1) — the grid counts once per query, not for every page it scrolls to. */
  withTotal: z.boolean().default(true),
});
export type UserQuery = z.infer<typeof UserQuery>;

/** The grid's filter without paging (bulk actions on "all matching", CSV export). */
export const UserFilter = UserQuery.pick({
  search: true,
  agentGroupId: true,
  userTypeId: true,
  locked: true,
  synchronized: true,
  deleted: true,
});
export type UserFilter = z.infer<typeof UserFilter>;

/**
 * Phone Agent Logon (seed 001, PHONE AGENT AUTOMATIC LOGON): the user's override of the
 * tenant's "Automatically Restore Logon Status After Restart". Stored as 0..3 in
 * cc_user.phone_agent_logon, in this order.
 */
export const PHONE_AGENT_LOGON_OPTIONS = ['useSystemSetting', 'restore', 'dontRestore', 'restoreWithPriority'] as const;
export const PhoneAgentLogon = z.enum(PHONE_AGENT_LOGON_OPTIONS);
export type PhoneAgentLogon = z.infer<typeof PhoneAgentLogon>;
export const PHONE_AGENT_LOGON_LABELS: Record<PhoneAgentLogon, string> = {
  useSystemSetting: 'Use System Setting',
  restore: 'Restore Logon State',
  dontRestore: 'Don’t Restore Logon State',
  restoreWithPriority: 'Restore Logon State with Priority',
};

/** Limits of the cc_user columns (migration 001); the editor, the CSV import and main use the same. */
export const USER_LIMITS = {
  logonId: 50,
  firstName: 100,
  lastName: 100,
  directoryNumber: 50,
  externalLogonId: 256,
  chatDisplayName: 100,
  circuitUser: 256,
  personalDefaultDestination: 50,
} as const;

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}: at most ${max} characters`)
    .nullable()
    .transform((v) => (v === null || v === '' ? null : v));

/** The user's password type: OpenScape Contact Center password, Windows logon or SAML2 SSO. */
export const PASSWORD_TYPES = ['oscc', 'windows', 'saml2'] as const;
export const PasswordType = z.enum(PASSWORD_TYPES);
export const PASSWORD_TYPE_LABELS: Record<(typeof PASSWORD_TYPES)[number], string> = {
  oscc: 'OpenScape Contact Center password',
  windows: 'Windows logon',
  saml2: 'SAML2 SSO',
};

/** What the User Properties editor saves (General page). Blank optional fields are stored as NULL. */
export const UserFields = z.object({
  logonId: z
    .string()
    .trim()
    .min(1, 'Logon ID is required')
    .max(USER_LIMITS.logonId, `Logon ID: at most ${USER_LIMITS.logonId} characters`)
    // eslint-disable-next-line no-control-regex -- refusing control characters is the point
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'Logon ID: no control characters'),
  firstName: z.string().trim().max(USER_LIMITS.firstName, `First name: at most ${USER_LIMITS.firstName} characters`),
  lastName: z.string().trim().max(USER_LIMITS.lastName, `Last name: at most ${USER_LIMITS.lastName} characters`),
  directoryNumber: optionalText(USER_LIMITS.directoryNumber, 'Directory Number'),
  agentGroupId: z.number().int(),
  userTypeId: z.number().int(),
  externalLogonId: optionalText(USER_LIMITS.externalLogonId, 'External Logon ID'),
  chatDisplayName: optionalText(USER_LIMITS.chatDisplayName, 'Chat display name'),
  circuitUser: optionalText(USER_LIMITS.circuitUser, 'Circuit User'),
  phoneAgentLogon: PhoneAgentLogon,
  personalDefaultDestination: optionalText(USER_LIMITS.personalDefaultDestination, 'Default destination'),
  dispatchPrivilege: z.boolean(),
  /**
   * How the user logs on; Virtual Agents support only the OpenScape Contact Center password type. The three
   * Virtual Agent fields are optional: left out = unchanged (a new user: OpenScape Contact Center password, off).
   */
  passwordType: PasswordType.optional(),
  /** Not supported by Virtual Agent (Web Manager › Virtual Agents refuses users with it set). */
  automaticPostProcessing: z.boolean().optional(),
  /** Not supported by Virtual Agent. */
  mandatoryWrapUpReason: z.boolean().optional(),
});
export type UserFields = z.infer<typeof UserFields>;

/** One user as the User Properties editor shows it. */
export const UserDoc = z.object({
  id: z.number().int(),
  version: z.number().int(),
  fields: UserFields,
  agentGroup: z.string(),
  userType: z.string(),
  /** Set by user synchronization; read-only here. */
  syncId: z.string().nullable(),
  locked: z.boolean(),
  lockReason: z.enum(['failed-attempts', 'manual']).nullable(),
  lockedAt: z.string().nullable(),
  lockedByHost: z.string().nullable(),
  passwordSet: z.boolean(),
  passwordChangedAt: z.string().nullable(),
  lastLogonAt: z.string().nullable(),
  deleted: z.boolean(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type UserDoc = z.infer<typeof UserDoc>;

/** Tenant settings of seed 001, USER SYNCHRONIZATION → User Deletion. */
export const UserDeletionSettings = z.object({
  version: z.number().int(),
  neverDeleteSynced: z.boolean(),
  allowManualDeleteSynced: z.boolean(),
});
export type UserDeletionSettings = z.infer<typeof UserDeletionSettings>;

export const UserLookups = z.object({
  agentGroups: z.array(z.object({ id: z.number().int(), name: z.string(), inScope: z.boolean() })),
  userTypes: z.array(z.object({ id: z.number().int(), name: z.string() })),
  deletion: UserDeletionSettings,
});
export type UserLookups = z.infer<typeof UserLookups>;

export const UserBulkAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('moveToAgentGroup'), agentGroupId: z.number().int() }),
  z.object({ kind: z.literal('changeUserType'), userTypeId: z.number().int() }),
  z.object({ kind: z.literal('lock') }),
  z.object({ kind: z.literal('unlock') }),
  z.object({ kind: z.literal('delete') }),
  z.object({ kind: z.literal('undelete') }),
]);
export type UserBulkAction = z.infer<typeof UserBulkAction>;

/** Which users a bulk action or an export applies to: listed ids, or every user matching a filter (less some). */
export const UserSelection = z.union([
  z.object({ ids: z.array(z.number().int()).min(1, 'select at least one user').max(200_000) }),
  z.object({ filter: UserFilter, exceptIds: z.array(z.number().int()).max(200_000).default([]) }),
]);
export type UserSelection = z.infer<typeof UserSelection>;

export const CsvImportError = z.object({
  /** The line of the file the row starts on (the header is line 1). */
  row: z.number().int(),
  /** The column's header, e.g. "Directory Number" ('' for the whole row or file). */
  field: z.string(),
  rule: z.string(),
});
export type CsvImportError = z.infer<typeof CsvImportError>;

export const CsvImportResult = z.discriminatedUnion('applied', [
  z.object({ applied: z.literal(true), created: z.number().int(), updated: z.number().int(), rows: z.number().int() }),
  z.object({
    applied: z.literal(false),
    rows: z.number().int(),
    errors: z.array(CsvImportError),
    truncated: z.boolean(),
    /** Cancelled by the user (users.cancelImport): rolled back, nothing was imported. */
    cancelled: z.boolean().optional(),
  }),
]);
export type CsvImportResult = z.infer<typeof CsvImportResult>;

/** Fields a bulk edit may change (bulk actions in the grid; CSV import). */
export const UserChanges = z
  .object({
    firstName: z.string().trim().max(100),
    lastName: z.string().trim().max(100),
    directoryNumber: z.string().trim().min(1).max(50).nullable(),
    agentGroupId: z.number().int(),
    userTypeId: z.number().int(),
  })
  .partial();
export type UserChanges = z.infer<typeof UserChanges>;

export const usersService = service({
  methods: {
    page: method({
      args: UserQuery,
      result: z.object({ total: z.number().int(), rows: z.array(UserRow) }),
      permission: canRead('users'),
      summary: 'A page of the tenant’s users, sorted and filtered in the database',
    }),
    lock: method({
      args: z.object({ id: z.number().int(), expectedVersion: z.number().int() }),
      result: UserRow,
      permission: canWrite('users'),
      summary: 'Lock the account (manual lock)',
    }),
    unlock: method({
      args: z.object({ id: z.number().int(), expectedVersion: z.number().int() }),
      result: UserRow,
      permission: canWrite('users'),
      summary: 'Unlock the account and reset its failed attempts',
    }),
    bulkUpdate: method({
      args: z.object({
        edits: z
          .array(z.object({ id: z.number().int(), expectedVersion: z.number().int(), changes: UserChanges }))
          .min(1, 'at least one edit')
          .max(20_000, 'at most 20000 edits at once'),
      }),
      result: z.object({
        updated: z.number().int(),
        versions: z.array(z.object({ id: z.number().int(), version: z.number().int() })),
      }),
      permission: canWrite('users'),
      summary: 'Save many users’ edits in one transaction (all or nothing; stale rows refuse the whole save)',
    }),
    lookups: method({
      args: z.object({}),
      result: UserLookups,
      permission: canRead('users'),
      summary: 'Agent groups, user types and the User Deletion settings of the tenant (for the grid and the editor)',
    }),
    get: method({
      args: z.object({ id: z.number().int() }),
      result: UserDoc,
      permission: canRead('users'),
      summary: 'One user for User Properties (deleted users too)',
    }),
    create: method({
      args: z.object({ fields: UserFields }),
      result: UserDoc,
      permission: canWrite('users'),
      summary: 'Create a user (Logon ID unique in the tenant; no password until one is set)',
    }),
    save: method({
      args: z.object({ id: z.number().int(), expectedVersion: z.number().int(), fields: UserFields }),
      result: UserDoc,
      permission: canWrite('users'),
      summary: 'Save User Properties (General page) with the version it was read at',
    }),
    copy: method({
      args: z.object({ id: z.number().int(), fields: UserFields }),
      result: UserDoc,
      permission: canWrite('users'),
      summary: 'Create a user from another one’s settings with a new Logon ID (no password, no Sync ID)',
    }),
    bulk: method({
      args: z.object({ selection: UserSelection, action: UserBulkAction }),
      result: z.object({ affected: z.number().int(), softDeleted: z.number().int(), hardDeleted: z.number().int() }),
      permission: canWrite('users'),
      summary:
        'Move / change user type / lock / unlock / delete / undelete many users in one transaction (all or nothing)',
    }),
    count: method({
      args: z.object({ selection: UserSelection }),
      result: z.object({ count: z.number().int() }),
      permission: canRead('users'),
      summary: 'How many users a selection holds (for the confirmation)',
    }),
    exportCsv: method({
      args: z.object({
        filter: UserFilter,
        sort: UserSort.default('logonId'),
        direction: z.enum(['asc', 'desc']).default('asc'),
      }),
      result: z.object({ fileName: z.string(), text: z.string(), rows: z.number().int() }),
      permission: canRead('users'),
      summary: 'Every user matching the grid’s filter as CSV',
    }),
    importCsv: method({
      args: z.object({
        text: z.string().max(50_000_000, 'at most 50 MB of CSV'),
        /** Names the import in its importProgress events and for cancelImport (chosen by the caller). */
        importId: z.string().uuid().optional(),
      }),
      result: CsvImportResult,
      maxBodyBytes: bodyFor(50_000_000),
      permission: canWrite('users'),
      summary:
        'Create or update users from CSV: every row validated first, then all applied in one transaction or none',
    }),
    cancelImport: method({
      args: z.object({ importId: z.string().uuid() }),
      result: z.object({ cancelled: z.boolean() }),
      permission: canWrite('users'),
      summary:
        'Stop a running CSV import of the caller’s: it stops at the next batch and rolls back (nothing is imported)',
      stopsRunningWork: true,
    }),
    saveDeletionSettings: method({
      args: UserDeletionSettings.extend({ expectedVersion: z.number().int() }).omit({ version: true }),
      result: UserDeletionSettings,
      permission: canWrite('users'),
      summary:
        'The tenant’s User Deletion settings (Never Delete Users During Synchronization, Allow Manual Deletion for ' +
        'Synchronized Users)',
    }),
    setPassword: method({
      args: z.object({ id: z.number().int(), expectedVersion: z.number().int(), password: z.string().max(256) }),
      result: UserRow,
      permission: canWrite('users'),
      summary: 'Set or reset the user’s password (the tenant’s password rules apply)',
    }),
  },
  events: {
    /** A running CSV import: which phase, how many rows of it are done (no user data). */
    importProgress: z.object({
      importId: z.string(),
      phase: z.enum(['reading', 'checking', 'writing', 'saving']),
      done: z.number().int(),
      total: z.number().int(),
    }),
  },
});
