import type { Generated } from 'kysely';

/** System parameters (migration 017): one row per page, per tenant or installation-wide (tenant_id null). */
export interface SystemParameterTable {
  id: Generated<number>;
  tenant_id: number | null;
  page: 'proxy' | 'numbering' | 'userAuth' | 'customerAuth';
  value: string; // JSON: the page's settings (contract schema)
  version: Generated<number>;
  updated_at: string;
  updated_by: string;
}

declare module '../../connectors/db/schema' {
  interface Database {
    system_parameter: SystemParameterTable;
  }
}

/** Migration 023: a tenant's options pages (MiVoice Call Recording, Agent Data Access). */
export interface SystemOptionTable {
  id: Generated<number>;
  tenant_id: number;
  page: 'callRecording' | 'agentDataAccess';
  value: string; // JSON: the page's settings (contract schema)
  version: Generated<number>;
  updated_at: string;
  updated_by: string;
}

/** Migration 023: an agent privilege granted to a user type (a row = granted). */
export interface UserTypePrivilegeTable {
  user_type_id: number;
  privilege: 'recordCalls' | 'recordOthers' | 'changeSkillsForOthers' | 'provideAssistance';
}

declare module '../../connectors/db/schema' {
  interface Database {
    system_option: SystemOptionTable;
    user_type_privilege: UserTypePrivilegeTable;
  }
}

/** Migration 027: a tenant's Cisco IP Telephony / AXL settings (password in the keychain). */
export interface SystemCiscoTable {
  id: Generated<number>;
  tenant_id: number;
  page: 'ciscoTelephony';
  value: string; // JSON: CiscoTelephony (contract)
  version: Generated<number>;
  updated_at: string;
  updated_by: string;
}

declare module '../../connectors/db/schema' {
  interface Database {
    system_cisco: SystemCiscoTable;
  }
}

/** Migration 029: the installation's own parameters (tenant_id always null; secrets in the keychain). */
export interface SystemNodeTable {
  id: Generated<number>;
  tenant_id: null;
  page: 'secureCertificate' | 'cloudAuth' | 'webServer';
  value: string; // JSON: the page's stored settings (nodeParameters.ts)
  version: Generated<number>;
  updated_at: string;
  updated_by: string;
}

declare module '../../connectors/db/schema' {
  interface Database {
    system_node: SystemNodeTable;
  }
}
