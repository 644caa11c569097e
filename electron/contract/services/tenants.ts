import { z } from 'zod';
import { method, service } from '../define';
import { canRead, canWrite, SIGNED_IN } from '../permissions';
import { TenantRef } from './auth';

const Count = (label: string, max: number) =>
  z
    .number({ error: `${label}: enter a whole number` })
    .int(`${label}: enter a whole number`)
    .min(0, `${label}: cannot be negative`)
    .max(max, `${label}: at most ${max}`);

/** Authentication tab → Password Management (seed 001). 0 turns a rule off. */
export const PasswordPolicy = z
  .object({
    lockoutAfterAttempts: Count('Lockout Account After … Failed Logon Attempts', 100),
    cannotReuseLast: Count('Cannot Reuse Last … Passwords', 24),
    expiresAfterDays: Count('Password Expires After … Days', 3650),
    warnDaysRemaining: Count('Warn Password Expiring When … Days Remaining', 3650),
  })
  .refine((p) => p.expiresAfterDays === 0 || p.warnDaysRemaining < p.expiresAfterDays, {
    path: ['warnDaysRemaining'],
    message: 'Warn Password Expiring When … Days Remaining: must be less than Password Expires After … Days',
  });
export type PasswordPolicy = z.infer<typeof PasswordPolicy>;

export const PolicyDoc = z.object({
  tenantId: z.number().int(),
  version: z.number().int(),
  policy: PasswordPolicy,
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type PolicyDoc = z.infer<typeof PolicyDoc>;

export const tenantsService = service({
  methods: {
    list: method({
      args: z.object({}),
      result: z.array(TenantRef),
      permission: SIGNED_IN,
      summary: 'Tenants the user may see',
    }),
    getPolicy: method({
      args: z.object({ tenantId: z.number().int() }),
      result: PolicyDoc,
      permission: canRead('system'),
      summary: 'Password management settings',
    }),
    savePolicy: method({
      args: z.object({ tenantId: z.number().int(), expectedVersion: z.number().int(), policy: PasswordPolicy }),
      result: PolicyDoc,
      permission: canWrite('system'),
      summary: 'Save password management settings (refused when stale)',
    }),
  },
  events: {},
});
