import type { Generated } from 'kysely';

export interface UserSyncConfigTable {
  tenant_id: number;
  sync_type: 'none' | 'ad' | 'azure';
  ad_host: string;
  ad_port: number;
  ad_user: string;
  ad_security: 'none' | 'ldaps' | 'starttls';
  ad_base_dn: string;
  /** Blank Host Name: domain controllers of this DNS domain (SRV); blank = the machine's domain (Windows). */
  ad_domain: Generated<string>;
  azure_tenant_id: string;
  azure_client_id: string;
  azure_login_base_url: string;
  azure_graph_base_url: string;
  user_group: string;
  logon_order: 'lastFirst' | 'firstLast';
  logon_first_chars: number;
  logon_last_chars: number;
  /** The contract's Mapping as JSON. */
  mapping_json: string;
  schedule_enabled: number;
  schedule_time: string;
  /** YYYY-MM-DD (local) of the last scheduled run, so a day runs once. */
  last_scheduled_date: string | null;
  /** UserSync.csv: blank = the console's logs folder, else one of the allowed log folders; a plain .csv name. */
  csv_folder: Generated<string>;
  csv_file_name: Generated<string>;
  version: Generated<number>;
  updated_at: string;
  updated_by: string;
}
export interface UserSyncRunTable {
  id: Generated<number>;
  tenant_id: number;
  started_at: string;
  finished_at: string | null;
  trigger: 'manual' | 'schedule' | 'command';
  actor: string;
  status: 'running' | 'succeeded' | 'failed' | 'cancelled';
  counts_json: string | null;
  error: string | null;
}
export interface UserSyncLockTable {
  tenant_id: number;
  holder: string;
  acquired_at: string;
  expires_at: string;
}

declare module '../../connectors/db/schema' {
  interface Database {
    user_sync_config: UserSyncConfigTable;
    user_sync_run: UserSyncRunTable;
    user_sync_lock: UserSyncLockTable;
  }
}
