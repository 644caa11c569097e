import { sql, type Kysely } from 'kysely';
import { identityKey, optionalIdentityKey } from '../../../domain/users/logonKey';
import type { Engine } from '../../../connectors/db/engine';

const CHUNK = 500;

/**
 * Logon ID, External Logon ID and Circuit User compared by one key (domain/users/logonKey.ts:
 * NFKC + lower case) instead of the engine's lower(): SQLite's lower() folds ASCII only, so
 * "Ärger.Öz" could not sign in as "ärger.öz" and its case twin "äRGER.öZ" passed 001's index.
 *
 * - adds cc_user.logon_key, external_logon_key, circuit_user_key and fills them from the
 *   rows, computed by that one function (no SQL function is the same on both engines);
 * - refuses the upgrade, naming them, when existing users of a tenant share a key (twins the
 *   old index let through): which one should keep the name is an administrator's decision;
 * - moves the unique indexes onto the keys: per tenant, partial where the column is optional
 *   (001's ux_cc_user_logon_id / external_logon_id / circuit_user are dropped);
 * - the database refuses a row whose key is missing while its column is set (PostgreSQL: a
 *   check constraint and NOT NULL; SQLite, which cannot add either to an existing table: two
 *   triggers), so a writer that forgets the key fails loudly instead of escaping the index.
 */
export function logonKeyMigration(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const s = db.schema;
      // Kysely's migrator runs SQLite migrations outside a transaction: make this one atomic.
      if (engine === 'sqlite') await sql`begin`.execute(db);
      try {
        for (const col of ['logon_key', 'external_logon_key', 'circuit_user_key'])
          await s.alterTable('cc_user').addColumn(col, 'text').execute();

        type Row = {
          id: number;
          tenant_id: number;
          logon_id: string;
          external_logon_id: string | null;
          circuit_user: string | null;
        };
        const users = sql.raw<Row>(
          'select id, tenant_id, logon_id, external_logon_id, circuit_user from cc_user order by id',
        );
        const rows = (await users.execute(db)).rows;
        const keyed = rows.map((r) => ({
          ...r,
          lk: identityKey(r.logon_id),
          ek: optionalIdentityKey(r.external_logon_id),
          ck: optionalIdentityKey(r.circuit_user),
        }));
        assertNoTwins(keyed);
        for (let i = 0; i < keyed.length; i += CHUNK) {
          const values = sql.join(
            keyed
              .slice(i, i + CHUNK)
              .map(
                (r) =>
                  sql`(cast(${r.id} as integer), cast(${r.lk} as text), cast(${r.ek} as text), cast(${r.ck} as text))`,
              ),
          );
          const keys = sql.raw('logon_key = v.lk, external_logon_key = v.ek, circuit_user_key = v.ck');
          await sql`with v(id, lk, ek, ck) as (values ${values})
            update cc_user set ${keys} from v where cc_user.id = v.id`.execute(db);
        }

        for (const old of ['ux_cc_user_logon_id', 'ux_cc_user_external_logon_id', 'ux_cc_user_circuit_user'])
          await s.dropIndex(old).execute();
        await s
          .createIndex('ux_cc_user_logon_key')
          .unique()
          .on('cc_user')
          .columns(['tenant_id', 'logon_key'])
          .execute();
        await s
          .createIndex('ux_cc_user_external_logon_key')
          .unique()
          .on('cc_user')
          .columns(['tenant_id', 'external_logon_key'])
          .where(sql.ref('external_logon_key'), 'is not', null)
          .execute();
        await s
          .createIndex('ux_cc_user_circuit_user_key')
          .unique()
          .on('cc_user')
          .columns(['tenant_id', 'circuit_user_key'])
          .where(sql.ref('circuit_user_key'), 'is not', null)
          .execute();

        const missing = sql.raw(
          'new.logon_key is null or (new.external_logon_id is null) <> (new.external_logon_key is null) or ' +
            '(new.circuit_user is null) <> (new.circuit_user_key is null)',
        );
        if (engine === 'postgres') {
          await s
            .alterTable('cc_user')
            .alterColumn('logon_key', (c) => c.setNotNull())
            .execute();
          await s
            .alterTable('cc_user')
            .addCheckConstraint(
              'ck_cc_user_keys',
              sql.raw(
                '(external_logon_id is null) = (external_logon_key is null) and ' +
                  '(circuit_user is null) = (circuit_user_key is null)',
              ),
            )
            .execute();
        } else {
          const raise = sql.raw(
            `select raise(abort, 'cc_user keys missing: logon_key, external_logon_key and circuit_user_key are ` +
              `written with their columns (check constraint ck_cc_user_keys)')`,
          );
          const body = sql`when ${missing} begin ${raise}; end`;
          const keyed = sql.raw(
            'logon_id, logon_key, external_logon_id, external_logon_key, circuit_user, circuit_user_key',
          );
          await sql`create trigger ck_cc_user_keys_insert before insert on cc_user ${body}`.execute(db);
          await sql`create trigger ck_cc_user_keys_update before update of ${keyed} on cc_user ${body}`.execute(db);
        }
        if (engine === 'sqlite') await sql`commit`.execute(db);
      } catch (err) {
        if (engine === 'sqlite') await sql`rollback`.execute(db);
        throw err;
      }
    },
  };
}

function assertNoTwins(
  rows: Array<{
    tenant_id: number;
    logon_id: string;
    external_logon_id: string | null;
    circuit_user: string | null;
    lk: string;
    ek: string | null;
    ck: string | null;
  }>,
): void {
  const twins: string[] = [];
  for (const [label, key, value] of [
    ['Logon ID', 'lk', 'logon_id'],
    ['External Logon ID', 'ek', 'external_logon_id'],
    ['Circuit User', 'ck', 'circuit_user'],
  ] as const) {
    const seen = new Map<string, (typeof rows)[number]>();
    for (const r of rows) {
      const k = r[key];
      if (k === null) continue;
      const first = seen.get(`${r.tenant_id}\u0000${k}`);
      if (first)
        twins.push(
          `${label} "${first[value]}" and "${r[value]}" (users ${first.logon_id} and ${r.logon_id}, tenant ` +
            `${r.tenant_id})`,
        );
      else seen.set(`${r.tenant_id}\u0000${k}`, r);
    }
  }
  if (twins.length > 0) {
    throw new Error(
      `Cannot upgrade the database: ${twins.length} pair${twins.length === 1 ? '' : 's'} of users share a value ` +
        `that differs only in case or Unicode form, which this version treats as the same: ` +
        `${twins.slice(0, 5).join('; ')}${twins.length > 5 ? '; …' : ''}. Change one of each pair with the ` +
        `previous console version, then start this one again.`,
    );
  }
}
