import type { Insertable, Kysely, KyselyPlugin } from 'kysely';
import { BUILT_IN_USER_TYPES, HOST_ADMINISTRATOR } from '../../domain/userTypes';
import { withUserKeys } from '../../domain/users/logonKey';
import { DEMO_PASSWORD_HASHES } from './demoHashes';
import type { DemoSeeder } from './parts';
import type { Database } from './schema';
import { OBJECT_TAG_TYPE, OBJECT_TYPE, PHONE_AGENT_LOGON } from './schema';

/**
 * better-sqlite3 answers synchronously, so a run of awaited queries resolves in microtasks only and main's
 * event loop would not turn until the whole seed is done (no page, no auth.status meanwhile). This plugin
 * lets the loop turn (setImmediate) once `budgetMs` of queries went by without a turn — by time, not by a
 * count of queries, since one bulk insert costs what fifty small ones do. Used for the first-run seed, so
 * the sign-in form shows while the demo database is created (DataContext).
 */
export function yieldingPlugin(budgetMs = 4): KyselyPlugin {
  let last = performance.now();
  return {
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      if (performance.now() - last >= budgetMs) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        last = performance.now();
      }
      return args.result;
    },
  };
}

/** The demo accounts (README). Demo only: a real database has its own. */
export const DEMO_ACCOUNTS = {
  hostAdmin: { logonId: 'admin', password: 'Admin#2026' },
  supervisor: { logonId: 'supervisor', password: 'Super#2026' },
  technician: { logonId: 'tech', password: 'Tech#2026' },
  locked: { logonId: 'jlocked', password: 'Locked#2026' },
  northwindAdmin: { logonId: 'nwadmin', password: 'Admin#2026' },
  /** Password changed 100 days ago: the tenant's 90-day expiry makes them change it. */
  expired: { logonId: 'expired', password: 'Expired#2026' },
  /** Password changed 80 days ago: "expires in 10 days" (warning at 14). */
  expiring: { logonId: 'expiring', password: 'Expiring#2026' },
} as const;

const FIRST = [
  'Karen',
  'Lee',
  'Maria',
  'John',
  'Aisha',
  'Pierre',
  'Sofia',
  'Liam',
  'Noah',
  'Emma',
  'Olivia',
  'Lucas',
  'Mia',
  'Ethan',
  'Zoe',
  'Ravi',
  'Yuki',
  'Anna',
  'Omar',
  'Ines',
];
const LAST = [
  'Sharp',
  'Scott',
  'Garcia',
  'Smith',
  'Khan',
  'Dubois',
  'Rossi',
  'Murphy',
  'Nguyen',
  'Brown',
  'Lopez',
  'Martin',
  'Kowalski',
  'Tanaka',
  'Haddad',
  'Silva',
  'Novak',
  'Jensen',
  'Okafor',
  'Larsen',
];

const RESPONSE_FILE = `<?xml version="1.0" encoding="utf-8"?>
<ResponseFile>
  <Group Name="Greetings" Expanded="true">
    <Response Name="Welcome" Description="First reply">Hello $Customer.Name$,&#x0d;&#x0a;thank you for contacting us. My name is $Agent.Name$.</Response>
    <Response Name="Closing" Description="Last reply">Is there anything else I can help you with?</Response>
  </Group>
  <Group Name="Billing" Expanded="false">
    <Response Name="Invoice copy" Description="Invoice request">A copy of your invoice is attached.</Response>
    <Group Name="Refunds" Expanded="false">
      <Response Name="Refund started" Description="">Your refund has been started and will reach you within 5 working days.</Response>
    </Group>
  </Group>
</ResponseFile>
`;

/**
 * Seeds a new, empty database with a demo tenant rich enough to explore every editor:
 * a few hundred users in several agent groups and user types, service groups of every
 * media type (one Voice – Manual Routing group with Personal Calls), object tags of
 * several types with assignments, dialed numbers, a response file, a locked user, and a
 * second tenant for the host administrator to switch to. Then each feature's own rows: `seeders`
 * come from the features list (electron/features.ts), in its order.
 */
export async function seedDemo(db: Kysely<Database>, seeders: readonly DemoSeeder[], agentCount = 300): Promise<void> {
  const at = new Date().toISOString();
  const by = { updated_at: at, updated_by: 'setup' };
  // Hashed once ahead of time (demoHashes.ts): seven scrypt runs here held the first-run sign-in form back.
  const h = DEMO_PASSWORD_HASHES;
  const [adminHash, superHash, techHash, lockedHash, nwHash, expiredHash, expiringHash] = [
    h.hostAdmin,
    h.supervisor,
    h.technician,
    h.locked,
    h.northwindAdmin,
    h.expired,
    h.expiring,
  ];
  const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();

  await db.transaction().execute(async (tx) => {
    const tenant = async (name: string, policy: { lockout: number; reuse: number; expires: number; warn: number }) =>
      (
        await tx
          .insertInto('tenant')
          .values({
            name,
            lockout_after_attempts: policy.lockout,
            cannot_reuse_last: policy.reuse,
            password_expires_days: policy.expires,
            password_warn_days: policy.warn,
            never_delete_synced: 0,
            allow_manual_delete_synced: 0,
            auto_restore_logon: 1,
            ...by,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const demo = await tenant('Demo Contact Center', { lockout: 5, reuse: 3, expires: 90, warn: 14 });
    const northwind = await tenant('Northwind Support', { lockout: 3, reuse: 5, expires: 60, warn: 7 });

    const userType = async (
      tenantId: number,
      t: { name: string; permissions: object; hostAdmin: boolean; scopeUsersToAgentGroups: boolean },
    ) =>
      (
        await tx
          .insertInto('user_type')
          .values({
            tenant_id: tenantId,
            name: t.name,
            permissions: JSON.stringify(t.permissions),
            is_host_admin: t.hostAdmin ? 1 : 0,
            scope_users_to_agent_groups: t.scopeUsersToAgentGroups ? 1 : 0,
            ...by,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const types = {
      host: await userType(demo, HOST_ADMINISTRATOR),
      admin: await userType(demo, BUILT_IN_USER_TYPES.administrator),
      supervisor: await userType(demo, BUILT_IN_USER_TYPES.supervisor),
      tech: await userType(demo, BUILT_IN_USER_TYPES.fieldTechnician),
      agent: await userType(demo, BUILT_IN_USER_TYPES.agent),
    };
    const nwAdminType = await userType(northwind, BUILT_IN_USER_TYPES.administrator);
    const nwAgentType = await userType(northwind, BUILT_IN_USER_TYPES.agent);

    const groupIds: Record<string, number> = {};
    for (const name of ['<Default>', 'Sales', 'Support', 'Billing', 'Night Shift', 'Supervisors']) {
      groupIds[name] = (
        await tx
          .insertInto('agent_group')
          .values({ tenant_id: demo, name, ...by })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    }
    const nwGroup = (
      await tx
        .insertInto('agent_group')
        .values({ tenant_id: northwind, name: '<Default>', ...by })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;

    const blankUser = {
      directory_number: null,
      external_logon_id: null,
      chat_display_name: null,
      circuit_user: null,
      sync_id: null,
      phone_agent_logon: PHONE_AGENT_LOGON.useSystemSetting,
      personal_default_destination: null,
      dispatch_privilege: 0,
      password_hash: null,
      password_changed_at: null,
      locked: 0,
      lock_reason: null,
      locked_at: null,
      locked_by_host: null,
      failed_attempts: 0,
      last_logon_at: null,
      deleted: 0,
      ...by,
    } as const;
    const insertUser = async (
      u: Partial<Insertable<Database['cc_user']>> & {
        tenant_id: number;
        logon_id: string;
        first_name: string;
        last_name: string;
        agent_group_id: number;
        user_type_id: number;
      },
    ) =>
      (
        await tx
          .insertInto('cc_user')
          .values(withUserKeys({ ...blankUser, ...u }))
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;

    await insertUser({
      tenant_id: demo,
      logon_id: 'admin',
      first_name: 'Host',
      last_name: 'Administrator',
      agent_group_id: groupIds['Supervisors']!,
      user_type_id: types.host,
      password_hash: adminHash,
      password_changed_at: at,
    });
    const supervisor = await insertUser({
      tenant_id: demo,
      logon_id: 'supervisor',
      first_name: 'Sam',
      last_name: 'Supervisor',
      agent_group_id: groupIds['Supervisors']!,
      user_type_id: types.supervisor,
      password_hash: superHash,
      password_changed_at: at,
      dispatch_privilege: 1,
    });
    for (const g of ['Sales', 'Support'])
      await tx
        .insertInto('supervisor_agent_group')
        .values({ user_id: supervisor, agent_group_id: groupIds[g]! })
        .execute();
    await insertUser({
      tenant_id: demo,
      logon_id: 'tech',
      first_name: 'Terry',
      last_name: 'Technician',
      agent_group_id: groupIds['<Default>']!,
      user_type_id: types.tech,
      password_hash: techHash,
      password_changed_at: at,
    });
    await insertUser({
      tenant_id: demo,
      logon_id: 'jlocked',
      first_name: 'Jo',
      last_name: 'Locked',
      agent_group_id: groupIds['Support']!,
      user_type_id: types.agent,
      password_hash: lockedHash,
      password_changed_at: at,
      locked: 1,
      lock_reason: 'failed-attempts',
      locked_at: at,
      locked_by_host: '10.20.30.40',
      failed_attempts: 5,
    });
    await insertUser({
      tenant_id: demo,
      logon_id: 'expired',
      first_name: 'Eve',
      last_name: 'Expired',
      agent_group_id: groupIds['Supervisors']!,
      user_type_id: types.admin,
      password_hash: expiredHash,
      password_changed_at: daysAgo(100),
    });
    await insertUser({
      tenant_id: demo,
      logon_id: 'expiring',
      first_name: 'Ewan',
      last_name: 'Expiring',
      agent_group_id: groupIds['Supervisors']!,
      user_type_id: types.admin,
      password_hash: expiringHash,
      password_changed_at: daysAgo(80),
    });
    await insertUser({
      tenant_id: northwind,
      logon_id: 'nwadmin',
      first_name: 'Nora',
      last_name: 'West',
      agent_group_id: nwGroup,
      user_type_id: nwAdminType,
      password_hash: nwHash,
      password_changed_at: at,
    });
    for (let i = 0; i < 20; i++) {
      await insertUser({
        tenant_id: northwind,
        logon_id: `nwagent${i + 1}`,
        first_name: FIRST[i % FIRST.length]!,
        last_name: LAST[(i * 7) % LAST.length]!,
        agent_group_id: nwGroup,
        user_type_id: nwAgentType,
      });
    }

    // Agents: logon IDs as user synchronization makes them (first 2 of first name + last
    // name, a number appended on a clash); every third one synchronized from Azure AD.
    const agentGroups = ['Sales', 'Support', 'Billing', 'Night Shift', '<Default>'];
    const seen = new Set(['admin', 'supervisor', 'tech', 'jlocked', 'expired', 'expiring']);
    const rows: Array<Omit<Insertable<Database['cc_user']>, 'logon_key'>> = [];
    const agentIds: number[] = [];
    for (let i = 0; i < agentCount; i++) {
      const first = FIRST[i % FIRST.length]!;
      const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
      const base = (first.slice(0, 2) + last).toLowerCase();
      let logon = base;
      for (let n = 1; seen.has(logon); n++) logon = `${base}${n}`;
      seen.add(logon);
      const synced = i % 3 === 0;
      rows.push({
        ...blankUser,
        tenant_id: demo,
        logon_id: logon,
        first_name: first,
        last_name: last,
        agent_group_id: groupIds[agentGroups[i % agentGroups.length]!]!,
        user_type_id: types.agent,
        directory_number: i % 2 === 0 ? String(5000 + i) : null,
        external_logon_id: synced ? `${logon}@demo.example` : null,
        sync_id: synced ? `3f2a${String(i).padStart(4, '0')}-aad0-4c1e-9b1d-${String(100000000000 + i)}` : null,
        phone_agent_logon: i % 10 === 0 ? PHONE_AGENT_LOGON.restoreWithPriority : PHONE_AGENT_LOGON.useSystemSetting,
        dispatch_privilege: i % 4 === 0 ? 1 : 0,
        chat_display_name: i % 5 === 0 ? first : null,
        last_logon_at: i % 7 === 0 ? null : new Date(Date.now() - i * 3_600_000).toISOString(),
      });
    }
    for (let i = 0; i < rows.length; i += 200) {
      const ids = await tx
        .insertInto('cc_user')
        .values(rows.slice(i, i + 200).map(withUserKeys))
        .returning('id')
        .execute();
      agentIds.push(...ids.map((r) => r.id));
    }

    const cm = (
      await tx
        .insertInto('site_server_param')
        .values({
          tenant_id: demo,
          name: 'Default Server',
          server_type: 'OAS',
          host: 'oas01.demo.example',
          port: 7001,
          ...by,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    for (let i = 0; i < 10 && i * 10 < agentIds.length; i++) {
      await tx
        .insertInto('phone_agent_logon')
        .values({
          agent_id: agentIds[i * 10]!,
          tenant_id: demo,
          call_manager_id: cm,
          phone_num: String(5500 + i),
          ready_status: i % 2,
          priority_logon: 1,
          time_stamp: at,
        })
        .execute();
    }

    const responseFile = (
      await tx
        .insertInto('response_file')
        .values({ tenant_id: demo, name: 'Standard replies', content: RESPONSE_FILE, ...by })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const callerId = (
      await tx
        .insertInto('caller_id')
        .values({ tenant_id: demo, name: 'Main number', caller_id: '+16135550100', is_default: 1, ...by })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await tx
      .insertInto('caller_id')
      .values({ tenant_id: demo, name: 'Support line', caller_id: '+16135550199', is_default: 0, ...by })
      .execute();

    const sgDefaults = {
      tenant_id: demo,
      personal_calls: 0,
      display_in_dispatch: 0,
      max_wait_personal_sec: 0,
      open_rule: 'logged_on' as const,
      response_file_id: null,
      caller_id_id: null,
      agents_may_change_caller_id: 0,
      ...by,
    };
    const sg = async (
      v: Partial<Insertable<Database['service_group']>> & {
        name: string;
        media_type: Database['service_group']['media_type'];
        routing: 'automatic' | 'manual';
      },
    ) =>
      (
        await tx
          .insertInto('service_group')
          .values({ ...sgDefaults, ...v })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const sales = await sg({
      name: 'Sales Voice',
      media_type: 'voice',
      routing: 'automatic',
      caller_id_id: callerId,
      agents_may_change_caller_id: 1,
    });
    const personal = await sg({
      name: 'Personal Calls',
      media_type: 'voice',
      routing: 'manual',
      personal_calls: 1,
      display_in_dispatch: 1,
      max_wait_personal_sec: 30,
      open_rule: 'ready',
      caller_id_id: callerId,
    });
    const email = await sg({
      name: 'Support E-mail',
      media_type: 'email',
      routing: 'automatic',
      response_file_id: responseFile,
    });
    const chat = await sg({
      name: 'Web Chat',
      media_type: 'chat',
      routing: 'automatic',
      response_file_id: responseFile,
    });
    await sg({ name: 'SMS', media_type: 'sms', routing: 'automatic', response_file_id: responseFile });
    await sg({ name: 'Callback', media_type: 'callback', routing: 'automatic', display_in_dispatch: 1 });

    const saIds: number[] = [];
    for (const [name, bvd, group] of [
      ['Sales line', '4000', sales],
      ['Personal line', '4001', personal],
      ['Support mailbox', '4002', email],
      ['Chat entry', '4003', chat],
    ] as const) {
      saIds.push(
        (
          await tx
            .insertInto('service_access')
            .values({ tenant_id: demo, name, bvd_number: bvd, service_group_id: group, ...by })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      );
    }
    const dnIds: number[] = [];
    for (const number of ['+1 613 555 0100', '+1 613 555 0101', '+1 613 555 0199', '8005550123']) {
      dnIds.push(
        (
          await tx
            .insertInto('dialed_number')
            .values({ tenant_id: demo, number, ...by })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      );
    }
    const skillIds: number[] = [];
    for (const name of ['English', 'French', 'Billing', 'Technical', 'VIP']) {
      skillIds.push(
        (
          await tx
            .insertInto('skill')
            .values({ tenant_id: demo, name, ...by })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      );
    }
    for (let i = 0; i < agentIds.length; i++) {
      await tx
        .insertInto('skill_assignment')
        .values({ user_id: agentIds[i]!, skill_id: skillIds[i % skillIds.length]!, level: 1 + (i % 10) })
        .execute();
    }
    await tx
      .insertInto('service_group_skill')
      .values([
        { service_group_id: sales, skill_id: skillIds[0]! },
        { service_group_id: email, skill_id: skillIds[2]! },
      ])
      .execute();

    const tag = async (name: string, type: number, flags: { sa?: number; sg?: number; agent?: number; dn?: number }) =>
      (
        await tx
          .insertInto('object_tag')
          .values({
            tenant_id: demo,
            name,
            type,
            sa_enabled: flags.sa ?? 0,
            sg_enabled: flags.sg ?? 0,
            agent_enabled: flags.agent ?? 0,
            dialednumber_enabled: flags.dn ?? 0,
            ...by,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const region = await tag('Region', OBJECT_TAG_TYPE.text, { sa: 1, sg: 1, agent: 1, dn: 1 });
    const priority = await tag('Priority', OBJECT_TAG_TYPE.number, { sa: 1, dn: 1 });
    const escalation = await tag('Escalation agent', OBJECT_TAG_TYPE.agent, { sg: 1 });
    const overflow = await tag('Overflow group', OBJECT_TAG_TYPE.serviceGroup, { sa: 1 });
    await tag('Welcome message', OBJECT_TAG_TYPE.playMessage, { sa: 1 });
    const map = (object_tag_id: number, object_type: number, object_id: number, object_tag_value: string) =>
      tx.insertInto('object_tag_mapping').values({ object_tag_id, object_type, object_id, object_tag_value }).execute();
    await map(region, OBJECT_TYPE.serviceAccess, saIds[0]!, 'North America');
    await map(region, OBJECT_TYPE.dialedNumber, dnIds[0]!, 'North America');
    if (agentIds[0] !== undefined) await map(region, OBJECT_TYPE.agent, agentIds[0], 'EMEA');
    await map(priority, OBJECT_TYPE.dialedNumber, dnIds[3]!, '1');
    await map(escalation, OBJECT_TYPE.serviceGroup, sales, String(supervisor));
    await map(overflow, OBJECT_TYPE.serviceAccess, saIds[1]!, String(sales));

    // Each feature's own demo rows (electron/services/<feature>/demo.ts, through the features list).
    for (const seed of seeders) await seed(tx, demo, at);
    await tx
      .insertInto('audit_log')
      .values({
        at,
        tenant_id: null,
        actor_user_id: null,
        actor: 'setup',
        origin: 'console',
        action: 'create',
        object_type: 'database',
        object_id: null,
        object_name: 'Demo database created',
        before_json: null,
        after_json: null,
      })
      .execute();
  });
}
