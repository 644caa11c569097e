import { describe, expect, it } from 'vitest';
import type { PasswordPolicy } from '../../../../../electron/contract';
import { fullLabel, isPolicyDirty, parsePolicyForm, toPolicyForm } from './policyForm';

const saved: PasswordPolicy = {
  lockoutAfterAttempts: 5,
  cannotReuseLast: 3,
  expiresAfterDays: 90,
  warnDaysRemaining: 14,
};

describe('password management form', () => {
  it('round-trips and is clean until a number changes', () => {
    const f = toPolicyForm(saved);
    expect(parsePolicyForm(f)).toEqual({ ok: true, value: saved });
    expect(isPolicyDirty(f, saved)).toBe(false);
    expect(isPolicyDirty({ ...f, lockoutAfterAttempts: ' 5 ' }, saved)).toBe(false);
    expect(isPolicyDirty({ ...f, lockoutAfterAttempts: '6' }, saved)).toBe(true);
  });

  it('uses the seed’s labels', () => {
    expect(fullLabel('lockoutAfterAttempts')).toBe('Lockout Account After [n] Failed Logon Attempts');
    expect(fullLabel('cannotReuseLast')).toBe('Cannot Reuse Last [n] Passwords');
    expect(fullLabel('expiresAfterDays')).toBe('Password Expires After [n] Days');
    expect(fullLabel('warnDaysRemaining')).toBe('Warn Password Expiring When [n] Days Remaining');
  });

  it('names the field and the rule, from the contract', () => {
    const r = parsePolicyForm({
      ...toPolicyForm(saved),
      lockoutAfterAttempts: '101',
      cannotReuseLast: '-1',
      expiresAfterDays: 'x',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.lockoutAfterAttempts).toBe('Lockout Account After … Failed Logon Attempts: at most 100');
    expect(r.errors.cannotReuseLast).toBe('Cannot Reuse Last … Passwords: cannot be negative');
    expect(r.errors.expiresAfterDays).toBe('Password Expires After … Days: enter a whole number');
    expect(parsePolicyForm({ ...toPolicyForm(saved), warnDaysRemaining: '1.5' })).toMatchObject({
      ok: false,
      errors: { warnDaysRemaining: 'Warn Password Expiring When … Days Remaining: enter a whole number' },
    });
  });

  it('checks the warning against the expiry (the cross-field rule)', () => {
    const r = parsePolicyForm({ ...toPolicyForm(saved), warnDaysRemaining: '90' });
    expect(r).toEqual({
      ok: false,
      errors: {
        warnDaysRemaining:
          'Warn Password Expiring When … Days Remaining: must be less than Password Expires After … Days',
      },
    });
    expect(parsePolicyForm({ ...toPolicyForm(saved), expiresAfterDays: '0', warnDaysRemaining: '90' }).ok).toBe(true);
  });
});
