import { PasswordPolicy } from '../../../../../electron/contract';

export type PolicyField = keyof PasswordPolicy;
export const POLICY_FIELDS: readonly PolicyField[] = [
  'lockoutAfterAttempts',
  'cannotReuseLast',
  'expiresAfterDays',
  'warnDaysRemaining',
];

/** The seed's Authentication tab wording: "<before> [n] <after>"; 0 turns the rule off. */
export const POLICY_LABELS: Readonly<Record<PolicyField, { before: string; after: string; off: string }>> = {
  lockoutAfterAttempts: {
    before: 'Lockout Account After',
    after: 'Failed Logon Attempts',
    off: 'Accounts are never locked',
  },
  cannotReuseLast: { before: 'Cannot Reuse Last', after: 'Passwords', off: 'Earlier passwords may be reused' },
  expiresAfterDays: { before: 'Password Expires After', after: 'Days', off: 'Passwords never expire' },
  warnDaysRemaining: {
    before: 'Warn Password Expiring When',
    after: 'Days Remaining',
    off: 'No warning before a password expires',
  },
};

/** "Lockout Account After [n] Failed Logon Attempts" — the whole label, for a field's name. */
export const fullLabel = (f: PolicyField) => `${POLICY_LABELS[f].before} [n] ${POLICY_LABELS[f].after}`;

/** The working copy: numbers as typed. */
export type PolicyForm = Record<PolicyField, string>;
export type PolicyErrors = Partial<Record<PolicyField, string>>;

export const toPolicyForm = (p: PasswordPolicy): PolicyForm => ({
  lockoutAfterAttempts: String(p.lockoutAfterAttempts),
  cannotReuseLast: String(p.cannotReuseLast),
  expiresAfterDays: String(p.expiresAfterDays),
  warnDaysRemaining: String(p.warnDaysRemaining),
});

const toNumber = (typed: string) => {
  const t = typed.trim();
  return /^[+-]?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
};

/** Checks the form with the contract's PasswordPolicy schema; one message per field, the rule's own words. */
export function parsePolicyForm(
  form: PolicyForm,
): { ok: true; value: PasswordPolicy } | { ok: false; errors: PolicyErrors } {
  const candidate = Object.fromEntries(POLICY_FIELDS.map((f) => [f, toNumber(form[f])]));
  const result = PasswordPolicy.safeParse(candidate);
  if (result.success) return { ok: true, value: result.data };
  const errors: PolicyErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as PolicyField | undefined;
    if (!field || !POLICY_FIELDS.includes(field) || errors[field]) continue;
    errors[field] = issue.message;
  }
  return { ok: false, errors };
}

/** Dirty = the form says something other than the saved policy (an invalid form always is). */
export function isPolicyDirty(form: PolicyForm, saved: PasswordPolicy): boolean {
  const parsed = parsePolicyForm(form);
  if (!parsed.ok) return true;
  return POLICY_FIELDS.some((f) => parsed.value[f] !== saved[f]);
}
