import { describe, expect, it, vi } from 'vitest';
import { hashPassword, verifyPassword } from './hash';
import {
  checkNewPassword,
  decideSignIn,
  DEFAULT_PASSWORD_POLICY,
  MESSAGES,
  passwordExpiry,
  validatePolicy,
  type AccountState,
  type PasswordPolicy,
  type SignInInput,
} from './policy';
import { COMMON_PASSWORD_COUNT, isCommonPassword } from './commonPasswords';

// A transparent stand-in for hash.ts so the rules are tested without scrypt's cost:
// "plain:<pw>" verifies <pw>. The last describe block wires the real hash functions.
const h = (pw: string) => `plain:${pw}`;
const fakeVerify = () => vi.fn(async (pw: string, encoded: string) => encoded === h(pw));

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2025-06-15T12:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);

const policy = (p: Partial<PasswordPolicy> = {}): PasswordPolicy => ({ ...DEFAULT_PASSWORD_POLICY, ...p });
const account = (a: Partial<AccountState> = {}): AccountState => ({
  passwordHash: h('right-password'),
  passwordChangedAt: ago(DAY),
  locked: false,
  lockReason: null,
  failedAttempts: 0,
  deleted: false,
  ...a,
});
const signIn = (over: Partial<SignInInput> = {}) => {
  const verify = over.verify ?? fakeVerify();
  const input: SignInInput = {
    account: account(),
    password: 'right-password',
    policy: policy(),
    now: NOW,
    verify,
    ...over,
  };
  return { decision: decideSignIn(input), verify };
};

describe('decideSignIn: refusals', () => {
  it('unknown Logon ID: refused with the generic message, nothing to count', async () => {
    const { decision, verify } = signIn({ account: null });
    expect(await decision).toEqual({
      outcome: 'refused',
      reason: 'unknown-user',
      message: 'Logon ID or password is incorrect.',
      failedAttempts: 0,
      lockNow: false,
    });
    expect(verify).not.toHaveBeenCalled();
  });

  it('unknown Logon ID and wrong password show the same message', async () => {
    const unknown = await signIn({ account: null }).decision;
    const wrong = await signIn({ password: 'nope' }).decision;
    expect(unknown.outcome === 'refused' && wrong.outcome === 'refused').toBe(true);
    if (unknown.outcome === 'refused' && wrong.outcome === 'refused') expect(unknown.message).toBe(wrong.message);
  });

  it('unknown Logon ID with dummyHash spends a verify on it and ignores the result', async () => {
    const verify = vi.fn(async () => true);
    const d = await signIn({ account: null, verify, dummyHash: 'dummy' }).decision;
    expect(verify).toHaveBeenCalledWith('right-password', 'dummy');
    expect(d).toMatchObject({ outcome: 'refused', reason: 'unknown-user' });
  });

  it('deleted user: refused like an unknown one, even with the right password', async () => {
    const { decision, verify } = signIn({ account: account({ deleted: true, failedAttempts: 2 }) });
    expect(await decision).toEqual({
      outcome: 'refused',
      reason: 'deleted',
      message: MESSAGES.incorrect,
      failedAttempts: 2,
      lockNow: false,
    });
    expect(verify).not.toHaveBeenCalled();
  });

  it.each([null, ''])('blank password (%j): refused, pointing to single sign-on or an administrator', async (blank) => {
    const { decision, verify } = signIn({ account: account({ passwordHash: blank }), password: '' });
    const d = await decision;
    expect(d).toMatchObject({ outcome: 'refused', reason: 'blank-password', failedAttempts: 0, lockNow: false });
    if (d.outcome === 'refused') {
      expect(d.message).toMatch(/single sign-on/);
      expect(d.message).toMatch(/administrator to set a password/);
    }
    expect(verify).not.toHaveBeenCalled();
  });

  it('locked after failed attempts: refused without checking the password, count unchanged', async () => {
    const { decision, verify } = signIn({
      account: account({ locked: true, lockReason: 'failed-attempts', failedAttempts: 3 }),
      policy: policy({ lockoutAfterAttempts: 3 }),
    });
    expect(await decision).toEqual({
      outcome: 'refused',
      reason: 'locked',
      message: MESSAGES.lockedAttempts,
      failedAttempts: 3,
      lockNow: false,
    });
    expect(MESSAGES.lockedAttempts).toMatch(/locked.*administrator to unlock/);
    expect(verify).not.toHaveBeenCalled();
  });

  it('locked manually: refused with the manual-lock message, wrong password not counted', async () => {
    const d = await signIn({ account: account({ locked: true, lockReason: 'manual' }), password: 'wrong' }).decision;
    expect(d).toEqual({
      outcome: 'refused',
      reason: 'locked',
      message: MESSAGES.lockedManual,
      failedAttempts: 0,
      lockNow: false,
    });
    expect(MESSAGES.lockedManual).toMatch(/administrator to unlock/);
  });

  it('a locked account with a blank password reports the lock', async () => {
    const d = await signIn({ account: account({ locked: true, lockReason: 'manual', passwordHash: null }) }).decision;
    expect(d).toMatchObject({ reason: 'locked' });
  });

  it('wrong password: refused with the generic message and one more failed attempt', async () => {
    const d = await signIn({ password: 'wrong', policy: policy({ lockoutAfterAttempts: 3 }) }).decision;
    expect(d).toEqual({
      outcome: 'refused',
      reason: 'wrong-password',
      message: MESSAGES.incorrect,
      failedAttempts: 1,
      lockNow: false,
    });
  });
});

describe('decideSignIn: lockout', () => {
  const miss = (failedAttempts: number, lockoutAfterAttempts: number) =>
    signIn({ account: account({ failedAttempts }), password: 'wrong', policy: policy({ lockoutAfterAttempts }) })
      .decision;

  it('the (N-1)th failure does not lock', async () => {
    expect(await miss(1, 3)).toMatchObject({ failedAttempts: 2, lockNow: false });
  });

  it('the Nth failure locks', async () => {
    expect(await miss(2, 3)).toMatchObject({ failedAttempts: 3, lockNow: true });
  });

  it('N = 1 locks on the first failure', async () => {
    expect(await miss(0, 1)).toMatchObject({ failedAttempts: 1, lockNow: true });
  });

  it('a count already past a lowered limit locks on the next failure', async () => {
    expect(await miss(5, 3)).toMatchObject({ failedAttempts: 6, lockNow: true });
  });

  it('lockout 0 never locks', async () => {
    expect(await miss(999, 0)).toMatchObject({ failedAttempts: 1000, lockNow: false });
  });
});

describe('decideSignIn: success and expiry', () => {
  it('correct password: ok, resets failed attempts, no warning with expiry off', async () => {
    const d = await signIn({ account: account({ failedAttempts: 2 }), policy: policy({ lockoutAfterAttempts: 3 }) })
      .decision;
    expect(d).toEqual({ outcome: 'ok', warnExpiresInDays: null, resetFailedAttempts: true });
  });

  it('expiry 0: a ten-year-old password never expires', async () => {
    const d = await signIn({ account: account({ passwordChangedAt: ago(3650 * DAY) }) }).decision;
    expect(d).toMatchObject({ outcome: 'ok', warnExpiresInDays: null });
  });

  it('exactly expiresAfterDays old is still valid; one millisecond more is expired', async () => {
    const p = policy({ expiresAfterDays: 90 });
    const at = (changedAt: Date) => signIn({ account: account({ passwordChangedAt: changedAt }), policy: p }).decision;
    expect(await at(ago(90 * DAY))).toMatchObject({ outcome: 'ok' });
    expect(await at(ago(90 * DAY + 1))).toEqual({
      outcome: 'expired',
      message: MESSAGES.expired,
      resetFailedAttempts: true,
    });
  });

  it('an expired password with the wrong password is just a wrong password', async () => {
    const d = await signIn({
      account: account({ passwordChangedAt: ago(100 * DAY) }),
      password: 'wrong',
      policy: policy({ expiresAfterDays: 90 }),
    }).decision;
    expect(d).toMatchObject({ outcome: 'refused', reason: 'wrong-password' });
  });

  it('an unknown change date is expired when expiry is on, fine when it is off', async () => {
    const acc = account({ passwordChangedAt: null });
    expect(await signIn({ account: acc, policy: policy({ expiresAfterDays: 90 }) }).decision).toMatchObject({
      outcome: 'expired',
    });
    expect(await signIn({ account: acc }).decision).toMatchObject({ outcome: 'ok' });
  });
});

describe('decideSignIn: expiry warning', () => {
  const p = policy({ expiresAfterDays: 90, warnDaysRemaining: 14 });
  const remaining = (ms: number) => ago(90 * DAY - ms);
  const warnFor = async (changedAt: Date, pol = p) => {
    const d = await signIn({ account: account({ passwordChangedAt: changedAt }), policy: pol }).decision;
    if (d.outcome !== 'ok') throw new Error(`expected ok, got ${d.outcome}`);
    return d.warnExpiresInDays;
  };

  it('warns at exactly warnDaysRemaining days left', async () => {
    expect(await warnFor(remaining(14 * DAY))).toBe(14);
  });

  it('does not warn with a moment more than warnDaysRemaining left', async () => {
    expect(await warnFor(remaining(14 * DAY + 1))).toBeNull();
  });

  it('rounds partial days up', async () => {
    expect(await warnFor(remaining(13 * DAY + 1))).toBe(14);
    expect(await warnFor(remaining(1))).toBe(1);
  });

  it('reports 0 at the expiry instant itself', async () => {
    expect(await warnFor(remaining(0))).toBe(0);
  });

  it('warning 0 never warns', async () => {
    expect(await warnFor(remaining(1), policy({ expiresAfterDays: 90 }))).toBeNull();
  });

  it('passwordExpiry reports the remaining days even outside the warning window', () => {
    expect(passwordExpiry(ago(10 * DAY), p, NOW)).toEqual({ expired: false, daysRemaining: 80, warnInDays: null });
  });
});

describe('checkNewPassword', () => {
  const check = (newPassword: string, history: string[] = [], p: Partial<PasswordPolicy> = {}, verify = fakeVerify()) =>
    checkNewPassword({ newPassword, history, policy: policy(p), verify });
  const refusedWith = (message: RegExp | string) => ({
    ok: false,
    field: 'password',
    message: expect.stringMatching(message),
  });

  it('refuses an empty or all-whitespace password', async () => {
    expect(await check('')).toEqual({ ok: false, field: 'password', message: MESSAGES.newBlank });
    expect(await check('          ')).toEqual({ ok: false, field: 'password', message: MESSAGES.newBlank });
  });

  it('console rule: at least 8 characters (7 refused, 8 accepted)', async () => {
    expect(await check('abcdefg')).toEqual(refusedWith('at least 8 characters'));
    expect(await check('abcdefgh')).toEqual({ ok: true });
  });

  it('counts characters, not UTF-16 units', async () => {
    expect(await check('😀'.repeat(7))).toEqual(refusedWith('at least 8'));
    expect(await check('😀'.repeat(8))).toEqual({ ok: true });
  });

  it('console rule: at most 256 characters', async () => {
    expect(await check('a'.repeat(256))).toEqual({ ok: true });
    expect(await check('a'.repeat(257))).toEqual(refusedWith('at most 256'));
  });

  it('reuse 0: no check, even the current password is accepted', async () => {
    const verify = fakeVerify();
    expect(await check('current-pw', [h('current-pw')], { cannotReuseLast: 0 }, verify)).toEqual({ ok: true });
    expect(verify).not.toHaveBeenCalled();
  });

  it('reuse 1: "last 1" is the current password; the one before it is allowed', async () => {
    const history = [h('current-pw'), h('older-pw')];
    expect(await check('current-pw', history, { cannotReuseLast: 1 })).toEqual(
      refusedWith('different from the current password'),
    );
    expect(await check('older-pw', history, { cannotReuseLast: 1 })).toEqual({ ok: true });
  });

  it('reuse N: the Nth newest is refused, the (N+1)th is allowed', async () => {
    const history = [h('pw-one-1'), h('pw-two-2'), h('pw-three-3'), h('pw-four-4')];
    expect(await check('pw-three-3', history, { cannotReuseLast: 3 })).toEqual(
      refusedWith('different from your last 3 passwords'),
    );
    expect(await check('pw-four-4', history, { cannotReuseLast: 3 })).toEqual({ ok: true });
  });

  it('blank history entries do not use up a slot', async () => {
    expect(await check('older-pw', ['', h('older-pw')], { cannotReuseLast: 1 })).toEqual(
      refusedWith('current password'),
    );
  });

  it('checks length before spending any verify', async () => {
    const verify = fakeVerify();
    await check('short', [h('short')], { cannotReuseLast: 5 }, verify);
    expect(verify).not.toHaveBeenCalled();
  });

  it('verifies history one hash at a time (each can take 128 MiB)', async () => {
    let running = 0;
    let peak = 0;
    const verify = vi.fn(async () => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, 1));
      running--;
      return false;
    });
    const history = Array.from({ length: 5 }, (_, i) => h(`old-${i}`));
    expect(await check('brand-new-pw', history, { cannotReuseLast: 5 }, verify)).toEqual({ ok: true });
    expect(verify).toHaveBeenCalledTimes(5);
    expect(peak).toBe(1);
  });
});

describe('validatePolicy', () => {
  const valid: PasswordPolicy = {
    lockoutAfterAttempts: 5,
    cannotReuseLast: 3,
    expiresAfterDays: 90,
    warnDaysRemaining: 14,
  };
  const errorsFor = (p: unknown) => {
    const r = validatePolicy(p);
    return r.ok ? [] : r.errors;
  };

  it('accepts the all-zero default and a typical policy, dropping unknown keys', () => {
    expect(validatePolicy(DEFAULT_PASSWORD_POLICY)).toEqual({ ok: true, policy: DEFAULT_PASSWORD_POLICY });
    expect(validatePolicy({ ...valid, extra: 1 })).toEqual({ ok: true, policy: valid });
  });

  it('accepts each maximum', () => {
    const max = { lockoutAfterAttempts: 100, cannotReuseLast: 24, expiresAfterDays: 3650, warnDaysRemaining: 3649 };
    expect(validatePolicy(max)).toEqual({ ok: true, policy: max });
  });

  it.each([
    ['lockoutAfterAttempts', 101, 'Lockout Account After can be at most 100 failed logon attempts.'],
    ['cannotReuseLast', 25, 'Cannot Reuse Last can be at most 24 passwords.'],
    ['expiresAfterDays', 3651, 'Password Expires After can be at most 3650 days.'],
    ['lockoutAfterAttempts', -1, 'Lockout Account After cannot be negative (0 turns it off).'],
    ['cannotReuseLast', 1.5, 'Cannot Reuse Last must be a whole number of passwords.'],
    ['expiresAfterDays', '90', 'Password Expires After must be a whole number of days.'],
    ['warnDaysRemaining', Number.NaN, 'Warn Password Expiring When must be a whole number of days remaining.'],
    ['warnDaysRemaining', undefined, 'Warn Password Expiring When is required (0 turns it off).'],
  ])('%s = %j → one error on that field', (field, value, message) => {
    expect(errorsFor({ ...valid, [field]: value })).toEqual([{ field, message }]);
  });

  it('warning must be shorter than the lifetime when both are set', () => {
    expect(errorsFor({ ...valid, expiresAfterDays: 14, warnDaysRemaining: 14 })).toEqual([
      {
        field: 'warnDaysRemaining',
        message: 'Warn Password Expiring When must be fewer days than Password Expires After (14).',
      },
    ]);
    expect(errorsFor({ ...valid, expiresAfterDays: 15, warnDaysRemaining: 14 })).toEqual([]);
  });

  it('a warning with expiry off is allowed (it has no effect)', () => {
    expect(errorsFor({ ...valid, expiresAfterDays: 0, warnDaysRemaining: 14 })).toEqual([]);
  });

  it('a non-object reports every field as required', () => {
    expect(errorsFor(null).map((e) => e.field)).toEqual([
      'lockoutAfterAttempts',
      'cannotReuseLast',
      'expiresAfterDays',
      'warnDaysRemaining',
    ]);
  });
});

describe('with the real hash functions', () => {
  const FAST = { N: 1024 };

  it('signs in, counts a miss and refuses reuse with scrypt hashes', async () => {
    const current = await hashPassword('current-password', FAST);
    const acc = account({ passwordHash: current });
    const base = {
      account: acc,
      policy: policy({ lockoutAfterAttempts: 1, cannotReuseLast: 1 }),
      now: NOW,
      verify: verifyPassword,
    };
    expect(await decideSignIn({ ...base, password: 'current-password' })).toMatchObject({ outcome: 'ok' });
    expect(await decideSignIn({ ...base, password: 'Current-password' })).toMatchObject({
      reason: 'wrong-password',
      lockNow: true,
    });
    const reuse = { history: [current], policy: base.policy, verify: verifyPassword };
    expect(await checkNewPassword({ ...reuse, newPassword: 'current-password' })).toMatchObject({ ok: false });
    expect(await checkNewPassword({ ...reuse, newPassword: 'another-password' })).toEqual({ ok: true });
  });

  it('a malformed stored hash is a wrong password, not an error', async () => {
    const d = await decideSignIn({
      account: account({ passwordHash: 'garbage' }),
      password: 'x',
      policy: policy(),
      now: NOW,
      verify: verifyPassword,
    });
    expect(d).toMatchObject({ outcome: 'refused', reason: 'wrong-password', failedAttempts: 1 });
  });
});

describe('checkNewPassword: NIST SP 800-63B §3.1.1.2 (context words and common passwords)', () => {
  const verify = async () => false;
  const check = (newPassword: string, logonId?: string) =>
    checkNewPassword({ newPassword, logonId, history: [], policy: DEFAULT_PASSWORD_POLICY, verify });

  it('refuses the Logon ID in any case, with its own message', async () => {
    expect(await check('jsmith-admin', 'jsmith-admin')).toEqual({
      ok: false,
      field: 'password',
      message: MESSAGES.sameAsLogonId,
    });
    expect(await check('JSmith-Admin', 'jsmith-admin')).toEqual({
      ok: false,
      field: 'password',
      message: MESSAGES.sameAsLogonId,
    });
    expect(await check('jsmith-admin2', 'jsmith-admin')).toEqual({ ok: true });
    expect(await check('jsmith-admin')).toEqual({ ok: true });
  });

  it('refuses the commonest passwords in any case, with its own message', async () => {
    for (const pw of ['password', 'Password1', 'P@ssw0rd', 'QWERTY123', '12345678', 'iloveyou', 'Summer2025']) {
      expect(await check(pw), pw).toEqual({ ok: false, field: 'password', message: MESSAGES.common });
    }
    expect(await check('Quiet-Harbor#77')).toEqual({ ok: true });
  });

  it('the list holds only passwords the length rule does not already refuse, and is a few hundred long', () => {
    expect(COMMON_PASSWORD_COUNT).toBeGreaterThanOrEqual(100);
    expect(COMMON_PASSWORD_COUNT).toBeLessThanOrEqual(1000);
    expect(isCommonPassword('Tech#2026')).toBe(false);
  });

  it('the length rule still speaks first', async () => {
    expect(await check('qwerty', 'qwerty')).toEqual({
      ok: false,
      field: 'password',
      message: expect.stringMatching(/at least 8/),
    });
  });
});
