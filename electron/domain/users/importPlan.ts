import { USER_LIMITS, UserFields, type CsvImportError, type PhoneAgentLogon } from '../../contract';
import type { CsvRecord } from './csv';
import { CSV_COLUMNS, headerKey, parsePhoneAgentLogon, parseYesNo, type ImportableKey } from './csvColumns';
import { identityKey } from './logonKey';

/** A user of the tenant as the import needs it (deleted ones too: their unique values stay reserved). */
export interface ExistingUser {
  id: number;
  version: number;
  deleted: boolean;
  syncId: string | null;
  fields: UserFields;
}

export interface ImportContext {
  agentGroups: ReadonlyArray<{ id: number; name: string }>;
  userTypes: ReadonlyArray<{ id: number; name: string }>;
  users: readonly ExistingUser[];
  /** A supervisor's agent groups (null: no restriction). */
  scope: readonly number[] | null;
  /** Why the caller may not change this existing user (its current user type grants more than theirs), or null. */
  cannotChange?: (u: ExistingUser) => string | null;
}

export interface ImportPlan {
  rows: number;
  errors: CsvImportError[];
  creates: UserFields[];
  updates: Array<{ before: ExistingUser; fields: UserFields }>;
}

const HEADER: Record<ImportableKey, string> = Object.fromEntries(
  CSV_COLUMNS.filter((c) => c.importable).map((c) => [c.key, c.header]),
) as Record<ImportableKey, string>;

/** Unique-when-set fields and how the database compares them (the unique indexes of migrations 001 and 009). */
const UNIQUE = [
  { key: 'directoryNumber', fold: (v: string) => v },
  { key: 'externalLogonId', fold: identityKey },
  { key: 'circuitUser', fold: identityKey },
] as const;

/** A leading apostrophe our export put before =, +, -, @ (spreadsheet formula guard) is taken off again. */
const unguard = (v: string) => (/^'[=+\-@]/.test(v) ? v.slice(1) : v);

/**
 * Validates every row of a users CSV against the file and the database before anything is
 * written. Each row creates a user (new Logon ID) or updates the user with that Logon ID
 * (case ignored); columns missing from the file keep the user's values (or the defaults for a
 * new user). Rules, each reported as (line, column, rule): Logon ID required and at most 50
 * characters; every length of the cc_user columns; Agent Group and User Type by name (a new
 * user needs both, except that a missing Agent Group means <Default> as user synchronization
 * does); Phone Agent Logon one of the seed's four options; Dispatch Privilege yes/no; Logon
 * ID, Directory Number, External Logon ID and Circuit User unique within the file and
 * against the other users of the tenant — judged on the state after the import, so moving a
 * number from one user to another in the same file is allowed; deleted users' values stay
 * reserved; a supervisor may touch only users of the agent groups they supervise; nobody
 * updates a user whose current user type grants more than their own (ctx.cannotChange).
 */
export function planImport(records: readonly CsvRecord[], ctx: ImportContext): ImportPlan {
  const steps = planSteps(records, ctx);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Rows checked between two pauses of planImportYielding. */
const ROWS_PER_STEP = 500;

/**
 * planImport for a long file on main: the same plan, with `pause()` awaited after every
 * ROWS_PER_STEP rows so main's event loop runs meanwhile (a 50,000-row file takes a while).
 */
export async function planImportYielding(
  records: readonly CsvRecord[],
  ctx: ImportContext,
  pause: () => Promise<void>,
): Promise<ImportPlan> {
  const steps = planSteps(records, ctx);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}

function* planSteps(records: readonly CsvRecord[], ctx: ImportContext): Generator<void, ImportPlan> {
  const errors: CsvImportError[] = [];
  const plan: ImportPlan = { rows: 0, errors, creates: [], updates: [] };
  if (records.length === 0) {
    errors.push({
      row: 1,
      field: '',
      rule: 'The file is empty: the first line must name the columns (at least Logon ID).',
    });
    return plan;
  }
  const [header, ...rows] = records;
  plan.rows = rows.length;
  const byHeader = new Map<string, ImportableKey | null>(
    CSV_COLUMNS.map((c) => [headerKey(c.header), c.importable ? c.key : null]),
  );
  const columns: Array<ImportableKey | null> = [];
  const seenColumns = new Set<string>();
  header!.fields.forEach((h, i) => {
    const key = byHeader.get(headerKey(h));
    if (key === undefined) {
      errors.push({
        row: header!.line,
        field: h,
        rule: `Unknown column "${h}". Columns: ${CSV_COLUMNS.map((c) => c.header).join(', ')}.`,
      });
      columns.push(null);
      return;
    }
    if (key && seenColumns.has(key))
      errors.push({ row: header!.line, field: h, rule: `Column "${h}" appears twice (column ${i + 1}).` });
    if (key) seenColumns.add(key);
    columns.push(key);
  });
  if (!seenColumns.has('logonId'))
    errors.push({
      row: header!.line,
      field: 'Logon ID',
      rule: 'The header has no Logon ID column: every row needs one.',
    });
  if (errors.length > 0) return plan;
  if (rows.length === 0) {
    errors.push({ row: header!.line, field: '', rule: 'No rows under the header.' });
    return plan;
  }

  const groupByName = new Map(ctx.agentGroups.map((g) => [g.name.trim().toLowerCase(), g]));
  const typeByName = new Map(ctx.userTypes.map((t) => [t.name.trim().toLowerCase(), t]));
  const defaultGroup = groupByName.get('<default>');
  const userByLogon = new Map(ctx.users.map((u) => [identityKey(u.fields.logonId), u]));
  const inScope = (groupId: number) => ctx.scope === null || ctx.scope.includes(groupId);

  type Planned = { line: number; fields: UserFields; before: ExistingUser | null };
  const planned: Planned[] = [];
  const logonLines = new Map<string, number>();

  let checked = 0;
  for (const rec of rows) {
    if (++checked % ROWS_PER_STEP === 0) yield;
    const line = rec.line;
    const err = (key: ImportableKey | '', rule: string) =>
      errors.push({ row: line, field: key ? HEADER[key] : '', rule });
    if (rec.fields.length > columns.length) {
      err(
        '',
        `${rec.fields.length} fields but the header names ${columns.length} columns (a comma inside a value must be ` +
          `quoted).`,
      );
      continue;
    }
    const cell: Partial<Record<ImportableKey, string>> = {};
    columns.forEach((k, i) => {
      if (k) cell[k] = unguard((rec.fields[i] ?? '').trim());
    });
    const before0 = errors.length;

    const logonId = cell.logonId ?? '';
    if (logonId === '') err('logonId', 'Logon ID is required.');
    const lower = identityKey(logonId);
    const firstLine = logonLines.get(lower);
    if (logonId !== '' && firstLine !== undefined)
      err('logonId', `Logon ID "${logonId}" is also on line ${firstLine} (Logon IDs ignore case).`);
    else if (logonId !== '') logonLines.set(lower, line);
    const existing = logonId === '' ? undefined : userByLogon.get(lower);
    const refusedChange = existing ? (ctx.cannotChange?.(existing) ?? null) : null;
    if (refusedChange)
      err(
        'logonId',
        `${existing!.fields.logonId}: its user type ${refusedChange}; only someone who holds it can change this user.`,
      );
    if (existing?.deleted)
      err(
        'logonId',
        `Logon ID "${logonId}" belongs to a deleted user (${existing.fields.logonId}): undelete it first, or use ` +
          `another Logon ID.`,
      );

    const base: UserFields = existing?.fields ?? {
      logonId,
      firstName: '',
      lastName: '',
      directoryNumber: null,
      agentGroupId: defaultGroup?.id ?? -1,
      userTypeId: -1,
      externalLogonId: null,
      chatDisplayName: null,
      circuitUser: null,
      phoneAgentLogon: 'useSystemSetting',
      personalDefaultDestination: null,
      dispatchPrivilege: false,
    };
    const text = (k: ImportableKey, max: number): string | undefined => {
      const v = cell[k];
      if (v !== undefined && v.length > max) err(k, `At most ${max} characters (this one has ${v.length}).`);
      return v;
    };
    const optional = (k: ImportableKey, max: number, current: string | null): string | null => {
      const v = text(k, max);
      return v === undefined ? current : v === '' ? null : v;
    };
    if (logonId.length > USER_LIMITS.logonId)
      err('logonId', `At most ${USER_LIMITS.logonId} characters (this one has ${logonId.length}).`);

    let agentGroupId = base.agentGroupId;
    if (cell.agentGroup !== undefined && cell.agentGroup !== '') {
      const g = groupByName.get(cell.agentGroup.toLowerCase());
      if (!g) err('agentGroup', `No agent group "${cell.agentGroup}" in this tenant.`);
      else agentGroupId = g.id;
    } else if (!existing && agentGroupId === -1)
      err('agentGroup', 'Agent Group is required for a new user (the tenant has no <Default> agent group).');
    let userTypeId = base.userTypeId;
    if (cell.userType !== undefined && cell.userType !== '') {
      const t = typeByName.get(cell.userType.toLowerCase());
      if (!t) err('userType', `No user type "${cell.userType}" in this tenant.`);
      else userTypeId = t.id;
    } else if (!existing) err('userType', 'User Type is required for a new user.');
    let phoneAgentLogon: PhoneAgentLogon = base.phoneAgentLogon;
    if (cell.phoneAgentLogon !== undefined && cell.phoneAgentLogon !== '') {
      const p = parsePhoneAgentLogon(cell.phoneAgentLogon);
      if (!p)
        err(
          'phoneAgentLogon',
          'One of Use System Setting, Restore Logon State, Don’t Restore Logon State, Restore Logon State with ' +
            'Priority (or 0–3).',
        );
      else phoneAgentLogon = p;
    }
    let dispatchPrivilege = base.dispatchPrivilege;
    if (cell.dispatchPrivilege !== undefined) {
      const d = parseYesNo(cell.dispatchPrivilege);
      if (d === null) err('dispatchPrivilege', 'Yes or No.');
      else dispatchPrivilege = d;
    }
    if (existing && !inScope(existing.fields.agentGroupId))
      err('logonId', `${existing.fields.logonId} is in an agent group you do not supervise.`);
    if (agentGroupId !== -1 && !inScope(agentGroupId) && agentGroupId !== existing?.fields.agentGroupId)
      err('agentGroup', 'You may put users only in the agent groups you supervise.');

    const fields: UserFields = {
      logonId: logonId || base.logonId,
      firstName: text('firstName', USER_LIMITS.firstName) ?? base.firstName,
      lastName: text('lastName', USER_LIMITS.lastName) ?? base.lastName,
      directoryNumber: optional('directoryNumber', USER_LIMITS.directoryNumber, base.directoryNumber),
      agentGroupId,
      userTypeId,
      externalLogonId: optional('externalLogonId', USER_LIMITS.externalLogonId, base.externalLogonId),
      chatDisplayName: optional('chatDisplayName', USER_LIMITS.chatDisplayName, base.chatDisplayName),
      circuitUser: optional('circuitUser', USER_LIMITS.circuitUser, base.circuitUser),
      phoneAgentLogon,
      personalDefaultDestination: optional(
        'personalDefaultDestination',
        USER_LIMITS.personalDefaultDestination,
        base.personalDefaultDestination,
      ),
      dispatchPrivilege,
    };
    // The same schema as the editor's save (control characters etc.).
    const parsed = UserFields.safeParse(fields);
    if (!parsed.success && errors.length === before0) {
      for (const issue of parsed.error.issues) err((issue.path[0] as ImportableKey) ?? '', issue.message);
    }
    if (errors.length === before0)
      planned.push({ line, fields: parsed.success ? parsed.data : fields, before: existing ?? null });
  }

  // Uniqueness judged on the state after the import: the file's values, and the database's
  // for users the file does not change.
  const fileUserIds = new Map<number, Planned>();
  for (const p of planned) if (p.before) fileUserIds.set(p.before.id, p);
  for (const u of UNIQUE) {
    const holders = new Map<string, ExistingUser>();
    for (const user of ctx.users) {
      const v = user.fields[u.key];
      if (v !== null) holders.set(u.fold(v), user);
    }
    const inFile = new Map<string, number>();
    for (const p of planned) {
      const v = p.fields[u.key];
      if (v === null) continue;
      const key = u.fold(v);
      const other = inFile.get(key);
      if (other !== undefined) {
        errors.push({
          row: p.line,
          field: HEADER[u.key],
          rule: `"${v}" is also on line ${other}: ${HEADER[u.key]} must be unique in the tenant.`,
        });
        continue;
      }
      inFile.set(key, p.line);
      const holder = holders.get(key);
      if (!holder || holder.id === p.before?.id) continue;
      const holderRow = fileUserIds.get(holder.id);
      // The file moves it away from its holder.
      if (holderRow && (holderRow.fields[u.key] === null || u.fold(holderRow.fields[u.key]!) !== key)) continue;
      errors.push({
        row: p.line,
        field: HEADER[u.key],
        rule:
          `"${v}" is already the ${HEADER[u.key]} of ` +
          `${holder.fields.logonId}${holder.deleted ? ' (a deleted user)' : ''}: it must be unique in the tenant.`,
      });
    }
  }
  errors.sort((a, b) => a.row - b.row);
  if (errors.length > 0) return plan;
  for (const p of planned) {
    if (p.before) plan.updates.push({ before: p.before, fields: p.fields });
    else plan.creates.push(p.fields);
  }
  return plan;
}
