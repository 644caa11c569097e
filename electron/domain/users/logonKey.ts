import { userSearchText } from './search';

/**
 * The one place a user's identifying text becomes its comparison key: Unicode NFKC, then
 * lower case (locale-independent), then NFKC again (lower-casing can leave a string that is
 * no longer normalized, e.g. "İ" → "i̇"). "Ärger.Öz", "ärger.öz", "ÄRGER.ÖZ" and the
 * full-width "Ａｒｇｅｒ" forms share a key.
 *
 * Why in code and not in SQL: SQLite's lower() folds ASCII only and neither engine's lower()
 * is the same function as this one, so the key is computed here and stored in its own column
 * (cc_user.logon_key, external_logon_key, circuit_user_key, migration 009), which carries the
 * per-tenant unique index and serves every lookup (sign-in, SSO matching, uniqueness checks,
 * CSV import).
 */
export function identityKey(value: string): string {
  return value.normalize('NFKC').toLowerCase().normalize('NFKC');
}

export function optionalIdentityKey(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : identityKey(value);
}

/**
 * The key columns of a cc_user row, from its identifying columns: spread into every insert / update that sets them.
 * With the names given (an insert, or an update of the whole General page) it also gives search_text
 * (domain/users/search.ts, migration 018); a writer that changes names, Logon ID, External Logon ID or
 * Directory Number without all of them recomputes search_text from the merged row (`userSearchText`).
 */
export function userKeyColumns(u: {
  logon_id: string;
  external_logon_id?: string | null;
  circuit_user?: string | null;
  first_name?: string;
  last_name?: string;
  directory_number?: string | null;
}) {
  const keys = {
    logon_key: identityKey(u.logon_id),
    external_logon_key: optionalIdentityKey(u.external_logon_id),
    circuit_user_key: optionalIdentityKey(u.circuit_user),
  };
  if (u.first_name === undefined || u.last_name === undefined) return keys;
  return { ...keys, search_text: userSearchText({ ...u, first_name: u.first_name, last_name: u.last_name }) };
}

/** A cc_user row with its key columns added. */
export function withUserKeys<
  T extends { logon_id: string; external_logon_id?: string | null; circuit_user?: string | null },
>(row: T) {
  return { ...row, ...userKeyColumns(row) };
}
