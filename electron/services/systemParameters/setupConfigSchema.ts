import type { Generated } from 'kysely';

/** Web installation customer folders (migration 022): a Setup.config per CustomerID, owned by a tenant. */
export interface SetupConfigTable {
  id: Generated<number>;
  tenant_id: number;
  customer_id: string;
  /** The Setup.config's bytes, base64. */
  content: string;
  version: Generated<number>;
  updated_at: string;
  updated_by: string;
}

declare module '../../connectors/db/schema' {
  interface Database {
    setup_config: SetupConfigTable;
  }
}
