import { USER_LIMITS, type MappedField, type Mapping, type SyncAction } from '../../contract';
import { identityKey } from '../users/logonKey';
import { generateLogonId, type LogonIdOptions } from '../../shared/logonIdGeneration';

/**
 * The synchronization rules (USER SYNCHRONIZATION → SYNCHRONIZATION PROCESS), pure: directory users + the tenant's
 * users in, the list of changes out. Nothing here writes; the service applies the plan exactly.
 *
 * - Match by Sync ID. No match → ADD: generated Logon ID (unique ignoring case among all the tenant's users,
 *   deleted ones included, and the IDs generated earlier in the run), <Default> agent group and user type, blank
 *   password, External Logon ID = upn, else e-mail (the default mapping), every mapped field.
 * - A match on a deleted user → UNDELETE with all previous settings (plus the "every time" fields).
 * - A match → UPDATE of the "every time" fields that differ; Logon ID, Password, Agent Group and User Type are
 *   not mapped fields, so no mapping can change them.
 * - A synchronized user no longer in the group → DELETE, unless Never Delete.
 * - Per user ERROR (the user is skipped: not added, not changed, not deleted): no first or last name, no Logon ID
 *   possible, a value over the field's limit, an External Logon ID or Directory Number another user holds.
 */
export interface DirectoryUser {
  syncId: string;
  attrs: Record<string, string | null>;
}
export interface ExistingUser {
  id: number;
  version: number;
  syncId: string | null;
  deleted: boolean;
  logonId: string;
  firstName: string;
  lastName: string;
  externalLogonId: string | null;
  directoryNumber: string | null;
  chatDisplayName: string | null;
}
export type FieldValues = Partial<Record<MappedField, string | null>>;
export interface PlannedChange {
  action: SyncAction;
  syncId: string;
  userId: number | null;
  /** The previewed version of the user (UPDATE / DELETE / UNDELETE): the apply refuses if it moved. */
  version: number | null;
  logonId: string;
  firstName: string;
  lastName: string;
  externalLogonId: string | null;
  /** The columns to set (ADD: all mapped fields). */
  set: FieldValues;
  fields: { field: string; from: string | null; to: string | null }[];
  comment: string;
}
export interface SyncPlan {
  changes: PlannedChange[];
  unchanged: number;
  read: number;
}

export const FIELD_LABEL: Record<MappedField, string> = {
  firstName: 'First Name',
  lastName: 'Last Name',
  externalLogonId: 'External Logon ID',
  directoryNumber: 'Directory Number',
  chatDisplayName: 'Chat Display Name',
};
const LIMIT: Record<MappedField, number> = {
  firstName: USER_LIMITS.firstName,
  lastName: USER_LIMITS.lastName,
  externalLogonId: USER_LIMITS.externalLogonId,
  directoryNumber: USER_LIMITS.directoryNumber,
  chatDisplayName: USER_LIMITS.chatDisplayName,
};
const FIELDS = Object.keys(FIELD_LABEL) as MappedField[];

/** The value of a mapped field: the first configured attribute that has one; null when none is mapped or set. */
export function mappedValue(mapping: Mapping, field: MappedField, attrs: Record<string, string | null>): string | null {
  for (const a of mapping[field].attributes) {
    const v = attrs[a]?.trim();
    if (v) return v;
  }
  return null;
}

/** Every attribute the mapping reads (what a reader must fetch). */
export const mappedAttributes = (mapping: Mapping): string[] => [
  ...new Set(FIELDS.flatMap((f) => mapping[f].attributes).filter(Boolean)),
];

/**
 * `pause` (optional) is awaited whenever ~8 ms of work went by without one, so a caller's event loop turns (by time,
 * not by count: a loaded machine makes a fixed count of users take ten times as long).
 */
export async function planSync(
  directory: DirectoryUser[],
  existing: ExistingUser[],
  o: { mapping: Mapping; logonId: LogonIdOptions; neverDelete: boolean },
  pause?: () => Promise<void>,
): Promise<SyncPlan> {
  const bySync = new Map<string, ExistingUser>();
  const logonKeys = new Set<string>();
  const extHolder = new Map<string, ExistingUser>();
  const dnHolder = new Map<string, ExistingUser>();
  let last = performance.now();
  const due = () => pause !== undefined && performance.now() - last > 8;
  const rest = async () => {
    await pause!();
    last = performance.now();
  };
  for (const u of existing) {
    if (due()) await rest();
    if (u.syncId !== null) bySync.set(u.syncId.toLowerCase(), u);
    logonKeys.add(identityKey(u.logonId));
    if (u.externalLogonId) extHolder.set(identityKey(u.externalLogonId), u);
    if (u.directoryNumber) dnHolder.set(u.directoryNumber, u);
  }
  // Values claimed by earlier directory users in this run (by key → sync id).
  const extClaimed = new Map<string, string>();
  const dnClaimed = new Map<string, string>();
  const changes: PlannedChange[] = [];
  const seen = new Set<string>();
  let unchanged = 0;

  for (const d of directory) {
    if (due()) await rest();
    const key = d.syncId.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const match = bySync.get(key) ?? null;
    const values: FieldValues = {};
    for (const f of FIELDS) values[f] = mappedValue(o.mapping, f, d.attrs);
    const err = (comment: string): void => {
      changes.push({
        action: 'ERROR',
        syncId: d.syncId,
        userId: match?.id ?? null,
        version: null,
        logonId: match?.logonId ?? '',
        firstName: values.firstName ?? match?.firstName ?? '',
        lastName: values.lastName ?? match?.lastName ?? '',
        externalLogonId: values.externalLogonId ?? match?.externalLogonId ?? null,
        set: {},
        fields: [],
        comment,
      });
    };
    if (!values.firstName) {
      err('The directory user has no first name.');
      continue;
    }
    if (!values.lastName) {
      err('The directory user has no last name.');
      continue;
    }
    const tooLong = FIELDS.find((f) => (values[f]?.length ?? 0) > LIMIT[f]);
    if (tooLong) {
      err(`${FIELD_LABEL[tooLong]} is longer than ${LIMIT[tooLong]} characters.`);
      continue;
    }
    // Which fields this change sets: all mapped ones on ADD, the "every time" ones otherwise.
    const setFields = FIELDS.filter(
      (f) => o.mapping[f].attributes.length > 0 && (match === null || o.mapping[f].when === 'always'),
    );
    const uniqueProblem = (): string | null => {
      if (setFields.includes('externalLogonId') && values.externalLogonId) {
        const k = identityKey(values.externalLogonId);
        const holder = extHolder.get(k);
        if (holder && holder.id !== match?.id)
          return `External Logon ID ${values.externalLogonId} is already used by ${holder.logonId}.`;
        const other = extClaimed.get(k);
        if (other !== undefined && other !== key)
          return `External Logon ID ${values.externalLogonId} is also given to another directory user (${other}).`;
      }
      if (setFields.includes('directoryNumber') && values.directoryNumber) {
        const holder = dnHolder.get(values.directoryNumber);
        if (holder && holder.id !== match?.id)
          return `Directory Number ${values.directoryNumber} is already used by ${holder.logonId}.`;
        const other = dnClaimed.get(values.directoryNumber);
        if (other !== undefined && other !== key)
          return `Directory Number ${values.directoryNumber} is also given to another directory user (${other}).`;
      }
      return null;
    };
    const problem = uniqueProblem();
    if (problem) {
      err(problem);
      continue;
    }
    const claim = () => {
      if (setFields.includes('externalLogonId') && values.externalLogonId)
        extClaimed.set(identityKey(values.externalLogonId), key);
      if (setFields.includes('directoryNumber') && values.directoryNumber) dnClaimed.set(values.directoryNumber, key);
    };

    if (match === null) {
      const logonId = generateLogonId(values.firstName, values.lastName, o.logonId, (id) =>
        logonKeys.has(identityKey(id)),
      );
      if (logonId === null) {
        err('No Logon ID can be made from the first and last name.');
        continue;
      }
      logonKeys.add(identityKey(logonId));
      claim();
      const set: FieldValues = {};
      for (const f of setFields) set[f] = values[f] ?? null;
      changes.push({
        action: 'ADD',
        syncId: d.syncId,
        userId: null,
        version: null,
        logonId,
        firstName: values.firstName,
        lastName: values.lastName,
        externalLogonId: set.externalLogonId ?? null,
        set,
        fields: setFields.map((f) => ({ field: FIELD_LABEL[f], from: null, to: set[f] ?? null })),
        comment: 'New user: <Default> agent group and user type, blank password (single sign-on only).',
      });
      continue;
    }
    const current: Record<MappedField, string | null> = {
      firstName: match.firstName,
      lastName: match.lastName,
      externalLogonId: match.externalLogonId,
      directoryNumber: match.directoryNumber,
      chatDisplayName: match.chatDisplayName,
    };
    const set: FieldValues = {};
    const fields: PlannedChange['fields'] = [];
    for (const f of setFields) {
      const to = values[f] ?? null;
      if ((current[f] ?? null) !== to) {
        set[f] = to;
        fields.push({ field: FIELD_LABEL[f], from: current[f] ?? null, to });
      }
    }
    claim();
    if (!match.deleted && fields.length === 0) {
      unchanged++;
      continue;
    }
    changes.push({
      action: match.deleted ? 'UNDELETE' : 'UPDATE',
      syncId: d.syncId,
      userId: match.id,
      version: match.version,
      logonId: match.logonId,
      firstName: set.firstName ?? match.firstName,
      lastName: set.lastName ?? match.lastName,
      externalLogonId: set.externalLogonId !== undefined ? set.externalLogonId : match.externalLogonId,
      set,
      fields,
      comment: match.deleted
        ? 'Back in the group: undeleted with all previous settings.'
        : `Changed: ${fields.map((x) => x.field).join(', ')}.`,
    });
  }

  for (const u of existing) {
    if (due()) await rest();
    if (u.syncId === null || u.deleted || seen.has(u.syncId.toLowerCase())) continue;
    if (o.neverDelete) continue;
    changes.push({
      action: 'DELETE',
      syncId: u.syncId,
      userId: u.id,
      version: u.version,
      logonId: u.logonId,
      firstName: u.firstName,
      lastName: u.lastName,
      externalLogonId: u.externalLogonId,
      set: {},
      fields: [],
      comment: 'No longer a member of the User Group.',
    });
  }
  return { changes, unchanged, read: seen.size };
}
