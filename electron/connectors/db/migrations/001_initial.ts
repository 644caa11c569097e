import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import type { Engine } from '../engine';

/**
 * The first schema. Written once for both engines with Kysely's schema builder; the only
 * engine-specific part is how an integer primary key is generated. Constraints live in
 * the database (unique keys the seeds state, foreign keys, checks), not only in code.
 */
export function initialMigration(engine: Engine) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type T = CreateTableBuilder<any, any>;
  const withId = (t: T): T =>
    t.addColumn('id', 'integer', (c) =>
      engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity(),
    );
  const versioned = (t: T): T =>
    t
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
      .addColumn('updated_by', 'varchar(100)', (c) => c.notNull());
  const tenantRef = (t: T): T =>
    t.addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenant.id').onDelete('cascade'));
  const bit = (t: T, name: string, def = 0): T =>
    t
      .addColumn(name, 'smallint', (c) => c.notNull().defaultTo(def))
      .addCheckConstraint(`ck_${name}_bit`, sql`${sql.ref(name)} in (0, 1)`);

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const s = db.schema;

      let t = withId(s.createTable('tenant'))
        .addColumn('name', 'varchar(100)', (c) => c.notNull().unique())
        .addColumn('lockout_after_attempts', 'integer', (c) =>
          c
            .notNull()
            .defaultTo(5)
            .check(sql`lockout_after_attempts between 0 and 100`),
        )
        .addColumn('cannot_reuse_last', 'integer', (c) =>
          c
            .notNull()
            .defaultTo(0)
            .check(sql`cannot_reuse_last between 0 and 24`),
        )
        .addColumn('password_expires_days', 'integer', (c) =>
          c
            .notNull()
            .defaultTo(0)
            .check(sql`password_expires_days between 0 and 3650`),
        )
        .addColumn('password_warn_days', 'integer', (c) =>
          c
            .notNull()
            .defaultTo(0)
            .check(sql`password_warn_days between 0 and 3650`),
        );
      t = bit(t, 'never_delete_synced');
      t = bit(t, 'allow_manual_delete_synced');
      t = bit(t, 'auto_restore_logon');
      await versioned(t).execute();

      await versioned(tenantRef(withId(s.createTable('agent_group'))))
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addUniqueConstraint('uq_agent_group_name', ['tenant_id', 'name'])
        .execute();

      t = tenantRef(withId(s.createTable('user_type')))
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('permissions', 'text', (c) => c.notNull().defaultTo('{}'))
        .addUniqueConstraint('uq_user_type_name', ['tenant_id', 'name']);
      t = bit(t, 'is_host_admin');
      t = bit(t, 'scope_users_to_agent_groups');
      await versioned(t).execute();

      t = tenantRef(withId(s.createTable('cc_user')))
        .addColumn('logon_id', 'varchar(50)', (c) => c.notNull().check(sql`length(logon_id) > 0`))
        .addColumn('first_name', 'varchar(100)', (c) => c.notNull().defaultTo(''))
        .addColumn('last_name', 'varchar(100)', (c) => c.notNull().defaultTo(''))
        .addColumn('directory_number', 'varchar(50)')
        .addColumn('agent_group_id', 'integer', (c) => c.notNull().references('agent_group.id'))
        .addColumn('user_type_id', 'integer', (c) => c.notNull().references('user_type.id'))
        .addColumn('external_logon_id', 'varchar(256)')
        .addColumn('chat_display_name', 'varchar(100)')
        .addColumn('circuit_user', 'varchar(256)')
        .addColumn('sync_id', 'varchar(100)')
        .addColumn('phone_agent_logon', 'smallint', (c) =>
          c
            .notNull()
            .defaultTo(0)
            .check(sql`phone_agent_logon between 0 and 3`),
        )
        .addColumn('personal_default_destination', 'varchar(50)')
        .addColumn('password_hash', 'varchar(300)')
        .addColumn('password_changed_at', 'varchar(40)')
        .addColumn('lock_reason', 'varchar(20)', (c) => c.check(sql`lock_reason in ('failed-attempts', 'manual')`))
        .addColumn('locked_at', 'varchar(40)')
        .addColumn('locked_by_host', 'varchar(100)')
        .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_logon_at', 'varchar(40)');
      t = bit(t, 'dispatch_privilege');
      t = bit(t, 'locked');
      t = bit(t, 'deleted');
      await versioned(t).execute();
      // Logon ID unique in the tenant, whatever the case (users type it either way).
      await s
        .createIndex('ux_cc_user_logon_id')
        .unique()
        .on('cc_user')
        .expression(sql`tenant_id, lower(logon_id)`)
        .execute();
      // Unique in the tenant when set (issue 4 / seeds 000 and 001).
      await s
        .createIndex('ux_cc_user_external_logon_id')
        .unique()
        .on('cc_user')
        .expression(sql`tenant_id, lower(external_logon_id)`)
        .where(sql.ref('external_logon_id'), 'is not', null)
        .execute();
      await s
        .createIndex('ux_cc_user_directory_number')
        .unique()
        .on('cc_user')
        .columns(['tenant_id', 'directory_number'])
        .where(sql.ref('directory_number'), 'is not', null)
        .execute();
      await s
        .createIndex('ux_cc_user_circuit_user')
        .unique()
        .on('cc_user')
        .expression(sql`tenant_id, lower(circuit_user)`)
        .where(sql.ref('circuit_user'), 'is not', null)
        .execute();
      await s
        .createIndex('ux_cc_user_sync_id')
        .unique()
        .on('cc_user')
        .columns(['tenant_id', 'sync_id'])
        .where(sql.ref('sync_id'), 'is not', null)
        .execute();
      await s.createIndex('ix_cc_user_grid').on('cc_user').columns(['tenant_id', 'deleted', 'logon_id']).execute();
      await s.createIndex('ix_cc_user_agent_group').on('cc_user').columns(['agent_group_id']).execute();

      await s
        .createTable('supervisor_agent_group')
        .addColumn('user_id', 'integer', (c) => c.notNull().references('cc_user.id').onDelete('cascade'))
        .addColumn('agent_group_id', 'integer', (c) => c.notNull().references('agent_group.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('pk_supervisor_agent_group', ['user_id', 'agent_group_id'])
        .execute();

      await withId(s.createTable('password_history'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('cc_user.id').onDelete('cascade'))
        .addColumn('password_hash', 'varchar(300)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await s.createIndex('ix_password_history_user').on('password_history').columns(['user_id', 'id']).execute();

      await versioned(tenantRef(withId(s.createTable('site_server_param'))))
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('server_type', 'varchar(50)', (c) => c.notNull())
        .addColumn('host', 'varchar(255)', (c) => c.notNull())
        .addColumn('port', 'integer', (c) => c.notNull().check(sql`port between 1 and 65535`))
        .addUniqueConstraint('uq_site_server_param_name', ['tenant_id', 'name'])
        .execute();

      await s
        .createTable('phone_agent_logon')
        .addColumn('agent_id', 'integer', (c) => c.primaryKey().references('cc_user.id').onDelete('cascade'))
        .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenant.id').onDelete('cascade'))
        .addColumn('call_manager_id', 'integer', (c) => c.notNull().references('site_server_param.id'))
        .addColumn('phone_num', 'varchar(50)', (c) => c.notNull())
        .addColumn('ready_status', 'smallint', (c) =>
          c
            .notNull()
            .defaultTo(0)
            .check(sql`ready_status in (0, 1)`),
        )
        .addColumn('priority_logon', 'smallint', (c) =>
          c
            .notNull()
            .defaultTo(0)
            .check(sql`priority_logon in (0, 1)`),
        )
        .addColumn('time_stamp', 'varchar(40)', (c) => c.notNull())
        .execute();

      t = withId(s.createTable('object_tag'))
        .addColumn('name', 'varchar(100)', (c) => c.notNull().check(sql`length(name) between 1 and 100`))
        .addColumn('type', 'integer', (c) => c.notNull().check(sql`type between 0 and 6`))
        .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenant.id').onDelete('cascade'))
        // "The same tenant cannot have identifiers with the same name and type."
        .addUniqueConstraint('uq_object_tag_name_type', ['tenant_id', 'name', 'type']);
      for (const b of ['sa_enabled', 'sg_enabled', 'agent_enabled', 'dialednumber_enabled']) t = bit(t, b);
      await versioned(t).execute();

      await s
        .createTable('object_tag_mapping')
        .addColumn('object_tag_id', 'integer', (c) => c.notNull().references('object_tag.id').onDelete('cascade'))
        .addColumn('object_tag_value', 'varchar(100)', (c) => c.notNull().check(sql`length(object_tag_value) <= 100`))
        .addColumn('object_id', 'integer', (c) => c.notNull())
        .addColumn('object_type', 'integer', (c) => c.notNull().check(sql`object_type in (512, 1024, 4096, 1048576)`))
        // "The combination of object_tag_id, object_type and object_id must be unique."
        .addUniqueConstraint('uq_object_tag_mapping', ['object_tag_id', 'object_type', 'object_id'])
        .execute();
      await s
        .createIndex('ix_object_tag_mapping_object')
        .on('object_tag_mapping')
        .columns(['object_type', 'object_id'])
        .execute();

      await versioned(tenantRef(withId(s.createTable('response_file'))))
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addUniqueConstraint('uq_response_file_name', ['tenant_id', 'name'])
        .execute();

      t = versioned(tenantRef(withId(s.createTable('caller_id'))))
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('caller_id', 'varchar(50)', (c) => c.notNull())
        .addUniqueConstraint('uq_caller_id_name', ['tenant_id', 'name']);
      await bit(t, 'is_default').execute();

      t = tenantRef(withId(s.createTable('service_group')))
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('media_type', 'varchar(10)', (c) =>
          c.notNull().check(sql`media_type in ('voice', 'email', 'chat', 'sms', 'callback')`),
        )
        .addColumn('routing', 'varchar(10)', (c) => c.notNull().check(sql`routing in ('automatic', 'manual')`))
        .addColumn('max_wait_personal_sec', 'integer', (c) =>
          c
            .notNull()
            .defaultTo(0)
            .check(sql`max_wait_personal_sec >= 0`),
        )
        .addColumn('open_rule', 'varchar(10)', (c) =>
          c
            .notNull()
            .defaultTo('logged_on')
            .check(sql`open_rule in ('logged_on', 'ready')`),
        )
        .addColumn('response_file_id', 'integer', (c) => c.references('response_file.id').onDelete('set null'))
        .addColumn('caller_id_id', 'integer', (c) => c.references('caller_id.id').onDelete('set null'))
        .addUniqueConstraint('uq_service_group_name', ['tenant_id', 'name'])
        // Personal Calls exists only for Voice – Manual Routing groups (CONFIGURATION OF PERSONAL CALL ROUTING).
        .addCheckConstraint(
          'ck_service_group_personal_calls',
          sql`personal_calls = 0 or (media_type = 'voice' and routing = 'manual')`,
        );
      for (const b of ['personal_calls', 'display_in_dispatch', 'agents_may_change_caller_id']) t = bit(t, b);
      await versioned(t).execute();

      await versioned(tenantRef(withId(s.createTable('service_access'))))
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('bvd_number', 'varchar(50)', (c) => c.notNull())
        .addColumn('service_group_id', 'integer', (c) => c.notNull().references('service_group.id'))
        .addUniqueConstraint('uq_service_access_bvd', ['tenant_id', 'bvd_number'])
        .addUniqueConstraint('uq_service_access_name', ['tenant_id', 'name'])
        .execute();

      await versioned(tenantRef(withId(s.createTable('dialed_number'))))
        // "The number field can contain any character and may be up to 50 characters long."
        .addColumn('number', 'varchar(50)', (c) => c.notNull().check(sql`length(number) between 1 and 50`))
        // "Dialed Numbers must be unique within a tenant."
        .addUniqueConstraint('uq_dialed_number', ['tenant_id', 'number'])
        .execute();

      await versioned(tenantRef(withId(s.createTable('skill'))))
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addUniqueConstraint('uq_skill_name', ['tenant_id', 'name'])
        .execute();
      await s
        .createTable('skill_assignment')
        .addColumn('user_id', 'integer', (c) => c.notNull().references('cc_user.id').onDelete('cascade'))
        .addColumn('skill_id', 'integer', (c) => c.notNull().references('skill.id').onDelete('cascade'))
        .addColumn('level', 'integer', (c) =>
          c
            .notNull()
            .defaultTo(1)
            .check(sql`level between 1 and 100`),
        )
        .addPrimaryKeyConstraint('pk_skill_assignment', ['user_id', 'skill_id'])
        .execute();
      await s
        .createTable('service_group_skill')
        .addColumn('service_group_id', 'integer', (c) => c.notNull().references('service_group.id').onDelete('cascade'))
        .addColumn('skill_id', 'integer', (c) => c.notNull().references('skill.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('pk_service_group_skill', ['service_group_id', 'skill_id'])
        .execute();

      t = s
        .createTable('sso_config')
        .addColumn('tenant_id', 'integer', (c) => c.primaryKey().references('tenant.id').onDelete('cascade'))
        .addColumn('idp_name', 'varchar(100)')
        .addColumn('entity_id', 'varchar(500)')
        .addColumn('metadata_location', 'varchar(1000)');
      for (const b of ['enabled', 'use_external_browser', 'single_logout']) t = bit(t, b);
      await versioned(t).execute();

      t = withId(s.createTable('alarm'))
        .addColumn('received_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('source_address', 'varchar(100)', (c) => c.notNull())
        .addColumn('trap_oid', 'varchar(300)', (c) => c.notNull())
        .addColumn('name', 'varchar(200)')
        .addColumn('category', 'varchar(50)', (c) => c.notNull())
        .addColumn('severity', 'varchar(20)', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('varbinds', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('acknowledged_by', 'varchar(100)')
        .addColumn('acknowledged_at', 'varchar(40)');
      await bit(t, 'acknowledged').execute();
      await s.createIndex('ix_alarm_received').on('alarm').columns(['received_at']).execute();

      await withId(s.createTable('audit_log'))
        .addColumn('at', 'varchar(40)', (c) => c.notNull())
        .addColumn('tenant_id', 'integer', (c) => c.references('tenant.id').onDelete('set null'))
        .addColumn('actor_user_id', 'integer')
        .addColumn('actor', 'varchar(100)', (c) => c.notNull())
        .addColumn('origin', 'varchar(200)', (c) => c.notNull())
        .addColumn('action', 'varchar(40)', (c) => c.notNull())
        .addColumn('object_type', 'varchar(40)', (c) => c.notNull())
        .addColumn('object_id', 'varchar(100)')
        .addColumn('object_name', 'varchar(300)')
        .addColumn('before_json', 'text')
        .addColumn('after_json', 'text')
        .execute();
      await s.createIndex('ix_audit_log_at').on('audit_log').columns(['at']).execute();
      await s.createIndex('ix_audit_log_tenant').on('audit_log').columns(['tenant_id', 'at']).execute();

      await withId(s.createTable('change_event'))
        .addColumn('at', 'varchar(40)', (c) => c.notNull())
        .addColumn('tenant_id', 'integer')
        .addColumn('table_name', 'varchar(60)', (c) => c.notNull())
        .addColumn('row_id', 'varchar(100)')
        .addColumn('console_id', 'varchar(60)', (c) => c.notNull())
        .execute();
    },
  };
}
