import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test, expect, type Page } from '@playwright/test';
import { shot, startConsole } from './fixtures';

// The test-only servers live beside the main-process code; tsconfig.e2e.json covers e2e/ only.
const here = dirname(fileURLToPath(import.meta.url));
const load = (path: string) => import(pathToFileURL(resolve(here, '..', path)).href) as Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
const { startAxlStandIn } = await load('electron/testing/axl/axlStandIn.ts');
const { testCa } = await load('electron/testing/testCa.ts');

// System › Cisco IP Telephony against the real console in browser mode, at 1366x768: the rules beside
// the fields, the roles checklist, Save (password to the keychain), Test against an AXL stand-in over
// HTTPS (wrong password, then the version), and the server certificate downloaded and trusted.
type ConsoleApp = Awaited<ReturnType<typeof startConsole>>;
const running: { stop(): Promise<void> }[] = [];
test.afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()));
});

const ADMIN = ['/user:admin', '/password:Admin#2026', '/tenantid:1'];
const v = (page: Page) => page.locator('[data-testid^="tabpanel-"]:visible');

test('Cisco IP Telephony: rules, roles, Test against AXL (401, then the version), certificate trusted', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const axl = await startAxlStandIn({ username: 'ImagicleCTI', password: 'Cti#e2e-1' });
  running.push({ stop: () => axl.close() });
  await page.setViewportSize({ width: 1366, height: 768 });
  const app: ConsoleApp = await startConsole(ADMIN, { NODE_EXTRA_CA_CERTS: testCa().caFile });
  running.push(app);
  await page.goto(app.url);
  await page.getByTestId('nav-system').click();
  await page.getByTestId('system-open-ciscoTelephony').click();

  await v(page).getByTestId('sp-cisco-systemName').fill('CUCM 12.5');
  await v(page).getByTestId('sp-cisco-pbxAddress').fill('https://cucm/axl');
  await expect(v(page).getByText('PBX address must be an IP address or DNS name only')).toBeVisible();
  await expect(v(page).getByTestId('sp-cisco-save')).toBeDisabled();
  await v(page).getByTestId('sp-cisco-pbxAddress').fill(axl.host);
  await v(page).getByTestId('sp-cisco-failoverAddress').fill(axl.host);
  await expect(v(page).getByText('must be another Cisco UCM node')).toBeVisible();
  await v(page).getByTestId('sp-cisco-failoverAddress').fill('');
  await v(page).getByTestId('sp-cisco-voicemailNumber').fill('*9999');
  await v(page).getByTestId('sp-cisco-mwiAddress').fill('9900');
  await v(page).getByTestId('sp-cisco-axlPort').fill(String(axl.port));
  await v(page).getByTestId('sp-cisco-axlUsername').fill('ImagicleCTI');
  await expect(v(page).getByText('CallManager Password is mandatory with a CallManager Username')).toBeVisible();
  await v(page).getByTestId('sp-cisco-password').fill('wrong');
  await v(page).getByTestId('sp-cisco-role-axlApi').check();
  await v(page).getByTestId('sp-cisco-role-ccmAdminUsers').check();
  await expect(v(page).getByTestId('sp-cisco-roles')).toContainText('no more than 500 park ports');

  await v(page).getByTestId('sp-cisco-test').click();
  await expect(v(page).getByTestId('sp-cisco-test-result')).toContainText('Authentication failed');
  await expect(v(page).getByTestId('sp-cisco-test-result')).toContainText('(HTTP 401)');
  await v(page).getByTestId('sp-cisco-password').fill('Cti#e2e-1');
  await v(page).getByTestId('sp-cisco-save').click();
  await expect(v(page).getByTestId('sp-cisco-meta')).toContainText('admin');

  // The certificate: read, shown, trusted, saved; then the Test pins it.
  await v(page).getByTestId('sp-cisco-cert-download').click();
  await expect(page.getByTestId('sp-cisco-cert')).toContainText('SHA-256');
  await expect(page.getByTestId('sp-cisco-cert')).toContainText('Issuer:');
  await shot(page, 'sysparams-cisco-certificate');
  await page.getByTestId('sp-cisco-cert-dialog-confirm').click();
  await expect(v(page).getByTestId('sp-cisco-trusted')).toContainText(`Trusted for ${axl.host}:${axl.port}`);
  await v(page).getByTestId('sp-cisco-save').click();
  await expect(v(page).getByTestId('sp-cisco-save')).toBeDisabled();

  await page.reload();
  await page.getByTestId('nav-system').click();
  await page.getByTestId('system-open-ciscoTelephony').click();
  await expect(v(page).getByTestId('sp-cisco-role-axlApi')).toBeChecked();
  await v(page).getByTestId('sp-cisco-test').click();
  await expect(v(page).getByTestId('sp-cisco-test-result')).toContainText('AXL answered: Cisco UCM 12.5.1.11900(146).');
  expect(axl.requests.at(-1).soapAction).toBe('"CUCM:DB ver=12.5 getCCMVersion"');
  await shot(page, 'sysparams-cisco');
  expect(errors).toEqual([]);
});
