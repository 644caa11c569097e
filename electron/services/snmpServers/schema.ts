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

/**
 * The tables the snmpServers feature adds (its migrations create them), merged into Kysely's Database
 * (connectors/db/schema.ts) so the shared file needs no edit per feature.
 */
declare module '../../connectors/db/schema' {
  interface Database {
    snmp_server: SnmpServerTable;
  }
}
