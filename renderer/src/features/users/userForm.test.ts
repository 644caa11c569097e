import { describe, expect, it } from 'vitest';
import type { UserFields } from '../../../../electron/contract';
import { isUserDirty, parseUserForm, toUserForm } from './userForm';

const saved: UserFields = {
  logonId: 'kasharp',
  firstName: 'Karen',
  lastName: 'Sharp',
  directoryNumber: null,
  agentGroupId: 1,
  userTypeId: 2,
  externalLogonId: 'karen@x',
  chatDisplayName: null,
  circuitUser: null,
  phoneAgentLogon: 'useSystemSetting',
  personalDefaultDestination: null,
  dispatchPrivilege: false,
};

describe('User Properties form', () => {
  it('blank optional fields are not set; spaces around values do not make it dirty', () => {
    const form = toUserForm(saved);
    expect(form.directoryNumber).toBe('');
    expect(isUserDirty(form, saved)).toBe(false);
    expect(isUserDirty({ ...form, lastName: ' Sharp ', directoryNumber: '  ' }, saved)).toBe(false);
    expect(isUserDirty({ ...form, directoryNumber: '5000' }, saved)).toBe(true);
    const parsed = parseUserForm({ ...form, directoryNumber: ' 5000 ' });
    expect(parsed.ok && parsed.value.directoryNumber).toBe('5000');
  });

  it('says which field is wrong and why (the schema main applies)', () => {
    const res = parseUserForm({ ...toUserForm(saved), logonId: ' ', circuitUser: 'x'.repeat(257) });
    expect(res).toEqual({
      ok: false,
      errors: { logonId: 'Logon ID is required', circuitUser: 'Circuit User: at most 256 characters' },
    });
  });
});
