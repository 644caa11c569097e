import { UserFields, type PhoneAgentLogon, type UserDoc } from '../../../../electron/contract';

/** The General page's working copy: text inputs hold strings ('' = not set), selects hold ids. */
export interface UserForm {
  logonId: string;
  firstName: string;
  lastName: string;
  directoryNumber: string;
  agentGroupId: number;
  userTypeId: number;
  externalLogonId: string;
  chatDisplayName: string;
  circuitUser: string;
  phoneAgentLogon: PhoneAgentLogon;
  personalDefaultDestination: string;
  dispatchPrivilege: boolean;
  passwordType: NonNullable<UserFields['passwordType']>;
  automaticPostProcessing: boolean;
  mandatoryWrapUpReason: boolean;
}

export type UserFormErrors = Partial<Record<keyof UserForm, string>>;

export function toUserForm(f: UserDoc['fields']): UserForm {
  return {
    ...f,
    directoryNumber: f.directoryNumber ?? '',
    externalLogonId: f.externalLogonId ?? '',
    chatDisplayName: f.chatDisplayName ?? '',
    circuitUser: f.circuitUser ?? '',
    personalDefaultDestination: f.personalDefaultDestination ?? '',
    passwordType: f.passwordType ?? 'oscc',
    automaticPostProcessing: f.automaticPostProcessing ?? false,
    mandatoryWrapUpReason: f.mandatoryWrapUpReason ?? false,
  };
}

/** Validates with the contract's schema (the one main applies), messages per field. */
export function parseUserForm(form: UserForm): { ok: true; value: UserFields } | { ok: false; errors: UserFormErrors } {
  const res = UserFields.safeParse(form);
  if (res.success) return { ok: true, value: res.data };
  const errors: UserFormErrors = {};
  for (const issue of res.error.issues) {
    const key = issue.path[0] as keyof UserForm;
    if (key && !errors[key]) errors[key] = issue.message;
  }
  return { ok: false, errors };
}

/** Dirty = differs from the saved fields once both are normalized (trimmed, '' = null). */
export function isUserDirty(form: UserForm, saved: UserDoc['fields']): boolean {
  const a = parseUserForm(form);
  if (!a.ok) return true;
  // Both through the form: the Virtual Agent fields a saved document leaves out read as their defaults.
  return JSON.stringify(a.value) !== JSON.stringify(UserFields.parse(toUserForm(saved)));
}
