import { useEffect } from 'react';
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { DbChange } from '../../../../electron/contract';
import { invalidateKeys } from '../../data/invalidate';
import { keysForChanges, queryKeys } from '../../data/keys';

/**
 * What a change to some tables makes stale: the query keys (prefixes) to invalidate and/or a
 * callback (e.g. a throttled re-read). Declared once per feature, next to its keys:
 *
 *   export const dispatchTables: DbTables = { tables: ['service_group', …], keys: [dispatchKeys.all] };
 *   useDbTables(dispatchTables); // in the views that show them, or registerDbTables(…) for always
 */
export interface DbTables {
  readonly tables: readonly string[];
  readonly keys?: readonly QueryKey[];
  readonly run?: () => void;
}

/** What every batch refreshes whoever is registered: the audit log, and tenants / users / auth by table. */
const CORE_ON_DROPPED: readonly QueryKey[] = [queryKeys.auth, queryKeys.tenants, queryKeys.users, queryKeys.audit];

/** Each registration is its own token, so two views declaring the same tables unregister independently. */
const registrations = new Set<{ entry: DbTables }>();

/** Registers tables → keys until the returned function is called. */
export function registerDbTables(entry: DbTables): () => void {
  const token = { entry };
  registrations.add(token);
  return () => {
    registrations.delete(token);
  };
}

/** Registers tables → keys while the calling component is mounted (null: nothing). */
export function useDbTables(entry: DbTables | null): void {
  useEffect(() => (entry ? registerDbTables(entry) : undefined), [entry]);
}

/**
 * What one db.changed batch makes stale. `dropped > 0` means the bus overflowed and the
 * changed tables are unknown: everything registered is refreshed.
 */
export function dbChangedTargets(
  changes: readonly DbChange[],
  dropped: number,
): { keys: ReadonlyArray<QueryKey>; runs: ReadonlyArray<() => void> } {
  const tables = new Set(changes.map((c) => c.table));
  const keys: QueryKey[] = [...(dropped > 0 ? CORE_ON_DROPPED : keysForChanges(changes))];
  const runs: Array<() => void> = [];
  for (const { entry } of registrations) {
    if (dropped === 0 && !entry.tables.some((t) => tables.has(t))) continue;
    keys.push(...(entry.keys ?? []));
    if (entry.run) runs.push(entry.run);
  }
  return { keys, runs };
}

/** The one db.changed handler (app/useEventBridge subscribes it once). */
export function handleDbChanged(queryClient: QueryClient, changes: readonly DbChange[], dropped: number): void {
  const { keys, runs } = dbChangedTargets(changes, dropped);
  invalidateKeys(queryClient, keys);
  for (const run of runs) {
    try {
      run();
    } catch (err) {
      console.error('db.changed handler failed', err);
    }
  }
}
