import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { shot, startConsole } from './fixtures';

// Sign-in, permissions, Accounts, Audit, Password management and the Connection manager,
// against the real console in browser mode. Every test starts its own console, so each one
// has a fresh demo database (and its own single sign-in session).
type ConsoleApp = Awaited<ReturnType<typeof startConsole>>;
const running: ConsoleApp[] = [];
test.afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()));
});

async function start(args: string[] = [], env: Record<string, string> = {}): Promise<ConsoleApp> {
  const app = await startConsole(args, env);
  running.push(app);
  return app;
}

async function open(page: Page, args: string[] = [], env: Record<string, string> = {}): Promise<ConsoleApp> {
  const app = await start(args, env);
  await page.goto(app.url);
  return app;
}

const ADMIN = ['/user:admin', '/password:Admin#2026', '/tenantid:1'];

/** Fills the form and submits with Enter; resolves when main has answered. */
async function signIn(page: Page, logonId: string, password: string, tenantId = '1') {
  await page.getByTestId('signin-logonId').fill(logonId);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-tenant').selectOption(tenantId);
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/auth/signIn')),
    page.getByTestId('signin-password').press('Enter'),
  ]);
}

const navItems = (page: Page) => page.locator('[data-testid^=nav-]');

async function openSystem(page: Page, entry: string) {
  await page.getByTestId('nav-system').click();
  await page.getByTestId(`system-open-${entry}`).click();
}

/** What main has saved now, read with the page's own cookie. */
async function savedPolicy(page: Page) {
  const body = await page.evaluate(async () =>
    (
      await fetch('/api/tenants/getPolicy', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"tenantId":1}',
      })
    ).json(),
  );
  return body.value.policy;
}

test('sign in from the form, then sign out', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await open(page);
  await expect(page.getByTestId('signin-screen')).toBeVisible();
  await expect(page.getByTestId('signin-connection')).toContainText('Embedded demo (SQLite)');
  await expect(page.getByTestId('signin-tenant').locator('option')).toHaveText([
    'Choose a tenant…',
    'Demo Contact Center',
    'Northwind Support',
  ]);
  await expect(page.getByTestId('nav')).toHaveCount(0);
  await expect(page.getByTestId('signin-stdlogin')).toHaveCount(0);
  await expect(page.getByText(/single sign-on/i)).toHaveCount(0);
  await shot(page, 'signin');

  // No tenant chosen: main's answer shows under the Tenant field.
  await page.getByTestId('signin-logonId').fill('admin');
  await page.getByTestId('signin-password').fill('Admin#2026');
  await page.getByTestId('signin-submit').click();
  await expect(page.getByTestId('signin-tenantId-error')).toHaveText('Choose the tenant to sign in to.');

  await signIn(page, 'admin', 'Admin#2026');
  await expect(page.getByTestId('tab-users')).toBeVisible();
  await expect(page.getByTestId('titlebar-server')).toContainText('Embedded demo (SQLite)');
  await expect(page.getByTestId('titlebar-tenant')).toContainText('Demo Contact Center');
  await expect(page.getByTestId('titlebar-user')).toContainText('admin');
  await expect(navItems(page)).toHaveCount(11);
  await shot(page, 'signed-in-admin');

  // A host administrator may switch the tenant.
  await page.getByTestId('titlebar-tenant').click();
  await page.getByTestId('tenant-option-2').click();
  await expect(page.getByTestId('titlebar-tenant')).toContainText('Northwind Support');

  await page.getByTestId('titlebar-user').click();
  await shot(page, 'user-menu');
  await page.getByTestId('menu-sign-out').click();
  await expect(page.getByTestId('signin-screen')).toBeVisible();
  await expect(page.getByTestId('tabstrip')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('change password from the user menu: the form’s own checks, the tenant’s rule from main, then the new password works', async ({
  page,
}) => {
  await open(page, ADMIN);
  await page.getByTestId('titlebar-user').click();
  await page.getByTestId('menu-change-password').click();
  const dialog = page.getByTestId('change-password-dialog');
  await expect(dialog).toBeVisible();
  await page.getByTestId('cpw-currentPassword').fill('Admin#2026');
  await page.getByTestId('cpw-newPassword').fill('short');
  await page.getByTestId('cpw-confirmPassword').fill('shorter');
  await page.getByTestId('cpw-submit').click();
  await expect(page.getByTestId('cpw-confirmPassword-error')).toHaveText('The passwords do not match.');
  await page.getByTestId('cpw-confirmPassword').fill('short');
  await page.getByTestId('cpw-submit').click();
  await expect(page.getByTestId('cpw-newPassword-error')).toHaveText('The password must be at least 8 characters.');
  await shot(page, 'change-password');
  await page.getByTestId('cpw-newPassword').fill('Admin#2027!');
  await page.getByTestId('cpw-confirmPassword').fill('Admin#2027!');
  await page.getByTestId('cpw-submit').click();
  // Main verifies the current password and hashes the new one (two scrypt runs): slow on a loaded machine.
  await expect(dialog).toBeHidden({ timeout: 30_000 });

  await page.getByTestId('titlebar-user').click();
  await page.getByTestId('menu-sign-out').click();
  await signIn(page, 'admin', 'Admin#2026');
  await expect(page.getByTestId('signin-password-error')).toHaveText('Logon ID or password is incorrect.');
  await signIn(page, 'admin', 'Admin#2027!');
  await expect(page.getByTestId('titlebar-user')).toContainText('admin');
});

test('five wrong passwords lock the account; admin sees it in Accounts and Audit and unlocks it', async ({ page }) => {
  await open(page);
  for (let i = 1; i <= 5; i++) {
    await signIn(page, 'supervisor', `wrong-${i}`);
    await expect(page.getByTestId('signin-password-error')).toHaveText('Logon ID or password is incorrect.');
  }
  // The sixth attempt, even with the right password, says the account is locked.
  await signIn(page, 'supervisor', 'Super#2026');
  await expect(page.getByTestId('signin-logonId-error')).toContainText('locked after too many failed logon attempts');
  await shot(page, 'signin-locked');

  await signIn(page, 'admin', 'Admin#2026');
  await openSystem(page, 'accounts');
  const row = page.getByTestId('account-supervisor');
  await expect(row).toContainText('Sam Supervisor');
  await expect(row).toContainText('Supervisors');
  await expect(row).toContainText('Failed logon attempts');
  await expect(row).toContainText('127.0.0.1');
  await expect(page.getByTestId('account-jlocked')).toContainText('10.20.30.40');
  await shot(page, 'accounts-locked');

  await openSystem(page, 'audit');
  // five wrong passwords, then the refusal of the locked account
  const failed = page.locator('[data-action="sign-in-failed"]').filter({ hasText: 'supervisor' });
  await expect(failed.filter({ hasText: 'wrong-password' })).toHaveCount(5);
  await expect(failed.filter({ hasText: 'reason: locked' })).toHaveCount(1);
  const lock = page.locator('[data-action="lock"]').filter({ hasText: 'supervisor' });
  await expect(lock).toHaveCount(1);
  await expect(lock).toContainText('failed-attempts');
  await lock.getByRole('button', { name: 'Show before and after' }).click();
  await expect(page.locator('[data-testid^=audit-details-]')).toContainText('"host": "127.0.0.1"');
  await shot(page, 'audit');

  // Filter by action.
  await page.getByTestId('audit-action').selectOption('lock');
  await expect(page.locator('[data-testid^=audit-row-]')).toHaveCount(1);
  await expect(page.getByTestId('audit-count')).toHaveText('1–1 of 1');
  await page.getByTestId('audit-clear').click();

  // Unlock, with a confirmation; the audit tab (still open) refreshes through db.changed.
  await page.getByTestId('tab-system.accounts').click();
  await page.getByTestId('unlock-supervisor').click();
  await expect(page.getByTestId('unlock-dialog')).toContainText('Unlock supervisor?');
  await page.getByTestId('unlock-confirm').click();
  await expect(page.getByTestId('accounts-done')).toHaveText('supervisor is unlocked.');
  await expect(page.getByTestId('account-supervisor')).toHaveCount(0);
  await page.getByTestId('tab-system.audit').click();
  await expect(page.locator('[data-action="unlock"]').filter({ hasText: 'supervisor' })).toHaveCount(1);

  // Unlocked: the supervisor can sign in again.
  await page.getByTestId('titlebar-user').click();
  await page.getByTestId('menu-sign-out').click();
  await signIn(page, 'supervisor', 'Super#2026');
  await expect(page.getByTestId('titlebar-user')).toContainText('supervisor');
});

test('a supervisor: users only in their agent groups (main’s refusal is shown), System read-only', async ({ page }) => {
  await open(page, ['/user:supervisor', '/password:Super#2026', '/tenantid:1']);
  await expect(page.getByTestId('titlebar-user')).toContainText('supervisor');
  // no tenant switcher for a tenant user
  await expect(page.getByTestId('titlebar-tenant')).not.toHaveAttribute('type', 'button');
  await openSystem(page, 'accounts');
  await page.getByTestId('accounts-lock-user').click();
  await page.getByTestId('lock-search').fill('admin');
  await page.getByTestId('lock-admin').click();
  await expect(page.getByTestId('lock-error')).toContainText(
    'You may change only users of the agent groups you supervise; this user is in "Supervisors".',
  );
  await shot(page, 'lock-forbidden');
  await page.getByTestId('lock-close').click();
  await expect(page.getByTestId('lock-dialog')).toBeHidden();

  await openSystem(page, 'passwordPolicy');
  await expect(page.getByTestId('policy-readonly')).toBeVisible();
  await expect(page.getByTestId('policy-lockoutAfterAttempts')).toBeDisabled();
  await expect(page.getByTestId('policy-save')).toHaveCount(0);
  await shot(page, 'policy-read-only');
});

test('/user: with a wrong /password: shows the form with the error and the Logon ID', async ({ page }) => {
  await open(page, ['/user:admin', '/password:wrong', '/tenantid:1', '/stdlogin']);
  await expect(page.getByTestId('signin-startup-error')).toContainText('Logon ID or password is incorrect.');
  await expect(page.getByTestId('signin-logonId')).toHaveValue('admin');
  await expect(page.getByTestId('signin-tenant')).toHaveValue('1');
  await expect(page.getByTestId('signin-password')).toBeFocused();
  await expect(page.getByTestId('signin-stdlogin')).toHaveText('Conventional logon forced (/stdlogin)');
  await shot(page, 'signin-startup-error');
  await page.getByTestId('signin-password').fill('Admin#2026');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tab-users')).toBeVisible();
});

test('a field technician sees only Alarms and Logs; main refuses the rest anyway', async ({ page }) => {
  await open(page);
  await signIn(page, 'tech', 'Tech#2026');
  await expect(navItems(page)).toHaveText(['Alarms', 'Logs']);
  // The start area (Users) is not granted: the first granted area opens instead.
  await expect(page.getByTestId('tab-alarms')).toBeVisible();
  await expect(page.getByTestId('nav-system')).toHaveCount(0);
  await shot(page, 'tech-nav');
  const refused = await page.evaluate(async () =>
    (
      await fetch('/api/audit/query', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    ).json(),
  );
  expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

/**
 * A second console on the first one's database (another administrator's workstation): it
 * connects through the Connection manager and signs in. Returns its page.
 */
async function secondConsoleOnSameDatabase(a: Page, b: Page): Promise<void> {
  const file: string = await a.evaluate(async () => {
    const res = await fetch('/api/connections/list', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    return (await res.json()).value.profiles[0].profile.file;
  });
  const second = await start(ADMIN);
  await b.goto(second.url);
  await expect(b.getByTestId('tab-users')).toBeVisible();
  await openSystem(b, 'connections');
  await b.getByTestId('conn-new-sqlite').click();
  await b.getByTestId('conn-name').fill('Shared demo');
  await b.getByTestId('conn-file').fill(file);
  await b.getByTestId('conn-save').click();
  await expect(b.locator('[data-testid^=conn-row-]').filter({ hasText: 'Shared demo' })).toBeVisible();
  await b.getByTestId('conn-connect').click();
  await expect(b.getByTestId('conn-confirm')).toContainText('signs you out');
  await b.getByTestId('conn-confirm-yes').click();
  await expect(b.getByTestId('connections-dialog')).toBeHidden();
  await expect(b.getByTestId('signin-connection')).toContainText('Shared demo');
  await expect(b.getByTestId('titlebar-server')).toContainText('Shared demo');
  await signIn(b, 'admin', 'Admin#2026');
  await expect(b.getByTestId('tab-users')).toBeVisible();
}

test('password management: field rules, dirty prompt, save; a stale save from another console offers Reload / Overwrite / Merge', async ({
  browser,
}) => {
  const first = await start(ADMIN);
  const context = await browser.newContext({ viewport: { width: 1366, height: 820 } });
  const [a, b] = [await context.newPage(), await context.newPage()];
  await a.goto(first.url);
  await secondConsoleOnSameDatabase(a, b);
  for (const p of [a, b]) {
    await openSystem(p, 'passwordPolicy');
    await expect(p.getByTestId('policy-lockoutAfterAttempts')).toHaveValue('5');
  }
  await expect(a.getByTestId('policy-row-lockoutAfterAttempts')).toContainText('Lockout Account After');
  await expect(a.getByTestId('policy-row-lockoutAfterAttempts')).toContainText('Failed Logon Attempts');

  // Field rules from the contract, under the field; 0 says "off".
  await a.getByTestId('policy-lockoutAfterAttempts').fill('abc');
  await expect(a.getByTestId('policy-lockoutAfterAttempts-error')).toHaveText(
    'Lockout Account After … Failed Logon Attempts: enter a whole number',
  );
  await expect(a.getByTestId('policy-save')).toBeDisabled();
  await shot(a, 'policy-field-error');
  await a.getByTestId('policy-lockoutAfterAttempts').fill('5');
  await a.getByTestId('policy-warnDaysRemaining').fill('95');
  await expect(a.getByTestId('policy-warnDaysRemaining-error')).toContainText(
    'must be less than Password Expires After',
  );
  await expect(a.getByTestId('policy-save')).toBeDisabled();
  await a.getByTestId('policy-warnDaysRemaining').fill('14');
  await a.getByTestId('policy-lockoutAfterAttempts').fill('0');
  await expect(a.getByTestId('policy-lockoutAfterAttempts-off')).toBeVisible();

  // Dirty: the marker, the close prompt; Cancel keeps it, Ctrl+S saves.
  await a.getByTestId('policy-lockoutAfterAttempts').fill('6');
  const tabKey = 'system.passwordPolicy.1';
  await expect(a.getByTestId(`tab-dirty-${tabKey}`)).toBeVisible();
  await a.getByTestId(`tab-close-${tabKey}`).click();
  await expect(a.getByTestId('dirty-dialog')).toContainText('Save changes to Password management');
  await a.getByTestId('dirty-cancel').click();
  await expect(a.getByTestId('dirty-dialog')).toBeHidden();
  await a.getByTestId('policy-lockoutAfterAttempts').click();
  await a.keyboard.press('Control+s');
  await expect(a.getByTestId('policy-saved')).toBeVisible();
  await expect(a.getByTestId(`tab-dirty-${tabKey}`)).toHaveCount(0);
  expect(await savedPolicy(a)).toEqual({
    lockoutAfterAttempts: 6,
    cannotReuseLast: 3,
    expiresAfterDays: 90,
    warnDaysRemaining: 14,
  });
  // The other console's page was clean: it follows (db.changed → the policy query).
  await expect(b.getByTestId('policy-lockoutAfterAttempts')).toHaveValue('6');

  // Different fields: A changes "Cannot Reuse Last", the other console saves "Password Expires After" first.
  await a.getByTestId('policy-cannotReuseLast').fill('4');
  await b.getByTestId('policy-expiresAfterDays').fill('60');
  await b.getByTestId('policy-save').click();
  await expect(b.getByTestId('policy-saved')).toBeVisible();
  await a.getByTestId('policy-save').click();
  await expect(a.getByTestId('policy-conflict')).toContainText('does not match the current version');
  await expect(a.getByTestId('policy-reload')).toBeVisible();
  await expect(a.getByTestId('policy-overwrite')).toBeVisible();
  await expect(a.getByTestId('policy-merge')).toBeVisible();
  await shot(a, 'policy-conflict');
  await a.getByTestId('policy-merge').click();
  await expect(a.getByTestId('policy-merged')).toBeVisible();
  await expect(a.getByTestId('policy-cannotReuseLast')).toHaveValue('4');
  await expect(a.getByTestId('policy-expiresAfterDays')).toHaveValue('60');
  await a.getByTestId('policy-save').click();
  await expect(a.getByTestId('policy-saved')).toBeVisible();
  expect(await savedPolicy(a)).toEqual({
    lockoutAfterAttempts: 6,
    cannotReuseLast: 4,
    expiresAfterDays: 60,
    warnDaysRemaining: 14,
  });
  await expect(b.getByTestId('policy-cannotReuseLast')).toHaveValue('4');

  // The same field both ways, plus one more of theirs: Merge asks which value to keep.
  await a.getByTestId('policy-lockoutAfterAttempts').fill('7');
  await b.getByTestId('policy-lockoutAfterAttempts').fill('8');
  await b.getByTestId('policy-warnDaysRemaining').fill('10');
  await b.keyboard.press('Control+s');
  await expect(b.getByTestId('policy-saved')).toBeVisible();
  await a.keyboard.press('Control+s');
  await expect(a.getByTestId('policy-conflict')).toBeVisible();
  await a.getByTestId('policy-merge').click();
  const merge = a.getByTestId('policy-merge-dialog');
  await expect(merge).toContainText('Yours: 7');
  await expect(merge).toContainText('Saved by admin: 8');
  await expect(a.getByTestId('policy-merge-apply')).toBeDisabled();
  await shot(a, 'policy-merge');
  await merge.getByLabel('Yours: 7').check();
  await a.getByTestId('policy-merge-apply').click();
  await expect(a.getByTestId('policy-lockoutAfterAttempts')).toHaveValue('7');
  await expect(a.getByTestId('policy-warnDaysRemaining')).toHaveValue('10');
  await a.getByTestId('policy-save').click();
  await expect(a.getByTestId('policy-saved')).toBeVisible();
  expect(await savedPolicy(a)).toEqual({
    lockoutAfterAttempts: 7,
    cannotReuseLast: 4,
    expiresAfterDays: 60,
    warnDaysRemaining: 10,
  });

  // Overwrite: A's value wins over B's newer save.
  await expect(b.getByTestId('policy-lockoutAfterAttempts')).toHaveValue('7'); // B has followed A's save
  await a.getByTestId('policy-expiresAfterDays').fill('30');
  await b.getByTestId('policy-expiresAfterDays').fill('45');
  await b.getByTestId('policy-save').click();
  await expect(b.getByTestId('policy-saved')).toBeVisible();
  await a.getByTestId('policy-save').click();
  await expect(a.getByTestId('policy-conflict')).toBeVisible();
  await expect(a.getByTestId('policy-merge')).toHaveCount(0); // both changed exactly the same field
  await a.getByTestId('policy-overwrite').click();
  await expect(a.getByTestId('policy-saved')).toBeVisible();
  expect((await savedPolicy(a)).expiresAfterDays).toBe(30);
  await expect(b.getByTestId('policy-expiresAfterDays')).toHaveValue('30');
  await context.close();
});

test('audit: Export CSV downloads audit-YYYYMMDD-HHmm.csv with the header first', async ({ page }) => {
  await open(page, ADMIN);
  await openSystem(page, 'audit');
  await expect(page.locator('[data-action="sign-in"]').first()).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^audit-\d{8}-\d{4}\.csv$/);
  const text = readFileSync((await download.path())!, 'utf8');
  const header = text
    .split('\r\n')[0]!
    .split(',')
    .map((cell) => cell.replace(/^"|"$/g, ''));
  expect(header).toEqual([
    'Time (UTC)',
    'Tenant',
    'User',
    'Origin',
    'Action',
    'Object type',
    'Object ID',
    'Object',
    'Before',
    'After',
  ]);
  expect(text).toContain('sign-in');
  await expect(page.getByTestId('audit-exported')).toContainText(download.suggestedFilename());
  await shot(page, 'audit-export');
});

test('connection manager from the sign-in screen: profiles, Test Connection, passwords in the keychain', async ({
  page,
}) => {
  await open(page);
  await page.getByTestId('signin-change-connection').click();
  const dialog = page.getByTestId('connections-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('conn-row-embedded-demo')).toContainText('Embedded demo');
  await expect(page.getByTestId('conn-row-embedded-demo')).toContainText('In use');
  await expect(page.getByTestId('conn-row-embedded-demo')).toContainText('SQLite');
  // npm test runs the e2e inside a private gnome-keyring session: the keychain is there.
  await expect(page.getByTestId('conn-keychain')).toHaveCount(0);

  await page.getByTestId('conn-new-postgres').click();
  await expect(page.getByTestId('conn-password')).toBeEnabled();
  await page.getByTestId('conn-test').click();
  await expect(page.getByTestId('conn-name-error')).toHaveText('Name is required');
  await page.getByTestId('conn-name').fill('Nowhere');
  await page.getByTestId('conn-host').fill('127.0.0.1');
  await page.getByTestId('conn-port').fill('1');
  await page.getByTestId('conn-user').fill('ccm');
  await page.getByTestId('conn-password').fill('Not-a-real-one#1');
  await page.getByTestId('conn-test').click();
  await expect(page.getByTestId('conn-test-result')).toHaveAttribute('data-ok', 'false');
  await expect(page.getByTestId('conn-test-result')).not.toBeEmpty();
  await page.getByTestId('conn-save').click();
  const added = page.locator('[data-testid^=conn-row-]').filter({ hasText: 'Nowhere' });
  await expect(added).toContainText('ccm@127.0.0.1:1/ccm');
  await expect(added).toContainText('Password set');
  await expect(added).not.toContainText('Password not set');
  await shot(page, 'connection-manager');

  // The embedded demo tests fine.
  await page.getByTestId('conn-row-embedded-demo').click();
  await page.getByTestId('conn-test').click();
  await expect(page.getByTestId('conn-test-result')).toHaveAttribute('data-ok', 'true');

  // Only the first server profile of a fresh install can be added signed out; a second one
  // needs a user with System read-write (and its password never reaches the page).
  await page.getByTestId('conn-add-url').click();
  await page.getByTestId('conn-url-name').fill('From URL');
  await page.getByTestId('conn-url').fill('postgres://ccm:secret-in-url@db01:5432/micc');
  await page.getByTestId('conn-url-add').click();
  await expect(page.getByTestId('conn-error')).toHaveText(
    'Sign in first: adding a connection profile needs a user with System read-write.',
  );
  await expect(page.locator('[data-testid^=conn-row-]').filter({ hasText: 'From URL' })).toHaveCount(0);
  await page.getByTestId('conn-url').fill(''); // what the user typed stays in the field until then
  expect(await page.content()).not.toContain('secret-in-url');

  // Connect to the unreachable one: the dialog and the sign-in screen say why, with a way back.
  await added.click();
  await page.getByTestId('conn-connect').click();
  await expect(page.getByTestId('conn-error')).toBeVisible();
  await page.getByTestId('conn-close').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('titlebar-server')).toContainText('Nowhere');
  await expect(page.getByTestId('signin-connection-error')).toContainText('Cannot connect to Nowhere');
  await expect(page.getByTestId('signin-logonId')).toHaveCount(0);
  await shot(page, 'signin-connection-error');
  await page.getByTestId('signin-open-connections').click();
  await page.getByTestId('conn-row-embedded-demo').click();
  await page.getByTestId('conn-connect').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('signin-logonId')).toBeVisible();

  // Delete asks first, and needs a user with System read-write.
  await page.getByTestId('signin-change-connection').click();
  await added.click();
  await page.getByTestId('conn-delete').click();
  await page.getByTestId('conn-confirm-yes').click();
  await expect(page.getByTestId('conn-error')).toHaveText('Sign in first.');
  await expect(added).toHaveCount(1);
  await page.getByTestId('conn-close').click();
  await expect(dialog).toBeHidden();
});

test('without an OS keychain the connection manager says so and refuses passwords', async ({ page }) => {
  // No Secret Service on this bus: the console must refuse to store, never fall back to a file.
  await open(page, [], { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent-ccm-bus' });
  await page.getByTestId('signin-change-connection').click();
  await expect(page.getByTestId('conn-keychain')).toContainText('No OS keychain is available');
  await page.getByTestId('conn-new-postgres').click();
  await expect(page.getByTestId('conn-password')).toBeDisabled();
  await page.getByTestId('conn-add-url').click();
  await page.getByTestId('conn-url-name').fill('From URL');
  await page.getByTestId('conn-url').fill('postgres://ccm:secret@db01:5432/micc');
  await page.getByTestId('conn-url-add').click();
  await expect(page.getByTestId('conn-error')).toContainText('No OS keychain is available');
  await expect(page.locator('[data-testid^=conn-row-]').filter({ hasText: 'From URL' })).toHaveCount(0);
  await shot(page, 'connection-manager-no-keychain');
});

test('an account that loses its rights while signed in is signed out, and the form says why', async ({ page }) => {
  await open(page, ADMIN);
  await expect(page.getByTestId('tab-users')).toBeVisible();
  // The administrator makes their own account a Supervisor (any console could do this to anyone).
  const changed = await page.evaluate(async () => {
    const call = async (path: string, body: unknown) =>
      (
        await fetch(`/api/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).json();
    const me = (await call('users/page', { search: 'admin' })).value.rows.find(
      (r: { logonId: string }) => r.logonId === 'admin',
    );
    const type = (await call('users/lookups', {})).value.userTypes.find(
      (t: { name: string }) => t.name === 'Supervisor',
    );
    return call('users/bulk', { selection: { ids: [me.id] }, action: { kind: 'changeUserType', userTypeId: type.id } });
  });
  expect(changed.ok).toBe(true);
  await expect(page.getByTestId('signin-screen')).toBeVisible();
  await expect(page.getByTestId('signin-signed-out')).toContainText(
    'You were signed out: your user type was changed to Supervisor',
  );
  await shot(page, 'signin-signed-out');
  await signIn(page, 'admin', 'Admin#2026');
  await expect(page.getByTestId('signin-screen')).toBeHidden();
});

test('/user: and /password: without /tenantid: that fit no single tenant: the form asks for the tenant and keeps the password', async ({
  page,
}) => {
  await open(page, ['/user:ghost', '/password:Some#Pass2026']);
  await expect(page.getByTestId('signin-startup-error')).toContainText('Choose the tenant to sign in to');
  await expect(page.getByTestId('signin-logonId')).toHaveValue('ghost');
  await expect(page.getByText('The password given on the command line is used.', { exact: true })).toBeVisible();
  await page.getByTestId('signin-tenant').selectOption('1');
  await shot(page, 'signin-startup-tenant');
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/auth/startupContinue')),
    page.getByTestId('signin-submit').click(),
  ]);
  await expect(page.getByTestId('signin-password-error')).toHaveText('Logon ID or password is incorrect.');
});
