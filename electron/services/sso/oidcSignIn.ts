import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type * as oidc from 'openid-client';
import type { SsoFlow, SsoSignInState, TenantRef } from '../../contract';
import { identityCandidates } from '../../domain/sso';
import { identityKey } from '../../domain/users/logonKey';
import { ServiceError } from '../../ipc/errors';
import type { SsoSignInHook } from '../auth';
import type { ServiceDeps } from '../deps';
import { listTenants } from '../tenants';
import { describe, discoverConfig, openidClient } from './discovery';

/** How long the IdP page may stay open before the flow is abandoned. */
const FLOW_TIMEOUT_MS = 5 * 60_000;

interface Flow {
  status: SsoFlow;
  tenant: TenantRef;
  config: oidc.Configuration;
  state: string;
  nonce: string;
  verifier: string;
  servers: Server[];
  timer: NodeJS.Timeout;
  /** Desktop: closes the internal window main opened (no-op for the system browser). */
  closeWindow?: () => void;
  /** needs-more: the matched user, waiting for the rest of the logon form. */
  matched?: { userId: number; logonId: string; matchedBy: string; value: string };
}

const CLOSE_SCRIPT = 'window.close()';
const CLOSE_HASH = createHash('sha256').update(CLOSE_SCRIPT).digest('base64');

/**
 * The console's own sign-in through the tenant's External Identity Provider (seed 001,
 * SINGLE SIGN-ON PROCESS) — OAuth 2.0 for native apps (RFC 8252):
 * authorization code + PKCE (S256) + state + nonce; the redirect is a loopback listener
 * main opens on 127.0.0.1 (and ::1) on a random port, registered at the IdP as
 * http://localhost (RFC 8252 §7.3: the port may vary). The IdP's page opens in the
 * system browser (desktop) or a pop-up (browser mode); main alone sees the code, the
 * tokens and the claims — the renderer only learns the outcome from auth.status.
 */
export class OidcSignIn implements SsoSignInHook {
  private flow: Flow | null = null;
  private cache: Array<{ tenantId: number; name: string }> = [];

  constructor(private readonly deps: ServiceDeps) {}

  private async providers(): Promise<Array<{ tenantId: number; name: string }>> {
    if (this.deps.data.status().state !== 'connected') return (this.cache = []);
    const rows = await this.deps.data
      .require()
      .kysely.selectFrom('sso_config')
      .select(['tenant_id', 'idp_name'])
      .where('enabled', '=', 1)
      .where('idp_name', 'is not', null)
      .where('entity_id', 'is not', null)
      .where('metadata_location', 'is not', null)
      .orderBy('tenant_id')
      .execute();
    this.cache = rows.map((r) => ({ tenantId: r.tenant_id, name: r.idp_name! }));
    return this.cache;
  }

  configured(tenantId: number | undefined): boolean {
    if (tenantId !== undefined) return this.cache.some((p) => p.tenantId === tenantId);
    return this.cache.length > 0;
  }

  async state(forcedStandard: boolean, desktop: boolean): Promise<SsoSignInState> {
    return {
      providers: await this.providers(),
      forcedStandard,
      window: !desktop ? 'popup' : this.lastWindow,
      flow: this.flow?.status ?? null,
    };
  }

  /** Desktop: how the last flow opened the IdP page (the tenant's option). */
  private lastWindow: 'internal' | 'external' = 'internal';

  async begin(tenantId: number | undefined): Promise<void> {
    const db = this.deps.data.require();
    const tenants = await listTenants(db.kysely);
    const providers = await this.providers();
    const id =
      tenantId ?? (providers.length === 1 ? providers[0]!.tenantId : tenants.length === 1 ? tenants[0]!.id : undefined);
    if (id === undefined) throw new ServiceError('INVALID', 'Choose the tenant to sign in to.', 'tenantId');
    const tenant = tenants.find((t) => t.id === id);
    if (!tenant) throw new ServiceError('INVALID', `Tenant ${id} does not exist.`, 'tenantId');
    const cfg = await db.kysely.selectFrom('sso_config').selectAll().where('tenant_id', '=', id).executeTakeFirst();
    if (!cfg || cfg.enabled !== 1 || !cfg.entity_id || !cfg.metadata_location)
      throw new ServiceError(
        'INVALID',
        `Tenant ${tenant.name} has no External Identity Provider; sign in with Logon ID and password.`,
        'tenantId',
      );
    this.cancel();

    let config: oidc.Configuration;
    try {
      config = await discoverConfig(cfg.metadata_location, cfg.entity_id);
    } catch (err) {
      throw new ServiceError('UNAVAILABLE', `${cfg.idp_name} cannot be reached: ${describe(err)}`);
    }
    const servers = await this.listen();
    const port = (servers[0]!.address() as AddressInfo).port;
    const redirectUri = `http://localhost:${port}/`;
    const client = openidClient();
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid profile email',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const idpName = cfg.idp_name ?? 'the identity provider';
    const timer = setTimeout(
      () => this.fail(`The sign-in at ${idpName} was not completed within ${FLOW_TIMEOUT_MS / 60_000} minutes.`),
      FLOW_TIMEOUT_MS,
    );
    timer.unref();
    const flow: Flow = {
      status: {
        state: 'waiting',
        tenantId: id,
        idpName,
        message: `Sign in at ${idpName} in the window that opened.`,
        authorizationUrl: url.href,
      },
      tenant,
      config,
      state,
      nonce,
      verifier,
      servers,
      timer,
    };
    this.flow = flow;
    for (const s of servers) s.on('request', (req, res) => void this.onRedirect(req, res, port));
    const opener = this.deps.auth.idpOpener;
    if (opener) {
      const external = cfg.use_external_browser === 1;
      this.lastWindow = external ? 'external' : 'internal';
      // Closing the internal window abandons the sign-in.
      flow.closeWindow = opener(url.href, external, () => {
        if (this.flow === flow && flow.status.state === 'waiting') this.cancel();
      });
    }
    this.deps.log.info('single sign-on started', { tenant: tenant.name, idp: idpName, redirectUri });
    this.deps.bus.emit('auth.changed', {});
  }

  /**
   * 127.0.0.1 on a random port, and ::1 on the same port when the machine has IPv6 ("localhost" may resolve to either).
   */
  private async listen(): Promise<Server[]> {
    const v4 = createServer();
    await new Promise<void>((resolve, reject) => v4.once('error', reject).listen(0, '127.0.0.1', resolve));
    const port = (v4.address() as AddressInfo).port;
    const v6 = createServer();
    const ok6 = await new Promise<boolean>((resolve) => {
      v6.once('error', () => resolve(false)).listen(port, '::1', () => resolve(true));
    });
    return ok6 ? [v4, v6] : [v4];
  }

  private async onRedirect(req: IncomingMessage, res: ServerResponse, port: number): Promise<void> {
    const flow = this.flow;
    const page = (status: number, title: string, text: string) => {
      res.writeHead(status, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': `default-src 'none'; script-src 'sha256-${CLOSE_HASH}'; style-src 'unsafe-inline'`,
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer',
      });
      const esc = (s: string) =>
        s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
      res.end(
        `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title></head><body ` +
          `style="font-family:sans-serif;margin:3em"><h1>${esc(title)}</h1><p>${esc(text)}</p>` +
          `${status === 200 ? `<script>${CLOSE_SCRIPT}</script>` : ''}</body></html>`,
      );
    };
    const url = new URL(req.url ?? '/', `http://localhost:${port}`);
    if (req.method !== 'GET' || url.pathname !== '/')
      return page(404, 'Not found', 'This address only receives the identity provider’s answer.');
    if (!flow || url.searchParams.get('state') !== flow.state)
      return page(
        400,
        'Sign-in not expected',
        'No sign-in with this state is in progress in the Contact Center Console.',
      );
    const error = url.searchParams.get('error');
    if (error) {
      const msg = `${flow.status.idpName} refused the sign-in: ${url.searchParams.get('error_description') || error}`;
      this.fail(msg);
      return page(400, 'Sign-in refused', msg);
    }
    try {
      const tokens = await openidClient().authorizationCodeGrant(flow.config, url, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const claims = (tokens.claims() ?? {}) as Record<string, unknown>;
      const outcome = await this.match(flow, claims);
      page(200, 'Signed in', `${outcome} You can close this window and return to the Contact Center Console.`);
    } catch (err) {
      const msg =
        err instanceof ServiceError
          ? err.message
          : `The answer of ${flow.status.idpName} was refused: ${describe(err)}`;
      this.fail(msg);
      page(400, 'Sign-in failed', msg);
    }
  }

  /** Seed 001, User Matching: upn → External Logon ID; only without a upn, email then preferred_username. */
  private async match(flow: Flow, claims: Record<string, unknown>): Promise<string> {
    const k = this.deps.data.require().kysely;
    const candidates = identityCandidates(claims);
    if (candidates.length === 0)
      throw new ServiceError(
        'INVALID',
        `${flow.status.idpName} returned no upn, email or preferred_username claim; add the upn claim to the ID ` +
          `token (Token configuration → Add optional claim → upn).`,
      );
    for (const c of candidates) {
      const u = await k
        .selectFrom('cc_user')
        .select(['id', 'logon_id', 'locked', 'user_type_id'])
        .where('tenant_id', '=', flow.tenant.id)
        .where('deleted', '=', 0)
        .where('external_logon_key', '=', identityKey(c.value))
        .executeTakeFirst();
      if (!u) continue;
      if (u.locked)
        throw new ServiceError('INVALID', `${u.logon_id} is locked; an administrator must unlock the account.`);
      const matched = { userId: u.id, logonId: u.logon_id, matchedBy: c.claim, value: c.value };
      const how = `${c.claim} "${c.value}" matched the External Logon ID of ${u.logon_id}.`;
      const type = await k
        .selectFrom('user_type')
        .select('is_host_admin')
        .where('id', '=', u.user_type_id)
        .executeTakeFirst();
      const tenants = await listTenants(k);
      if (type?.is_host_admin === 1 && tenants.length > 1 && this.deps.auth.startup.tenantId === undefined) {
        // More is needed: a host administrator chooses the tenant to work in on the logon form.
        flow.matched = matched;
        flow.status = {
          ...flow.status,
          state: 'needs-more',
          authorizationUrl: undefined,
          logonId: u.logon_id,
          matchedBy: c.claim,
          needs: ['workingTenant'],
          message: `${how} Choose the tenant to work in.`,
        };
        this.closeServers(flow);
        this.deps.bus.emit('auth.changed', {});
        return how;
      }
      await this.finish(flow, matched, flow.tenant);
      return how;
    }
    const only =
      candidates[0]!.claim === 'upn'
        ? ' The token carries a upn, so only the upn is matched (not email or preferred_username).'
        : '';
    throw new ServiceError(
      'INVALID',
      `No user of tenant ${flow.tenant.name} has the External Logon ID ` +
        `${candidates.map((c) => `"${c.value}" (${c.claim})`).join(', or ')}.${only}`,
    );
  }

  private async finish(flow: Flow, m: NonNullable<Flow['matched']>, working: TenantRef): Promise<void> {
    this.end();
    await this.deps.auth.completeSsoSignIn(m.userId, flow.tenant, working, {
      logonId: m.logonId,
      origin: 'single sign-on',
      detail: { method: 'OpenID Connect', idp: flow.status.idpName, matchedBy: m.matchedBy, value: m.value },
    });
    this.deps.log.info('single sign-on succeeded', {
      tenant: flow.tenant.name,
      logonId: m.logonId,
      matchedBy: m.matchedBy,
    });
  }

  async continue(workingTenantId: number | undefined): Promise<void> {
    const flow = this.flow;
    if (!flow || flow.status.state !== 'needs-more' || !flow.matched)
      throw new ServiceError('INVALID', 'No single sign-on is waiting for the logon form.');
    const tenants = await listTenants(this.deps.data.require().kysely);
    const working = tenants.find((t) => t.id === (workingTenantId ?? flow.tenant.id));
    if (!working) throw new ServiceError('INVALID', `Tenant ${workingTenantId} does not exist.`, 'workingTenantId');
    await this.finish(flow, flow.matched, working);
  }

  private fail(message: string): void {
    const flow = this.flow;
    if (!flow) return;
    this.closeServers(flow);
    clearTimeout(flow.timer);
    flow.status = { state: 'failed', tenantId: flow.status.tenantId, idpName: flow.status.idpName, message };
    this.deps.log.warn('single sign-on failed', { tenant: flow.tenant.name, reason: message });
    this.deps.bus.emit('auth.changed', {});
  }

  /** Stops listening; the answer page being written still completes. */
  private closeServers(flow: Flow, hard = false): void {
    const close = flow.closeWindow;
    flow.closeWindow = undefined;
    close?.();
    for (const s of flow.servers) {
      s.close();
      if (hard) s.closeAllConnections();
      else s.closeIdleConnections();
    }
  }

  private end(hard = false): void {
    if (!this.flow) return;
    this.closeServers(this.flow, hard);
    clearTimeout(this.flow.timer);
    this.flow = null;
  }

  cancel(): void {
    if (!this.flow) return;
    this.end(true);
    this.deps.bus.emit('auth.changed', {});
  }

  dispose(): void {
    this.end(true);
  }
}
