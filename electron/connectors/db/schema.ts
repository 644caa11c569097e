import type { Generated } from 'kysely';

/**
 * The console's database, as Kysely sees it. Tables and columns the seeds define keep the
 * seeds' names exactly (object_tag, object_tag_mapping, phone_agent_logon, cc_user,
 * site_server_param); the rest are the console's own. Conventions, the same on SQLite and
 * PostgreSQL so one set of queries serves both:
 * - `bit` columns (seed 001's word) are integers 0/1;
 * - times are ISO-8601 UTC text (sorts correctly, no driver-specific Date handling);
 * - JSON is text; every editable row has `version` (optimistic concurrency),
 *   `updated_at` and `updated_by` (who changed it last, for the stale-save message).
 */
type Bit = number;
type Versioned = { version: Generated<number>; updated_at: string; updated_by: string };

export interface TenantTable extends Versioned {
  id: Generated<number>;
  name: string;
  // Authentication tab → Password Management (seed 001, Single Sign-On → Configuring MiCC Enterprise)
  lockout_after_attempts: number; // 0 = never
  cannot_reuse_last: number; // 0 = no check
  password_expires_days: number; // 0 = never
  password_warn_days: number; // 0 = no warning
  // User Synchronization tab → User Deletion
  never_delete_synced: Bit;
  allow_manual_delete_synced: Bit;
  // Phone Agent tab: Automatically Restore Logon Status After Restart
  auto_restore_logon: Bit;
  // Dispatch licences: the tenant's pool (null = no limit); migration 004
  dispatch_licences: number | null;
  // Dispatch settings (migration 004): Ring Time Supervision, the system default
  // destination, SeCCfg "Allow Agents to View all Dispatch Groups"
  ring_time_supervision_sec: Generated<number>;
  system_default_destination: string | null;
  allow_view_all_dispatch_groups: Generated<Bit>;
}

export interface AgentGroupTable extends Versioned {
  id: Generated<number>;
  tenant_id: number;
  name: string;
}

export interface UserTypeTable extends Versioned {
  id: Generated<number>;
  tenant_id: number;
  name: string;
  /** JSON: { [area]: 'none' | 'read' | 'write' } (electron/contract/permissions.ts). */
  permissions: string;
  /** Host administrators see and administer every tenant. */
  is_host_admin: Bit;
  /** Read-write on users only in the agent groups granted in supervisor_agent_group. */
  scope_users_to_agent_groups: Bit;
}

/** PHONE AGENT AUTOMATIC LOGON → User Property "Phone Agent Logon". */
export const PHONE_AGENT_LOGON = {
  useSystemSetting: 0,
  restore: 1,
  dontRestore: 2,
  restoreWithPriority: 3,
} as const;

export interface CcUserTable extends Versioned {
  id: Generated<number>;
  tenant_id: number;
  logon_id: string;
  first_name: string;
  last_name: string;
  /** Personal Directory Number (CONFIGURING PERSONAL CALL ROUTING step 3). */
  directory_number: string | null;
  agent_group_id: number;
  user_type_id: number;
  /** Matched against the IdP's upn during single sign-on (USER SYNCHRONIZATION / User Matching). */
  external_logon_id: string | null;
  chat_display_name: string | null;
  circuit_user: string | null;
  /**
   * Comparison keys of logon_id / external_logon_id / circuit_user (domain/users/logonKey.ts; migration 009): the
   * unique indexes and lookups use these.
   */
  logon_key: string;
  external_logon_key: string | null;
  circuit_user_key: string | null;
  /**
   * First name, last name, Logon ID, External Logon ID and Directory Number folded for the grid's and pickers'
   * search (domain/users/search.ts; migration 018). Written with the fields by userKeyColumns / withUserKeys.
   */
  search_text: string | null;
  /** Set by user synchronization; read-only in the console. */
  sync_id: string | null;
  phone_agent_logon: number;
  personal_default_destination: string | null;
  dispatch_privilege: Bit;
  /** scrypt hash; null = blank password (cannot log on conventionally). Never leaves main. */
  password_hash: string | null;
  password_changed_at: string | null;
  locked: Bit;
  lock_reason: 'failed-attempts' | 'manual' | null;
  locked_at: string | null;
  /** The host or address whose failed attempts locked the account (PASSWORD MANAGEMENT). */
  locked_by_host: string | null;
  failed_attempts: number;
  last_logon_at: string | null;
  /** Soft delete: synchronization undeletes users and they keep their settings. */
  deleted: Bit;
}

export interface SupervisorAgentGroupTable {
  user_id: number;
  agent_group_id: number;
}

export interface PasswordHistoryTable {
  id: Generated<number>;
  user_id: number;
  password_hash: string;
  created_at: string;
}

export interface SiteServerParamTable extends Versioned {
  id: Generated<number>;
  tenant_id: number;
  name: string;
  server_type: string;
  host: string;
  port: number;
  /** The site the call manager belongs to (migration 004). */
  site: string | null;
}

/** DATABASE HANDLING: the fields exactly as seed 001 lists them. */
export interface PhoneAgentLogonTable {
  agent_id: number;
  tenant_id: number;
  call_manager_id: number;
  phone_num: string;
  ready_status: number;
  priority_logon: number;
  time_stamp: string;
}

/** OBJECT TAGS codes (object_tag.type, object_tag_mapping.object_type): rules of the domain, stored here. */
export { OBJECT_TAG_TYPE, OBJECT_TYPE } from '../../domain/objectTags/codes';

export interface ObjectTagTable extends Versioned {
  id: Generated<number>;
  name: string;
  type: number;
  tenant_id: number;
  sa_enabled: Bit;
  sg_enabled: Bit;
  agent_enabled: Bit;
  dialednumber_enabled: Bit;
}

export interface ObjectTagMappingTable {
  object_tag_id: number;
  object_tag_value: string;
  object_id: number;
  object_type: number;
}

export interface ServiceGroupTable extends Versioned {
  id: Generated<number>;
  tenant_id: number;
  name: string;
  media_type: 'voice' | 'email' | 'chat' | 'sms' | 'callback';
  routing: 'automatic' | 'manual';
  personal_calls: Bit;
  display_in_dispatch: Bit;
  max_wait_personal_sec: number;
  open_rule: 'logged_on' | 'ready';
  response_file_id: number | null;
  caller_id_id: number | null;
  agents_may_change_caller_id: Bit;
}

export interface ServiceAccessTable extends Versioned {
  id: Generated<number>;
  tenant_id: number;
  name: string;
  bvd_number: string;
  service_group_id: number;
}

export interface DialedNumberTable extends Versioned {
  id: Generated<number>;
  tenant_id: number;
  number: string; // up to 50 characters, unique in the tenant (OBJECT TAGS)
}

export interface SkillTable extends Versioned {
  id: Generated<number>;
  tenant_id: number;
  name: string;
}

export interface SkillAssignmentTable {
  user_id: number;
  skill_id: number;
  level: number;
}

export interface ServiceGroupSkillTable {
  service_group_id: number;
  skill_id: number;
}

export interface CallerIdTable extends Versioned {
  id: Generated<number>;
  tenant_id: number;
  name: string;
  caller_id: string;
  is_default: Bit;
}

export interface ResponseFileTable extends Versioned {
  id: Generated<number>;
  tenant_id: number;
  name: string;
  /** The response file's XML (seed 001, E-MAIL, CHAT AND SMS RESPONSE FILES). */
  content: string;
  /** Folder or URL relative Src paths resolve against (migration 005); null = not set. */
  location: string | null;
}

export interface SsoConfigTable extends Versioned {
  tenant_id: number;
  enabled: Bit;
  idp_name: string | null;
  entity_id: string | null;
  metadata_location: string | null;
  use_external_browser: Bit;
  single_logout: Bit;
  /** The Web server's domain (with port) the OIDC redirect URIs are built from (migration 006). */
  web_domain: string | null;
}

export interface AlarmTable {
  id: Generated<number>;
  received_at: string;
  source_address: string;
  trap_oid: string;
  name: string | null;
  category: string;
  severity: string;
  message: string;
  varbinds: string; // JSON
  acknowledged: Bit;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  // Added by 007_alarms (issue 8): one row per deduplication key.
  dedupe_key: string;
  occurrences: number;
  last_seen: string;
  notes: string;
  cleared: Bit;
  cleared_by: string | null;
  cleared_at: string | null;
  config_id: number | null;
  snmp_version: string;
  // Added by 010_alarms_state: sysUpTime of the last trap; varbinds past the cap left out.
  uptime: number | string | null;
  left_out: Generated<number>;
  // Added by 031_alarms_change_seq: the alarm_change number of the batch that last raised it (PostgreSQL bigint: text).
  change_seq: Generated<number | string>;
}

/** The one row (id 1) of the alarm writer's batch counter (031_alarms_change_seq). */
export interface AlarmChangeTable {
  id: number;
  seq: number | string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  tenant_id: number | null;
  actor_user_id: number | null;
  /** Logon ID of who did it ("system" for the console itself). */
  actor: string;
  /** "electron", "browser 127.0.0.1", or the remote address of a failed sign-in. */
  origin: string;
  action: string; // create | update | delete | sign-in | sign-in-failed | lock | unlock | …
  object_type: string;
  object_id: string | null;
  object_name: string | null;
  before_json: string | null; // secrets redacted
  after_json: string | null;
}

/**
 * Trace levels of one server machine (seed 001, REGISTRY KEYS and WCF SERVICES). Per server,
 * not per tenant; `server` is unique ignoring case.
 */
export interface TraceSettingsTable extends Versioned {
  id: Generated<number>;
  server: string;
  /** JSON: the contract's TraceSettings (electron/contract/services/trace.ts). */
  settings: string;
}

/** One row per committed change, so other consoles on the same database can refresh. */
export interface ChangeEventTable {
  id: Generated<number>;
  at: string;
  tenant_id: number | null;
  table_name: string;
  row_id: string | null;
  console_id: string;
}

/**
 * The core tables. A feature adds its own tables in electron/services/<feature>/schema.ts by
 * declaration merging (`declare module '…/connectors/db/schema' { interface Database { … } }`),
 * so this file needs no edit per feature.
 */
export interface Database {
  tenant: TenantTable;
  agent_group: AgentGroupTable;
  user_type: UserTypeTable;
  cc_user: CcUserTable;
  supervisor_agent_group: SupervisorAgentGroupTable;
  password_history: PasswordHistoryTable;
  site_server_param: SiteServerParamTable;
  phone_agent_logon: PhoneAgentLogonTable;
  object_tag: ObjectTagTable;
  object_tag_mapping: ObjectTagMappingTable;
  service_group: ServiceGroupTable;
  service_access: ServiceAccessTable;
  dialed_number: DialedNumberTable;
  skill: SkillTable;
  skill_assignment: SkillAssignmentTable;
  service_group_skill: ServiceGroupSkillTable;
  caller_id: CallerIdTable;
  response_file: ResponseFileTable;
  sso_config: SsoConfigTable;
  alarm: AlarmTable;
  alarm_change: AlarmChangeTable;
  audit_log: AuditLogTable;
  change_event: ChangeEventTable;
  trace_settings: TraceSettingsTable;
}
