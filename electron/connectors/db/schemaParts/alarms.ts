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

/**
 * Tables the alarms feature adds (its migration creates them). Database (../schema.ts)
 * extends this interface, so the feature can add tables without editing the shared file.
 * Columns added to existing tables go in ../schema.ts itself.
 */
export interface AlarmsTables {
  trap_log: TrapLogTable;
  alarm_event_config: AlarmEventConfigTable;
  alarm_mib: AlarmMibTable;
  alarm_listener: AlarmListenerTable;
  alarm_v3_user: AlarmV3UserTable;
}
