import type { Generated } from 'kysely';

/** Alarms › Servers (migration 012). */
export interface SnmpServerTable {
  id: Generated<number>;
  name: string;
  host: string;
  port: number;
  snmp_version: string;
  v3_user: Generated<string>;
  v3_level: Generated<string>;
  v3_auth_protocol: Generated<string>;
  v3_priv_protocol: Generated<string>;
  timeout_ms: number;
  retries: number;
  agent_config: string; // JSON: SnmpAgentConfig
  version: Generated<number>;
  updated_at: string;
  updated_by: string;
}

export interface SnmpServersTables {
  snmp_server: SnmpServerTable;
}
