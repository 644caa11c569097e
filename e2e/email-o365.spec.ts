import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test, expect } from '@playwright/test';
import { shot, startConsole } from './fixtures';

// The test-only servers live beside the main-process code (the unit tests use them too);
// tsconfig.e2e.json covers e2e/ only, so they are loaded untyped here.
const here = dirname(fileURLToPath(import.meta.url));
const load = (path: string) => import(pathToFileURL(resolve(here, '..', path)).href) as Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
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
const APP = '6731de76-14a6-49ae-97bc-6eba6914391e';
const SECRET = 'e2e-o365-client-secret';
const SENDER = 'console@contoso.test';

// Outgoing e-mail › Office 365: the SMTP server field with its default; Test connection gets a token by
// client credentials from a real OAuth 2.0 server and sends with XOAUTH2 to a real SMTP server, which checks
// the token at the introspection endpoint; a wrong client secret shows the identity platform's AADSTS error.
test('outgoing e-mail over Office 365: SMTP server default, Test connection sends; a wrong secret is named', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const idp = await startOAuthDeviceServer({
    tenantId: TENANT,
    clientId: 'device-client',
    accounts: [],
    confidential: { clientId: APP, secret: SECRET },
  });
  running.push(idp);
  const smtp = await startSmtpServer({
    checkToken: async (user: string, token: string) =>
      user === SENDER && (await idp.introspectClient(token))?.clientId === APP,
  });
  running.push(smtp);
  const app = await startConsole(ADMIN, { CCM_EXTRA_CA_FILE: testCa().caFile, NODE_EXTRA_CA_CERTS: testCa().caFile });
  running.push(app);
  await page.goto(app.url);
  await page.getByTestId('nav-email').click();
  await page.getByTestId('email-section-outgoing').click();
  await page.getByTestId('email-out-protocol').click();
  await page.getByRole('option', { name: 'Office 365' }).click();
  await expect(page.getByTestId('email-out-o365-host')).toHaveValue('smtp.office365.com');
  await expect(page.getByTestId('email-out-o365-port')).toHaveValue('587');
  await expect(page.getByTestId('email-out-authority')).toHaveValue('https://login.microsoftonline.com');
  await shot(page, 'email-o365-defaults');

  await page.getByTestId('email-out-enabled').click();
  await page.getByTestId('email-out-from').fill(SENDER);
  await page.getByTestId('email-out-client').fill(APP);
  await page.getByTestId('email-out-tenant').fill(TENANT);
  await page.getByTestId('email-out-secret').fill('not-the-secret');
  await page.getByTestId('email-out-authority').fill(idp.authority);
  await page.getByTestId('email-out-o365-host').fill('127.0.0.1');
  await page.getByTestId('email-out-o365-port').fill(String(smtp.port));
  await page.getByTestId('email-out-save').click();
  await expect(page.getByTestId('email-out-test')).toBeEnabled();
  await page.getByTestId('email-out-test-to').fill('ops@example.test');
  await page.getByTestId('email-out-test').click();
  await expect(page.getByText(/AADSTS7000215/)).toBeVisible();
  await shot(page, 'email-o365-wrong-secret');
  expect(smtp.received).toHaveLength(0);

  await page.getByTestId('email-out-secret').fill(SECRET);
  await page.getByTestId('email-out-save').click();
  // Saved: the form is read again (the previous Test's error goes with it).
  await expect(page.getByText(/AADSTS7000215/)).toHaveCount(0);
  await expect(page.getByTestId('email-out-secret')).toHaveValue('');
  await page.getByTestId('email-out-test-to').fill('ops@example.test');
  await page.getByTestId('email-out-test').click();
  await expect(page.getByTestId('email-out-test-result')).toContainText('250');
  await expect.poll(() => smtp.received.length).toBe(1);
  expect(smtp.received[0].from).toBe(SENDER);
  await shot(page, 'email-o365-sent');
  expect(errors).toEqual([]);
});
