import type { Generated } from 'kysely';
type Bit = number;

/** Genesys Cloud (migration 016). */
export interface GenesysConfigTable {
  tenant_id: number;
  enabled: Bit;
  admin_email: string;
  org_short_name: string;
  region: string;
  sync_users: Bit;
  sync_advanced: Bit;
  browser_client_apps: string; // JSON string[]
  dial_groups: string; // JSON string[]
  provisioned_at: string | null;
  org_id: string | null;
  org_name: string | null;
  client_id: string | null;
  version: Generated<number>;
  updated_at: string;
  updated_by: string;
}
export interface GenesysUserProfileTable {
  user_id: number;
  business_email: string;
  display_name: string;
}
export interface GenesysSkillOptionTable {
  skill_id: number;
  treat_as_language: Bit;
}
export interface WrapupCodeTable {
  id: Generated<number>;
  tenant_id: number;
  name: string;
  version: Generated<number>;
  updated_at: string;
  updated_by: string;
}
export interface GenesysSyncStatusTable {
  tenant_id: number;
  kind: 'user' | 'workgroup' | 'skill' | 'wrapupCode' | 'userSkill';
  object_id: number;
  status: 'Synced' | 'Error' | 'Not synced';
  message: string | null;
  last_synced_at: string | null;
  remote_id: string | null;
  remote_version: string | null;
  /** Migration 024: the name when last synchronized (users: the logon id). */
  object_name: string | null;
  updated_at: string;
}

export interface GenesysSyncLeaseTable {
  tenant_id: number;
  console_id: string;
  expires_at: string;
  health: string; // JSON: { api, oauth }
}

/** Migration 024: SMS Provisioning, Manage Client Configuration, queue membership. */
export interface GenesysSmsNumberTable {
  id: Generated<number>;
  tenant_id: number;
  phone_number: string;
  number_type: 'Longcode' | 'Toll Free';
  country: string;
  remote_id: string | null;
  email: string;
  comment: string;
  webhook_username: string;
  mo_url: string;
  dr_url: string;
  version: Generated<number>;
  updated_at: string;
  updated_by: string;
}
export interface GenesysSmsClientTable {
  tenant_id: number;
  service_name: string;
  client_id: string;
  duration_seconds: number;
  status: 'active' | 'inactive';
  description: string;
  version: Generated<number>;
  updated_at: string;
  updated_by: string;
}
export interface GenesysQueueMemberStatusTable {
  tenant_id: number;
  agent_group_id: number;
  status: 'Synced' | 'Error' | 'Not synced';
  message: string | null;
  members: number;
  last_synced_at: string | null;
  updated_at: string;
}

/** Migration 028: the tenant's dial groups (Genesys Cloud Dial Groups tab; name unique ignoring case). */
export interface GenesysDialGroupTable {
  id: Generated<number>;
  tenant_id: number;
  name: string;
  version: Generated<number>;
  updated_at: string;
  updated_by: string;
}

declare module '../../connectors/db/schema' {
  interface Database {
    genesys_config: GenesysConfigTable;
    genesys_user_profile: GenesysUserProfileTable;
    genesys_skill_option: GenesysSkillOptionTable;
    wrapup_code: WrapupCodeTable;
    genesys_sync_status: GenesysSyncStatusTable;
    genesys_sync_lease: GenesysSyncLeaseTable;
    genesys_sms_number: GenesysSmsNumberTable;
    genesys_sms_client: GenesysSmsClientTable;
    genesys_queue_member_status: GenesysQueueMemberStatusTable;
    genesys_dial_group: GenesysDialGroupTable;
  }
}
