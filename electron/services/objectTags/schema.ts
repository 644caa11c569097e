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
 * Tables the objectTags feature adds (its migration creates them). Database (../schema.ts)
 * extends this interface, so the feature can add tables without editing the shared file.
 */
export interface ObjectTagsTables {
  scheduler: SchedulerTable;
  play_message: PlayMessageTable;
}
