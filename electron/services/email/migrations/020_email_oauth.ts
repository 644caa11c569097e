import type { Kysely } from 'kysely';

/**
 * E-mail OAuth (migration 020): the authority of an e-mail server's Azure app registration
 * (null = https://login.microsoftonline.com; another one for sovereign clouds). The refresh tokens
 * are in the keychain, bound to that authority, the tenant and the client.
 */
export function emailOAuthMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('email_server').addColumn('oauth_authority', 'varchar(255)').execute();
    },
  };
}
