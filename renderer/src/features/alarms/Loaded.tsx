import type { ReactNode } from 'react';
import { QueryState } from '../../ui/QueryState';

/** The shared loading/failed placeholder, or the children once the query has data. */
export function Loaded({
  query,
  what,
  children,
}: {
  query: { isPending: boolean; error: Error | null };
  what: string;
  children: ReactNode;
}) {
  if (query.error || query.isPending) return <QueryState isPending={query.isPending} error={query.error} what={what} />;
  return <>{children}</>;
}
