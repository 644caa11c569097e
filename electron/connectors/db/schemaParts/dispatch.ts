/**
 * Tables the dispatch feature adds (its migration creates them). Database (../schema.ts)
 * extends this interface, so the feature can add tables without editing the shared file.
 * Columns added to existing tables go in ../schema.ts itself.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DispatchTables {}
