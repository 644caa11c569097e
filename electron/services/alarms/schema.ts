import type { Generated } from 'kysely';

type Bit = 0 | 1;

/** Every received trap (the alarm row folds repeats; this keeps each one until retention trims it). */
export interface TrapLogTable {
  id: Generated<number>;
  received_at: string;
  source: string;
  snmp_version: string;
  trap_oid: string;
  name: string;
  category: string;
  severity: string;
  message: string;
  varbinds: string; // JSON
  alarm_id: number | null;
  /**
   * sysUpTime.0 (v2c/v3) or the v1 time-stamp, in hundredths of a second (010). PostgreSQL bigint comes back as text.
   */
  uptime: number | string | null;
  /** Varbinds past the cap that were not stored (010). */
  left_out: Generated<number>;
}

export interface AlarmEventConfigTable {
  id: Generated<number>;
  oid_pattern: string;
  name: string;
  category: string;
  severity: string;
  message_format: string;
  dedupe_key: Generated<string>;
  clear_key: Generated<string>;
  /** 1 = severity from the Windows event ID's severity bits (010). */
  severity_from_event: Generated<Bit>;
  version: Generated<number>;
  updated_at: string;
  updated_by: string;
}

export interface AlarmMibTable {
  id: Generated<number>;
  module_name: string;
  file_name: string;
  text: string;
  imported_at: string;
  imported_by: string;
}

/** The single row (id 1) of listener settings. */
export interface AlarmListenerTable {
  id: number;
  enabled: Bit;
  address: string;
  port: number;
  communities: string; // JSON string[]
  accept_any_host: Bit;
  accept_hosts: string; // JSON string[]
  engine_id: string;
  retention_days: number;
  max_trap_rows: number;
  notify_desktop: Bit;
  version: Generated<number>;
  updated_at: string;
  updated_by: string;
}

/** SNMPv3 users: names and protocols; the keys are in the OS keychain (snmpv3:<name>:auth|priv). */
export interface AlarmV3UserTable {
  id: Generated<number>;
  name: string;
  level: string;
  auth_protocol: string;
  priv_protocol: string;
  updated_at: string;
  updated_by: string;
}

/** The listener's counters per computer (host name), so a restart continues them (010). */
export interface AlarmListenerStateTable {
  host: string;
  counters: string; // JSON { received, decoded, ignored, stored, dropped: { reason: n } }
  updated_at: string;
}

/** SNMPv3 message digests accepted recently (the replay cache), per computer (010). */
export interface AlarmV3ReplayTable {
  host: string;
  digest: string;
  seen_at: number | string; // ms since the epoch
}

/** The last boots/time seen per SNMPv3 engine, and when (this computer's clock, ms) (010). */
export interface AlarmV3EngineTable {
  host: string;
  engine_id: string;
  boots: number | string;
  engine_time: number | string;
  seen_at: number | string;
}

/**
 * The tables the alarms feature adds (its migrations create them), merged into Kysely's Database
 * (connectors/db/schema.ts) so the shared file needs no edit per feature. Columns added to core
 * tables (alarm) stay in schema.ts itself.
 */
declare module '../../connectors/db/schema' {
  interface Database {
    trap_log: TrapLogTable;
    alarm_event_config: AlarmEventConfigTable;
    alarm_mib: AlarmMibTable;
    alarm_listener: AlarmListenerTable;
    alarm_v3_user: AlarmV3UserTable;
    alarm_listener_state: AlarmListenerStateTable;
    alarm_v3_replay: AlarmV3ReplayTable;
    alarm_v3_engine: AlarmV3EngineTable;
  }
}
