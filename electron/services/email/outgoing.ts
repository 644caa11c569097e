import type { Kysely, Selectable } from 'kysely';
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import {
  O365_DEFAULT_AUTHORITY,
  O365_DEFAULT_SMTP,
  outgoingTlsOf,
  type OutgoingRow,
  type OutgoingSettings,
  type QueueRow,
  type emailService as Contract,
} from '../../contract/services/email';
import { outboundFetch, outboundProxy } from '../../connectors/http/outbound';
import { tcpVia } from '../../connectors/http/proxy';
import type { Database } from '../../connectors/db/schema';
import { transact, updateVersioned } from '../../connectors/db/unitOfWork';
import { ServiceError, staleVersionError } from '../../ipc/errors';
import type { CallContext, ServiceImpl } from '../../ipc/router';
import type { ServiceDeps } from '../deps';
import { actorOf, identityOf } from '../scope';
import { exchangeResourceFor } from './exchange';
import {
  enqueueMail,
  MailQueue,
  newMessageId,
  type QueuedMail,
  type ServerSendSettings,
  smtpTransportOptions,
  type SmtpSendSettings,
} from './queue';
import { serverInputOf } from './emailService';
import { mailSecretKey } from './keys';
import type { EmailOAuth } from './oauth';

type Row = Selectable<Database['email_outgoing']>;

/** Keychain entries of the outgoing settings, bound to the server (SMTP) or the app registration (Office 365). */
export const outgoingPasswordKey = (host: string, port: number) =>
  `email-outgoing:smtp:${host.trim().toLowerCase()}:${port}:password`;
/**
 * The Office 365 client secret's entry, bound to the app registration (tenant, client), the
 * authority's origin (the token endpoint the secret is sent to) AND the SMTP endpoint (host, port)
 * the access token obtained with it is presented to: a secret entered for one authority and one SMTP
 * server is never used for another — another authority or SMTP endpoint has no secret until it is
 * entered again, so no token for it is ever requested (a hash: the key stays under 200 characters).
 */
export const outgoingSecretKey = (
  tenantId: string,
  clientId: string,
  authority: string,
  smtp: { host: string; port: number } = O365_DEFAULT_SMTP,
) =>
  'email-outgoing:o365:' +
  createHash('sha256')
    .update(
      JSON.stringify([
        tenantId.trim().toLowerCase(),
        clientId.trim().toLowerCase(),
        authorityOrigin(authority),
        smtp.host.trim().toLowerCase(),
        smtp.port,
      ]),
    )
    .digest('hex') +
  ':secret';
/**
 * Before migration 026 the entry had no SMTP endpoint in it, the endpoint being fixed at
 * smtp.office365.com:587: such an entry is read (and moved to the new key at the next save) only
 * while the endpoint is still that default, so it still goes only where it always went.
 */
const legacySecretKey = (tenantId: string, clientId: string, authority: string) =>
  `email-outgoing:o365:${tenantId.trim().toLowerCase()}:${clientId.trim().toLowerCase()}:` +
  `${authorityOrigin(authority)}:secret`;
const isDefaultSmtp = (s: { o365SmtpHost: string; o365SmtpPort: number }) =>
  s.o365SmtpHost.trim().toLowerCase() === O365_DEFAULT_SMTP.host && s.o365SmtpPort === O365_DEFAULT_SMTP.port;
const smtpOf = (s: OutgoingSettings) => ({ host: s.o365SmtpHost, port: s.o365SmtpPort });
/** The TLS of the Office 365 endpoint: 465 implicit, else STARTTLS required (a bearer token never goes in clear). */
export const o365TlsOf = (port: number): 'implicit' | 'starttls' => (port === 465 ? 'implicit' : 'starttls');
const authorityOrigin = (authority: string) => {
  try {
    return new URL(authority).origin.toLowerCase();
  } catch {
    return authority.trim().toLowerCase();
  }
};

const settingsOf = (r: Row): OutgoingSettings => ({
  enabled: r.enabled === 1,
  protocol: r.protocol as OutgoingSettings['protocol'],
  fromAddress: r.from_address,
  host: r.host,
  port: r.port,
  useAuth: r.use_auth === 1,
  userName: r.user_name,
  clientId: r.o365_client_id,
  tenantId: r.o365_tenant_id,
  authority: r.o365_authority,
  o365SmtpHost: r.o365_smtp_host,
  o365SmtpPort: r.o365_smtp_port,
  proxy: r.smtp_proxy === 'system' ? 'system' : 'none',
});

/** Proxy "System Parameters proxy": each connection to host:port is opened through it (its bypass list applies). */
const viaProxy = (s: OutgoingSettings, host: string, port: number) =>
  s.proxy === 'system' ? { connect: async () => tcpVia(await outboundProxy(), host, port) } : {};

const toQueueRow = (r: Selectable<Database['email_queue']>): QueueRow => ({
  id: r.id,
  messageId: r.message_id,
  createdAt: r.created_at,
  origin: r.origin,
  to: JSON.parse(r.to_addrs) as string[],
  subject: r.subject,
  state: r.state as QueueRow['state'],
  attempts: r.attempts,
  lastError: r.last_error,
  lastAttemptAt: r.last_attempt_at,
  nextAttemptAt: r.next_attempt_at,
  serverId: r.server_id,
  waitReason: r.wait_reason,
});

/** Client credentials against the Microsoft identity platform's token endpoint (through outboundFetch). */
export async function clientCredentialsToken(
  authority: string,
  tenantId: string,
  clientId: string,
  secret: string,
): Promise<{ accessToken: string; expiresIn: number }> {
  const url = `${authority.replace(/\/+$/, '')}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`;
  const res = await outboundFetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: secret,
      scope: `${exchangeResourceFor(authority).appResource}/.default`,
    }).toString(),
  });
  const body = (await res.json().catch(() => ({}))) as {
    access_token?: string;
    expires_in?: number;
    error?: string;
    error_description?: string;
  };
  if (!res.ok || !body.access_token)
    throw new ServiceError(
      'INVALID',
      `The token endpoint ${new URL(url).origin} refused the client credentials (Application (client) ID, ` +
        `Directory (tenant) ID, client secret): ` +
        `${body.error ?? `HTTP ${res.status}`} ${(body.error_description ?? '').split(/\r?\n/)[0]!.slice(0, 500)}`.trim(),
      'clientSecret',
    );
  return { accessToken: body.access_token, expiresIn: Number(body.expires_in ?? 0) || 0 };
}

export interface OutgoingOptions {
  ca?: () => string[] | undefined;
  retryMs?: number;
  /** An e-mail server's SMTP OAuth access token (the email-oauth part). */
  oauth?: Pick<EmailOAuth, 'accessToken'>;
  /** The hour window's clock (tests). */
  now?: () => Date;
}

/**
 * The tenant's e-mail server marked "Reporting email server" (SMTP settings present): where the
 * tenant's report and alarm mail goes; the lowest id when several are marked; null: none.
 */
export async function reportingServerOf(db: Kysely<Database>, tenantId: number): Promise<number | null> {
  const r = await db
    .selectFrom('email_server')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('smtp_reporting', '=', 1)
    .where('smtp_host', 'is not', null)
    .orderBy('id')
    .executeTakeFirst();
  return r ? r.id : null;
}

/** The Outgoing e-mail settings, the queue and its sender. */
export function createOutgoing(deps: ServiceDeps, opts: OutgoingOptions = {}) {
  const { data, secrets, log } = deps;
  const k = () => data.require().kysely;
  /** `db`: the caller's transaction when in one (SQLite has one connection: reading outside it would wait for it). */
  const row = async (db: Kysely<Database> = k()): Promise<Row | undefined> =>
    (await db.selectFrom('email_outgoing').selectAll().where('id', '=', 1).executeTakeFirst()) as Row | undefined;

  /** The client secret for exactly these settings' registration, authority and SMTP endpoint (or null). */
  const o365Secret = async (s: OutgoingSettings): Promise<string | null> => {
    if (!s.tenantId || !s.clientId) return null;
    const v = await secrets.get(outgoingSecretKey(s.tenantId, s.clientId, s.authority, smtpOf(s))).catch(() => null);
    if (v || !isDefaultSmtp(s)) return v;
    return secrets.get(legacySecretKey(s.tenantId, s.clientId, s.authority)).catch(() => null);
  };

  /**
   * The queue's Office 365 access token, kept in memory until 60 s before it expires, for the
   * binding (registration, authority, SMTP endpoint) and the secret it was obtained with only.
   */
  let o365Token: { key: string; token: string; until: number } | null = null;
  const o365AccessToken = async (s: OutgoingSettings, secret: string, fresh: boolean) => {
    const key =
      outgoingSecretKey(s.tenantId, s.clientId, s.authority, smtpOf(s)) +
      createHash('sha256').update(secret).digest('hex');
    if (!fresh && o365Token?.key === key && o365Token.until > Date.now() + 60_000) return o365Token.token;
    const t = await clientCredentialsToken(s.authority, s.tenantId, s.clientId, secret);
    o365Token = { key, token: t.accessToken, until: Date.now() + t.expiresIn * 1000 };
    return t.accessToken;
  };

  /** What the sender uses now; null = never configured or disabled. `fresh`: a new token (Test connection). */
  const sendSettings = async (fresh = false): Promise<SmtpSendSettings | null> => {
    const r = await row().catch(() => undefined);
    if (!r || r.configured !== 1 || r.enabled !== 1) return null;
    const s = settingsOf(r);
    const ca = opts.ca?.();
    if (s.protocol === 'office365') {
      const secret = await o365Secret(s);
      if (!secret) return null;
      return {
        host: s.o365SmtpHost,
        port: s.o365SmtpPort,
        tls: o365TlsOf(s.o365SmtpPort),
        user: s.fromAddress,
        password: null,
        from: s.fromAddress,
        ca,
        accessToken: () => o365AccessToken(s, secret, fresh),
        ...viaProxy(s, s.o365SmtpHost, s.o365SmtpPort),
      };
    }
    const password = s.useAuth ? await secrets.get(outgoingPasswordKey(s.host, s.port)).catch(() => null) : null;
    return {
      host: s.host,
      port: s.port,
      tls: outgoingTlsOf(s.port),
      user: s.useAuth ? s.userName : '',
      password,
      from: s.fromAddress,
      ca,
      ...viaProxy(s, s.host, s.port),
    };
  };

  /**
   * A Reporting server's sending settings: its SMTP host, port, SSL and authentication (password
   * from the keychain, bound to that host and port; or its OAuth sign-in), and its rate limit. The
   * From address is Outgoing e-mail's ("the reporting server must accept the outgoing e-mail
   * address"); Outgoing e-mail disabled or never configured → nothing is sent (null).
   */
  const serverSettings = async (serverId: number): Promise<ServerSendSettings | null | 'gone'> => {
    const o = await row().catch(() => undefined);
    if (!o || o.configured !== 1 || o.enabled !== 1) return null;
    const r = await k().selectFrom('email_server').selectAll().where('id', '=', serverId).executeTakeFirst();
    if (!r) return 'gone';
    const srv = serverInputOf(r);
    const smtp = srv.smtp;
    if (!smtp) return 'gone';
    const password =
      smtp.auth === 'password'
        ? await secrets.get(mailSecretKey(serverId, 'smtp', smtp.host, smtp.port, 'password')).catch(() => null)
        : null;
    if (smtp.auth === 'password' && !password) return null;
    const oauth = opts.oauth;
    return {
      settings: {
        host: smtp.host,
        port: smtp.port,
        tls: smtp.useSsl ? 'implicit' : smtp.port === 587 ? 'starttls' : 'opportunistic',
        user: smtp.auth === 'none' ? '' : smtp.userName,
        password,
        from: o.from_address,
        ca: opts.ca?.(),
        ...(smtp.auth === 'oauth' && oauth
          ? {
              accessToken: async () => {
                const t = await oauth.accessToken(serverId, 'smtp', srv);
                if (!t) throw new Error(`${srv.name}: not signed in with OAuth for SMTP.`);
                return t;
              },
            }
          : {}),
      },
      ratePerHour: srv.rateLimitPerHour,
    };
  };

  const queue = new MailQueue({
    serverSettings,
    now: opts.now,
    db: () => {
      try {
        return data.require().kysely;
      } catch {
        return null; // not connected: nothing to send
      }
    },
    settings: () => sendSettings(),
    owner: data.consoleId,
    retryMs: opts.retryMs,
    log,
  });

  /**
   * Generates messages (alarm e-mails, tests): none when the outgoing e-mail was never configured
   * or is disabled ("outgoing emails are not generated"); else they are queued and the sender is kicked.
   */
  /**
   * Queues messages; none when Outgoing e-mail is not configured or disabled. `within`: in that
   * transaction (e.g. an alarm digest with its rule's mark), and the caller kicks the queue after
   * the commit — a pass started now would not see the rows yet.
   */
  const submit = async (mails: QueuedMail[], within?: Kysely<Database>): Promise<number[]> => {
    // Each message goes through the server given (a tenant's Reporting server) or Outgoing e-mail.
    const r = await row(within);
    if (!r || r.configured !== 1 || r.enabled !== 1) return [];
    const ids = await enqueueMail(within ?? k(), mails);
    if (!within) queue.kick();
    return ids;
  };

  const requireHostAdmin = (ctx: CallContext) => {
    if (!identityOf(ctx).hostAdmin)
      throw new ServiceError(
        'FORBIDDEN',
        'Outgoing e-mail serves the whole installation: only a host administrator changes it.',
      );
  };

  const toRow = async (r: Row | undefined): Promise<OutgoingRow> => {
    const s: OutgoingSettings = r
      ? settingsOf(r)
      : {
          enabled: false,
          protocol: 'smtp',
          fromAddress: '',
          host: '',
          port: 25,
          useAuth: false,
          userName: '',
          clientId: '',
          tenantId: '',
          authority: O365_DEFAULT_AUTHORITY,
          o365SmtpHost: O365_DEFAULT_SMTP.host,
          o365SmtpPort: O365_DEFAULT_SMTP.port,
          // New settings use the installation's proxy (saved before 032: 'none', as they went direct).
          proxy: 'system',
        };
    return {
      version: r?.version ?? 0,
      settings: s,
      configured: r?.configured === 1,
      passwordSet: s.host ? await secrets.has(outgoingPasswordKey(s.host, s.port)).catch(() => false) : false,
      clientSecretSet: (await o365Secret(s)) !== null,
      updatedBy: r?.updated_by ?? null,
      updatedAt: r?.updated_at ?? null,
    };
  };

  /** Whether this console holds the sender lease now. */
  const isSender = async (): Promise<boolean> => {
    try {
      const r = await row();
      return !!r && r.worker_owner === data.consoleId && (r.worker_until ?? '') > new Date().toISOString();
    } catch {
      return false;
    }
  };

  const methods: Pick<
    ServiceImpl<typeof Contract>,
    'getOutgoing' | 'saveOutgoing' | 'testOutgoing' | 'listQueue' | 'retryQueue' | 'discardQueued'
  > = {
    async getOutgoing() {
      return toRow(await row());
    },

    async saveOutgoing(
      args: {
        expectedVersion: number;
        settings: OutgoingSettings;
        password?: { password: string; confirm: string };
        clientSecret?: string;
      },
      ctx: CallContext,
    ) {
      requireHostAdmin(ctx);
      const { expectedVersion, settings: s, password, clientSecret } = args;
      if (password !== undefined || clientSecret !== undefined) {
        const ok = await secrets.available();
        if (!ok.ok)
          throw new ServiceError(
            'UNAVAILABLE',
            `The OS keychain is not available, so the secret cannot be stored (nothing was saved): ${ok.reason}`,
            password !== undefined ? 'password.password' : 'clientSecret',
          );
      }
      if (password !== undefined && !(s.protocol === 'smtp' && s.useAuth))
        throw new ServiceError('INVALID', 'A password is only for SMTP with authentication.', 'password.password');
      if (clientSecret !== undefined && s.protocol !== 'office365')
        throw new ServiceError('INVALID', 'A client secret is only for Office 365.', 'clientSecret');
      const before = await row();
      // Office 365 enabled: the secret must be there for exactly this authority and SMTP endpoint.
      // One entered for another authority or SMTP server is not carried over (it would get a token
      // sent to a host it was not entered for): changing either means entering the secret again.
      if (s.protocol === 'office365' && s.enabled && clientSecret === undefined && !(await o365Secret(s)))
        throw new ServiceError(
          'INVALID',
          'Client secret: enter it again — it is kept only for the authority and the SMTP server it was entered ' +
            `for, and none is stored for ${authorityOrigin(s.authority)} with ${s.o365SmtpHost}:${s.o365SmtpPort}.`,
          'clientSecret',
        );
      const cols = {
        enabled: s.enabled ? 1 : 0,
        protocol: s.protocol,
        from_address: s.fromAddress,
        host: s.host,
        port: s.port,
        use_auth: s.useAuth ? 1 : 0,
        user_name: s.userName,
        o365_client_id: s.clientId,
        o365_tenant_id: s.tenantId,
        o365_authority: s.authority,
        o365_smtp_host: s.o365SmtpHost,
        o365_smtp_port: s.o365SmtpPort,
        smtp_proxy: s.proxy,
        configured: s.protocol === 'office365' ? (s.tenantId ? 1 : 0) : s.host ? 1 : 0,
      };
      await transact(data.require(), actorOf(ctx), data, async (w) => {
        if (!before) {
          if (expectedVersion !== 0)
            throw staleVersionError(
              `The version you supplied [${expectedVersion}] does not match: the settings were never saved.`,
              { expectedVersion, version: 0 },
            );
          await w.tx
            .insertInto('email_outgoing')
            .values({
              id: 1,
              ...cols,
              worker_owner: null,
              worker_until: null,
              updated_at: w.now,
              updated_by: w.actor.logonId,
            })
            .execute();
        } else {
          await updateVersioned(w, 'email_outgoing', { column: 'id', value: 1 }, expectedVersion, cols);
        }
        w.audit({
          tenantId: null,
          action: before ? 'update' : 'create',
          objectType: 'email-outgoing',
          objectId: '1',
          objectName: 'Outgoing e-mail',
          before: before ? settingsOf(before) : undefined,
          after: { ...s, passwordChanged: password !== undefined, clientSecretChanged: clientSecret !== undefined },
        });
        w.changed('email_outgoing', null, 1);
      });
      if (before) {
        const b = settingsOf(before);
        if (b.host.toLowerCase() !== s.host.toLowerCase() || b.port !== s.port || !s.useAuth)
          await secrets.clear(outgoingPasswordKey(b.host, b.port)).catch(() => {});
      }
      if (password !== undefined) await secrets.set(outgoingPasswordKey(s.host, s.port), password.password);
      if (clientSecret !== undefined)
        await secrets.set(outgoingSecretKey(s.tenantId, s.clientId, s.authority, smtpOf(s)), clientSecret);
      else if (s.protocol === 'office365' && isDefaultSmtp(s)) {
        // A pre-026 entry (default endpoint only): moved to the key that names the endpoint.
        const legacy = await secrets.get(legacySecretKey(s.tenantId, s.clientId, s.authority)).catch(() => null);
        if (legacy) {
          await secrets.set(outgoingSecretKey(s.tenantId, s.clientId, s.authority, smtpOf(s)), legacy);
          await secrets.clear(legacySecretKey(s.tenantId, s.clientId, s.authority)).catch(() => {});
        }
      }
      if (before && before.protocol === 'office365') {
        // The old binding's secret is dropped when the registration, authority or endpoint changed.
        const b = settingsOf(before);
        const oldKey = outgoingSecretKey(b.tenantId, b.clientId, b.authority, smtpOf(b));
        if (b.tenantId && b.clientId && oldKey !== outgoingSecretKey(s.tenantId, s.clientId, s.authority, smtpOf(s)))
          await secrets.clear(oldKey).catch(() => {});
      }
      queue.kick();
      return toRow(await row());
    },

    /** Sends one message now (direct: says what the server answered) or puts it into the queue. */
    async testOutgoing({ to, via }: { to: string; via: 'direct' | 'queue' }, ctx: CallContext) {
      requireHostAdmin(ctx);
      if (via === 'queue') {
        const ids = await submit([
          {
            to: [to],
            subject: 'Contact Center Console: queued test message',
            text: 'This message went through the Contact Center Console’s outgoing-mail queue.',
            origin: 'test',
          },
        ]);
        if (ids.length === 0)
          return {
            ok: false,
            queued: false,
            messageId: null,
            response: 'Outgoing e-mail is not configured and enabled: no message was generated.',
          };
        const r = await k().selectFrom('email_queue').select('message_id').where('id', '=', ids[0]!).executeTakeFirst();
        return {
          ok: true,
          queued: true,
          messageId: r?.message_id ?? null,
          response: 'Queued: the queue sends it now (and retries every 30 s while the server cannot be reached).',
        };
      }
      const s = await sendSettings(true);
      if (!s)
        throw new ServiceError(
          'INVALID',
          'Outgoing e-mail is not enabled and configured: save the settings first.',
          'to',
        );
      const messageId = newMessageId();
      const t = nodemailer.createTransport(smtpTransportOptions(s, s.accessToken ? await s.accessToken() : undefined));
      try {
        const info = await t.sendMail({
          messageId,
          from: s.from,
          to,
          subject: 'Contact Center Console: test message',
          text: 'This message was sent by the Contact Center Console to test the outgoing e-mail settings.',
        });
        return { ok: true, queued: false, messageId, response: String(info.response ?? '') };
      } catch (err) {
        const e = err as { code?: string; command?: string; response?: string; message?: string };
        const said = (e.response ?? e.message ?? String(err)).slice(0, 500);
        // Name what failed: the SMTP server refusing the login (535) — the token endpoint's refusal is thrown above.
        const refused = s.accessToken ? 'access token' : 'user name and password';
        const what =
          e.code === 'EAUTH'
            ? `The SMTP server ${s.host}:${s.port} refused the ${refused} (${e.command ?? 'AUTH'}): `
            : '';
        return { ok: false, queued: false, messageId, response: (what + said).slice(0, 500) };
      } finally {
        t.close();
      }
    },

    async listQueue() {
      const rows = await k().selectFrom('email_queue').selectAll().orderBy('id').limit(500).execute();
      const total = await k()
        .selectFrom('email_queue')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return { rows: rows.map(toQueueRow), total: Number(total.n) };
    },

    async retryQueue({ id }: { id?: number }, ctx: CallContext) {
      requireHostAdmin(ctx);
      const now = new Date().toISOString();
      let q = k().updateTable('email_queue').set({ state: 'queued', next_attempt_at: now, wait_reason: null });
      if (id !== undefined) q = q.where('id', '=', id);
      const res = await q.executeTakeFirst();
      queue.kick();
      return { count: Number(res.numUpdatedRows) };
    },

    async discardQueued({ id }: { id: number }, ctx: CallContext) {
      requireHostAdmin(ctx);
      const r = await k().selectFrom('email_queue').selectAll().where('id', '=', id).executeTakeFirst();
      if (!r)
        throw new ServiceError('NOT_FOUND', `Queued message ${id} is no longer in the queue (it was sent).`, 'id');
      await transact(data.require(), actorOf(ctx), data, async (w) => {
        await w.tx.deleteFrom('email_queue').where('id', '=', id).execute();
        w.audit({
          tenantId: null,
          action: 'discard',
          objectType: 'email-queue',
          objectId: String(id),
          objectName: r.subject,
          before: { messageId: r.message_id, to: JSON.parse(r.to_addrs) as string[], attempts: r.attempts },
        });
        w.changed('email_queue', null, id);
      });
      return { ok: true };
    },
  };

  return { methods, queue, submit, isSender, reportingServer: (tenantId: number) => reportingServerOf(k(), tenantId) };
}
