import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../connectors/db/schema';
import { transact, updateVersioned, type Work } from '../../connectors/db/unitOfWork';
import { staleVersionError } from '../../ipc/errors';
import type { CallContext } from '../../ipc/router';
import type { DataContext } from '../data';
import { actorOf } from '../scope';
import type { SystemCiscoTable, SystemNodeTable, SystemOptionTable, SystemParameterTable } from './schema';

export type Page =
  SystemParameterTable['page'] | SystemOptionTable['page'] | SystemCiscoTable['page'] | SystemNodeTable['page'];
/** Where a page is stored: system_parameter, or system_option (migration 023; same columns, always a tenant's). */
export type PageTable = 'system_parameter' | 'system_option' | 'system_cisco' | 'system_node';
// Both tables have the same columns; Kysely cannot type a table chosen at run time.
const asParam = (t: PageTable) => t as 'system_parameter';
const asPage = (p: Page) => p as SystemParameterTable['page'];

export interface Stored<T> {
  settings: T;
  version: number;
  updatedBy: string | null;
  updatedAt: string | null;
}

/**
 * A page's row: parsed with the contract's schema over the defaults (a value stored by an older
 * console that lacks a newer field gets that field's default). No row: the defaults, version 0.
 */
export async function readPage<T extends object>(
  k: Kysely<Database>,
  tenantId: number | null,
  page: Page,
  schema: z.ZodType<T>,
  defaults: T,
  table: PageTable = 'system_parameter',
): Promise<Stored<T>> {
  let q = k.selectFrom(asParam(table)).selectAll().where('page', '=', asPage(page));
  q = tenantId === null ? q.where('tenant_id', 'is', null) : q.where('tenant_id', '=', tenantId);
  const r = await q.executeTakeFirst();
  if (!r) return { settings: structuredClone(defaults), version: 0, updatedBy: null, updatedAt: null };
  const parsed = schema.safeParse({ ...defaults, ...(JSON.parse(r.value) as object) });
  return {
    settings: parsed.success ? parsed.data : structuredClone(defaults),
    version: r.version,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  };
}

/**
 * Saves a page in one transaction with its audit entry and change event: insert when
 * `expectedVersion` is 0 and there is no row, else a versioned update (stale → CONFLICT with
 * details.conflict). `inTx` runs first inside the transaction (checks that read the database).
 */
export async function writePage<T>(
  data: DataContext,
  ctx: CallContext,
  opts: {
    tenantId: number | null;
    page: Page;
    expectedVersion: number;
    settings: T;
    objectType: string;
    objectName: string;
    /** What the audit shows (secrets already left out). */
    audit?: { before?: unknown; after?: unknown };
    inTx?: (w: Work) => Promise<void>;
    table?: PageTable;
  },
): Promise<void> {
  await transact(data.require(), actorOf(ctx), data, async (w) => {
    await opts.inTx?.(w);
    const table = asParam(opts.table ?? 'system_parameter');
    let q = w.tx.selectFrom(table).selectAll().where('page', '=', asPage(opts.page));
    q = opts.tenantId === null ? q.where('tenant_id', 'is', null) : q.where('tenant_id', '=', opts.tenantId);
    const row = await q.executeTakeFirst();
    const value = JSON.stringify(opts.settings);
    if (!row) {
      if (opts.expectedVersion !== 0)
        throw staleVersionError(
          `The version you supplied [${opts.expectedVersion}] does not match the current version [0]: reload.`,
          { expectedVersion: opts.expectedVersion, version: 0 },
        );
      await w.tx
        .insertInto(table)
        .values({
          tenant_id: opts.tenantId,
          page: asPage(opts.page),
          value,
          updated_at: w.now,
          updated_by: w.actor.logonId,
        })
        .execute();
    } else {
      await updateVersioned(w, table, { column: 'id', value: row.id }, opts.expectedVersion, { value });
    }
    w.audit({
      tenantId: opts.tenantId,
      action: row ? 'update' : 'create',
      objectType: opts.objectType,
      objectId: opts.page,
      objectName: opts.objectName,
      before: opts.audit?.before ?? (row ? JSON.parse(row.value) : undefined),
      after: opts.audit?.after ?? opts.settings,
    });
    w.changed(opts.table ?? 'system_parameter', opts.tenantId, row?.id ?? null);
  });
}
