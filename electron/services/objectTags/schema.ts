import type { Generated } from 'kysely';

interface NamedObjectTable {
  id: Generated<number>;
  tenant_id: number;
  name: string;
  version: Generated<number>;
  updated_at: string;
  updated_by: string;
}

/** Schedulers a Scheduler object tag's Data can name (migration 003). */
export type SchedulerTable = NamedObjectTable;
/** Play messages a Play message object tag's Data can name (migration 003). */
export type PlayMessageTable = NamedObjectTable;

/**
 * The tables the objectTags feature adds (its migrations create them), merged into Kysely's Database
 * (connectors/db/schema.ts) so the shared file needs no edit per feature.
 */
declare module '../../connectors/db/schema' {
  interface Database {
    scheduler: SchedulerTable;
    play_message: PlayMessageTable;
  }
}
