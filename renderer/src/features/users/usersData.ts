import { useQuery } from '@tanstack/react-query';
import type { UserFilter, UserQuery, UserRow } from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';

/** Keys under ['users']: db.changed on cc_user (and this window's own saves) refresh them all. */
export const usersKeys = {
  lookups: ['users', 'lookups'] as const,
  page: (query: GridQuery, page: number) => ['users', 'grid', query, page] as const,
  doc: (id: number) => ['users', 'doc', id] as const,
};

/** Rows per request: a screen is ~30 rows; 200 keeps requests few while scrolling fast. */
export const PAGE_SIZE = 200;

export type GridQuery = UserFilter & Pick<UserQuery, 'sort' | 'direction'>;

export function useUserLookups() {
  return useQuery({ queryKey: usersKeys.lookups, queryFn: () => unwrap(ccm.users.lookups({})), staleTime: 30_000 });
}

export function fetchGridPage(query: GridQuery, page: number): Promise<{ total: number; rows: UserRow[] }> {
  return unwrap(ccm.users.page({ ...query, offset: page * PAGE_SIZE, limit: PAGE_SIZE, withTotal: page === 0 }));
}
