import { sql, type Kysely } from 'kysely';
import type { UserFilter, UserQuery } from '../../contract';
import type { Engine } from '../../connectors/db/engine';
import type { Database } from '../../connectors/db/schema';
import type { Tx } from '../../connectors/db/unitOfWork';
import { userRowQuery } from './userRepo';
import { userSearchWhere } from './userSearch';

export const SORT_COLUMNS = {
  logonId: 'u.logon_id',
  firstName: 'u.first_name',
  lastName: 'u.last_name',
  directoryNumber: 'u.directory_number',
  agentGroup: 'g.name',
  userType: 't.name',
  externalLogonId: 'u.external_logon_id',
  locked: 'u.locked',
  lastLogonAt: 'u.last_logon_at',
} as const;

/** The grid's filter in SQL (search, agent group, user type, locked, synchronized, deleted). */
export function filteredUsers(db: Kysely<Database> | Tx, tenantId: number, q: UserFilter, engine: Engine = 'postgres') {
  return applyFilter(userRowQuery(db), tenantId, q, engine);
}

/** How many users match: no joins (agent group and user type are foreign keys, always there). */
export async function countUsers(
  db: Kysely<Database> | Tx,
  tenantId: number,
  q: UserFilter,
  engine: Engine,
): Promise<number> {
  const row = await applyFilter(
    db.selectFrom('cc_user as u').select((eb) => eb.fn.countAll<number | string>().as('n')),
    tenantId,
    q,
    engine,
  ).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * A page far down the order: the offset is walked over the sort column's index alone (the
 * IDs), and only the page's rows are then read and joined. Reading and joining every row
 * skipped by OFFSET cost 150–200 ms at offset 90,000 on SQLite; this costs 8–20 ms.
 */
export function deepPage(
  db: Kysely<Database> | Tx,
  tenantId: number,
  q: UserFilter & Pick<UserQuery, 'sort' | 'direction' | 'limit' | 'offset'>,
  engine: Engine = 'postgres',
) {
  const joined = q.sort === 'agentGroup' || q.sort === 'userType';
  let ids = db.selectFrom('cc_user as u');
  if (joined)
    ids = ids
      .innerJoin('agent_group as g', 'g.id', 'u.agent_group_id')
      .innerJoin('user_type as t', 't.id', 'u.user_type_id') as unknown as typeof ids;
  const inner = applyFilter(ids.select('u.id'), tenantId, q, engine)
    .orderBy(sql.ref(SORT_COLUMNS[q.sort]), q.direction)
    .orderBy('u.id', q.direction)
    .limit(q.limit)
    .offset(q.offset);
  return userRowQuery(db)
    .where('u.id', 'in', inner)
    .orderBy(sql.ref(SORT_COLUMNS[q.sort]), q.direction)
    .orderBy('u.id', q.direction);
}

// The filter only names cc_user's columns (alias u), so it applies to the grid's joined query
// and to the ID-only one alike; Kysely cannot type "any query over cc_user as u".
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function applyFilter<Q extends { where: (...args: any[]) => any }>(
  start: Q,
  tenantId: number,
  q: UserFilter,
  // The search SQL is the same on both engines now (userSearch.ts); kept for the callers' signature.
  _engine: Engine,
): Q {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let query = (start as any).where('u.tenant_id', '=', tenantId);
  const deleted = q.deleted ?? 'hide';
  if (deleted !== 'include') query = query.where('u.deleted', '=', deleted === 'only' ? 1 : 0);
  // Every word, any order, in first/last name, Logon ID, External Logon ID or Directory Number,
  // ignoring case and accents (domain/users/search.ts; the folded text is cc_user.search_text).
  const search = q.search ? userSearchWhere('u.search_text', q.search) : undefined;
  if (search) query = query.where(search);
  if (q.agentGroupId !== undefined) query = query.where('u.agent_group_id', '=', q.agentGroupId);
  if (q.userTypeId !== undefined) query = query.where('u.user_type_id', '=', q.userTypeId);
  if (q.locked !== undefined) query = query.where('u.locked', '=', q.locked ? 1 : 0);
  if (q.synchronized !== undefined) query = query.where('u.sync_id', q.synchronized ? 'is not' : 'is', null);
  return query as Q;
}

export function sortedUsers(
  db: Kysely<Database> | Tx,
  tenantId: number,
  q: UserFilter & Pick<UserQuery, 'sort' | 'direction'>,
  engine: Engine = 'postgres',
) {
  return filteredUsers(db, tenantId, q, engine)
    .orderBy(sql.ref(SORT_COLUMNS[q.sort]), q.direction)
    .orderBy('u.id', q.direction);
}
