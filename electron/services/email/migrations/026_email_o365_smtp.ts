import type { Kysely } from 'kysely';

/**
 * Office 365 SMTP endpoint (migration 026): `email_outgoing.o365_smtp_host` / `o365_smtp_port`,
 * where Outgoing e-mail over Office 365 presents its access token (default smtp.office365.com:587,
 * the endpoint that was fixed before; sovereign clouds e.g. smtp.office365.us). The client secret
 * stays in the keychain, bound to the authority and this endpoint. No area grant: 014 gave the area.
 */
export function emailO365SmtpMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('email_outgoing')
        .addColumn('o365_smtp_host', 'varchar(255)', (c) => c.notNull().defaultTo('smtp.office365.com'))
        .execute();
      await db.schema
        .alterTable('email_outgoing')
        .addColumn('o365_smtp_port', 'integer', (c) => c.notNull().defaultTo(587))
        .execute();
    },
  };
}
