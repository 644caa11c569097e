import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test, expect, type Page } from '@playwright/test';
import { shot, startConsole } from './fixtures';

// The test-only helpers live beside the main-process code they exercise (the unit tests use
// them too); tsconfig.e2e.json covers e2e/ only, so they are loaded untyped here.
const here = dirname(fileURLToPath(import.meta.url));
const load = (path: string) => import(pathToFileURL(resolve(here, '..', path)).href) as Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
const { EXPIRED_SIGNER_CERT, IDP_CERT, ATTACKER_CERT, ATTACKER_KEY } = (await load(
  'electron/domain/sso/testing/certs.ts',
)) as Record<string, string>;
const { idpMetadataXml, responseXml, sign, WINDOWS_ACCOUNT } = await load('electron/domain/sso/testing/samlFactory.ts');
const { startTestIdp, TEST_CLIENT_ID } = await load('electron/services/sso/testing/testIdp.ts');
type TestIdp = { issuer: string; metadataLocation: string; stop(): Promise<void> };

// Single Sign-On against the real console in browser mode: SAML 2.0 configuration and the
// response tester, and the console's own sign-in through a real OpenID provider
// (oidc-provider on 127.0.0.1), and /stdlogin.
type ConsoleApp = Awaited<ReturnType<typeof startConsole>>;
const running: ConsoleApp[] = [];
let idp: TestIdp | null = null;
test.afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()));
  await idp?.stop();
  idp = null;
});

const ADMIN = ['/user:admin', '/password:Admin#2026', '/tenantid:1'];

async function api(page: Page, service: string, method: string, args: unknown) {
  return page.evaluate(
    async ([s, m, a]) =>
      (
        await fetch(`/api/${s}/${m}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(a),
        })
      ).json(),
    [service, method, args] as const,
  );
}

async function open(page: Page, args: string[]) {
  const app = await startConsole(args);
  running.push(app);
  await page.goto(app.url);
  return app;
}

test('SAML 2.0: add a Service Provider and copy its metadata, import an IdP, enable SSO for the tenant, test a response', async ({
  page,
  context,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page, ADMIN);
  await page.getByTestId('nav-sso').click();
  await expect(page.getByTestId('sso-sp-table')).toBeVisible();

  // Add a Service Provider: https is required, then a second Application Server is added.
  await page.getByTestId('sso-sp-add').click();
  await page.getByTestId('sso-sp-hostUrl').fill('http://app02.demo.example/agentportal');
  await page.getByTestId('sso-sp-save').click();
  await expect(page.getByTestId('sso-hostUrl-error')).toHaveText('Host url must be an https URL.');
  await page.getByTestId('sso-sp-hostUrl').fill('https://app01.demo.example/agentportal');
  await page.getByTestId('sso-sp-save').click();
  await expect(page.getByTestId('sso-hostUrl-error')).toContainText('exists already');
  // Another path on the same Application Server (443 is the https default) is refused too.
  await page.getByTestId('sso-sp-hostUrl').fill('https://APP01.demo.example:443/otherportal');
  await page.getByTestId('sso-sp-save').click();
  await expect(page.getByTestId('sso-hostUrl-error')).toHaveText(
    'A Service Provider on the same Application Server (app01.demo.example) exists already: https://app01.demo.example/agentportal. Each Service Provider must be a role of a different Application Server.',
  );
  await page.getByTestId('sso-sp-hostUrl').fill('https://app02.demo.example/agentportal');
  await page.getByTestId('sso-sp-certificate').fill(IDP_CERT!);
  await shot(page, 'sso-sp-add');
  await page.getByTestId('sso-sp-save').click();
  await expect(page.getByTestId('sso-sp-table').getByRole('row')).toHaveCount(3);

  // Get Metadata → Copy to clipboard.
  await page.getByTestId('sso-sp-table').getByRole('row', { name: /app02/ }).getByTestId('sso-sp-metadata').click();
  await expect(page.getByTestId('sso-sp-metadata-xml')).toHaveValue(/<md:SPSSODescriptor/);
  await page.getByTestId('sso-sp-metadata-copy').click();
  await expect(page.getByTestId('sso-sp-metadata-copy')).toHaveText('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('entityID="https://app02.demo.example/agentportal"');
  expect(copied).toContain(
    '<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://app02.demo.example/agentportal/saml/SSO"',
  );
  expect(copied).toContain('<md:KeyDescriptor>');
  await shot(page, 'sso-sp-metadata');
  await page.getByRole('button', { name: 'Close' }).click();

  // Delete asks first, saying what goes; Cancel keeps it, Delete removes it (app01 stays: the test response is for it).
  const spRows = page.getByTestId('sso-sp-table').getByRole('row');
  await expect(spRows).toHaveCount(3); // the header and the two Service Providers
  await page.getByRole('button', { name: 'Delete https://app02.demo.example/agentportal' }).click();
  await expect(page.getByRole('alertdialog')).toContainText(
    'Delete 1 Service Provider, https://app02.demo.example/agentportal?',
  );
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(spRows).toHaveCount(3);
  await page.getByRole('button', { name: 'Delete https://app02.demo.example/agentportal' }).click();
  await page.getByTestId('sso-confirm-delete').click();
  await expect(spRows).toHaveCount(2);
  await expect(page.getByTestId('sso-sp-table')).not.toContainText('app02');

  // Import from metadata: signed metadata with a current and an expired certificate.
  await page.getByTestId('sso-page-idp').click();
  await expect(page.getByText('No Identity Provider yet')).toBeVisible();
  await page.getByTestId('sso-idp-import').click();
  await page.getByTestId('sso-import-type').click();
  await page
    .getByTestId('sso-import-metadata')
    .fill('<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://x.example"/>');
  await page.getByTestId('sso-import-check').click();
  await expect(page.getByTestId('sso-metadata-error')).toHaveText('The metadata has no IDPSSODescriptor.');
  // A pinned metadata signing certificate refuses unsigned metadata.
  await page.getByTestId('sso-import-signingCert').fill(IDP_CERT!);
  await page.getByTestId('sso-import-metadata').fill(idpMetadataXml({ certs: [IDP_CERT, EXPIRED_SIGNER_CERT] }));
  await page.getByTestId('sso-import-check').click();
  await expect(page.getByTestId('sso-metadata-error')).toContainText(
    'The metadata is not signed, but a metadata signing certificate is given',
  );
  await page
    .getByTestId('sso-import-metadata')
    .fill(sign(idpMetadataXml({ certs: [IDP_CERT, EXPIRED_SIGNER_CERT] }), 'EntityDescriptor'));
  await page.getByTestId('sso-import-check').click();
  await expect(page.getByTestId('sso-import-preview')).toContainText('Signature valid');
  // The expired certificate is listed as not usable, with why, and is not pinned.
  await expect(page.getByTestId('sso-import-cert-0').getByTestId('sso-cert-unusable')).toHaveCount(0);
  await expect(page.getByTestId('sso-import-cert-1').getByTestId('sso-cert-unusable')).toHaveText('Not usable');
  await expect(page.getByTestId('sso-import-cert-1').getByTestId('sso-cert-warning')).toContainText(
    'Expired on 2021-01-01: not usable',
  );
  await expect(page.getByTestId('sso-import-unusable')).toHaveText(
    '1 of 2 certificates is not usable and will not be pinned; 1 will be.',
  );
  await page.getByTestId('sso-import-unusable').scrollIntoViewIfNeeded();
  await shot(page, 'sso-import-unusable');
  await page.getByTestId('sso-import-add').click();
  await expect(page.getByTestId('sso-usernameMatch-error')).toContainText('Username match is required');
  await page.getByTestId('sso-import-usernameMatch').fill(WINDOWS_ACCOUNT);
  await shot(page, 'sso-idp-import');
  await page.getByTestId('sso-import-add').click();
  await expect(page.getByText('From signed metadata')).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByText('https://idp.test.example/adfs/services/trust')).toBeVisible();
  await expect(page.getByTestId('sso-cert-warning')).toHaveCount(0); // only the current certificate was pinned
  await expect(page.getByTestId('sso-cert-unusable')).toHaveCount(0);
  await shot(page, 'sso-idp-list');

  // Tenant tab: enable SSO with the IdP and Single Logout.
  await page.getByTestId('sso-page-tenant').click();
  await page.getByTestId('sso-tenant-edit-1').click();
  await page.getByTestId('sso-tenant-sso').click();
  await page.getByTestId('sso-tenant-save').click();
  await expect(page.getByTestId('sso-idpId-error')).toHaveText(
    'Choose the Identity Provider to enable Single Sign On.',
  );
  await page.getByTestId('sso-tenant-idp').selectOption({ label: 'https://idp.test.example/adfs/services/trust' });
  await page.getByTestId('sso-tenant-slo').click();
  await shot(page, 'sso-tenant-edit');
  await page.getByTestId('sso-tenant-save').click();
  await expect(page.getByTestId('sso-tenant-1')).toContainText('Enabled');
  await expect(page.getByTestId('sso-tenant-1')).toContainText('https://idp.test.example/adfs/services/trust');
  await shot(page, 'sso-tenant');

  // Test a SAML response: genuine (base64) maps to tech by Logon ID; a forged one is refused.
  const now = Date.now();
  const times = {
    notBefore: new Date(now - 60_000).toISOString(),
    notOnOrAfter: new Date(now + 600_000).toISOString(),
  };
  await page.getByTestId('sso-page-test').click();
  await page
    .getByTestId('sso-test-response')
    .fill(
      Buffer.from(sign(responseXml({ ...times, attributes: { [WINDOWS_ACCOUNT]: 'tech' } }), 'Assertion')).toString(
        'base64',
      ),
    );
  await page.getByTestId('sso-test-run').click();
  await expect(page.getByTestId('sso-test-verdict')).toContainText('Accepted');
  await expect(page.getByTestId('sso-test-verdict')).toContainText(
    '"tech" maps to tech (Terry Technician) of tenant Demo Contact Center by Logon ID.',
  );
  await shot(page, 'sso-test-accepted');
  // A Response addressed to another ACS is refused, like a wrong Recipient.
  await page.getByTestId('sso-test-response').fill(
    sign(
      responseXml({
        ...times,
        destination: 'https://evil.example/saml/SSO',
        attributes: { [WINDOWS_ACCOUNT]: 'tech' },
      }),
      'Response',
    ),
  );
  await page.getByTestId('sso-test-run').click();
  await expect(page.getByTestId('sso-test-verdict')).toContainText('Refused');
  await expect(page.getByTestId('sso-test-check-destination')).toContainText(
    'Destination https://evil.example/saml/SSO is no Service Provider’s ACS',
  );
  await page
    .getByTestId('sso-test-response')
    .fill(
      sign(
        responseXml({ ...times, nameId: 'admin', attributes: { [WINDOWS_ACCOUNT]: 'admin' } }),
        'Assertion',
        ATTACKER_KEY,
        ATTACKER_CERT,
      ),
    );
  await page.getByTestId('sso-test-run').click();
  await expect(page.getByTestId('sso-test-verdict')).toContainText('Refused');
  await expect(page.getByTestId('sso-test-check-signature')).toContainText(
    'does not verify against the pinned certificate',
  );
  await shot(page, 'sso-test-refused');
  expect(errors).toEqual([]);
});

test('OpenID Connect: configure the External Identity Provider; a refused and a successful sign-in through oidc-provider', async ({
  page,
  context,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const provider: TestIdp = await startTestIdp({
    karen: { upn: 'kasharp@demo.example', name: 'Karen Sharp' },
    ghost: { upn: 'ghost@demo.example' },
  });
  idp = provider;
  await open(page, ADMIN);
  await page.getByTestId('nav-sso').click();
  await page.getByTestId('sso-section-oidc').click();
  await page.getByTestId('sso-oidc-name').fill('Test IdP');
  await page.getByTestId('sso-oidc-entityId').fill(TEST_CLIENT_ID);
  // The Azure AD helper appends ?appid=<client id> to the endpoint the portal shows.
  const azure =
    'https://login.microsoftonline.com/0cd345fc-e1fe-4f99-a378-4317172ad9c2/v2.0/.well-known/openid-configuration';
  await page.getByTestId('sso-oidc-metadataLocation').fill(azure);
  await page.getByTestId('sso-oidc-appid').click();
  await expect(page.getByTestId('sso-oidc-metadataLocation')).toHaveValue(`${azure}?appid=${TEST_CLIENT_ID}`);
  await page.getByTestId('sso-oidc-metadataLocation').fill(provider.metadataLocation);
  await page.getByTestId('sso-oidc-webDomain').fill('CC.Demo.Example:4390');
  await page.getByTestId('sso-oidc-test').click();
  await expect(page.getByTestId('sso-oidc-test-result')).toContainText(`Issuer ${provider.issuer}`);
  await expect(page.getByTestId('sso-oidc-test-result')).toContainText('Authorization: ');
  await expect(page.getByTestId('tab-sso')).toHaveAttribute('data-dirty', 'true');
  await shot(page, 'sso-oidc-test');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('sso-oidc-redirects')).toContainText(
    'https://cc.demo.example:4390/webapps/contactcenter/authentication/openidlogincallback',
  );
  await page.getByTestId('sso-oidc-copy-2').click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('https://cc.demo.example:4390/webagent');
  await shot(page, 'sso-oidc-config');

  // Sign out: the form offers "Sign in with Test IdP".
  await api(page, 'auth', 'signOut', {});
  await page.reload();
  await expect(page.getByTestId('signin-sso-start')).toHaveText('Sign in with Test IdP');
  await shot(page, 'sso-signin-button');
  // A user the IdP knows but no OSCC user matches: the form says exactly why.
  const first = page.waitForEvent('popup');
  await page.getByTestId('signin-sso-start').click();
  const ghostPopup = await first;
  await ghostPopup.locator('input[name=login]').fill('ghost');
  await ghostPopup.locator('input[name=password]').fill('any');
  await ghostPopup.locator('button[type=submit]').click();
  await ghostPopup.locator('button[type=submit]').click(); // consent
  await expect(page.getByTestId('signin-sso-failed')).toContainText(
    'No user of tenant Demo Contact Center has the External Logon ID "ghost@demo.example" (upn). The token carries a upn, so only the upn is matched',
  );
  await shot(page, 'sso-signin-failed');
  await ghostPopup.close();
  // Forget the IdP's session (its cookies start with "_"; the console's own does not), so the next attempt logs in
  // afresh.
  await context.clearCookies({ name: /^_/ });

  const popupPromise = page.waitForEvent('popup');
  await page.getByTestId('signin-sso-start').click();
  const popup = await popupPromise;
  await expect(page.getByTestId('signin-sso-waiting')).toBeVisible();
  await shot(page, 'sso-signin-waiting');
  await popup.locator('input[name=login]').fill('karen');
  await popup.locator('input[name=password]').fill('any');
  await shot(popup, 'sso-idp-login');
  await popup.locator('button[type=submit]').click();
  await popup.locator('button[type=submit]').click(); // consent
  // The loopback page closes itself; the console signs in through auth.changed.
  await expect(page.getByTestId('signin-screen')).toHaveCount(0, { timeout: 15_000 });
  const status = (await api(page, 'auth', 'status', {})).value;
  expect(status.user.logonId).toBe('kasharp');
  await shot(page, 'sso-signed-in');

  expect(errors).toEqual([]);
});

test('/stdlogin forces the conventional form although an External Identity Provider is configured', async ({
  page,
}) => {
  const provider: TestIdp = await startTestIdp({});
  idp = provider;
  await open(page, ['/stdlogin', ...ADMIN]);
  const cfg = (await api(page, 'sso', 'getOidc', {})).value;
  const saved = await api(page, 'sso', 'saveOidc', {
    expectedVersion: cfg.version,
    name: 'Test IdP',
    entityId: TEST_CLIENT_ID,
    metadataLocation: provider.metadataLocation,
    useExternalBrowser: false,
    webDomain: '',
  });
  expect(saved.ok).toBe(true);
  await api(page, 'auth', 'signOut', {});
  await page.reload();
  await expect(page.getByTestId('signin-stdlogin')).toHaveText('Conventional logon forced (/stdlogin)');
  await expect(page.getByTestId('signin-sso-start')).toHaveCount(0);
  await page.getByTestId('signin-logonId').fill('admin');
  await page.getByTestId('signin-password').fill('Admin#2026');
  await shot(page, 'sso-stdlogin');
  await page.getByTestId('signin-submit').click();
  await expect(page.getByTestId('signin-screen')).toHaveCount(0);
});

test('Circuit: the client secret goes to the keychain; the page only says "set"', async ({ page }) => {
  await open(page, ADMIN);
  await page.getByTestId('nav-sso').click();
  await page.getByTestId('sso-section-circuit').click();
  await expect(page.getByTestId('sso-circuit-secret-state')).toHaveText('not set');
  await page.getByTestId('sso-circuit-enabled').click();
  await page.getByTestId('sso-circuit-clientId').fill('4f1c2d9e-circuit-app');
  await page.getByTestId('sso-circuit-save').click();
  await expect(page.getByTestId('sso-clientSecret-error')).toHaveText(
    'Client secret is required to enable Circuit Sign-on.',
  );
  await page.getByTestId('sso-circuit-secret').fill('e2e-circuit-secret-Q7');
  await page.getByTestId('sso-circuit-agentPortalUrl').fill('https://cc.demo.example/portal');
  await page.getByTestId('sso-circuit-loginUrl').fill('https://eu.yourcircuit.com');
  await page.getByTestId('sso-circuit-save').click();
  await expect(page.getByTestId('sso-agentPortalUrl-error')).toContainText('https://<yourDomain>/agentportal');
  await page.getByTestId('sso-circuit-agentPortalUrl').fill('https://cc.demo.example/agentportal');
  await page.getByTestId('sso-circuit-save').click();
  await expect(page.getByTestId('sso-circuit-secret-state')).toHaveText('set');
  await expect(page.getByTestId('sso-circuit-secret')).toHaveValue('');
  expect(await page.content()).not.toContain('e2e-circuit-secret-Q7');
  const answer = JSON.stringify(await api(page, 'sso', 'getCircuit', {}));
  expect(answer).not.toContain('e2e-circuit-secret-Q7');
  await shot(page, 'sso-circuit');
  await page.getByTestId('sso-circuit-remove').click();
  await expect(page.getByRole('alertdialog')).toContainText('deleted from this computer’s keychain');
  await page.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(page.getByTestId('sso-circuit-secret-state')).toHaveText('not set');
  await expect(page.getByTestId('sso-circuit-enabled')).not.toBeChecked();
});
