import type { DemoSeeder } from '../../connectors/db/parts';

/**
 * Demo rows: two agents the Virtual Agent page refuses (one uses Windows logon, one has Automatic
 * Post-processing set), so the refusal can be seen; no profile, client or number (those are made on the page).
 */
export const seedWebManagerDemo: DemoSeeder = async (tx, tenantId) => {
  const agents = await tx
    .selectFrom('cc_user as u')
    .innerJoin('user_type as t', 't.id', 'u.user_type_id')
    .select(['u.id'])
    .where('u.tenant_id', '=', tenantId)
    .where('t.name', '=', 'Agent')
    .where('u.deleted', '=', 0)
    .orderBy('u.logon_id')
    .limit(2)
    .execute();
  if (agents[0])
    await tx.updateTable('cc_user').set({ automatic_post_processing: 1 }).where('id', '=', agents[0].id).execute();
  if (agents[1])
    await tx.updateTable('cc_user').set({ password_type: 'windows' }).where('id', '=', agents[1].id).execute();
};
