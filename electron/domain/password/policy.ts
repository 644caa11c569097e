// Tenant password management (seed: PASSWORD MANAGEMENT; the Authentication tab of Tenant
// Properties) and the conventional sign-in decision, as pure functions. Nothing here reads
// a clock, a database or node:crypto: the caller passes `now` and `verify` (hash.ts's
// verifyPassword in production) and persists what the decision says.

import { commonPasswordKey, isCommonPassword } from './commonPasswords';

export interface PasswordPolicy {
  /** "Lockout Account After N Failed Logon Attempts"; 0 = never lock. */
  lockoutAfterAttempts: number;
  /** "Cannot Reuse Last N Passwords", the current one included; 0 = no check. */
  cannotReuseLast: number;
  /** "Password Expires After N Days"; 0 = never expires. */
  expiresAfterDays: number;
  /** "Warn Password Expiring When N Days Remaining"; 0 = no warning. */
  warnDaysRemaining: number;
}

export interface AccountState {
  /** Encoded hash; null or '' = blank (e.g. a user created by AD synchronization). */
  passwordHash: string | null;
  passwordChangedAt: Date | null;
  locked: boolean;
  lockReason: 'failed-attempts' | 'manual' | null;
  failedAttempts: number;
  deleted: boolean;
}

export type Verify = (password: string, encodedHash: string) => Promise<boolean>;

/** The seed's tab ships with password management off: every setting 0. */
export const DEFAULT_PASSWORD_POLICY: Readonly<PasswordPolicy> = Object.freeze({
  lockoutAfterAttempts: 0,
  cannotReuseLast: 0,
  expiresAfterDays: 0,
  warnDaysRemaining: 0,
});

export const MESSAGES = {
  // One text for unknown Logon ID and wrong password, so the form cannot be used to probe IDs.
  incorrect: 'Logon ID or password is incorrect.',
  blankPassword:
    'This account has no password, so it cannot log on with a Logon ID and password. ' +
    'Use single sign-on, or ask an administrator to set a password.',
  lockedAttempts: 'This account is locked after too many failed logon attempts. Ask an administrator to unlock it.',
  lockedManual: 'This account is locked. Ask an administrator to unlock it.',
  expired: 'Your password has expired. Change it to continue.',
  newBlank: 'Enter a new password.',
  sameAsLogonId: 'The password must not be the Logon ID.',
  common: 'This password is one of the most commonly used passwords; choose one that is harder to guess.',
} as const;

// ---------------------------------------------------------------------------------------
// Sign-in

export type RefusalReason = 'unknown-user' | 'blank-password' | 'locked' | 'wrong-password' | 'deleted';

export type SignInDecision =
  | { outcome: 'ok'; warnExpiresInDays: number | null; resetFailedAttempts: true }
  | { outcome: 'expired'; message: string; resetFailedAttempts: true }
  | {
      outcome: 'refused';
      reason: RefusalReason;
      message: string;
      /** Value to store. Only 'wrong-password' changes it; other refusals echo it (0 if unknown). */
      failedAttempts: number;
      /** Lock the account now (lockReason 'failed-attempts'); the caller logs the client address. */
      lockNow: boolean;
    };

export interface SignInInput {
  account: AccountState | null;
  password: string;
  policy: PasswordPolicy;
  now: Date;
  verify: Verify;
  /**
   * Optional hash (any password, real parameters) checked for unknown and deleted users and
   * then ignored, so those refusals take as long as a wrong password and timing does not
   * reveal which Logon IDs exist.
   */
  dummyHash?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function decideSignIn(input: SignInInput): Promise<SignInDecision> {
  const { account, password, policy, now, verify } = input;
  const refuse = (reason: RefusalReason, message: string, failedAttempts: number, lockNow = false) =>
    ({ outcome: 'refused', reason, message, failedAttempts, lockNow }) as const;

  if (!account || account.deleted) {
    if (input.dummyHash) await verify(password, input.dummyHash);
    return refuse(account ? 'deleted' : 'unknown-user', MESSAGES.incorrect, account?.failedAttempts ?? 0);
  }
  // Locked first and without verifying: a locked account gives an attacker no more guesses,
  // and its counter stays where the lock left it. (The lock and blank messages do disclose
  // that the Logon ID exists; the seed requires telling these users what to do.)
  if (account.locked) {
    const message = account.lockReason === 'failed-attempts' ? MESSAGES.lockedAttempts : MESSAGES.lockedManual;
    return refuse('locked', message, account.failedAttempts);
  }
  // Seed, User Synchronization → New Users: blank passwords may only use single sign-on.
  if (!account.passwordHash) return refuse('blank-password', MESSAGES.blankPassword, account.failedAttempts);

  if (!(await verify(password, account.passwordHash))) {
    const failedAttempts = account.failedAttempts + 1;
    // >= rather than ===: if the limit was lowered below a stored count, the next miss locks.
    const lockNow = policy.lockoutAfterAttempts > 0 && failedAttempts >= policy.lockoutAfterAttempts;
    return refuse('wrong-password', MESSAGES.incorrect, failedAttempts, lockNow);
  }

  const expiry = passwordExpiry(account.passwordChangedAt, policy, now);
  if (expiry.expired) return { outcome: 'expired', message: MESSAGES.expired, resetFailedAttempts: true };
  return { outcome: 'ok', warnExpiresInDays: expiry.warnInDays, resetFailedAttempts: true };
}

/**
 * Days are fixed 24-hour spans from the moment of the change (no calendar or time-zone
 * arithmetic). Expired when changedAt + expiresAfterDays is before `now`; the remaining time
 * is reported in whole days rounded up, so "1 day" means "less than a day left".
 * An unknown change date with expiry on counts as expired: a password whose age cannot be
 * shown to be within policy must be changed (the user knows it, so they can).
 */
export function passwordExpiry(
  changedAt: Date | null,
  policy: Pick<PasswordPolicy, 'expiresAfterDays' | 'warnDaysRemaining'>,
  now: Date,
): { expired: boolean; daysRemaining: number | null; warnInDays: number | null } {
  if (!(policy.expiresAfterDays > 0)) return { expired: false, daysRemaining: null, warnInDays: null };
  if (!changedAt || Number.isNaN(changedAt.getTime())) return { expired: true, daysRemaining: 0, warnInDays: null };
  const remainingMs = changedAt.getTime() + policy.expiresAfterDays * DAY_MS - now.getTime();
  if (remainingMs < 0) return { expired: true, daysRemaining: 0, warnInDays: null };
  const daysRemaining = Math.ceil(remainingMs / DAY_MS);
  const warn = policy.warnDaysRemaining > 0 && daysRemaining <= policy.warnDaysRemaining;
  return { expired: false, daysRemaining, warnInDays: warn ? daysRemaining : null };
}

// ---------------------------------------------------------------------------------------
// Choosing a new password

/**
 * The console's own length rule — the seed sets none. 8 is NIST SP 800-63B's floor for
 * user-chosen passwords; 256 bounds the work per attempt. Counted in Unicode code points
 * after NFKC, the same normalisation hash.ts applies.
 */
export const PASSWORD_LENGTH = Object.freeze({ min: 8, max: 256 });

export type NewPasswordCheck = { ok: true } | { ok: false; field: 'password'; message: string };

export async function checkNewPassword(input: {
  newPassword: string;
  /** The account's Logon ID: the password may not equal it (any case). */
  logonId?: string | undefined;
  /** Encoded hashes, newest first; history[0] is the current password. Blank entries are skipped. */
  history: string[];
  policy: PasswordPolicy;
  verify: Verify;
}): Promise<NewPasswordCheck> {
  const { newPassword, history, policy, verify, logonId } = input;
  const refuse = (message: string) => ({ ok: false, field: 'password', message }) as const;

  // All-whitespace counts as blank: blank has a meaning here (SSO only), spaces must not fake it.
  if (typeof newPassword !== 'string' || newPassword.trim() === '') return refuse(MESSAGES.newBlank);
  const length = [...newPassword.normalize('NFKC')].length;
  if (length < PASSWORD_LENGTH.min) return refuse(`The password must be at least ${PASSWORD_LENGTH.min} characters.`);
  if (length > PASSWORD_LENGTH.max) return refuse(`The password must be at most ${PASSWORD_LENGTH.max} characters.`);
  // NIST SP 800-63B §3.1.1.2: no context-specific words (the Logon ID) and no commonly used passwords.
  if (
    logonId !== undefined &&
    logonId.trim() !== '' &&
    commonPasswordKey(newPassword.trim()) === commonPasswordKey(logonId.trim())
  )
    return refuse(MESSAGES.sameAsLogonId);
  if (isCommonPassword(newPassword)) return refuse(MESSAGES.common);

  // "Cannot Reuse Last N Passwords" counts the current password as one of the N: N=1 only
  // forbids keeping the current one. Checked one at a time on purpose: each verify can take
  // 128 MiB, and up to 24 of them in parallel would be gigabytes.
  const recent = history.filter((h) => typeof h === 'string' && h !== '').slice(0, Math.max(0, policy.cannotReuseLast));
  for (const encoded of recent) {
    if (await verify(newPassword, encoded)) {
      return refuse(
        policy.cannotReuseLast === 1
          ? 'The new password must be different from the current password.'
          : `The new password must be different from your last ${policy.cannotReuseLast} passwords.`,
      );
    }
  }
  return { ok: true };
}

// ---------------------------------------------------------------------------------------
// Validating the tenant's settings

export const POLICY_FIELDS = {
  lockoutAfterAttempts: { label: 'Lockout Account After', unit: 'failed logon attempts', max: 100 },
  cannotReuseLast: { label: 'Cannot Reuse Last', unit: 'passwords', max: 24 },
  expiresAfterDays: { label: 'Password Expires After', unit: 'days', max: 3650 },
  warnDaysRemaining: { label: 'Warn Password Expiring When', unit: 'days remaining', max: 3650 },
} as const satisfies Record<keyof PasswordPolicy, { label: string; unit: string; max: number }>;

export interface PolicyError {
  field: keyof PasswordPolicy;
  message: string;
}

export type PolicyValidation = { ok: true; policy: PasswordPolicy } | { ok: false; errors: PolicyError[] };

/** One error per field (labels as on the seed's Authentication tab), then the cross-field rule. */
export function validatePolicy(input: unknown): PolicyValidation {
  const source = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const errors: PolicyError[] = [];
  const policy: PasswordPolicy = { ...DEFAULT_PASSWORD_POLICY };

  for (const field of Object.keys(POLICY_FIELDS) as Array<keyof PasswordPolicy>) {
    const { label, unit, max } = POLICY_FIELDS[field];
    const value = source[field];
    const fail = (message: string) => errors.push({ field, message });
    if (value === undefined || value === null) fail(`${label} is required (0 turns it off).`);
    else if (typeof value !== 'number' || !Number.isInteger(value)) fail(`${label} must be a whole number of ${unit}.`);
    else if (value < 0) fail(`${label} cannot be negative (0 turns it off).`);
    else if (value > max) fail(`${label} can be at most ${max} ${unit}.`);
    else policy[field] = value;
  }

  // A warning period as long as the lifetime would warn from the day the password is set.
  // With expiry off a warning setting is allowed and simply has no effect.
  const fieldOk = (f: keyof PasswordPolicy) => !errors.some((e) => e.field === f);
  if (fieldOk('expiresAfterDays') && fieldOk('warnDaysRemaining')) {
    const { expiresAfterDays, warnDaysRemaining } = policy;
    if (expiresAfterDays > 0 && warnDaysRemaining > 0 && warnDaysRemaining >= expiresAfterDays) {
      errors.push({
        field: 'warnDaysRemaining',
        message: `Warn Password Expiring When must be fewer days than Password Expires After (${expiresAfterDays}).`,
      });
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, policy };
}
