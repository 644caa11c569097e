import type { Kysely, Selectable } from 'kysely';
import nodemailer from 'nodemailer';
import {
  O365_DEFAULT_AUTHORITY,
  outgoingTlsOf,
  type OutgoingRow,
  type OutgoingSettings,
  type QueueRow,
  type emailService as Contract,
} from '../../contract/services/email';
import { outboundFetch } from '../../connectors/http/outbound';
import type { Database } from '../../connectors/db/schema';
import { transact, updateVersioned } from '../../connectors/db/unitOfWork';
import { ServiceError, staleVersionError } from '../../ipc/errors';
import type { CallContext, ServiceImpl } from '../../ipc/router';
import type { ServiceDeps } from '../deps';
import { actorOf, identityOf } from '../scope';
import {
  enqueueMail,
  MailQueue,
  newMessageId,
  type QueuedMail,
  type ServerSendSettings,
  type SmtpSendSettings,
} from './queue';
import { serverInputOf } from './emailService';
import { mailSecretKey } from './keys';
import type { EmailOAuth } from './oauth';

type Row = Selectable<Database['email_outgoing']>;

/** Keychain entries of the outgoing settings, bound to the server (SMTP) or the app registration (Office 365). */
export const outgoingPasswordKey = (host: string, port: number) =>
  `email-outgoing:smtp:${host.trim().toLowerCase()}:${port}:password`;
/** Bound to the authority too: a client secret stored for one token endpoint is never sent to another. */
export const outgoingSecretKey = (tenantId: string, clientId: string, authority: string) =>
  `email-outgoing:o365:${tenantId.trim().toLowerCase()}:${clientId.trim().toLowerCase()}:` +
  `${authorityOrigin(authority)}:secret`;
const authorityOrigin = (authority: string) => {
  try {
    return new URL(authority).origin.toLowerCase();
  } catch {
    return authority.trim().toLowerCase();
  }
};

export const O365_SMTP = { host: 'smtp.office365.com', port: 587 };

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
});

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
): Promise<string> {
  const url = `${authority.replace(/\/+$/, '')}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`;
  const res = await outboundFetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: secret,
      scope: 'https://outlook.office365.com/.default',
    }).toString(),
  });
  const body = (await res.json().catch(() => ({}))) as {
    access_token?: string;
    error?: string;
    error_description?: string;
  };
  if (!res.ok || !body.access_token)
    throw new ServiceError(
      'INVALID',
      'The token endpoint refused the client credentials: ' +
        `${body.error ?? res.status} ${body.error_description ?? ''}`.trim(),
      'clientSecret',
    );
  return body.access_token;
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
  const row = async (): Promise<Row | undefined> =>
    (await k().selectFrom('email_outgoing').selectAll().where('id', '=', 1).executeTakeFirst()) as Row | undefined;

  /** What the sender uses now; null = never configured or disabled. */
  const sendSettings = async (): Promise<SmtpSendSettings | null> => {
    const r = await row().catch(() => undefined);
    if (!r || r.configured !== 1 || r.enabled !== 1) return null;
    const s = settingsOf(r);
    const ca = opts.ca?.();
    if (s.protocol === 'office365') {
      const secret = await secrets.get(outgoingSecretKey(s.tenantId, s.clientId, s.authority)).catch(() => null);
      if (!secret) return null;
      return {
        host: O365_SMTP.host,
        port: O365_SMTP.port,
        tls: 'starttls',
        user: s.fromAddress,
        password: null,
        from: s.fromAddress,
        ca,
        accessToken: () => clientCredentialsToken(s.authority, s.tenantId, s.clientId, secret),
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
    settings: sendSettings,
    owner: data.consoleId,
    retryMs: opts.retryMs,
    log,
  });

  /**
   * Generates messages (alarm e-mails, tests): none when the outgoing e-mail was never configured
   * or is disabled ("outgoing emails are not generated"); else they are queued and the sender is kicked.
   */
  const submit = async (mails: QueuedMail[]): Promise<number[]> => {
    // Each message goes through the server given (a tenant's Reporting server) or Outgoing e-mail.
    const r = await row();
    if (!r || r.configured !== 1 || r.enabled !== 1) return [];
    const ids = await enqueueMail(k(), mails);
    queue.kick();
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
        };
    return {
      version: r?.version ?? 0,
      settings: s,
      configured: r?.configured === 1,
      passwordSet: s.host ? await secrets.has(outgoingPasswordKey(s.host, s.port)).catch(() => false) : false,
      clientSecretSet:
        s.tenantId && s.clientId
          ? await secrets.has(outgoingSecretKey(s.tenantId, s.clientId, s.authority)).catch(() => false)
          : false,
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
        await secrets.set(outgoingSecretKey(s.tenantId, s.clientId, s.authority), clientSecret);
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
      const s = await sendSettings();
      if (!s)
        throw new ServiceError(
          'INVALID',
          'Outgoing e-mail is not enabled and configured: save the settings first.',
          'to',
        );
      const messageId = newMessageId();
      const t = nodemailer.createTransport({
        host: s.host,
        port: s.port,
        secure: s.tls === 'implicit',
        requireTLS: s.tls === 'starttls',
        auth: s.accessToken
          ? { type: 'OAuth2', user: s.user, accessToken: await s.accessToken() }
          : s.user
            ? { user: s.user, pass: s.password ?? '' }
            : undefined,
        tls: { ca: s.ca, minVersion: 'TLSv1.2' },
        connectionTimeout: 15_000,
        greetingTimeout: 15_000,
      });
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
        const e = err as { response?: string; message?: string };
        return {
          ok: false,
          queued: false,
          messageId,
          response: (e.response ?? e.message ?? String(err)).slice(0, 500),
        };
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
