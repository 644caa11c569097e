import { describe, expect, it } from 'vitest';
import { checkChangePassword } from './fieldErrors';

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
