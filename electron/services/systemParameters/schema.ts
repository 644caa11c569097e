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
