export interface ChangePasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}
export type ChangePasswordField = keyof ChangePasswordForm;
export const CHANGE_PASSWORD_FIELDS: readonly ChangePasswordField[] = [
  'currentPassword',
  'newPassword',
  'confirmPassword',
];

/**
 * What the form checks itself before asking main: the confirmation matches and the new
 * password differs from the current one. The tenant's rules (length, "Cannot Reuse Last N
 * Passwords") are main's: its answer shows under "New password".
 */
export function checkChangePassword(f: ChangePasswordForm): Partial<Record<ChangePasswordField, string>> {
  const errors: Partial<Record<ChangePasswordField, string>> = {};
  if (f.currentPassword === '') errors.currentPassword = 'Enter your current password.';
  if (f.newPassword === '') errors.newPassword = 'Enter a new password.';
  else if (f.newPassword === f.currentPassword)
    errors.newPassword = 'The new password must be different from the current password.';
  if (f.confirmPassword !== f.newPassword) errors.confirmPassword = 'The passwords do not match.';
  return errors;
}
