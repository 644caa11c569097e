import { z } from 'zod';
import { method, service } from '../define';
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
});
export type UserRow = z.infer<typeof UserRow>;

export const UserSort = z.enum(['logonId', 'firstName', 'lastName', 'directoryNumber', 'agentGroup', 'userType', 'externalLogonId', 'locked', 'lastLogonAt']);

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
});
export type UserQuery = z.infer<typeof UserQuery>;

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
      result: z.object({ updated: z.number().int(), versions: z.array(z.object({ id: z.number().int(), version: z.number().int() })) }),
      permission: canWrite('users'),
      summary: 'Save many users’ edits in one transaction (all or nothing; stale rows refuse the whole save)',
    }),
    setPassword: method({
      args: z.object({ id: z.number().int(), expectedVersion: z.number().int(), password: z.string().max(256) }),
      result: UserRow,
      permission: canWrite('users'),
      summary: 'Set or reset the user’s password (the tenant’s password rules apply)',
    }),
  },
  events: {},
});
