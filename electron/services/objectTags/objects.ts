import { sql, type Kysely } from 'kysely';
import type { ObjectTagPick, PickableObjectType } from '../../contract';
import type { Database } from '../../connectors/db/schema';
import { matchesWords, searchFold, searchWords, wordLikePattern } from '../../domain/users/search';
import { userSearchWhere } from '../users';

type K = Kysely<Database>;

/** An agent as the pickers and messages show it: "Karen Sharp (kasharp)". */
const agentName = (r: { logon_id: string; first_name: string; last_name: string }) => {
  const full = `${r.first_name} ${r.last_name}`.trim();
  return full ? `${full} (${r.logon_id})` : r.logon_id;
};

const CHUNK = 500;

/**
 * The tenant's objects of each kind a tag can be assigned to or name as Data, always limited
 * to one tenant: an ID from another tenant is "not found", never shown or accepted. The search
 * rule is the users grid's (domain/users/search.ts): every word typed must be found, in any
 * order, ignoring case and accents. Agents (up to 100,000) are searched in the database on
 * their folded search text (first/last name, Logon ID, External Logon ID, Directory Number);
 * dialed numbers by each word in SQL; the named objects (service accesses, groups, schedulers,
 * play messages: tens to hundreds per tenant) are filtered in code on their folded names.
 */
export async function searchObjects(
  k: K,
  tenantId: number,
  type: PickableObjectType,
  search: string,
  limit: number,
): Promise<{ rows: ObjectTagPick[]; more: boolean }> {
  const term = search.trim();
  const words = searchWords(term);
  const take = limit + 1;
  let rows: ObjectTagPick[];
  switch (type) {
    case 'agent': {
      let q = k
        .selectFrom('cc_user')
        .select(['id', 'logon_id', 'first_name', 'last_name'])
        .where('tenant_id', '=', tenantId)
        .where('deleted', '=', 0);
      const byWords = userSearchWhere('search_text', term);
      if (byWords) {
        q = q.where((eb) => eb.or([byWords, ...(/^\d+$/.test(term) ? [eb('id', '=', Number(term))] : [])]));
      }
      const found = await q.orderBy('logon_id').limit(take).execute();
      rows = found.map((r) => ({ id: r.id, name: agentName(r), detail: r.logon_id }));
      break;
    }
    case 'dialedNumber': {
      let q = k.selectFrom('dialed_number').select(['id', 'number']).where('tenant_id', '=', tenantId);
      for (const w of words) q = q.where(sql`lower(number)`, 'like', sql`${wordLikePattern(w)} escape '\\'`);
      rows = (await q.orderBy('number').limit(take).execute()).map((r) => ({ id: r.id, name: r.number, detail: null }));
      break;
    }
    case 'serviceAccess': {
      const all = await k
        .selectFrom('service_access')
        .select(['id', 'name', 'bvd_number'])
        .where('tenant_id', '=', tenantId)
        .orderBy('name')
        .execute();
      rows = all
        .filter((r) => matchesWords(searchFold(`${r.name}\n${r.bvd_number}`), words))
        .slice(0, take)
        .map((r) => ({ id: r.id, name: r.name, detail: `BVD ${r.bvd_number}` }));
      break;
    }
    case 'serviceGroup': {
      const all = await k
        .selectFrom('service_group')
        .select(['id', 'name', 'media_type'])
        .where('tenant_id', '=', tenantId)
        .orderBy('name')
        .execute();
      rows = all
        .filter((r) => matchesWords(searchFold(r.name), words))
        .slice(0, take)
        .map((r) => ({ id: r.id, name: r.name, detail: r.media_type }));
      break;
    }
    case 'scheduler':
    case 'playMessage': {
      const table = type === 'scheduler' ? 'scheduler' : 'play_message';
      const all = await k
        .selectFrom(table)
        .select(['id', 'name'])
        .where('tenant_id', '=', tenantId)
        .orderBy('name')
        .execute();
      rows = all
        .filter((r) => matchesWords(searchFold(r.name), words))
        .slice(0, take)
        .map((r) => ({ id: r.id, name: r.name, detail: null }));
      break;
    }
  }
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

/** Display names of the tenant's objects with these IDs (IDs of other tenants or of deleted objects are absent). */
export async function namesOf(
  k: K,
  tenantId: number,
  type: PickableObjectType,
  ids: readonly number[],
): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const chunk = unique.slice(i, i + CHUNK);
    switch (type) {
      case 'agent': {
        const rows = await k
          .selectFrom('cc_user')
          .select(['id', 'logon_id', 'first_name', 'last_name'])
          .where('tenant_id', '=', tenantId)
          .where('deleted', '=', 0)
          .where('id', 'in', chunk)
          .execute();
        for (const r of rows) out.set(r.id, agentName(r));
        break;
      }
      case 'dialedNumber': {
        const rows = await k
          .selectFrom('dialed_number')
          .select(['id', 'number'])
          .where('tenant_id', '=', tenantId)
          .where('id', 'in', chunk)
          .execute();
        for (const r of rows) out.set(r.id, r.number);
        break;
      }
      default: {
        const table =
          type === 'serviceAccess'
            ? 'service_access'
            : type === 'serviceGroup'
              ? 'service_group'
              : type === 'scheduler'
                ? 'scheduler'
                : 'play_message';
        const rows = await k
          .selectFrom(table)
          .select(['id', 'name'])
          .where('tenant_id', '=', tenantId)
          .where('id', 'in', chunk)
          .execute();
        for (const r of rows) out.set(r.id, r.name);
      }
    }
  }
  return out;
}

/** One object of the tenant, or null (absent, deleted, or another tenant's). */
export async function getObject(
  k: K,
  tenantId: number,
  type: PickableObjectType,
  id: number,
): Promise<ObjectTagPick | null> {
  if (type === 'agent') {
    const r = await k
      .selectFrom('cc_user')
      .select(['id', 'logon_id', 'first_name', 'last_name'])
      .where('tenant_id', '=', tenantId)
      .where('deleted', '=', 0)
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? { id: r.id, name: agentName(r), detail: r.logon_id } : null;
  }
  const name = (await namesOf(k, tenantId, type, [id])).get(id);
  return name === undefined ? null : { id, name, detail: null };
}

/** The agent group of an agent (for supervisors, who change only users of the groups they supervise). */
export async function agentGroupOf(
  k: K,
  tenantId: number,
  agentId: number,
): Promise<{ id: number; name: string } | undefined> {
  return k
    .selectFrom('cc_user as u')
    .innerJoin('agent_group as g', 'g.id', 'u.agent_group_id')
    .select(['g.id', 'g.name'])
    .where('u.tenant_id', '=', tenantId)
    .where('u.id', '=', agentId)
    .executeTakeFirst();
}
