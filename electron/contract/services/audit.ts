import { z } from 'zod';
import { method, service } from '../define';
import { canRead } from '../permissions';

export const AuditRow = z.object({
  id: z.number().int(),
  at: z.string(),
  tenantId: z.number().int().nullable(),
  tenant: z.string().nullable(),
  actor: z.string(),
  origin: z.string(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  objectName: z.string().nullable(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type AuditRow = z.infer<typeof AuditRow>;

export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'sign-in',
  'sign-in-failed',
  'sign-out',
  'lock',
  'unlock',
  'password-change',
  'password-set',
] as const;

export const AuditFilter = z.object({
  tenantId: z.number().int().optional(),
  actor: z.string().max(100).optional(),
  action: z.string().max(40).optional(),
  objectType: z.string().max(40).optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  text: z.string().max(200).optional(),
});
export type AuditFilter = z.infer<typeof AuditFilter>;

export const auditService = service({
  methods: {
    query: method({
      args: AuditFilter.extend({
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(200),
      }),
      result: z.object({ total: z.number().int(), rows: z.array(AuditRow) }),
      permission: canRead('system'),
      summary: 'Audit log entries, newest first',
    }),
    exportCsv: method({
      args: AuditFilter,
      result: z.object({ csv: z.string(), rows: z.number().int() }),
      permission: canRead('system'),
      summary: 'The filtered audit log as CSV',
    }),
  },
  events: {},
});
