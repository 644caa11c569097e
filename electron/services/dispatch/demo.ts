import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../connectors/db/schema';

/**
 * Demo data for the dispatch feature, run inside seedDemo's transaction after the base demo
 * (tenants, users, groups, tags, service groups) exists. Look rows up by name.
 * Gives the Personal Calls group a skill and its agents personal default destinations, sets
 * the tenant's dispatch values, and a licence pool with room to spare (never below the
 * privileges the base demo hands out, whatever the agent count).
 */
export async function seedDispatchDemo(
  tx: Transaction<Database> | Kysely<Database>,
  tenantId: number,
  at: string,
): Promise<void> {
  const used = Number(
    (
      await tx
        .selectFrom('cc_user')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('tenant_id', '=', tenantId)
        .where('dispatch_privilege', '=', 1)
        .where('deleted', '=', 0)
        .executeTakeFirstOrThrow()
    ).n,
  );
  await tx
    .updateTable('tenant')
    .set({
      ring_time_supervision_sec: 15,
      system_default_destination: '5999',
      allow_view_all_dispatch_groups: 0,
      dispatch_licences: Math.ceil((used + 25) / 10) * 10,
    })
    .where('id', '=', tenantId)
    .execute();
  await tx.updateTable('site_server_param').set({ site: 'Ottawa' }).where('tenant_id', '=', tenantId).execute();
  // The base demo's one call manager (a second one would change other features' demo lists).
  const cm = (
    await tx
      .selectFrom('site_server_param')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .orderBy('id')
      .executeTakeFirstOrThrow()
  ).id;

  // Phone agents with each "Phone Agent Logon" user option, so the restore list shows every case
  // (the base demo's rows are all "Restore Logon State with Priority").
  const others = await tx
    .selectFrom('cc_user as u')
    .leftJoin('phone_agent_logon as p', 'p.agent_id', 'u.id')
    .select('u.id')
    .where('u.tenant_id', '=', tenantId)
    .where(
      'u.user_type_id',
      'in',
      tx.selectFrom('user_type').select('id').where('tenant_id', '=', tenantId).where('name', '=', 'Agent'),
    )
    .where('u.locked', '=', 0)
    .where('p.agent_id', 'is', null)
    .orderBy('u.id')
    .limit(6)
    .execute();
  for (const [i, a] of others.entries()) {
    await tx
      .updateTable('cc_user')
      .set({ phone_agent_logon: [0, 1, 2][i % 3]! })
      .where('id', '=', a.id)
      .execute();
    await tx
      .insertInto('phone_agent_logon')
      .values({
        agent_id: a.id,
        tenant_id: tenantId,
        call_manager_id: cm,
        phone_num: String(5600 + i),
        ready_status: i % 2,
        priority_logon: i === 3 ? 1 : 0,
        time_stamp: at,
      })
      .execute();
  }

  const personal = await tx
    .selectFrom('service_group')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('name', '=', 'Personal Calls')
    .executeTakeFirst();
  const vip = await tx
    .selectFrom('skill')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('name', '=', 'VIP')
    .executeTakeFirst();
  if (personal && vip) {
    await tx.insertInto('service_group_skill').values({ service_group_id: personal.id, skill_id: vip.id }).execute();
    // The VIP agents with a Personal Directory Number get a personal call default destination (their voicemail).
    const vipAgents = await tx
      .selectFrom('cc_user as u')
      .innerJoin('skill_assignment as a', 'a.user_id', 'u.id')
      .select(['u.id', 'u.directory_number'])
      .where('a.skill_id', '=', vip.id)
      .where('u.directory_number', 'is not', null)
      .execute();
    for (const a of vipAgents.slice(0, Math.ceil(vipAgents.length / 2))) {
      await tx
        .updateTable('cc_user')
        .set({ personal_default_destination: `8${a.directory_number}` })
        .where('id', '=', a.id)
        .execute();
    }
  }
}
