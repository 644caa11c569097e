import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, normalize, relative, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { RfFileDoc, RfSummary, RfUsage as UsageRow, responseFilesService as Contract } from '../../contract';
import type { Database } from '../../connectors/db/schema';
import { transact, updateVersioned } from '../../connectors/db/unitOfWork';
import {
  agentPreview,
  classifySrc,
  IDENTIFIERS,
  MAX_RESPONSE_FILE_BYTES,
  MEDIA,
  pathOf,
  srcType,
  utf8Length,
  validateResponseFile,
  writeResponseFile,
  type PreviewNode,
  type RfDoc,
  type RfItem,
  type RfMedia,
  type RfProblem,
  type RfUsage,
} from '../../domain/responseFiles';
import { ServiceError, staleVersionError } from '../../ipc/errors';
import type { CallContext, ServiceImpl } from '../../ipc/router';
import type { DataContext } from '../data';
import { actorOf, identityOf } from '../scope';
import type { ParserPool } from './parserPool';
import { consoleFileReason, isInside, realpathLoose, type ConsoleFiles } from './pathConfinement';
import { inlineHtmlImages, readSources, type SrcPolicy } from './sources';

type Row = {
  id: number;
  name: string;
  content: string;
  location: string | null;
  version: number;
  updated_at: string;
  updated_by: string;
};

const isUniqueViolation = (err: unknown) => {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || /UNIQUE constraint failed/i.test(e?.message ?? '');
};

async function usagesOf(k: Kysely<Database>, tenantId: number, fileIds: number[]): Promise<Map<number, UsageRow[]>> {
  const out = new Map<number, UsageRow[]>();
  if (fileIds.length === 0) return out;
  const rows = await k
    .selectFrom('service_group')
    .select(['id', 'name', 'media_type', 'response_file_id'])
    .where('tenant_id', '=', tenantId)
    .where('response_file_id', 'in', fileIds)
    .orderBy('name')
    .execute();
  for (const r of rows) {
    const list = out.get(r.response_file_id!) ?? [];
    list.push({ serviceGroupId: r.id, serviceGroup: r.name, media: r.media_type });
    out.set(r.response_file_id!, list);
  }
  return out;
}

const mediaUsages = (usages: UsageRow[]): RfUsage[] =>
  usages
    .filter((u) => (MEDIA as readonly string[]).includes(u.media))
    .map((u) => ({ serviceGroup: u.serviceGroup, media: u.media as RfMedia }));

function summary(row: Row, usages: UsageRow[]): RfSummary {
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    location: row.location,
    bytes: utf8Length(row.content),
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    usages,
  };
}

// eslint-disable-next-line no-control-regex -- control characters are not allowed in file names
const safeFileName = (name: string) => `${name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim() || 'responses'}.xml`;

/** Errors break the seed's format: a save with any of them is refused, naming the item. */
function refuseErrors(items: RfItem[], problems: RfProblem[]) {
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length === 0) return;
  const byId = new Map(items.map((i) => [i.id, i]));
  const lines = errors.slice(0, 5).map((p) => `${pathOf(items, p.itemId, byId) || '(no name)'}: ${p.message}`);
  throw new ServiceError(
    'INVALID',
    `${errors.length} item${errors.length === 1 ? '' : 's'} break the response file format — ` +
      `${lines.join(' ')}${errors.length > 5 ? ' …' : ''}`,
    'items',
  );
}

/** A parent must come before its children and exist: the writer and the tree rely on pre-order. */
function checkShape(items: RfItem[]) {
  const seen = new Map<string, RfItem>();
  for (const it of items) {
    if (seen.has(it.id)) throw new ServiceError('INVALID', `Item id ${it.id} appears twice.`, 'items');
    if (it.parent !== null) {
      const p = seen.get(it.parent);
      if (!p || p.kind !== 'group')
        throw new ServiceError(
          'INVALID',
          `Item ${it.name ?? it.id} is not inside a group that comes before it.`,
          'items',
        );
    }
    seen.set(it.id, it);
  }
}

/**
 * An .xml response file on this computer, read by main (import from path). The console's own
 * files are refused before the path is looked at, so the answer is the same whether or not
 * such a file exists.
 */
async function readXmlFile(path: string, own: ConsoleFiles): Promise<string> {
  if (!isAbsolute(path)) throw new ServiceError('INVALID', 'Path must be an absolute path on this computer.', 'path');
  if (!/\.xml$/i.test(path)) throw new ServiceError('INVALID', 'Response files are .xml files.', 'path');
  const why = await consoleFileReason(await realpathLoose(path), own);
  if (why) throw new ServiceError('FORBIDDEN', `The console does not read ${path}: ${why}.`, 'path');
  const st = await stat(path).catch(() => null);
  if (!st?.isFile()) throw new ServiceError('INVALID', `${path} does not exist.`, 'path');
  if (st.size > MAX_RESPONSE_FILE_BYTES)
    throw new ServiceError(
      'INVALID',
      `${path} is ${(st.size / 1024 / 1024).toFixed(1)} MB; the console opens response files up to ` +
        `${MAX_RESPONSE_FILE_BYTES / 1024 / 1024} MB.`,
      'path',
    );
  return (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
}

export function createResponseFilesService(
  data: DataContext,
  parser: ParserPool,
  own: ConsoleFiles,
): ServiceImpl<typeof Contract> {
  const k = () => data.require().kysely;

  /**
   * The caller's rules for reading Src files (sources.ts, SrcPolicy): read-write users follow
   * the file's Src as the seed allows (relative or absolute); read-only users only relative
   * Src inside the saved location of one of the tenant's files.
   */
  const policyFor = async (ctx: CallContext, location: string | null): Promise<SrcPolicy> => {
    if (ctx.principal.permissions.responseFiles === 'write') return { confined: false, locationRefusal: null, own };
    let locationRefusal: string | null = null;
    if (location !== null && !/^https?:\/\//i.test(location.trim())) {
      const saved = await k()
        .selectFrom('response_file')
        .select('id')
        .where('tenant_id', '=', identityOf(ctx).tenantId)
        .where('location', '=', location)
        .executeTakeFirst();
      if (!saved)
        locationRefusal =
          'Src files are read only from the location of a saved response file for your role; this location is not one.';
    }
    return { confined: true, locationRefusal, own };
  };

  const findRow = async (tenantId: number, id: number): Promise<Row> => {
    const row = await k()
      .selectFrom('response_file')
      .select(['id', 'name', 'content', 'location', 'version', 'updated_at', 'updated_by'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row)
      throw new ServiceError(
        'NOT_FOUND',
        `Response file ${id} does not exist in this tenant (another console may have deleted it).`,
      );
    return row;
  };

  const parseOrThrow = async (content: string, field = 'content') => {
    const r = await parser.parse(content);
    if (!r.ok) {
      const at = r.error.line > 0 ? ` (line ${r.error.line}, column ${r.error.column})` : '';
      throw new ServiceError('INVALID', `${r.error.message}${at}`, field);
    }
    return r;
  };

  const problemsFor = async (doc: RfDoc, usages: UsageRow[], location: string | null, policy: SrcPolicy) => {
    const sources = await readSources(doc.items, location, { images: false, allowRemote: false, policy });
    return validateResponseFile(doc, { usages: mediaUsages(usages), location, sources });
  };

  const toDoc = async (ctx: CallContext, tenantId: number, row: Row): Promise<RfFileDoc> => {
    const usages = (await usagesOf(k(), tenantId, [row.id])).get(row.id) ?? [];
    const parsed = await parser.parse(row.content);
    if (!parsed.ok)
      throw new ServiceError(
        'INVALID',
        `The stored response file "${row.name}" does not parse: ${parsed.error.message} (line ` +
          `${parsed.error.line}, column ${parsed.error.column}).`,
      );
    return {
      ...summary(row, usages),
      items: parsed.doc.items,
      problems: await problemsFor(parsed.doc, usages, row.location, await policyFor(ctx, row.location)),
    };
  };

  return {
    identifiers: async () =>
      IDENTIFIERS.map((d) => ({
        name: d.name,
        replacement: d.replacement,
        appliesTo: d.appliesTo,
        media: [...d.media],
      })),

    async list(_args, ctx) {
      const id = identityOf(ctx);
      const rows = await k()
        .selectFrom('response_file')
        .select(['id', 'name', 'content', 'location', 'version', 'updated_at', 'updated_by'])
        .where('tenant_id', '=', id.tenantId)
        .orderBy('name')
        .execute();
      const usages = await usagesOf(
        k(),
        id.tenantId,
        rows.map((r) => r.id),
      );
      return rows.map((r) => summary(r, usages.get(r.id) ?? []));
    },

    async get({ id }, ctx) {
      const tenantId = identityOf(ctx).tenantId;
      return toDoc(ctx, tenantId, await findRow(tenantId, id));
    },

    async parse({ content }) {
      const r = await parseOrThrow(content);
      return { items: r.doc.items, bytes: r.bytes };
    },

    async check({ id, items, location }, ctx) {
      const tenantId = identityOf(ctx).tenantId;
      checkShape(items);
      const usages = id === null ? [] : ((await usagesOf(k(), tenantId, [id])).get(id) ?? []);
      return problemsFor({ items }, usages, location, await policyFor(ctx, location));
    },

    async create({ name, location, content, path }, ctx) {
      const tenantId = identityOf(ctx).tenantId;
      const text = path ? await readXmlFile(path, own) : content;
      const doc: RfDoc = text === null ? { items: [] } : (await parseOrThrow(text, path ? 'path' : 'content')).doc;
      refuseErrors(doc.items, validateResponseFile(doc, { usages: [], location }));
      // Imported files are stored as written by the console's writer: one canonical form.
      const xml = writeResponseFile(doc);
      let newId = 0;
      try {
        await transact(data.require(), actorOf(ctx), data, async (w) => {
          newId = (
            await w.tx
              .insertInto('response_file')
              .values({
                tenant_id: tenantId,
                name,
                content: xml,
                location,
                updated_at: w.now,
                updated_by: w.actor.logonId,
              })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id;
          w.audit({
            tenantId,
            action: 'create',
            objectType: 'response-file',
            objectId: newId,
            objectName: name,
            after: { name, location, items: doc.items.length, bytes: utf8Length(xml) },
          });
          w.changed('response_file', tenantId, newId);
        });
      } catch (err) {
        if (isUniqueViolation(err))
          throw new ServiceError(
            'INVALID',
            `A response file named "${name}" already exists in this tenant; names are unique.`,
            'name',
            { rule: 'duplicate' },
          );
        throw err;
      }
      return toDoc(ctx, tenantId, await findRow(tenantId, newId));
    },

    async save({ id, expectedVersion, name, location, items }, ctx) {
      const tenantId = identityOf(ctx).tenantId;
      checkShape(items);
      refuseErrors(items, validateResponseFile({ items }, { usages: [], location }));
      const xml = writeResponseFile({ items });
      const before = await findRow(tenantId, id);
      try {
        await transact(data.require(), actorOf(ctx), data, async (w) => {
          await updateVersioned(w, 'response_file', { column: 'id', value: id }, expectedVersion, {
            name,
            location,
            content: xml,
          });
          w.audit({
            tenantId,
            action: 'update',
            objectType: 'response-file',
            objectId: id,
            objectName: name,
            before: { name: before.name, location: before.location, bytes: utf8Length(before.content) },
            after: { name, location, items: items.length, bytes: utf8Length(xml) },
          });
          w.changed('response_file', tenantId, id);
        });
      } catch (err) {
        if (isUniqueViolation(err))
          throw new ServiceError(
            'INVALID',
            `A response file named "${name}" already exists in this tenant; names are unique.`,
            'name',
            { rule: 'duplicate' },
          );
        throw err;
      }
      return toDoc(ctx, tenantId, await findRow(tenantId, id));
    },

    async remove({ id, expectedVersion }, ctx) {
      const tenantId = identityOf(ctx).tenantId;
      const row = await findRow(tenantId, id);
      let detached = 0;
      await transact(data.require(), actorOf(ctx), data, async (w) => {
        if (row.version !== expectedVersion) {
          throw staleVersionError(
            `The version you supplied [${expectedVersion}] does not match the current version [${row.version}]: ` +
              `${row.updated_by} changed it at ${row.updated_at}. Reload first.`,
            {
              expectedVersion: expectedVersion,
              version: Number(row.version),
              updatedBy: row.updated_by,
              updatedAt: `${row.updated_at}`,
            },
          );
        }
        // The foreign key would set these to null too; doing it here keeps versions and audit right.
        const groups = await w.tx
          .selectFrom('service_group')
          .select(['id', 'name'])
          .where('tenant_id', '=', tenantId)
          .where('response_file_id', '=', id)
          .execute();
        for (const g of groups) {
          await w.tx
            .updateTable('service_group')
            .set((eb) => ({
              response_file_id: null,
              version: eb('version', '+', 1),
              updated_at: w.now,
              updated_by: w.actor.logonId,
            }))
            .where('id', '=', g.id)
            .execute();
          w.changed('service_group', tenantId, g.id);
        }
        detached = groups.length;
        const res = await w.tx
          .deleteFrom('response_file')
          .where('id', '=', id)
          .where('version', '=', expectedVersion)
          .executeTakeFirst();
        if (Number(res.numDeletedRows) !== 1)
          throw new ServiceError('CONFLICT', 'Another console changed or deleted it meanwhile. Reload first.');
        w.audit({
          tenantId,
          action: 'delete',
          objectType: 'response-file',
          objectId: id,
          objectName: row.name,
          before: { name: row.name, location: row.location, serviceGroups: groups.map((g) => g.name) },
        });
        w.changed('response_file', tenantId, id);
      });
      return { detachedServiceGroups: detached };
    },

    async exportXml({ id }, ctx) {
      const row = await findRow(identityOf(ctx).tenantId, id);
      return { fileName: safeFileName(row.name), text: row.content };
    },

    async exportToFolder({ id, folder, withSrc, overwrite }, ctx) {
      const row = await findRow(identityOf(ctx).tenantId, id);
      if (!isAbsolute(folder))
        throw new ServiceError('INVALID', 'Folder must be an absolute path on this computer.', 'folder');
      const target = resolve(folder);
      const targetWhy = await consoleFileReason(await realpathLoose(target), own);
      if (targetWhy)
        throw new ServiceError('FORBIDDEN', `The console does not write into ${target}: ${targetWhy}.`, 'folder');
      const st = await stat(target).catch(() => null);
      if (!st?.isDirectory()) throw new ServiceError('INVALID', `Folder ${target} does not exist.`, 'folder');
      const xmlPath = join(target, safeFileName(row.name));
      const exists = async (p: string) => (await stat(p).catch(() => null)) !== null;
      const written: string[] = [];
      const skipped: { src: string; reason: string }[] = [];
      if (!overwrite && (await exists(xmlPath)))
        throw new ServiceError('CONFLICT', `${xmlPath} exists; confirm overwriting it.`, 'folder');
      await writeFile(xmlPath, row.content, 'utf8');
      written.push(xmlPath);
      if (withSrc) {
        const parsed = await parseOrThrow(row.content);
        const srcs = [
          ...new Set(parsed.doc.items.filter((i) => i.kind === 'response' && i.src?.trim()).map((i) => i.src!.trim())),
        ];
        for (const src of srcs) {
          const c = classifySrc(src);
          // Only relative Src files travel with the XML: absolute ones are found where they are.
          if (c.kind !== 'relative') {
            skipped.push({
              src,
              reason: c.kind === 'remote' ? 'remote URI, stays where it is' : 'absolute path, stays where it is',
            });
            continue;
          }
          if (!row.location || /^https?:/i.test(row.location)) {
            skipped.push({ src, reason: 'the file has no local location to copy it from' });
            continue;
          }
          const rel = normalize(c.path.replace(/\\/g, '/'));
          const to = resolve(target, rel);
          // "../../x" must not escape the export folder (nor the source folder).
          if (relative(target, to).startsWith('..') || isAbsolute(rel)) {
            skipped.push({ src, reason: 'points outside the response file’s folder' });
            continue;
          }
          // The same rules as the preview: a link inside the folder pointing out is not followed,
          // and the console's own files are never copied.
          const from = await realpathLoose(resolve(row.location, rel));
          const fromWhy = !isInside(from, await realpathLoose(row.location))
            ? 'points outside the response file’s folder'
            : await consoleFileReason(from, own);
          if (fromWhy) {
            skipped.push({ src, reason: fromWhy });
            continue;
          }
          try {
            const bytes = await readFile(from);
            if (!overwrite && (await exists(to))) {
              skipped.push({ src, reason: `${to} exists` });
              continue;
            }
            await mkdir(dirname(to), { recursive: true });
            await writeFile(to, bytes);
            written.push(to);
          } catch {
            skipped.push({ src, reason: `not found at ${resolve(row.location, rel)}` });
          }
        }
      }
      return { written, skipped };
    },

    async importFromPath({ path }) {
      const content = await readXmlFile(path, own);
      const r = await parseOrThrow(content, 'path');
      // The renderer then calls create with the same path: the text never crosses to the
      // renderer and back (browser mode caps request bodies at 4 MiB).
      return { fileName: basename(path), location: dirname(resolve(path)), items: r.doc.items.length, bytes: r.bytes };
    },

    async preview({ items, location, media, samples, locale, timeZone, allowRemote }, ctx) {
      checkShape(items);
      // Loading remote sources makes main fetch URLs the file names (any host, loopback
      // included): a side effect a read-only caller must not be able to cause.
      if (allowRemote && ctx.principal.permissions.responseFiles !== 'write') {
        throw new ServiceError(
          'FORBIDDEN',
          'Load remote sources: fetching a response file’s remote images needs read-write access to response files.',
          'allowRemote',
        );
      }
      const doc: RfDoc = { items };
      const policy = await policyFor(ctx, location);
      const sources = await readSources(items, location, { images: media === 'email', allowRemote, policy });
      const texts = new Map<string, string>();
      for (const [src, s] of sources) {
        if (s.content === undefined) continue;
        texts.set(
          src,
          srcType(src).type === 'html'
            ? await inlineHtmlImages(
                s.content,
                s.where,
                allowRemote,
                policy,
                classifySrc(src).kind === 'relative' ? location : null,
              )
            : s.content,
        );
      }
      let tree: PreviewNode[];
      try {
        tree = agentPreview(doc, media, samples, locale, texts, timeZone);
      } catch (e) {
        if (e instanceof RangeError)
          throw new ServiceError('INVALID', `Locale or time zone not recognised: ${e.message}`, 'locale');
        throw e;
      }
      const out: Array<ReturnType<typeof flat>> = [];
      const flat = (n: PreviewNode, parent: string | null) => {
        const s = n.kind === 'response' && n.src ? sources.get(n.src) : undefined;
        return {
          id: n.id,
          parent,
          kind: n.kind,
          name: n.name,
          expanded: n.kind === 'group' ? n.expanded : false,
          tooltip: n.kind === 'response' ? n.tooltip : '',
          type: n.kind === 'response' ? n.type : ('text' as const),
          src: n.kind === 'response' ? n.src : null,
          text: n.kind === 'response' ? n.text : null,
          dataUrl: s?.dataUrl ?? null,
          note: s?.note ?? null,
        };
      };
      const walk = (list: PreviewNode[], parent: string | null) => {
        for (const n of list) {
          out.push(flat(n, parent));
          if (n.kind === 'group') walk(n.children, n.id);
        }
      };
      walk(tree, null);
      return out;
    },
  };
}
