import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../connectors/db/demoSeed';
import { seededDb, signIn, startConsole, type TestConsole } from '../testing/harness';
import { browseLogin, startTestIdp, TEST_CLIENT_ID, type TestIdp } from './testing/testIdp';

// The console's own sign-in through a real OpenID provider (oidc-provider on 127.0.0.1):
// authorization code + PKCE, loopback redirect on http://localhost:<port>, upn → External Logon ID.
describe('OpenID Connect sign-in against oidc-provider', () => {
  let c: TestConsole;
  let idp: TestIdp;
  let agent: { logon_id: string; external_logon_id: string | null };

  beforeAll(async () => {
    c = await startConsole(await seededDb('sqlite', 6));
    agent = await c.core.data
      .require()
      .kysely.selectFrom('cc_user')
      .select(['logon_id', 'external_logon_id'])
      .where('tenant_id', '=', 1)
      .where('external_logon_id', 'is not', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    // Test setup only (the users feature edits External Logon IDs): give the host administrator one.
    await c.core.data
      .require()
      .kysely.updateTable('cc_user')
      .set({ external_logon_id: 'admin@demo.example', external_logon_key: 'admin@demo.example' })
      .where('logon_id', '=', 'admin')
      .execute();
    idp = await startTestIdp({
      agentupn: { upn: agent.external_logon_id!, email: 'someone-else@demo.example' },
      agentmail: { email: agent.external_logon_id!.toUpperCase() },
      // A upn that matches nobody, with an email (and preferred_username) that is the agent's External Logon ID.
      otherupn: {
        upn: 'someone-else@demo.example',
        email: agent.external_logon_id!,
        preferred_username: agent.external_logon_id!,
      },
      nobody: { upn: 'ghost@demo.example', preferred_username: 'ghost' },
      admin: { upn: 'admin@demo.example' },
    });
    await signIn(c, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
    const cfg = (await c.call('sso', 'getOidc')).value;
    const saved = await c.call('sso', 'saveOidc', {
      expectedVersion: cfg.version,
      name: 'Test IdP',
      entityId: TEST_CLIENT_ID,
      metadataLocation: idp.metadataLocation,
      useExternalBrowser: false,
      webDomain: '',
    });
    expect(saved.ok).toBe(true);
    await c.call('auth', 'signOut');
  }); // vitest.config.ts hookTimeout (120 s): room for a loaded machine
  afterAll(async () => {
    await c.stop();
    await idp.stop();
  });

  it('the Test button reads the discovery document: issuer and endpoints', async () => {
    await signIn(c, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
    const d = (await c.call('sso', 'testOidc', { metadataLocation: idp.metadataLocation })).value;
    expect(d).toMatchObject({ ok: true, issuer: idp.issuer, error: null });
    expect(d.endpoints.map((e: { name: string }) => e.name)).toEqual(
      expect.arrayContaining(['Authorization', 'Token', 'JWKS']),
    );
    await c.call('auth', 'signOut');
  });

  it('status offers the IdP; upn matches the External Logon ID and signs in, audited with how it matched', async () => {
    const before = (await c.call('auth', 'status')).value;
    expect(before.sso.providers).toEqual([{ tenantId: 1, name: 'Test IdP' }]);
    expect(before.ssoAvailable).toBe(true);
    const started = (await c.call('auth', 'ssoBegin', { tenantId: 1 })).value;
    expect(started.sso.flow).toMatchObject({ state: 'waiting', idpName: 'Test IdP' });
    const auth = new URL(started.sso.flow!.authorizationUrl!);
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('redirect_uri')).toMatch(/^http:\/\/localhost:\d+\/$/);
    expect(auth.searchParams.get('client_id')).toBe(TEST_CLIENT_ID);
    const page = await browseLogin(auth.href, 'agentupn');
    expect(page.status).toBe(200);
    expect(page.body).toContain(
      `upn &quot;${agent.external_logon_id}&quot; matched the External Logon ID of ${agent.logon_id}`,
    );
    const after = (await c.call('auth', 'status')).value;
    expect(after.user!.logonId).toBe(agent.logon_id);
    await c.call('auth', 'signOut');
    await signIn(c, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
    const audit = (await c.call('audit', 'query', { action: 'sign-in', limit: 5 })).value.rows;
    const entry = audit.find((r) => r.objectName === agent.logon_id);
    expect(JSON.parse(entry!.after!)).toMatchObject({ method: 'OpenID Connect', idp: 'Test IdP', matchedBy: 'upn' });
    expect(entry!.origin).toBe('single sign-on');
    await c.call('auth', 'signOut');
  });

  it('without upn, email matches (ignoring case) and the answer says so', async () => {
    const started = (await c.call('auth', 'ssoBegin', { tenantId: 1 })).value;
    const page = await browseLogin(started.sso.flow!.authorizationUrl!, 'agentmail');
    expect(page.body).toContain('email &quot;');
    expect((await c.call('auth', 'status')).value.user!.logonId).toBe(agent.logon_id);
    await c.call('auth', 'signOut');
  });

  it('no matching user: the flow fails with exactly why; nobody is signed in', async () => {
    const started = (await c.call('auth', 'ssoBegin', { tenantId: 1 })).value;
    const page = await browseLogin(started.sso.flow!.authorizationUrl!, 'nobody');
    expect(page.status).toBe(400);
    const s = (await c.call('auth', 'status')).value;
    expect(s.user).toBeNull();
    expect(s.sso.flow).toMatchObject({
      state: 'failed',
      message:
        'No user of tenant Demo Contact Center has the External Logon ID "ghost@demo.example" (upn). The token carries a upn, so only the upn is matched (not email or preferred_username).',
    });
  });

  it('a token with a upn is matched on the upn only: an email equal to another user’s External Logon ID does not sign that user in', async () => {
    const started = (await c.call('auth', 'ssoBegin', { tenantId: 1 })).value;
    const page = await browseLogin(started.sso.flow!.authorizationUrl!, 'otherupn');
    expect(page.status).toBe(400);
    const s = (await c.call('auth', 'status')).value;
    expect(s.user).toBeNull();
    expect(s.sso.flow).toMatchObject({
      state: 'failed',
      message: expect.stringMatching(
        /^No user of tenant Demo Contact Center has the External Logon ID "someone-else@demo.example" \(upn\)\. The token carries a upn, so only the upn is matched/,
      ),
    });
    expect(s.sso.flow!.message).not.toContain(agent.external_logon_id!);
  });

  it('a host administrator needs more: the logon form (Logon ID and Password disabled) asks the working tenant', async () => {
    const started = (await c.call('auth', 'ssoBegin', { tenantId: 1 })).value;
    await browseLogin(started.sso.flow!.authorizationUrl!, 'admin');
    const s = (await c.call('auth', 'status')).value;
    expect(s.user).toBeNull();
    expect(s.sso.flow).toMatchObject({
      state: 'needs-more',
      logonId: 'admin',
      matchedBy: 'upn',
      needs: ['workingTenant'],
    });
    const done = (await c.call('auth', 'ssoContinue', { workingTenantId: 2 })).value;
    expect(done.user!.logonId).toBe('admin');
    expect(done.tenant!.id).toBe(2);
    await c.call('auth', 'signOut');
  });

  it('a forged redirect (wrong state) is refused and the flow keeps waiting; cancel ends it', async () => {
    const started = (await c.call('auth', 'ssoBegin', { tenantId: 1 })).value;
    const redirect = new URL(started.sso.flow!.authorizationUrl!).searchParams.get('redirect_uri')!;
    const res = await fetch(`${redirect}?code=x&state=forged`);
    expect(res.status).toBe(400);
    expect((await c.call('auth', 'status')).value.sso.flow!.state).toBe('waiting');
    expect((await c.call('auth', 'ssoCancel')).value.sso.flow).toBeNull();
    await expect(fetch(redirect)).rejects.toThrow();
  });

  it('desktop: main opens the IdP page (internal window unless Use External Browser), closes it when done; closing it abandons the flow', async () => {
    const opened: Array<{ url: string; external: boolean; closed: boolean; onClosed: () => void }> = [];
    c.core.auth.desktop = true;
    c.core.auth.idpOpener = (url, external, onClosed) => {
      const entry = { url, external, closed: false, onClosed };
      opened.push(entry);
      return () => (entry.closed = true);
    };
    try {
      const started = (await c.call('auth', 'ssoBegin', { tenantId: 1 })).value;
      expect(started.sso.window).toBe('internal');
      expect(opened[0]).toMatchObject({ url: started.sso.flow!.authorizationUrl, external: false, closed: false });
      await browseLogin(opened[0]!.url, 'agentupn');
      expect(opened[0]!.closed).toBe(true);
      expect((await c.call('auth', 'status')).value.user!.logonId).toBe(agent.logon_id);
      await c.call('auth', 'signOut');

      await c.core.data
        .require()
        .kysely.updateTable('sso_config')
        .set({ use_external_browser: 1 })
        .where('tenant_id', '=', 1)
        .execute();
      const again = (await c.call('auth', 'ssoBegin', { tenantId: 1 })).value;
      expect(again.sso.window).toBe('external');
      expect(opened[1]!.external).toBe(true);
      opened[1]!.onClosed(); // the user closed the window
      expect((await c.call('auth', 'status')).value.sso.flow).toBeNull();
    } finally {
      c.core.auth.desktop = false;
      c.core.auth.idpOpener = null;
      await c.core.data
        .require()
        .kysely.updateTable('sso_config')
        .set({ use_external_browser: 0 })
        .where('tenant_id', '=', 1)
        .execute();
    }
  });

  it('/stdlogin forces the conventional form', async () => {
    const std = await startConsole(await seededDb('sqlite', 2), ['/stdlogin']);
    try {
      await signIn(std, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
      const cfg = (await std.call('sso', 'getOidc')).value;
      await std.call('sso', 'saveOidc', {
        expectedVersion: cfg.version,
        name: 'Test IdP',
        entityId: TEST_CLIENT_ID,
        metadataLocation: idp.metadataLocation,
        useExternalBrowser: false,
        webDomain: '',
      });
      await std.call('auth', 'signOut');
      const s = (await std.call('auth', 'status')).value;
      expect(s.ssoAvailable).toBe(false);
      expect(s.sso.forcedStandard).toBe(true);
      std.core.auth.forceStandardLogon();
    } finally {
      await std.stop();
    }
    // SHIFT at start-up (desktop) does the same on a console without /stdlogin.
    c.core.auth.forceStandardLogon();
    const s = (await c.call('auth', 'status')).value;
    expect(s).toMatchObject({ ssoAvailable: false, sso: { forcedStandard: true } });
  });
});
