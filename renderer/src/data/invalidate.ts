import type { QueryClient } from '@tanstack/react-query';
import { keysForChanges } from './keys';

/** Invalidates each key once (a key also refreshes every query under it). */
export function invalidateKeys(queryClient: QueryClient, keys: ReadonlyArray<readonly unknown[]>): void {
  const seen = new Set<string>();
  for (const key of keys) {
    const id = JSON.stringify(key);
    if (seen.has(id)) continue;
    seen.add(id);
    void queryClient.invalidateQueries({ queryKey: key });
  }
}

/**
 * After this window changed rows itself: refresh what depends on those tables, as db.changed
 * does for changes made elsewhere (main's change feed leaves out this console's own changes).
 */
export function refreshAfterChange(queryClient: QueryClient, ...tables: string[]): void {
  invalidateKeys(queryClient, keysForChanges(tables.map((table) => ({ table, tenantId: null, rowId: null }))));
}
