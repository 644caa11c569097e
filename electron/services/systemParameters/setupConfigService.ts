import type { Kysely } from 'kysely';
import {
  customerIdProblem,
  type FieldProblem,
  type SetupConfigDoc,
  type SetupConfigModel,
  type systemParametersService as Contract,
} from '../../contract';
import type { Database } from '../../connectors/db/schema';
import { transact, updateVersioned, type Work } from '../../connectors/db/unitOfWork';
import {
  defaultSetupConfig,
  editSetupConfig,
  problemsOf,
  readSetupConfig,
  type ReadSetupConfig,
} from '../../domain/setupConfig';
import { ServiceError, staleVersionError } from '../../ipc/errors';
import type { CallContext, ServiceImpl } from '../../ipc/router';
import type { ServiceDeps } from '../deps';
import { actorOf, identityOf, tenantFor } from '../scope';
import type { SetupConfigTable } from './setupConfigSchema';
import './setupConfigSchema';

type K = Kysely<Database>;
type Row = SetupConfigTable & { id: number; version: number };
type SetupMethods =
  | 'listSetupConfigs'
  | 'getSetupConfig'
  | 'createSetupConfig'
  | 'importSetupConfig'
  | 'validateSetupConfig'
  | 'saveSetupConfig'
  | 'deleteSetupConfig'
  | 'exportSetupConfig';

const bytesOf = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));
const b64Of = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const MAX_BYTES = 1024 * 1024;

/** A refusal naming the first problem's field (the model's path) and its rule. */
function refuse(problems: FieldProblem[]): void {
  const p = problems[0];
  if (p) throw new ServiceError('INVALID', p.message, p.field, { rule: 'setup_config', path: p.field.split('.') });
}

/** The file's bytes read; refused (never stored) when it is not Setup.config XML the console can keep byte-exact. */
function readOrRefuse(bytes: Uint8Array): ReadSetupConfig {
  if (bytes.length > MAX_BYTES) throw new ServiceError('INVALID', 'Setup.config is larger than 1 MB.', 'content');
  const r = readSetupConfig(bytes);
  if (!r.ok)
    throw new ServiceError('INVALID', r.line ? `${r.message} (line ${r.line})` : r.message, 'content', {
      rule: 'setup_config_syntax',
    });
  return r.file;
}

/**
 * Web installation: customer folders and their Setup.config (see the contract part). Per tenant;
 * another tenant's folder is "not found" for anyone but a host administrator. Every save is one
 * transaction: the duplicate check, the versioned update, the audit entry and the change event.
 */
export function createSetupConfigImpl(deps: ServiceDeps): Pick<ServiceImpl<typeof Contract>, SetupMethods> {
  const { data } = deps;
  const k = () => data.require().kysely;

  async function rowFor(db: K, ctx: CallContext, id: number): Promise<Row> {
    const row = (await db.selectFrom('setup_config').selectAll().where('id', '=', id).executeTakeFirst()) as
      Row | undefined;
    const me = identityOf(ctx);
    if (!row || (!me.hostAdmin && row.tenant_id !== me.tenantId))
      throw new ServiceError('NOT_FOUND', `Customer folder ${id} does not exist.`, 'id');
    return row;
  }

  /** The tenants a <tenantID> may name: own tenant; every tenant for a host administrator. */
  async function rulesContext(db: K, ctx: CallContext) {
    const all = await db.selectFrom('tenant').select(['id', 'name']).orderBy('id').execute();
    const me = identityOf(ctx);
    return {
      tenants: me.hostAdmin ? all : all.filter((t) => t.id === me.tenantId),
      allTenantIds: new Set(all.map((t) => t.id)),
      hostAdmin: me.hostAdmin,
    };
  }

  async function assertFreeCustomerId(db: K, customerId: string, exceptId: number | null): Promise<void> {
    const p = customerIdProblem(customerId);
    if (p) throw new ServiceError('INVALID', p, 'customerId');
    const hit = await db
      .selectFrom('setup_config')
      .select(['id', 'customer_id'])
      .where((eb) => eb(eb.fn('lower', ['customer_id']), '=', customerId.trim().toLowerCase()))
      .executeTakeFirst();
    if (hit && hit.id !== exceptId)
      throw new ServiceError(
        'CONFLICT',
        `CustomerID ${customerId.trim()} is already a customer folder (${hit.customer_id}); folder names are not ` +
          'case sensitive.',
        'customerId',
        { rule: 'duplicate' },
      );
  }

  async function docOf(db: K, ctx: CallContext, row: Row): Promise<SetupConfigDoc> {
    const bytes = bytesOf(row.content);
    const file = readOrRefuse(bytes);
    return {
      id: row.id,
      tenantId: row.tenant_id,
      customerId: row.customer_id,
      config: file.parsed.model,
      form: file.form,
      bytes: bytes.length,
      tenants: (await rulesContext(db, ctx)).tenants,
      version: row.version,
      updatedBy: row.updated_by,
      updatedAt: row.updated_at,
    };
  }

  async function checkAll(db: K, ctx: CallContext, file: ReadSetupConfig, model: SetupConfigModel) {
    refuse(problemsOf(file, model, await rulesContext(db, ctx)));
  }

  const inTx = <T>(ctx: CallContext, fn: (w: Work) => Promise<T>) => transact(data.require(), actorOf(ctx), data, fn);

  const auditOf = (customerId: string, model: SetupConfigModel | undefined) =>
    model ? { customerId, ...model } : undefined;

  return {
    async listSetupConfigs(args, ctx) {
      const tenantId = tenantFor(ctx, args.tenantId);
      const rows = (await k()
        .selectFrom('setup_config')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .orderBy('customer_id')
        .execute()) as Row[];
      return rows.map((r) => {
        const bytes = bytesOf(r.content);
        const f = readSetupConfig(bytes);
        return {
          id: r.id,
          tenantId: r.tenant_id,
          customerId: r.customer_id,
          customerName: f.ok ? f.file.parsed.model.customerName : null,
          tenantID: f.ok ? f.file.parsed.model.tenantID : null,
          bytes: bytes.length,
          version: r.version,
          updatedBy: r.updated_by,
          updatedAt: r.updated_at,
        };
      });
    },

    getSetupConfig: async ({ id }, ctx) => docOf(k(), ctx, await rowFor(k(), ctx, id)),

    async createSetupConfig({ tenantId: asked, customerId, contentBase64 }, ctx) {
      const tenantId = tenantFor(ctx, asked);
      const bytes =
        contentBase64 === undefined ? defaultSetupConfig(customerId.trim(), tenantId) : bytesOf(contentBase64);
      const file = readOrRefuse(bytes);
      const id = await inTx(ctx, async (w) => {
        await assertFreeCustomerId(w.tx, customerId, null);
        await checkAll(w.tx, ctx, file, file.parsed.model);
        const r = await w.tx
          .insertInto('setup_config')
          .values({
            tenant_id: tenantId,
            customer_id: customerId.trim(),
            content: b64Of(bytes),
            updated_at: w.now,
            updated_by: w.actor.logonId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        w.audit({
          tenantId,
          action: 'create',
          objectType: 'setup-config',
          objectId: r.id,
          objectName: customerId.trim(),
          after: auditOf(customerId.trim(), file.parsed.model),
        });
        w.changed('setup_config', tenantId, r.id);
        return r.id;
      });
      return docOf(k(), ctx, await rowFor(k(), ctx, id));
    },

    async importSetupConfig({ id, expectedVersion, contentBase64 }, ctx) {
      const bytes = bytesOf(contentBase64);
      const file = readOrRefuse(bytes);
      await inTx(ctx, async (w) => {
        const row = await rowFor(w.tx, ctx, id);
        assertVersion(row, expectedVersion);
        await checkAll(w.tx, ctx, file, file.parsed.model);
        await updateVersioned(w, 'setup_config', { column: 'id', value: id }, expectedVersion, {
          content: b64Of(bytes),
        });
        const before = readSetupConfig(bytesOf(row.content));
        w.audit({
          tenantId: row.tenant_id,
          action: 'import',
          objectType: 'setup-config',
          objectId: id,
          objectName: row.customer_id,
          before: auditOf(row.customer_id, before.ok ? before.file.parsed.model : undefined),
          after: auditOf(row.customer_id, file.parsed.model),
        });
        w.changed('setup_config', row.tenant_id, id);
      });
      return docOf(k(), ctx, await rowFor(k(), ctx, id));
    },

    async validateSetupConfig({ id, customerId, config }, ctx) {
      const row = await rowFor(k(), ctx, id);
      const file = readOrRefuse(bytesOf(row.content));
      const problems: FieldProblem[] = [];
      const idProblem = customerIdProblem(customerId);
      if (idProblem) problems.push({ field: 'customerId', message: idProblem });
      else
        await assertFreeCustomerId(k(), customerId, id).catch((e: unknown) => {
          if (e instanceof ServiceError) problems.push({ field: 'customerId', message: e.message });
          else throw e;
        });
      problems.push(...problemsOf(file, config, await rulesContext(k(), ctx)));
      return { problems };
    },

    async saveSetupConfig({ id, expectedVersion, customerId, config }, ctx) {
      await inTx(ctx, async (w) => {
        const row = await rowFor(w.tx, ctx, id);
        assertVersion(row, expectedVersion);
        const bytes = bytesOf(row.content);
        const file = readOrRefuse(bytes);
        await assertFreeCustomerId(w.tx, customerId, id);
        await checkAll(w.tx, ctx, file, config);
        const next = editSetupConfig(bytes, file, config);
        // The edited file must read back to the model that was saved (nothing lost or misplaced).
        const again = readOrRefuse(next);
        if (JSON.stringify(normalized(again.parsed.model)) !== JSON.stringify(normalized(config)))
          throw new ServiceError('INVALID', 'The edit could not be written into Setup.config as entered.', 'content');
        await updateVersioned(w, 'setup_config', { column: 'id', value: id }, expectedVersion, {
          content: b64Of(next),
          customer_id: customerId.trim(),
        });
        w.audit({
          tenantId: row.tenant_id,
          action: 'update',
          objectType: 'setup-config',
          objectId: id,
          objectName: customerId.trim(),
          before: auditOf(row.customer_id, file.parsed.model),
          after: auditOf(customerId.trim(), again.parsed.model),
        });
        w.changed('setup_config', row.tenant_id, id);
      });
      return docOf(k(), ctx, await rowFor(k(), ctx, id));
    },

    async deleteSetupConfig({ id, expectedVersion }, ctx) {
      await inTx(ctx, async (w) => {
        const row = await rowFor(w.tx, ctx, id);
        assertVersion(row, expectedVersion);
        await w.tx.deleteFrom('setup_config').where('id', '=', id).execute();
        w.audit({
          tenantId: row.tenant_id,
          action: 'delete',
          objectType: 'setup-config',
          objectId: id,
          objectName: row.customer_id,
        });
        w.changed('setup_config', row.tenant_id, id);
      });
      return { ok: true as const };
    },

    async exportSetupConfig({ id }, ctx) {
      const row = await rowFor(k(), ctx, id);
      return { fileName: 'Setup.config', contentBase64: row.content };
    },
  };
}

/** A stale save is refused before anything else is checked (CONFLICT with details.conflict). */
function assertVersion(row: Row, expectedVersion: number): void {
  if (row.version !== expectedVersion)
    throw staleVersionError(
      `The version you supplied [${expectedVersion}] does not match the current version [${row.version}]: ` +
        `${row.updated_by} changed it at ${row.updated_at}. Reload or overwrite.`,
      { expectedVersion, version: row.version, updatedBy: row.updated_by, updatedAt: row.updated_at },
    );
}

/** The model as it reads back: new <file> entries get their index among the file's entries. */
function normalized(m: SetupConfigModel): SetupConfigModel {
  return { ...m, files: m.files?.map((f, i) => ({ ...f, key: i })) ?? null };
}
