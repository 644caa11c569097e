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

/** The key columns of a cc_user row, from its identifying columns: spread into every insert / update that sets them. */
export function userKeyColumns(u: {
  logon_id: string;
  external_logon_id?: string | null;
  circuit_user?: string | null;
}) {
  return {
    logon_key: identityKey(u.logon_id),
    external_logon_key: optionalIdentityKey(u.external_logon_id),
    circuit_user_key: optionalIdentityKey(u.circuit_user),
  };
}

/** A cc_user row with its key columns added. */
export function withUserKeys<
  T extends { logon_id: string; external_logon_id?: string | null; circuit_user?: string | null },
>(row: T) {
  return { ...row, ...userKeyColumns(row) };
}
