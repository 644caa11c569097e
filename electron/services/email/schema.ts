import type { Generated } from 'kysely';

/** E-mail servers of a tenant (migration 014). Passwords and tokens are in the keychain. */
export interface EmailServerTable {
  id: Generated<number>;
  tenant_id: number;
  name: string;
  /** IMAP section; imap_host null = no IMAP settings. */
  imap_host: string | null;
  imap_port: number | null;
  imap_ssl: number;
  imap_auth: string;
  imap_user: string;
  imap_max_sessions: number;
  smtp_host: string | null;
  smtp_port: number | null;
  smtp_ssl: number;
  smtp_reporting: number;
  smtp_auth: string;
  smtp_user: string;
  oauth_tenant: string | null;
  oauth_client: string | null;
  heartbeat_address: string;
  rate_limit_per_hour: number;
  version: Generated<number>;
  updated_at: string;
  updated_by: string;
}

export interface EmailDestinationTable {
  id: Generated<number>;
  tenant_id: number;
  name: string;
  address: string;
  description: string;
  from_text: string;
  monitored: number;
  outgoing: number;
  server_id: number | null;
  version: Generated<number>;
  updated_at: string;
  updated_by: string;
}

declare module '../../connectors/db/schema' {
  interface Database {
    email_server: EmailServerTable;
    email_destination: EmailDestinationTable;
  }
}
