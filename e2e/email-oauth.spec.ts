import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test, expect } from '@playwright/test';
import { shot, startConsole } from './fixtures';

// The test-only servers live beside the main-process code (the unit tests use them too);
// tsconfig.e2e.json covers e2e/ only, so they are loaded untyped here.
const here = dirname(fileURLToPath(import.meta.url));
const load = (path: string) => import(pathToFileURL(resolve(here, '..', path)).href) as Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
const { startDovecot } = await load('electron/testing/dovecot.ts');
const { startSmtpServer } = await load('electron/testing/smtpServer.ts');
const { startOAuthDeviceServer } = await load('electron/testing/oauthDeviceServer.ts');
const { testCa } = await load('electron/testing/testCa.ts');

type Stoppable = { stop(): Promise<void> };
const running: Stoppable[] = [];
test.afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()));
});

const ADMIN = ['/user:admin', '/password:Admin#2026', '/tenantid:1'];
const TENANT = 'contoso.test';
const CLIENT = '36301474-61d3-45dc-8df1-61513075e266';
const USER = 'support@contoso.test';

// E-mail › E-mail Servers with OAuth: Get Code runs the device-code sign-in against a real OAuth 2.0 server
// (oidc-provider with the Microsoft paths) on 127.0.0.1; the user signs in on its pages; COMPLETE; then the
// IMAP Test signs in to dovecot with XOAUTH2 (dovecot checks the token at the introspection endpoint).
test('OAuth: Get Code for IMAP, the user signs in, COMPLETE; the IMAP Test signs in with XOAUTH2', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const idp = await startOAuthDeviceServer({ tenantId: TENANT, clientId: CLIENT, accounts: [USER] });
  running.push(idp);
  const dovecot = await startDovecot({ users: [], oauth2IntrospectionUrl: idp.introspectionUrl });
  running.push(dovecot);
  const smtp = await startSmtpServer({
    checkToken: async (user: string, token: string) => (await idp.introspect(token)) === user,
  });
  running.push(smtp);
  // The console trusts the test CA for the mail servers and for the identity platform (https).
  const app = await startConsole(ADMIN, { CCM_EXTRA_CA_FILE: testCa().caFile, NODE_EXTRA_CA_CERTS: testCa().caFile });
  running.push(app);
  await page.goto(app.url);

  await page.getByTestId('nav-email').click();
  await page.getByTestId('email-server-add').click();
  await page.getByTestId('email-server-name').fill('Outlook');
  await page.getByTestId('email-imap-host').fill('127.0.0.1');
  await page.getByTestId('email-imap-port').fill(String(dovecot.imapsPort));
  await page.getByTestId('email-imap-auth').click();
  await page.getByRole('option', { name: 'OAuth' }).click();
  await page.getByTestId('email-imap-user').fill(USER);
  await page.getByTestId('email-smtp-host').fill('127.0.0.1');
  await page.getByTestId('email-smtp-port').fill(String(smtp.port));
  await page.getByTestId('email-smtp-auth').click();
  await page.getByRole('option', { name: 'OAuth' }).click();
  await page.getByTestId('email-smtp-user').fill(USER);
  await expect(page.getByTestId('email-oauth-checklist')).toContainText('IMAP.AccessAsUser.All');
  await expect(page.getByTestId('email-oauth-checklist')).toContainText('Allow public client flows');
  await page.getByTestId('email-oauth-tenant').fill(TENANT);
  await page.getByTestId('email-oauth-client').fill(CLIENT);
  await page.getByTestId('email-oauth-authority').fill(idp.authority);
  await page.getByTestId('email-server-heartbeat').fill(USER);
  await shot(page, 'email-oauth-server-add');
  await page.getByTestId('email-server-save').click();
  const row = page.getByTestId('email-server-row-Outlook');
  await expect(row).toContainText('IMAP OAuth not signed in');

  // Get Code: the code and the page to enter it at, PENDING.
  await row.getByTestId('email-server-edit').click();
  await expect(page.getByTestId('email-oauth-imap-state')).toHaveText('NOT SIGNED IN');
  await page.getByTestId('email-oauth-imap-get-code').click();
  await expect(page.getByTestId('email-oauth-imap-state')).toHaveText('PENDING');
  const code = (await page.getByTestId('email-oauth-imap-code').textContent())!.trim();
  expect(code).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
  await expect(page.getByTestId('email-oauth-imap-uri')).toHaveText(`${idp.authority}/device`);
  await page.getByTestId('email-oauth-imap').scrollIntoViewIfNeeded();
  await shot(page, 'email-oauth-pending');

  // The user enters the code on the identity platform's page and signs in: the dialog follows by itself.
  await idp.approve(code, USER);
  await expect(page.getByTestId('email-oauth-imap-state')).toHaveText('COMPLETE', { timeout: 30_000 });
  await expect(page.getByTestId('email-oauth-imap-forget')).toBeVisible();
  await page.getByTestId('email-oauth-imap').scrollIntoViewIfNeeded();
  await shot(page, 'email-oauth-complete');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(row).toContainText('IMAP OAuth signed in');

  // The IMAP Test signs in with AUTHENTICATE XOAUTH2.
  await row.getByTestId('email-server-test-imap').click();
  await expect(page.getByTestId('email-test-result')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('email-test-result')).toContainText('XOAUTH2');
  await shot(page, 'email-oauth-test-imap');
  expect(errors).toEqual([]);
});
