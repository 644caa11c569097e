import type { Generated } from 'kysely';

type Versioned = { version: Generated<number>; updated_at: string; updated_by: string };

/** REST SDK clients (migration 015); the token is in the keychain. */
export interface WmRestClientTable extends Versioned {
  id: Generated<number>;
  name: string;
}

/** CLIP for Outgoing Calls: up to ten per tenant (slot 1–10). */
export interface WmClipTable extends Versioned {
  id: Generated<number>;
  tenant_id: number;
  slot: number;
  number: string;
  name: string;
}

export interface VaProfileTable extends Versioned {
  id: Generated<number>;
  name: string;
  type: string;
  url: Generated<string>;
  project_id: Generated<string>;
  token_endpoint: Generated<string>;
  api_endpoint: Generated<string>;
  key_fingerprint: string | null;
  key_client_email: string | null;
  key_id: string | null;
  fallback_message: string;
  session_timeout_min: Generated<number>;
  timeout_message: Generated<string>;
  /** JSON: SpeechConfig */
  speech: string;
}

export interface VaAgentTable {
  user_id: number;
  profile_id: number;
}

export interface VaActionTable extends Versioned {
  id: Generated<number>;
  profile_id: number;
  name: string;
  kind: string;
  /** JSON: the VaAction without kind and name */
  config: string;
}

export interface WmCalendarTable extends Versioned {
  tenant_id: number;
  enabled: Generated<number>;
  client_id: Generated<string>;
  directory_tenant_id: Generated<string>;
  authority_url: string;
  graph_url: string;
}

declare module '../../connectors/db/schema' {
  interface Database {
    wm_rest_client: WmRestClientTable;
    wm_clip: WmClipTable;
    va_profile: VaProfileTable;
    va_agent: VaAgentTable;
    va_action: VaActionTable;
    wm_calendar: WmCalendarTable;
  }
  interface CcUserTable {
    /** 'oscc' (OpenScape Contact Center password), 'windows' (Windows logon), 'saml2' (SAML2 SSO). */
    password_type: Generated<string>;
    automatic_post_processing: Generated<number>;
    mandatory_wrap_up_reason: Generated<number>;
  }
  interface TenantTable {
    /** CALLER ID FOR OUTGOING CALLS: whether the agent is allowed to select a different caller ID. */
    agents_may_change_caller_id: Generated<number>;
  }
}
