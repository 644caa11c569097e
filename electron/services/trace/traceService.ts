import type { Kysely } from 'kysely';
import { TraceSettings, traceWarnings, type TraceDoc, type traceService as traceContract } from '../../contract';
import type { Database } from '../../connectors/db/schema';
import { transact, updateVersioned } from '../../connectors/db/unitOfWork';
import {
  defaultTraceSettings,
  describeRegProblems,
  traceRegFileName,
  traceSettingsFromReg,
  traceSettingsToReg,
} from '../../domain/registry';
import { ServiceError, staleVersionError } from '../../ipc/errors';
import type { ServiceImpl } from '../../ipc/router';
import type { DataContext } from '../data';
import { requireHostAdmin } from '../logs';
import { actorOf, identityOf } from '../scope';

type Row = { id: number; server: string; settings: string; version: number; updated_at: string; updated_by: string };

/** Server names ignore case (host names do); the row keeps the spelling it was first saved with. */
const serverKey = (server: string) => server.trim().toLowerCase();

function findRow(k: Kysely<Database>, server: string): Promise<Row | undefined> {
  return k
    .selectFrom('trace_settings')
    .select(['id', 'server', 'settings', 'version', 'updated_at', 'updated_by'])
    .where((eb) => eb(eb.fn('lower', ['server']), '=', serverKey(server)))
    .executeTakeFirst();
}

function toDoc(server: string, row: Row | undefined): TraceDoc {
  if (!row) {
    const settings = defaultTraceSettings();
    return { server, version: 0, settings, warnings: traceWarnings(settings), updatedBy: null, updatedAt: null };
  }
  const settings = TraceSettings.parse(JSON.parse(row.settings));
  return {
    server: row.server,
    version: row.version,
    settings,
    warnings: traceWarnings(settings),
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

const isUniqueViolation = (err: unknown) => {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || /UNIQUE constraint failed/i.test(e?.message ?? '');
};

/**
 * Logs › Trace levels: the registry values of seed 001 (REGISTRY KEYS, WCF SERVICES) per
 * server machine, kept in the console's database and carried to the server as a .reg file.
 * A server never saved answers the seed's defaults at version 0; the first save (expected
 * version 0) inserts it, later saves are versioned like every other editor's.
 */
export function createTraceService(data: DataContext): ServiceImpl<typeof traceContract> {
  const read = async (server: string) => toDoc(server, await findRow(data.require().kysely, server));

  return {
    /** Saved servers plus the working tenant's call managers (site_server_param hosts), as suggestions. */
    async servers(_args, ctx) {
      const id = identityOf(ctx);
      const k = data.require().kysely;
      const [saved, hosts] = await Promise.all([
        k.selectFrom('trace_settings').select('server').execute(),
        k.selectFrom('site_server_param').select('host').where('tenant_id', '=', id.tenantId).execute(),
      ]);
      const byKey = new Map<string, string>();
      for (const name of [...saved.map((r) => r.server), ...hosts.map((r) => r.host)]) {
        const key = serverKey(name);
        if (key && !byKey.has(key)) byKey.set(key, name.trim());
      }
      return [...byKey.values()].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
    },

    get: ({ server }) => read(server),

    async save({ server, expectedVersion, settings }, ctx) {
      const id = identityOf(ctx);
      // Trace levels are the servers' registry values: installation-wide, not a tenant's.
      requireHostAdmin(ctx, 'trace levels');
      const db = data.require();
      try {
        await transact(db, actorOf(ctx), data, async (w) => {
          const row = await findRow(w.tx, server);
          const before = row ? toDoc(server, row).settings : undefined;
          const json = JSON.stringify(settings);
          if (!row) {
            if (expectedVersion !== 0) {
              throw staleVersionError(
                `The version you supplied [${expectedVersion}] does not match the current version [0]: the trace ` +
                  `levels of ${server} were never saved. Reload, or overwrite.`,
                { expectedVersion, version: 0 },
              );
            }
            await w.tx
              .insertInto('trace_settings')
              .values({ server, settings: json, updated_at: w.now, updated_by: w.actor.logonId })
              .execute();
          } else {
            if (expectedVersion === 0) {
              throw staleVersionError(
                `The version you supplied [0] does not match the current version [${row.version}]: ` +
                  `${row.updated_by} saved the trace levels of ${row.server} at ${row.updated_at}. Reload, or ` +
                  `overwrite.`,
                {
                  expectedVersion: 0,
                  version: Number(row.version),
                  updatedBy: row.updated_by,
                  updatedAt: `${row.updated_at}`,
                },
              );
            }
            await updateVersioned(w, 'trace_settings', { column: 'id', value: row.id }, expectedVersion, {
              settings: json,
            });
          }
          w.audit({
            tenantId: id.tenantId,
            action: row ? 'update' : 'create',
            objectType: 'trace-settings',
            objectId: serverKey(server),
            objectName: row?.server ?? server,
            before,
            after: settings,
          });
          w.changed('trace_settings', null, serverKey(server));
        });
      } catch (err) {
        // Two first saves of the same server at once: the loser sees the winner's row.
        if (isUniqueViolation(err)) {
          const now = await read(server);
          throw staleVersionError(
            `The version you supplied [0] does not match the current version [${now.version}]: ${now.updatedBy} ` +
              `saved the trace levels of ${now.server} at ${now.updatedAt}. Reload, or overwrite.`,
            { expectedVersion: 0, version: now.version, updatedBy: `${now.updatedBy}`, updatedAt: `${now.updatedAt}` },
          );
        }
        throw err;
      }
      return read(server);
    },

    async exportReg({ server }) {
      const doc = await read(server);
      return { fileName: traceRegFileName(doc.server), text: traceSettingsToReg(doc.server, doc.settings) };
    },

    async importReg({ server, text }) {
      const current = (await read(server)).settings;
      const result = traceSettingsFromReg(text, current);
      if (!result.ok) throw new ServiceError('INVALID', describeRegProblems(result.problems), 'text');
      return { settings: result.settings, warnings: result.warnings };
    },
  };
}
