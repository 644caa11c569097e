import { createHash } from 'node:crypto';
import {
  type EmailServerInput,
  type OAuthApp,
  type OAuthStatus,
  type emailService as Contract,
} from '../../contract/services/email';
import { outboundFetch } from '../../connectors/http/outbound';
import { transact } from '../../connectors/db/unitOfWork';
import { ServiceError } from '../../ipc/errors';
import type { ServiceImpl } from '../../ipc/router';
import type { ServiceDeps } from '../deps';
import { actorOf, identityOf } from '../scope';
import { exchangeResourceFor } from './exchange';
import type { MailProtocol } from './keys';

/**
 * OAuth 2.0 for the e-mail servers (Microsoft 365): the device authorization grant (RFC 8628)
 * against `<authority>/<tenant>/oauth2/v2.0/devicecode` and `/token`, polled in main at the
 * interval the server gives (slow_down adds 5 s), cancellable. The refresh token goes to the
 * keychain under a key bound to the authority's origin, the tenant and the client (and the server
 * and protocol): after any of them changes, the stored token is not found, so it is never sent to
 * another token endpoint — a new consent (Get Code) is needed. Access tokens live in memory only
 * and are refreshed before use. Tokens are never logged, audited, put in an error or sent to the
 * renderer; the progress event carries the state only.
 */

export const DEFAULT_AUTHORITY = 'https://login.microsoftonline.com';
/**
 * The delegated permissions a protocol asks for (offline_access: a refresh token), on the Exchange
 * of the authority's national cloud (exchange.ts).
 */
export function oauthScopes(p: MailProtocol, authority: string): string {
  const outlook = exchangeResourceFor(authority).delegatedResource;
  return p === 'imap'
    ? `offline_access email ${outlook}/IMAP.AccessAsUser.All`
    : `offline_access email ${outlook}/SMTP.Send`;
}
/** An access token is refreshed when it has less than this left. */
const REFRESH_MARGIN_MS = 60_000;
const REQUEST_TIMEOUT_MS = 30_000;

const authorityOf = (app: OAuthApp) => (app.authority || DEFAULT_AUTHORITY).replace(/\/+$/, '');
const originOf = (authority: string) => {
  try {
    return new URL(authority).origin.toLowerCase();
  } catch {
    return authority.trim().toLowerCase();
  }
};

/**
 * The keychain entry of a server's refresh token: bound to the authority origin, the tenant and
 * the client it was issued by/for (hashed: the three together may exceed the keychain's key length).
 */
export function oauthRefreshKey(serverId: number, protocol: MailProtocol, app: OAuthApp): string {
  const binding = [originOf(authorityOf(app)), app.tenantId.trim().toLowerCase(), app.clientId.trim().toLowerCase()];
  const h = createHash('sha256').update(binding.join('\n')).digest('hex').slice(0, 40);
  return `email-oauth:${serverId}:${protocol}:${h}:refresh`;
}

/** The app registration a protocol signs in with, or null when that protocol does not use OAuth. */
export function oauthAppOf(s: EmailServerInput, p: MailProtocol): OAuthApp | null {
  const section = p === 'imap' ? s.imap : s.smtp;
  return section?.auth === 'oauth' && s.oauth ? s.oauth : null;
}

const endpoint = (app: OAuthApp, which: 'devicecode' | 'token') =>
  `${authorityOf(app)}/${encodeURIComponent(app.tenantId.trim())}/oauth2/v2.0/${which}`;

interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
}

async function post(url: string, form: Record<string, string>): Promise<TokenAnswer> {
  const res = await outboundFetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(form).toString(),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
  } catch {
    body = { error: `http_${res.status}`, error_description: `HTTP ${res.status} from ${new URL(url).host}` };
  }
  return { status: res.status, body };
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
/** The identity platform's own words (AADSTS…), one line, bounded; never a token. */
const describe = (b: Record<string, unknown>) =>
  (str(b.error_description) || str(b.error) || 'unknown error').split(/\r?\n/)[0]!.slice(0, 500);
const networkText = (err: unknown) => {
  const e = err as { message?: string; cause?: { code?: string; message?: string } };
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
};

/** A stored sign-in the identity platform no longer accepts (or cannot be reached for). */
export class OAuthRefreshError extends Error {}

interface Flow {
  tenantId: number;
  status: OAuthStatus;
  timer: ReturnType<typeof setTimeout> | null;
  cancelled: boolean;
}

export interface EmailOAuth {
  methods: Pick<ServiceImpl<typeof Contract>, 'oauthStart' | 'oauthStatus' | 'oauthCancel' | 'oauthForget'>;
  /**
   * A valid access token for the server's protocol (refreshed with the stored refresh token when
   * it has less than a minute left); null when no refresh token is stored for the server's current
   * authority, tenant and client. Throws OAuthRefreshError when the refresh is refused.
   */
  accessToken(serverId: number, protocol: MailProtocol, s: EmailServerInput): Promise<string | null>;
  /** The keychain entries a server's settings point at (for clean-up on save and delete). */
  entriesOf(serverId: number, s: EmailServerInput): string[];
  /** Drops the in-memory access tokens and running sign-ins of a server (after a delete or a change). */
  drop(serverId: number): void;
  stop(): void;
}

export function createEmailOAuth(deps: ServiceDeps): EmailOAuth {
  const { data, secrets, bus, log } = deps;
  const k = () => data.require().kysely;
  const flows = new Map<string, Flow>();
  const tokens = new Map<string, { accessToken: string; expiresAt: number }>();
  const refreshing = new Map<string, Promise<string | null>>();
  const flowKey = (tenantId: number, id: number, p: MailProtocol) => `${tenantId}:${id}:${p}`;

  const loadServer = async (tenantId: number, id: number) => {
    const r = await k()
      .selectFrom('email_server')
      .selectAll()
      .where('id', '=', id)
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    if (!r)
      throw new ServiceError(
        'NOT_FOUND',
        `E-mail server ${id} does not exist in this tenant (another console may have deleted it).`,
        'id',
      );
    return r;
  };
  const appOfRow = (
    r: Awaited<ReturnType<typeof loadServer>>,
    p: MailProtocol,
  ): { app: OAuthApp | null; user: string; name: string } => {
    const auth = p === 'imap' ? r.imap_auth : r.smtp_auth;
    const host = p === 'imap' ? r.imap_host : r.smtp_host;
    const app =
      host !== null && auth === 'oauth' && r.oauth_tenant && r.oauth_client
        ? { tenantId: r.oauth_tenant, clientId: r.oauth_client, authority: r.oauth_authority ?? DEFAULT_AUTHORITY }
        : null;
    return { app, user: p === 'imap' ? r.imap_user : r.smtp_user, name: r.name };
  };
  const tokenSet = async (id: number, p: MailProtocol, app: OAuthApp | null) =>
    app ? secrets.has(oauthRefreshKey(id, p, app)).catch(() => false) : false;

  const idle = async (id: number, p: MailProtocol, app: OAuthApp | null): Promise<OAuthStatus> => ({
    serverId: id,
    protocol: p,
    state: 'NONE',
    userCode: null,
    verificationUri: null,
    expiresAt: null,
    message: null,
    tokenSet: await tokenSet(id, p, app),
  });

  const publish = (f: Flow) =>
    bus.emit('email.oauthProgress', {
      tenantId: f.tenantId,
      serverId: f.status.serverId,
      protocol: f.status.protocol,
      state: f.status.state,
    });

  const finish = (f: Flow, patch: Partial<OAuthStatus>) => {
    if (f.timer) clearTimeout(f.timer);
    f.timer = null;
    f.status = { ...f.status, userCode: null, ...patch };
    log.info('e-mail OAuth sign-in', {
      serverId: f.status.serverId,
      protocol: f.status.protocol,
      state: f.status.state,
    });
    publish(f);
  };

  const audit = async (
    actor: ReturnType<typeof actorOf>,
    tenantId: number,
    id: number,
    name: string,
    p: MailProtocol,
    what: 'oauth-consent' | 'oauth-forget',
  ) => {
    await transact(data.require(), actor, data, async (w) => {
      w.audit({
        tenantId,
        action: what,
        objectType: 'email-server',
        objectId: String(id),
        objectName: name,
        // What happened, never a token.
        after: { protocol: p, refreshToken: what === 'oauth-consent' ? 'stored' : 'removed' },
      });
      w.changed('email_server', tenantId, id);
    });
  };

  async function storeTokens(
    key: string,
    body: Record<string, unknown>,
  ): Promise<{ ok: true; accessToken: string } | { ok: false; message: string }> {
    const access = str(body.access_token);
    const refresh = str(body.refresh_token);
    if (!access) return { ok: false, message: 'The identity platform answered without an access token.' };
    const expiresIn = Number(body.expires_in);
    tokens.set(key, {
      accessToken: access,
      expiresAt: Date.now() + (Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600) * 1000,
    });
    if (refresh) await secrets.set(key, refresh);
    return { ok: true, accessToken: access };
  }

  const poll = async (f: Flow, app: OAuthApp, deviceCode: string, interval: number, ctx: PollCtx) => {
    f.timer = null;
    if (f.cancelled) return;
    if (Date.now() >= Date.parse(f.status.expiresAt!)) {
      finish(f, { state: 'EXPIRED', message: 'The code expired before anyone signed in. Get a new code.' });
      return;
    }
    let answer: TokenAnswer;
    try {
      answer = await post(endpoint(app, 'token'), {
        grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
        client_id: app.clientId,
        device_code: deviceCode,
      });
    } catch (err) {
      if (f.cancelled) return;
      finish(f, {
        state: 'ERROR',
        message: `The token endpoint ${new URL(endpoint(app, 'token')).host} could not be reached: ${networkText(err)}`,
      });
      return;
    }
    if (f.cancelled) return;
    const error = str(answer.body.error);
    let next = interval;
    if (answer.status === 200 && !error) {
      if (!str(answer.body.refresh_token)) {
        finish(f, {
          state: 'ERROR',
          message: 'The sign-in gave no refresh token: the app registration needs the offline_access permission.',
        });
        return;
      }
      const key = oauthRefreshKey(f.status.serverId, f.status.protocol, app);
      try {
        const stored = await storeTokens(key, answer.body);
        if (!stored.ok) {
          finish(f, { state: 'ERROR', message: stored.message });
          return;
        }
      } catch (err) {
        finish(f, {
          state: 'ERROR',
          message: `The OS keychain refused the sign-in: ${err instanceof Error ? err.message : String(err)}`,
        });
        return;
      }
      await audit(ctx.actor, f.tenantId, f.status.serverId, ctx.name, f.status.protocol, 'oauth-consent').catch(
        (err: unknown) => log.warn('e-mail OAuth audit failed', { error: String(err) }),
      );
      finish(f, { state: 'COMPLETE', message: null, tokenSet: true, verificationUri: null });
      return;
    }
    if (error === 'authorization_pending') {
      // Still waiting for the user.
    } else if (error === 'slow_down') {
      next = interval + 5; // RFC 8628 §3.5: this and all later requests.
    } else if (error === 'expired_token' || error === 'code_expired') {
      finish(f, { state: 'EXPIRED', message: describe(answer.body) });
      return;
    } else if (error === 'access_denied' || error === 'authorization_declined') {
      finish(f, { state: 'DECLINED', message: describe(answer.body) });
      return;
    } else {
      finish(f, { state: 'ERROR', message: describe(answer.body) });
      return;
    }
    f.timer = setTimeout(() => void poll(f, app, deviceCode, next, ctx), next * 1000);
  };
  interface PollCtx {
    actor: ReturnType<typeof actorOf>;
    name: string;
  }

  const cancel = (key: string) => {
    const f = flows.get(key);
    if (!f) return;
    f.cancelled = true;
    if (f.timer) clearTimeout(f.timer);
    f.timer = null;
  };

  const refreshNow = async (key: string, app: OAuthApp, p: MailProtocol): Promise<string | null> => {
    const refresh = await secrets.get(key);
    if (refresh === null) return null;
    let answer: TokenAnswer;
    try {
      answer = await post(endpoint(app, 'token'), {
        grant_type: 'refresh_token',
        client_id: app.clientId,
        refresh_token: refresh,
        scope: oauthScopes(p, authorityOf(app)),
      });
    } catch (err) {
      throw new OAuthRefreshError(
        `The token endpoint ${new URL(endpoint(app, 'token')).host} could not be reached: ${networkText(err)}`,
      );
    }
    if (answer.status !== 200 || str(answer.body.error))
      throw new OAuthRefreshError(
        `The identity platform refused the stored sign-in (${describe(answer.body)}); use Get Code to sign in again.`,
      );
    const stored = await storeTokens(key, answer.body);
    if (!stored.ok) throw new OAuthRefreshError(stored.message);
    return stored.accessToken;
  };

  return {
    methods: {
      async oauthStart({ id, protocol }, ctx) {
        const tenantId = identityOf(ctx).tenantId;
        const r = await loadServer(tenantId, id);
        const { app, name } = appOfRow(r, protocol);
        if (!app)
          throw new ServiceError(
            'INVALID',
            `${r.name} does not use OAuth for ${protocol === 'imap' ? 'IMAP' : 'SMTP'}: choose OAuth as its ` +
              `Authentication, enter the app registration and save first.`,
            'protocol',
            { rule: 'needs_oauth' },
          );
        const key = flowKey(tenantId, id, protocol);
        cancel(key);
        let answer: TokenAnswer;
        try {
          answer = await post(endpoint(app, 'devicecode'), {
            client_id: app.clientId,
            scope: oauthScopes(protocol, authorityOf(app)),
          });
        } catch (err) {
          throw new ServiceError(
            'UNAVAILABLE',
            `The identity platform ${new URL(endpoint(app, 'devicecode')).host} could not be reached: ` +
              networkText(err),
            'server.oauth.authority',
          );
        }
        const b = answer.body;
        const verificationUri = str(b.verification_uri);
        const f: Flow = {
          tenantId,
          cancelled: false,
          timer: null,
          status: {
            serverId: id,
            protocol,
            state: 'PENDING',
            userCode: str(b.user_code) || null,
            verificationUri: /^https?:\/\/[^\s<>"]{1,500}$/.test(verificationUri) ? verificationUri : null,
            expiresAt: new Date(
              Date.now() + (Number(b.expires_in) > 0 ? Number(b.expires_in) : 900) * 1000,
            ).toISOString(),
            message: null,
            tokenSet: await tokenSet(id, protocol, app),
          },
        };
        flows.set(key, f);
        if (answer.status !== 200 || str(b.error) || !str(b.device_code) || !f.status.userCode) {
          finish(f, { state: 'ERROR', message: describe(b), verificationUri: null, expiresAt: null });
          return f.status;
        }
        const interval = Number(b.interval) >= 1 ? Math.min(Number(b.interval), 60) : 5;
        const pctx: PollCtx = { actor: actorOf(ctx), name };
        f.timer = setTimeout(() => void poll(f, app, str(b.device_code), interval, pctx), interval * 1000);
        log.info('e-mail OAuth sign-in', { serverId: id, protocol, state: 'PENDING' });
        publish(f);
        return f.status;
      },

      async oauthStatus({ id, protocol }, ctx) {
        const tenantId = identityOf(ctx).tenantId;
        const r = await loadServer(tenantId, id);
        const { app } = appOfRow(r, protocol);
        const f = flows.get(flowKey(tenantId, id, protocol));
        if (!f) return idle(id, protocol, app);
        return { ...f.status, tokenSet: await tokenSet(id, protocol, app) };
      },

      async oauthCancel({ id, protocol }, ctx) {
        const tenantId = identityOf(ctx).tenantId;
        const r = await loadServer(tenantId, id);
        const { app } = appOfRow(r, protocol);
        const key = flowKey(tenantId, id, protocol);
        const f = flows.get(key);
        if (f && f.status.state === 'PENDING') {
          cancel(key);
          finish(f, { state: 'CANCELLED', message: null, verificationUri: null });
        }
        return f ? { ...f.status, tokenSet: await tokenSet(id, protocol, app) } : idle(id, protocol, app);
      },

      async oauthForget({ id, protocol }, ctx) {
        const tenantId = identityOf(ctx).tenantId;
        const r = await loadServer(tenantId, id);
        const { app, name } = appOfRow(r, protocol);
        const key = flowKey(tenantId, id, protocol);
        cancel(key);
        flows.delete(key);
        // Every token of this server and protocol: the current binding's, and the in-memory ones.
        if (app) {
          const secretKey = oauthRefreshKey(id, protocol, app);
          tokens.delete(secretKey);
          await secrets.clear(secretKey);
        }
        for (const t of [...tokens.keys()]) if (t.startsWith(`email-oauth:${id}:${protocol}:`)) tokens.delete(t);
        await audit(actorOf(ctx), tenantId, id, name, protocol, 'oauth-forget');
        return idle(id, protocol, app);
      },
    },

    async accessToken(serverId, protocol, s) {
      const app = oauthAppOf(s, protocol);
      if (!app) return null;
      const key = oauthRefreshKey(serverId, protocol, app);
      const cached = tokens.get(key);
      if (cached && cached.expiresAt - REFRESH_MARGIN_MS > Date.now()) return cached.accessToken;
      const running = refreshing.get(key);
      if (running) return running;
      const p = refreshNow(key, app, protocol).finally(() => refreshing.delete(key));
      refreshing.set(key, p);
      return p;
    },

    entriesOf(serverId, s) {
      const out: string[] = [];
      for (const p of ['imap', 'smtp'] as const) {
        const app = oauthAppOf(s, p);
        if (app) out.push(oauthRefreshKey(serverId, p, app));
      }
      return out;
    },

    drop(serverId) {
      for (const [key, f] of flows)
        if (f.status.serverId === serverId) {
          cancel(key);
          flows.delete(key);
        }
      for (const t of [...tokens.keys()]) if (t.startsWith(`email-oauth:${serverId}:`)) tokens.delete(t);
    },

    stop() {
      for (const key of flows.keys()) cancel(key);
      flows.clear();
      tokens.clear();
    },
  };
}
