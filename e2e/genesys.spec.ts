import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test, expect, type Page } from '@playwright/test';
import { shot, startConsole } from './fixtures';

// Genesys Cloud against the real console in browser mode and the Genesys Cloud stand-in on 127.0.0.1
// (OAuth, SCIM 2.0, Platform API): enable and provision, a user synchronized, a record the API refuses
// with its message, Integration Health during an outage and after it.
const here = dirname(fileURLToPath(import.meta.url));
const load = (path: string) => import(pathToFileURL(resolve(here, '..', path)).href) as Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
const { startGenesysStandIn } = await load('electron/testing/genesysCloud/standIn.ts');
interface StandIn {
  baseUrl: string;
  clients: Map<string, unknown>;
  refuseUserNames: Map<string, string>;
  setOutage(on: boolean): void;
  userByName(name: string): { displayName: string } | undefined;
  stop(): Promise<void>;
}

type ConsoleApp = Awaited<ReturnType<typeof startConsole>>;
let app: ConsoleApp | null = null;
let cloud: StandIn | null = null;
test.afterEach(async () => {
  await app?.stop();
  await cloud?.stop();
  app = null;
  cloud = null;
});

const ADMIN = ['/user:admin', '/password:Admin#2026', '/tenantid:1'];

async function editUser(page: Page, logonId: string, email: string) {
  await page.getByTestId(`genesys-edit-${logonId}`).click();
  await page.getByTestId('genesys-profile-email').fill(email);
  await page.getByTestId('genesys-profile-save').click();
  await expect(page.getByTestId('genesys-profile-save')).toBeHidden();
}

test('enable and provision against the stand-in, a user synced, an error record, health during an outage and after', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1366, height: 768 });
  cloud = (await startGenesysStandIn({
    orgShortName: 'acme',
    adminEmail: 'admin@acme.example',
    adminPassword: 'Genesys#2026',
  })) as StandIn;
  app = await startConsole(ADMIN, { CCM_GENESYS_BASE_URL: cloud.baseUrl, CCM_GENESYS_PROBE_MS: '400' });
  await page.goto(app.url);
  // Not configured: no Genesys Status in the users grid.
  await page.getByTestId('nav-users').click();
  await expect(page.getByTestId('users-row').first()).toBeVisible();
  await expect(page.getByTestId('users-column-genesys')).toHaveCount(0);
  await page.getByTestId('nav-genesys').click();

  // Enable: the confirmation first.
  await page.getByTestId('genesys-enabled').click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('synchronized to the paired Genesys Cloud organization');
  await page.getByTestId('genesys-enable-yes').click();
  await page.getByTestId('genesys-adminEmail').fill('admin@acme.example');
  await page.getByTestId('genesys-orgShortName').fill('acme');
  // The password rule is checked as it is typed.
  await page.getByTestId('genesys-password').fill('short');
  await expect(page.getByTestId('genesys-password-error')).toHaveText('at least 8 characters');
  await page.getByTestId('genesys-password').fill('Wrong#Pass1');
  await page.getByTestId('genesys-save').click();
  await expect(page.getByTestId('genesys-save')).toBeDisabled();

  // Apply with the wrong password: the API's error.
  await page.getByTestId('genesys-apply').click();
  await page.getByTestId('genesys-apply-yes').click();
  await expect(page.getByTestId('genesys-apply-error')).toContainText('invalid_grant: Invalid login credentials');
  await shot(page, 'genesys-apply-error');

  // Change the administrator's credentials, Apply again.
  await page.getByTestId('genesys-password').fill('Genesys#2026');
  await page.getByTestId('genesys-save').click();
  await expect(page.getByTestId('genesys-save')).toBeDisabled();
  await page.getByTestId('genesys-apply').click();
  await page.getByTestId('genesys-apply-yes').click();
  await expect(page.getByTestId('genesys-apply-success')).toContainText('organization Acme Contact Center');
  expect(cloud.clients.size).toBe(1);
  await shot(page, 'genesys-provisioned');

  // A user with a Business Email is synchronized; one without is listed as not synchronized.
  await page.getByTestId('genesys-tab-records').click();
  const rows = page.getByTestId('genesys-records').locator('tbody tr');
  // The first complete pass of the demo tenant runs meanwhile.
  await expect(rows.first()).toBeVisible({ timeout: 15_000 });
  const names = (await rows.locator('td:first-child').allTextContents()).filter((n) => n !== 'admin');
  const [first, second] = names;
  await editUser(page, first!, `${first}@acme.example`);
  await expect(page.getByTestId(`genesys-record-${first}`)).toContainText('Synced');
  expect(cloud.userByName(`${first}@acme.example`)?.displayName).toBe(first);
  await expect(page.getByTestId(`genesys-record-${second}`)).toContainText('No Business Email');

  // A record Genesys Cloud refuses: Error with the API's text.
  cloud.refuseUserNames.set(`${second}@acme.example`, 'The email domain is not allowed for this organization');
  await editUser(page, second!, `${second}@acme.example`);
  await expect(page.getByTestId(`genesys-record-${second}`)).toContainText(
    'HTTP 400 Bad Request: The email domain is not allowed for this organization',
  );
  await expect(page.getByTestId(`genesys-record-${second}`)).toContainText('Error');
  await page.getByTestId(`genesys-record-${first}`).scrollIntoViewIfNeeded();
  await shot(page, 'genesys-records');

  // The same status on the user's own page and in the users grid.
  await page.getByTestId('nav-users').click();
  await expect(page.getByTestId('users-column-genesys')).toHaveText('Genesys Status');
  const secondRow = page.locator(`[data-testid="users-row"][data-logon="${second}"]`);
  await expect(secondRow.getByTestId('users-genesys-status')).toHaveText('Error');
  await shot(page, 'genesys-users-grid');
  await secondRow.dblclick();
  await page.getByTestId('user-page-genesys').click();
  const section = page.getByTestId('genesys-user-section');
  await expect(section.getByTestId('genesys-object-status')).toHaveText('Error');
  await expect(section.getByTestId('genesys-object-message')).toContainText(
    'HTTP 400 Bad Request: The email domain is not allowed for this organization',
  );
  await expect(section.getByTestId('genesys-object-email')).toHaveText(`${second}@acme.example`);
  await shot(page, 'genesys-user-page-error');
  await page.keyboard.press('Control+w'); // close it (each open tab keeps its page)
  await page.getByTestId('nav-users').click();
  await page.locator(`[data-testid="users-row"][data-logon="${first}"]`).dblclick();
  await page.getByTestId('user-page-genesys').click();
  await expect(page.getByTestId('genesys-user-section').getByTestId('genesys-object-status')).toHaveText('Synced');
  await expect(page.getByTestId('genesys-user-section').getByTestId('genesys-object-displayName')).toHaveText(first!);
  await expect(page.getByTestId('genesys-user-section').getByTestId('genesys-object-last')).not.toHaveText('Never');
  await shot(page, 'genesys-user-page-synced');
  await page.getByTestId('nav-genesys').click();

  // Integration Health during an outage: Connection lost, and the 47000 alarm.
  await page.getByTestId('genesys-tab-health').click();
  await expect(page.getByTestId('genesys-health-User-Sync')).toContainText('1 / 2 synced');
  cloud.setOutage(true);
  await expect(page.getByTestId('genesys-health-API-Health')).toContainText('Connection lost');
  await page.getByTestId('genesys-health-API-Health').click();
  await page.getByTestId('genesys-health-details').click();
  await expect(page.getByTestId('genesys-details')).toContainText('cannot be reached');
  // Copy puts the selected line (Severity, Time, Message) on the clipboard.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
  await page.getByTestId('genesys-details-copy').click();
  await expect(page.getByTestId('genesys-details-copy')).toHaveText('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/^Error\t.+\t.*cannot be reached/);
  await shot(page, 'genesys-health-outage');
  await page.getByRole('button', { name: 'Close' }).click();
  // The Alarms area agrees: the same alarm as a 47000 trap.
  await page.getByTestId('nav-alarms').click();
  await expect(
    page.getByTestId('alarm-row').filter({ hasText: 'Genesys Cloud connection lost (organization acme)' }),
  ).toHaveCount(1, { timeout: 15_000 });
  await shot(page, 'genesys-alarm-lost');
  await page.getByTestId('nav-genesys').click();
  await page.getByTestId('genesys-tab-health').click();

  // And after it: Healthy again (47001 clears the alarm).
  cloud.setOutage(false);
  await expect(page.getByTestId('genesys-health-API-Health')).toContainText('Healthy');
  await shot(page, 'genesys-health-restored');

  // Wrap-up codes: add one and rename it in place.
  await page.getByTestId('genesys-tab-wrapup').click();
  await page.getByTestId('genesys-wrapup-name').fill('Sale');
  await page.getByTestId('genesys-wrapup-add').click();
  await page.getByTestId('genesys-wrapup-rename-Sale').click();
  await page.getByTestId('genesys-wrapup-rename-name').fill('Sales call');
  await shot(page, 'genesys-wrapup-rename');
  await page.getByTestId('genesys-wrapup-rename-save').click();
  await expect(page.getByTestId('genesys-wrapup-Sales call')).toBeVisible();
  await expect(page.getByTestId('genesys-wrapup-Sale')).toHaveCount(0);

  // Disabling asks first (the guide's warning); No keeps it enabled.
  await page.getByTestId('genesys-tab-config').click();
  await page.getByTestId('genesys-enabled').click();
  await expect(page.getByRole('alertdialog')).toContainText('Do you want to continue and disable the integration?');
  await shot(page, 'genesys-disable-confirm');
  await page.getByTestId('genesys-disable-no').click();
  await expect(page.getByTestId('genesys-enabled')).toBeChecked();

  expect(errors).toEqual([]);
});
