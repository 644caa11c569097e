import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema';

/**
 * Demo data for the responseFiles feature, run inside seedDemo's transaction after the base demo
 * (tenants, users, groups, tags, service groups) exists. Look rows up by name.
 */
export async function seedResponseFilesDemo(tx: Transaction<Database> | Kysely<Database>, tenantId: number, at: string): Promise<void> {
  void tx;
  void tenantId;
  void at;
}
