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
  /** Migration 020: the app registration's authority (null = https://login.microsoftonline.com). */
  oauth_authority: string | null;
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

/** Outgoing e-mail settings: one row (id 1) for the installation; secrets in the keychain. */
export interface EmailOutgoingTable {
  id: number;
  enabled: number;
  protocol: string; // 'smtp' | 'office365'
  from_address: string;
  host: string;
  port: number;
  use_auth: number;
  user_name: string;
  o365_client_id: string;
  o365_tenant_id: string;
  o365_authority: string;
  /** Office 365's SMTP endpoint (migration 026; default smtp.office365.com:587). */
  o365_smtp_host: Generated<string>;
  o365_smtp_port: Generated<number>;
  /** Migration 032: 'system' = through the System Parameters proxy, 'none' = direct. */
  smtp_proxy: Generated<string>;
  /** Set once the settings were saved with a server: before that, no message is generated. */
  configured: number;
  /** The console that sends the queue (a lease, renewed while it runs). */
  worker_owner: string | null;
  worker_until: string | null;
  version: Generated<number>;
  updated_at: string;
  updated_by: string;
}

/** The durable queue of outgoing messages, in id order. */
export interface EmailQueueTable {
  id: Generated<number>;
  message_id: string;
  created_at: string;
  origin: string;
  to_addrs: string; // JSON array
  subject: string;
  body_text: string;
  state: string; // 'queued' | 'failed'
  attempts: number;
  last_error: string | null;
  last_attempt_at: string | null;
  next_attempt_at: string;
  /** Migration 021: the tenant's Reporting server it goes out through (null: Outgoing e-mail). */
  server_id: number | null;
  /** Migration 021: why a due message waits (the server's rate limit), null otherwise. */
  wait_reason: string | null;
}

/** Migration 021: when a server accepted a message (its hour window for the rate limit). */
export interface EmailSentTable {
  id: Generated<number>;
  server_id: number;
  sent_at: string;
}

/** Alarm e-mail rules: which alarms go to whom, as one digest per interval. */
export interface EmailAlarmRuleTable {
  id: Generated<number>;
  name: string;
  enabled: number;
  min_severity: string;
  category: string;
  source_pattern: string;
  recipients: string; // JSON array
  digest_seconds: number;
  last_run_at: string | null;
  /** Migration 021: the tenant the rule was made in (null: before 021 — Outgoing e-mail). */
  tenant_id: number | null;
  /** Migration 032: the alarm_change number its digests have covered (null: no first pass yet; PostgreSQL: text). */
  last_change_seq: Generated<number | string | null>;
  version: Generated<number>;
  updated_at: string;
  updated_by: string;
}

declare module '../../connectors/db/schema' {
  interface Database {
    email_server: EmailServerTable;
    email_destination: EmailDestinationTable;
    email_outgoing: EmailOutgoingTable;
    email_queue: EmailQueueTable;
    email_alarm_rule: EmailAlarmRuleTable;
    email_sent: EmailSentTable;
  }
}
