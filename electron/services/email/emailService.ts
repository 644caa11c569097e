import { sql, type Selectable } from 'kysely';
import {
  imapPortOf,
  MAX_EMAIL_SERVERS_PER_TENANT,
  type EmailDestinationInput,
  type EmailDestinationRow,
  type EmailServerInput,
  type EmailServerRow,
  type emailService as Contract,
} from '../../contract/services/email';
import type { Database } from '../../connectors/db/schema';
import { transact, updateVersioned, type Work } from '../../connectors/db/unitOfWork';
import { ServiceError, staleVersionError } from '../../ipc/errors';
import type { ServiceImpl } from '../../ipc/router';
import type { ServiceDeps } from '../deps';
import { actorOf, identityOf } from '../scope';
import { mailSecretKey, type MailProtocol } from './keys';
import { OAuthRefreshError, oauthAppOf, oauthRefreshKey, type EmailOAuth } from './oauth';
import { probeImap, probeSmtp, type ProbeOptions } from './probe';

type ServerRow = Selectable<Database['email_server']>;
type DestRow = Selectable<Database['email_destination']>;

export interface EmailServiceOptions {
  /** Extra trusted CA certificates (PEM) for the servers' TLS; the system's are always trusted. */
  ca?: () => string[] | undefined;
  /** Connect/greeting/command time-out of a Test (ms). */
  timeoutMs?: number;
  /** OAuth sign-ins (oauth.ts): access tokens for XOAUTH2 and the refresh tokens' keychain entries. */
  oauth?: Pick<EmailOAuth, 'accessToken' | 'entriesOf' | 'drop'>;
}

const bit = (b: boolean) => (b ? 1 : 0);

export function serverInputOf(r: ServerRow): EmailServerInput {
  return {
    name: r.name,
    imap:
      r.imap_host === null
        ? null
        : {
            host: r.imap_host,
            port: r.imap_port,
            useSsl: r.imap_ssl === 1,
            auth: r.imap_auth as 'password' | 'oauth',
            userName: r.imap_user,
            maxSessions: r.imap_max_sessions,
          },
    smtp:
      r.smtp_host === null
        ? null
        : {
            host: r.smtp_host,
            port: r.smtp_port ?? 25,
            useSsl: r.smtp_ssl === 1,
            reporting: r.smtp_reporting === 1,
            auth: r.smtp_auth as 'none' | 'password' | 'oauth',
            userName: r.smtp_user,
          },
    oauth:
      r.oauth_tenant && r.oauth_client
        ? {
            tenantId: r.oauth_tenant,
            clientId: r.oauth_client,
            authority: r.oauth_authority ?? 'https://login.microsoftonline.com',
          }
        : null,
    heartbeatAddress: r.heartbeat_address,
    rateLimitPerHour: r.rate_limit_per_hour,
  };
}

const serverColumns = (s: EmailServerInput) => ({
  name: s.name,
  imap_host: s.imap?.host ?? null,
  imap_port: s.imap?.port ?? null,
  imap_ssl: bit(s.imap?.useSsl ?? true),
  imap_auth: s.imap?.auth ?? 'password',
  imap_user: s.imap?.userName ?? '',
  imap_max_sessions: s.imap?.maxSessions ?? 0,
  smtp_host: s.smtp?.host ?? null,
  smtp_port: s.smtp?.port ?? null,
  smtp_ssl: bit(s.smtp?.useSsl ?? false),
  smtp_reporting: bit(s.smtp?.reporting ?? false),
  smtp_auth: s.smtp?.auth ?? 'none',
  smtp_user: s.smtp?.userName ?? '',
  oauth_tenant: s.oauth?.tenantId ?? null,
  oauth_client: s.oauth?.clientId ?? null,
  oauth_authority: s.oauth?.authority ?? null,
  heartbeat_address: s.heartbeatAddress,
  rate_limit_per_hour: s.rateLimitPerHour,
});

/** Where each protocol's password lives for these settings (null: that protocol has no password). */
export function passwordEndpoint(s: EmailServerInput, p: MailProtocol): { host: string; port: number } | null {
  if (p === 'imap') return s.imap?.auth === 'password' ? { host: s.imap.host, port: imapPortOf(s.imap) } : null;
  return s.smtp?.auth === 'password' ? { host: s.smtp.host, port: s.smtp.port } : null;
}

const destInputOf = (r: DestRow): EmailDestinationInput => ({
  name: r.name,
  address: r.address,
  description: r.description,
  fromText: r.from_text,
  monitored: r.monitored === 1,
  outgoing: r.outgoing === 1,
  serverId: r.server_id,
});

/** The unique index a duplicate hit (PostgreSQL names the constraint; SQLite the index in the message). */
function uniqueIndexOf(err: unknown): string | null {
  const e = err as { code?: string; constraint?: string; message?: string };
  if (e?.code === '23505') return e.constraint ?? '';
  const m = /UNIQUE constraint failed: (?:index '([^']+)'|(.*))/i.exec(e?.message ?? '');
  return m ? (m[1] ?? m[2] ?? '') : null;
}

const notFound = (what: string, id: number, field = 'id') =>
  new ServiceError(
    'NOT_FOUND',
    `${what} ${id} does not exist in this tenant (another console may have deleted it).`,
    field,
  );

/** The methods of the Outgoing e-mail settings and queue (outgoing.ts). */
export type OutgoingMethodName =
  | 'getOutgoing'
  | 'saveOutgoing'
  | 'testOutgoing'
  | 'listQueue'
  | 'retryQueue'
  | 'discardQueued'
  | 'listAlarmRules'
  | 'saveAlarmRule'
  | 'deleteAlarmRule'
  | 'testAlarmRule'
  | 'oauthStart'
  | 'oauthStatus'
  | 'oauthCancel'
  | 'oauthForget';

export function createEmailService(
  deps: ServiceDeps,
  opts: EmailServiceOptions = {},
): Omit<ServiceImpl<typeof Contract>, OutgoingMethodName> {
  const { data, secrets, log } = deps;
  const k = () => data.require().kysely;

  const findServer = async (tenantId: number, id: number, field = 'id'): Promise<ServerRow> => {
    const r = await k()
      .selectFrom('email_server')
      .selectAll()
      .where('id', '=', id)
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    if (!r) throw notFound('E-mail server', id, field);
    return r;
  };
  const findDest = async (tenantId: number, id: number, field = 'id'): Promise<DestRow> => {
    const r = await k()
      .selectFrom('email_destination')
      .selectAll()
      .where('id', '=', id)
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    if (!r) throw notFound('Destination', id, field);
    return r;
  };
  const has = (key: string) => secrets.has(key).catch(() => false);
  const secretSet = async (id: number, s: EmailServerInput, p: MailProtocol, which: 'password' | 'refresh') => {
    const at = which === 'password' ? passwordEndpoint(s, p) : null;
    if (at) return has(mailSecretKey(id, p, at.host, at.port, which));
    if (which === 'refresh') {
      // Bound to the authority, tenant and client (oauth.ts), not to the mail host.
      const app = oauthAppOf(s, p);
      return app ? has(oauthRefreshKey(id, p, app)) : false;
    }
    return false;
  };
  const toRow = async (r: ServerRow): Promise<EmailServerRow> => {
    const s = serverInputOf(r);
    return {
      id: r.id,
      version: r.version,
      server: s,
      imapPasswordSet: await secretSet(r.id, s, 'imap', 'password'),
      smtpPasswordSet: await secretSet(r.id, s, 'smtp', 'password'),
      imapTokenSet: await secretSet(r.id, s, 'imap', 'refresh'),
      smtpTokenSet: await secretSet(r.id, s, 'smtp', 'refresh'),
      updatedBy: r.updated_by,
      updatedAt: r.updated_at,
    };
  };
  /** Every keychain entry a row's settings point at. */
  const entriesOf = (id: number, s: EmailServerInput): string[] => {
    const out: string[] = [];
    if (s.imap)
      for (const w of ['password', 'refresh'] as const)
        out.push(mailSecretKey(id, 'imap', s.imap.host, imapPortOf(s.imap), w));
    if (s.smtp)
      for (const w of ['password', 'refresh'] as const)
        out.push(mailSecretKey(id, 'smtp', s.smtp.host, s.smtp.port, w));
    // The refresh tokens (bound to authority + tenant + client): another app registration drops them.
    if (opts.oauth) out.push(...opts.oauth.entriesOf(id, s));
    return out;
  };

  /** Serialises the saves that check the one-tenant-per-account rule (PostgreSQL; SQLite has one writer). */
  const lockServers = async (w: Work) => {
    if (data.require().engine === 'postgres')
      await sql`select pg_advisory_xact_lock(hashtext('ccm.email_server'))`.execute(w.tx);
  };

  /** "The same account (E-mail Servers + Account Name) must not be used for different tenants." */
  const assertAccountFree = async (w: Work, tenantId: number, id: number | null, s: EmailServerInput) => {
    const check = async (p: MailProtocol, host: string, user: string) => {
      const hostCol = p === 'imap' ? 'es.imap_host' : 'es.smtp_host';
      const userCol = p === 'imap' ? 'es.imap_user' : 'es.smtp_user';
      let q = w.tx
        .selectFrom('email_server as es')
        .innerJoin('tenant as t', 't.id', 'es.tenant_id')
        .select(['es.name as server', 't.name as tenant', 't.id as tenantId'])
        .where('es.tenant_id', '<>', tenantId)
        .where(sql<string>`lower(${sql.ref(hostCol)})`, '=', host.trim().toLowerCase())
        .where(sql<string>`lower(${sql.ref(userCol)})`, '=', user.trim().toLowerCase());
      if (id !== null) q = q.where('es.id', '<>', id);
      const other = await q.executeTakeFirst();
      if (other)
        throw new ServiceError(
          'CONFLICT',
          `The account ${user} on ${host} is already used by tenant ${other.tenant} (e-mail server ${other.server}); ` +
            `an e-mail account can belong to one tenant only.`,
          `server.${p}.userName`,
          { rule: 'duplicate', holder: { kind: 'tenant', id: Number(other.tenantId), name: other.tenant } },
        );
    };
    if (s.imap) await check('imap', s.imap.host, s.imap.userName);
    if (s.smtp && s.smtp.userName !== '') await check('smtp', s.smtp.host, s.smtp.userName);
  };

  /** Settings a destination depends on cannot go away under it. */
  const assertDestinationsKeepWorking = async (w: Work, id: number, s: EmailServerInput) => {
    const users = await w.tx
      .selectFrom('email_destination')
      .select(['name', 'monitored', 'outgoing'])
      .where('server_id', '=', id)
      .orderBy('name')
      .execute();
    const monitored = users.filter((d) => d.monitored === 1).map((d) => d.name);
    const outgoing = users.filter((d) => d.outgoing === 1).map((d) => d.name);
    if (!s.imap && monitored.length > 0)
      throw new ServiceError(
        'INVALID',
        `IMAP settings are needed: the monitored destination${monitored.length > 1 ? 's' : ''} ` +
          `${monitored.join(', ')} read${monitored.length > 1 ? '' : 's'} mail through this server.`,
        'server.imap',
        { rule: 'in_use', holder: { kind: 'email_destination', name: monitored[0] } },
      );
    if (!s.smtp && outgoing.length > 0)
      throw new ServiceError(
        'INVALID',
        `SMTP settings are needed: the outgoing destination${outgoing.length > 1 ? 's' : ''} ` +
          `${outgoing.join(', ')} send${outgoing.length > 1 ? '' : 's'} mail through this server.`,
        'server.smtp',
        { rule: 'in_use', holder: { kind: 'email_destination', name: outgoing[0] } },
      );
  };

  const keychainReady = async (field: string) => {
    const ok = await secrets.available();
    if (!ok.ok)
      throw new ServiceError(
        'UNAVAILABLE',
        `The OS keychain is not available, so the password cannot be stored (nothing was saved): ${ok.reason}`,
        field,
      );
  };

  const readSecret = async (key: string, field: string): Promise<string | null> => {
    try {
      return await secrets.get(key);
    } catch (err) {
      throw new ServiceError(
        'UNAVAILABLE',
        `The OS keychain is not available, so the stored password cannot be read: ` +
          `${err instanceof Error ? err.message : String(err)}`,
        field,
      );
    }
  };

  const destinationsOf = async (t: number): Promise<EmailDestinationRow[]> => {
    const rows = await k()
      .selectFrom('email_destination as d')
      .leftJoin('email_server as s', 's.id', 'd.server_id')
      .selectAll('d')
      .select('s.name as server_name')
      .where('d.tenant_id', '=', t)
      .orderBy('d.name')
      .execute();
    return rows.map((r): EmailDestinationRow => ({
      id: r.id,
      version: r.version,
      destination: destInputOf(r),
      serverName: r.server_name ?? null,
      updatedBy: r.updated_by,
      updatedAt: r.updated_at,
    }));
  };

  return {
    async listServers(_args, ctx) {
      const t = identityOf(ctx).tenantId;
      const rows = await k()
        .selectFrom('email_server')
        .selectAll()
        .where('tenant_id', '=', t)
        .orderBy('name')
        .execute();
      return Promise.all(rows.map(toRow));
    },

    async saveServer({ id, expectedVersion, server, imapPassword, smtpPassword, copyOf }, ctx) {
      const identity = identityOf(ctx);
      const tenantId = identity.tenantId;
      const before = id === null ? undefined : await findServer(tenantId, id);
      const source = copyOf === undefined ? undefined : await findServer(tenantId, copyOf, 'copyOf');
      if (id !== null && copyOf !== undefined)
        throw new ServiceError('INVALID', 'A copy is a new server: leave id empty.', 'copyOf');

      // A password for each protocol that signs in with one: entered now, or already stored for this host and port.
      const given = { imap: imapPassword?.password, smtp: smtpPassword?.password };
      const carried: Partial<Record<MailProtocol, string>> = {};
      for (const p of ['imap', 'smtp'] as const) {
        const at = passwordEndpoint(server, p);
        const field = `${p}Password.password`;
        if (given[p] !== undefined && !at)
          throw new ServiceError(
            'INVALID',
            p === 'imap'
              ? 'A password is only for “Username and Password” authentication.'
              : 'A password is only for “Use settings below” authentication.',
            field,
          );
        if (!at || given[p] !== undefined) continue;
        const stored = async (rowId: number, s: EmailServerInput) => {
          const was = passwordEndpoint(s, p);
          if (!was || was.host.toLowerCase() !== at.host.toLowerCase() || was.port !== at.port) return null;
          return readSecret(mailSecretKey(rowId, p, at.host, at.port, 'password'), field);
        };
        const from = before
          ? await stored(before.id, serverInputOf(before))
          : source
            ? await stored(source.id, serverInputOf(source))
            : null;
        if (from === null)
          throw new ServiceError(
            'INVALID',
            `Password is required for ${at.host}:${at.port} (${p === 'imap' ? 'IMAP' : 'SMTP'}).`,
            field,
            { rule: 'required' },
          );
        if (!before) carried[p] = from;
      }
      if (given.imap !== undefined || given.smtp !== undefined || Object.keys(carried).length > 0)
        await keychainReady(given.imap !== undefined ? 'imapPassword.password' : 'smtpPassword.password');

      let rowId: number;
      try {
        rowId = await transact(data.require(), actorOf(ctx), data, async (w) => {
          await lockServers(w);
          let newId: number;
          if (id === null) {
            if (expectedVersion !== 0)
              throw staleVersionError(
                `The version you supplied [${expectedVersion}] does not match: a new server starts at version 0.`,
                { expectedVersion, version: 0 },
              );
            const count = await w.tx
              .selectFrom('email_server')
              .select((e) => e.fn.countAll<number>().as('n'))
              .where('tenant_id', '=', tenantId)
              .executeTakeFirstOrThrow();
            if (Number(count.n) >= MAX_EMAIL_SERVERS_PER_TENANT)
              throw new ServiceError(
                'INVALID',
                `This tenant already has ${Number(count.n)} e-mail servers; each tenant supports up to ` +
                  `${MAX_EMAIL_SERVERS_PER_TENANT}.`,
                undefined,
                { rule: 'max_items', limit: MAX_EMAIL_SERVERS_PER_TENANT },
              );
            await assertAccountFree(w, tenantId, null, server);
            const ins = await w.tx
              .insertInto('email_server')
              .values({ tenant_id: tenantId, ...serverColumns(server), updated_at: w.now, updated_by: w.actor.logonId })
              .returning('id')
              .executeTakeFirstOrThrow();
            newId = Number(ins.id);
          } else {
            await assertAccountFree(w, tenantId, id, server);
            await assertDestinationsKeepWorking(w, id, server);
            await updateVersioned(
              w,
              'email_server',
              { column: 'id', value: id },
              expectedVersion,
              serverColumns(server),
            );
            newId = id;
          }
          w.audit({
            tenantId,
            action: before ? 'update' : copyOf !== undefined ? 'copy' : 'create',
            objectType: 'email-server',
            objectId: String(newId),
            objectName: server.name,
            before: before ? serverInputOf(before) : undefined,
            // Which passwords changed, never the passwords.
            after: {
              ...server,
              copyOf: source?.name,
              imapPasswordChanged: given.imap !== undefined,
              smtpPasswordChanged: given.smtp !== undefined,
            },
          });
          w.changed('email_server', tenantId, newId);
          return newId;
        });
      } catch (err) {
        const index = uniqueIndexOf(err);
        if (index !== null && /ux_email_server_name|email_server/.test(index))
          throw new ServiceError(
            'CONFLICT',
            `An e-mail server named ${server.name} already exists in this tenant (names ignore case)` +
              (copyOf !== undefined ? ': a copy needs a new name.' : '.'),
            'server.name',
            { rule: 'duplicate', holder: { kind: 'email_server', name: server.name } },
          );
        throw err;
      }

      // Secrets belong to the host and port they were entered for: what no longer applies is removed.
      const keep = new Set(entriesOf(rowId, server).filter((key) => !key.endsWith(':password')));
      opts.oauth?.drop(rowId);
      for (const p of ['imap', 'smtp'] as const) {
        const at = passwordEndpoint(server, p);
        if (at) keep.add(mailSecretKey(rowId, p, at.host, at.port, 'password'));
      }
      if (before)
        for (const key of entriesOf(rowId, serverInputOf(before)))
          if (!keep.has(key)) await secrets.clear(key).catch(() => {});
      try {
        for (const p of ['imap', 'smtp'] as const) {
          const at = passwordEndpoint(server, p);
          const value = given[p] ?? carried[p];
          if (at && value !== undefined)
            await secrets.set(mailSecretKey(rowId, p, at.host, at.port, 'password'), value);
        }
      } catch (err) {
        throw new ServiceError(
          'UNAVAILABLE',
          'The server was saved, but the OS keychain refused the password: ' +
            `${err instanceof Error ? err.message : String(err)}`,
          given.imap !== undefined ? 'imapPassword.password' : 'smtpPassword.password',
        );
      }
      return toRow(await findServer(tenantId, rowId));
    },

    async deleteServer({ id, expectedVersion }, ctx) {
      const tenantId = identityOf(ctx).tenantId;
      const r = await findServer(tenantId, id);
      await transact(data.require(), actorOf(ctx), data, async (w) => {
        await lockServers(w);
        const users = await w.tx
          .selectFrom('email_destination')
          .select('name')
          .where('server_id', '=', id)
          .orderBy('name')
          .execute();
        if (users.length > 0)
          throw new ServiceError(
            'INVALID',
            `${r.name} cannot be deleted: the destination${users.length > 1 ? 's' : ''} ` +
              `${users.map((u) => u.name).join(', ')} use${users.length > 1 ? '' : 's'} it. ` +
              `Choose another e-mail server for ${users.length > 1 ? 'them' : 'it'} first.`,
            'id',
            { rule: 'in_use', holder: { kind: 'email_destination', name: users[0]!.name } },
          );
        const res = await w.tx
          .deleteFrom('email_server')
          .where('id', '=', id)
          .where('version', '=', expectedVersion)
          .executeTakeFirst();
        if (Number(res.numDeletedRows) !== 1)
          throw staleVersionError(
            `The version you supplied [${expectedVersion}] does not match the current version [${r.version}]: ` +
              `${r.updated_by} changed ${r.name} at ${r.updated_at}. Reload first.`,
            { expectedVersion, version: Number(r.version), updatedBy: r.updated_by, updatedAt: `${r.updated_at}` },
          );
        w.audit({
          tenantId,
          action: 'delete',
          objectType: 'email-server',
          objectId: String(id),
          objectName: r.name,
          before: serverInputOf(r),
        });
        w.changed('email_server', tenantId, id);
      });
      for (const key of entriesOf(id, serverInputOf(r))) await secrets.clear(key).catch(() => {});
      opts.oauth?.drop(id);
      return { ok: true };
    },

    async testServer({ id, protocol }, ctx) {
      const tenantId = identityOf(ctx).tenantId;
      const r = await findServer(tenantId, id);
      const s = serverInputOf(r);
      const probe: ProbeOptions = { ca: opts.ca?.(), timeoutMs: opts.timeoutMs ?? 15_000 };
      const started = Date.now();
      // OAuth: an access token from the stored refresh token (refreshed before use), or the refusal as the outcome.
      let accessToken: string | null = null;
      const section = protocol === 'imap' ? s.imap : s.smtp;
      if (section?.auth === 'oauth') {
        try {
          accessToken = (await opts.oauth?.accessToken(id, protocol, s)) ?? null;
        } catch (err) {
          if (!(err instanceof OAuthRefreshError)) throw err;
          const target =
            protocol === 'imap' ? `${section.host}:${imapPortOf(s.imap!)}` : `${section.host}:${s.smtp!.port}`;
          log.info('e-mail server test', { server: r.name, protocol, ok: false, failure: 'authentication' });
          return {
            protocol,
            target,
            ok: false,
            failure: 'authentication',
            message: err.message,
            steps: [{ step: 'OAuth token', ok: false, detail: err.message }],
            elapsedMs: Date.now() - started,
          };
        }
      }
      if (protocol === 'imap') {
        if (!s.imap) throw new ServiceError('INVALID', `${r.name} has no IMAP settings.`, 'protocol');
        const imap = s.imap;
        const port = imapPortOf(imap);
        const secret =
          imap.auth === 'password'
            ? await readSecret(mailSecretKey(id, 'imap', imap.host, port, 'password'), 'imapPassword.password')
            : null;
        const out = await probeImap(
          { host: imap.host, port, useSsl: imap.useSsl, user: imap.userName, maxSessions: imap.maxSessions },
          imap.auth === 'password' ? { kind: 'password', password: secret } : { kind: 'oauth', accessToken },
          probe,
        );
        log.info('e-mail server test', { server: r.name, protocol, ok: out.ok, failure: out.failure });
        return { ...out, elapsedMs: Date.now() - started };
      }
      if (!s.smtp) throw new ServiceError('INVALID', `${r.name} has no SMTP settings.`, 'protocol');
      const smtp = s.smtp;
      const secret =
        smtp.auth === 'password'
          ? await readSecret(mailSecretKey(id, 'smtp', smtp.host, smtp.port, 'password'), 'smtpPassword.password')
          : null;
      const out = await probeSmtp(
        { host: smtp.host, port: smtp.port, useSsl: smtp.useSsl, user: smtp.userName, from: s.heartbeatAddress },
        smtp.auth === 'none'
          ? { kind: 'none' }
          : smtp.auth === 'password'
            ? { kind: 'password', password: secret }
            : { kind: 'oauth', accessToken },
        probe,
      );
      log.info('e-mail server test', { server: r.name, protocol, ok: out.ok, failure: out.failure });
      return { ...out, elapsedMs: Date.now() - started };
    },

    async listDestinations(_args, ctx) {
      return destinationsOf(identityOf(ctx).tenantId);
    },

    async saveDestination({ id, expectedVersion, destination: d, copyOf }, ctx) {
      const tenantId = identityOf(ctx).tenantId;
      const before = id === null ? undefined : await findDest(tenantId, id);
      const source = copyOf === undefined ? undefined : await findDest(tenantId, copyOf, 'copyOf');
      if (source) {
        if (source.name.trim().toLowerCase() === d.name.trim().toLowerCase())
          throw new ServiceError(
            'INVALID',
            `A copy needs another Destination Name than ${source.name}.`,
            'destination.name',
            { rule: 'copy_unchanged' },
          );
        if (source.address.trim().toLowerCase() === d.address.trim().toLowerCase())
          throw new ServiceError(
            'INVALID',
            `A copy needs another Email Address than ${source.address}.`,
            'destination.address',
            { rule: 'copy_unchanged' },
          );
      }
      let rowId: number;
      try {
        rowId = await transact(data.require(), actorOf(ctx), data, async (w) => {
          // The server, in this tenant, read in the same transaction as the save.
          const server =
            d.serverId === null
              ? undefined
              : await w.tx
                  .selectFrom('email_server')
                  .select(['id', 'name', 'imap_host', 'smtp_host'])
                  .where('id', '=', d.serverId)
                  .where('tenant_id', '=', tenantId)
                  .executeTakeFirst();
          if (d.serverId !== null && !server)
            throw new ServiceError(
              'NOT_FOUND',
              `E-mail server ${d.serverId} does not exist in this tenant.`,
              'destination.serverId',
              { rule: 'not_in_tenant' },
            );
          if (d.monitored && !server?.imap_host)
            throw new ServiceError(
              'INVALID',
              server
                ? `A monitored destination needs an e-mail server with IMAP settings; ${server.name} has none.`
                : 'A monitored destination needs an e-mail server with IMAP settings.',
              'destination.monitored',
              { rule: 'needs_imap' },
            );
          if (d.outgoing && !server?.smtp_host)
            throw new ServiceError(
              'INVALID',
              server
                ? `A destination available for outgoing e-mail needs an e-mail server with SMTP settings; ` +
                    `${server.name} has none.`
                : 'A destination available for outgoing e-mail needs an e-mail server with SMTP settings.',
              'destination.outgoing',
              { rule: 'needs_smtp' },
            );
          const cols = {
            name: d.name,
            address: d.address,
            description: d.description,
            from_text: d.fromText,
            monitored: bit(d.monitored),
            outgoing: bit(d.outgoing),
            server_id: d.serverId,
          };
          let newId: number;
          if (id === null) {
            if (expectedVersion !== 0)
              throw staleVersionError(
                `The version you supplied [${expectedVersion}] does not match: a new destination starts at version 0.`,
                { expectedVersion, version: 0 },
              );
            const ins = await w.tx
              .insertInto('email_destination')
              .values({ tenant_id: tenantId, ...cols, updated_at: w.now, updated_by: w.actor.logonId })
              .returning('id')
              .executeTakeFirstOrThrow();
            newId = Number(ins.id);
          } else {
            await updateVersioned(w, 'email_destination', { column: 'id', value: id }, expectedVersion, cols);
            newId = id;
          }
          w.audit({
            tenantId,
            action: before ? 'update' : copyOf !== undefined ? 'copy' : 'create',
            objectType: 'email-destination',
            objectId: String(newId),
            objectName: d.name,
            before: before ? destInputOf(before) : undefined,
            after: { ...d, copyOf: source?.name },
          });
          w.changed('email_destination', tenantId, newId);
          return newId;
        });
      } catch (err) {
        const index = uniqueIndexOf(err);
        if (index !== null) {
          const byAddress = /address/.test(index);
          throw new ServiceError(
            'CONFLICT',
            byAddress
              ? `A destination with the address ${d.address} already exists in this tenant.`
              : `A destination named ${d.name} already exists in this tenant (names ignore case).`,
            byAddress ? 'destination.address' : 'destination.name',
            { rule: 'duplicate' },
          );
        }
        throw err;
      }
      return (await destinationsOf(tenantId)).find((r) => r.id === rowId)!;
    },

    async deleteDestination({ id, expectedVersion }, ctx) {
      const tenantId = identityOf(ctx).tenantId;
      const r = await findDest(tenantId, id);
      await transact(data.require(), actorOf(ctx), data, async (w) => {
        const res = await w.tx
          .deleteFrom('email_destination')
          .where('id', '=', id)
          .where('version', '=', expectedVersion)
          .executeTakeFirst();
        if (Number(res.numDeletedRows) !== 1)
          throw staleVersionError(
            `The version you supplied [${expectedVersion}] does not match the current version [${r.version}]: ` +
              `${r.updated_by} changed ${r.name} at ${r.updated_at}. Reload first.`,
            { expectedVersion, version: Number(r.version), updatedBy: r.updated_by, updatedAt: `${r.updated_at}` },
          );
        w.audit({
          tenantId,
          action: 'delete',
          objectType: 'email-destination',
          objectId: String(id),
          objectName: r.name,
          before: destInputOf(r),
        });
        w.changed('email_destination', tenantId, id);
      });
      return { ok: true };
    },
  };
}
