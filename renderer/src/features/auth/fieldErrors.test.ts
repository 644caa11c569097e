import { describe, expect, it } from 'vitest';
import { checkChangePassword, placeError } from './fieldErrors';

describe('placing main’s errors', () => {
  it('under the field it names, also by path', () => {
    expect(
      placeError({ code: 'INVALID', message: 'Logon ID or password is incorrect.', field: 'password' }, [
        'logonId',
        'password',
      ]),
    ).toEqual({
      fields: { password: 'Logon ID or password is incorrect.' },
      general: null,
    });
    expect(
      placeError({ code: 'BAD_ARGUMENTS', message: 'Host is required', field: 'profile.host' }, ['host']).fields,
    ).toEqual({ host: 'Host is required' });
  });
  it('above the form when it names no field of it', () => {
    const e = { code: 'UNAVAILABLE', message: 'No database.' } as const;
    expect(placeError(e, ['logonId'])).toEqual({ fields: {}, general: e });
    const other = { code: 'INVALID', message: 'x', field: 'somethingElse' } as const;
    expect(placeError(other, ['logonId']).general).toBe(other);
  });
  it('nothing for no error', () => {
    expect(placeError(null, ['a'])).toEqual({ fields: {}, general: null });
  });
});

describe('change password form', () => {
  it('accepts a matching confirmation', () => {
    expect(
      checkChangePassword({ currentPassword: 'old-one-1', newPassword: 'New#2026xy', confirmPassword: 'New#2026xy' }),
    ).toEqual({});
  });
  it('names each missing or mismatched field', () => {
    expect(checkChangePassword({ currentPassword: '', newPassword: '', confirmPassword: 'x' })).toEqual({
      currentPassword: 'Enter your current password.',
      newPassword: 'Enter a new password.',
      confirmPassword: 'The passwords do not match.',
    });
    expect(checkChangePassword({ currentPassword: 'a', newPassword: 'a', confirmPassword: 'a' }).newPassword).toMatch(
      /different/,
    );
  });
});
