import { test, expect, type Page } from '@playwright/test';
import { shot, startConsole } from './fixtures';

// The real console in browser mode (built out/main/browser.cjs) in Debian's Chromium.
let consoleApp: Awaited<ReturnType<typeof startConsole>>;
test.beforeAll(async () => {
  // Signed in from the command line (demo host administrator), so the workspace shows at once.
  consoleApp = await startConsole([
    '/user:admin',
    '/password:Admin#2026',
    '/brokername:cc01',
    '/brokerport:5024',
    '/tenantid:1',
  ]);
});
test.afterAll(async () => consoleApp.stop());

const tabKeys = (page: Page) =>
  page
    .getByTestId('tabstrip')
    .locator('[role=tab]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('tab-'.length)));
const activeTab = (page: Page) =>
  page.getByTestId('tabstrip').locator('[role=tab][aria-selected=true]').getAttribute('data-testid');

async function openShell(page: Page) {
  await page.goto(consoleApp.url);
  await expect(page.getByTestId('tab-users')).toBeVisible();
  // The token was traded for a cookie and left the address bar.
  expect(page.url()).toBe(`${consoleApp.origin}/`);
}

test('the shell: title bar, areas, empty states, status bar', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await openShell(page);
  const title = page.getByTestId('titlebar');
  await expect(title).toContainText('Embedded demo (SQLite)');
  await expect(title).toContainText('Demo Contact Center');
  await expect(page.getByTestId('titlebar-user')).toContainText('admin');
  await expect(page.locator('[data-testid^=nav-]')).toHaveText([
    'Users',
    'Object Tags',
    'Dispatch Groups',
    'Response Files',
    'Single Sign-On',
    'Alarms',
    'Logs',
    'System',
  ]);
  await expect(page.getByTestId('tabpanel-users').getByTestId('users-grid')).toBeVisible();
  await expect(page.getByTestId('status-mode')).toHaveText(/Browser mode/);
  await expect(page.getByTestId('status-events')).toContainText('connected');
  await shot(page, 'shell-start');
  await page.getByTestId('nav-alarms').click();
  await expect(page.getByTestId('tabpanel-alarms').getByTestId('alarms-counters')).toBeVisible();
  expect(errors).toEqual([]);
});

test('two tabs, one dirty: closing it asks Save / Don’t Save / Cancel', async ({ page }) => {
  await openShell(page);
  await page.getByTestId('nav-system').click();
  await page.getByTestId('system-open-preferences').click();
  await expect(page.getByTestId('tab-system.preferences')).toBeVisible();
  expect(await tabKeys(page)).toEqual(['users', 'system', 'system.preferences']);

  // Make Preferences dirty: the tab shows the marker.
  await page.getByTestId('pref-logBufferKLines').fill('400');
  await expect(page.getByTestId('tab-dirty-system.preferences')).toBeVisible();
  await expect(page.getByTestId('tab-system.preferences')).toHaveAttribute('aria-label', 'Preferences •');

  // Cancel keeps it.
  await page.getByTestId('tab-close-system.preferences').click();
  await expect(page.getByTestId('dirty-dialog')).toBeVisible();
  await expect(page.getByTestId('dirty-dialog')).toContainText('Save changes to Preferences?');
  await shot(page, 'dirty-close-prompt');
  await page.getByTestId('dirty-cancel').click();
  await expect(page.getByTestId('dirty-dialog')).toBeHidden();
  expect(await tabKeys(page)).toContain('system.preferences');

  // Ctrl+W asks too; Save writes through the contract and closes.
  await page.getByTestId('tab-system.preferences').click();
  await page.keyboard.press('Control+w');
  await expect(page.getByTestId('dirty-dialog')).toBeVisible();
  await page.getByTestId('dirty-save').click();
  await expect(page.getByTestId('dirty-dialog')).toBeHidden();
  expect(await tabKeys(page)).not.toContain('system.preferences');
  const saved = await page.evaluate(async () =>
    (
      await fetch('/api/prefs/get', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    ).json(),
  );
  expect(saved.value.value.logBufferKLines).toBe(400);

  // Don't Save discards.
  await page.getByTestId('system-open-preferences').click();
  await page.getByTestId('pref-logBufferKLines').fill('900');
  await page.getByTestId('tab-close-system.preferences').click();
  await page.getByTestId('dirty-discard').click();
  expect(await tabKeys(page)).not.toContain('system.preferences');
});

test('a field error names the rule and blocks Save', async ({ page }) => {
  await openShell(page);
  await page.getByTestId('nav-system').click();
  await page.getByTestId('system-open-preferences').click();
  await page.getByTestId('pref-logBufferKLines').fill('5');
  await expect(page.getByTestId('pref-logBufferKLines-error')).toContainText(/at least 10/i);
  await expect(page.getByTestId('pref-save')).toBeDisabled();
  await shot(page, 'preferences-field-error');
  await page.getByTestId('pref-logBufferKLines').fill('50');
  await expect(page.getByTestId('pref-save')).toBeEnabled();
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('pref-saved')).toBeVisible();
});

test('tabs: open focuses an open tab, Ctrl+Tab, reorder by keyboard and drag, middle-click close', async ({ page }) => {
  await openShell(page);
  for (const a of ['objectTags', 'dispatch', 'system']) await page.getByTestId(`nav-${a}`).click();
  await page.getByTestId('nav-users').click();
  expect(await tabKeys(page)).toEqual(['users', 'objectTags', 'dispatch', 'system']);
  expect(await activeTab(page)).toBe('tab-users');

  await page.getByTestId('tab-users').click();
  await page.keyboard.press('Control+Tab');
  expect(await activeTab(page)).toBe('tab-objectTags');
  await page.keyboard.press('Control+Shift+Tab');
  expect(await activeTab(page)).toBe('tab-users');

  await page.keyboard.press('Control+Shift+PageDown');
  expect(await tabKeys(page)).toEqual(['objectTags', 'users', 'dispatch', 'system']);
  await page.keyboard.press('Control+Shift+PageUp');
  expect(await tabKeys(page)).toEqual(['users', 'objectTags', 'dispatch', 'system']);

  const box = (await page.getByTestId('tab-dispatch').boundingBox())!;
  await page
    .getByTestId('tab-users')
    .dragTo(page.getByTestId('tab-dispatch'), { targetPosition: { x: box.width - 10, y: 10 } });
  expect(await tabKeys(page)).toEqual(['objectTags', 'dispatch', 'users', 'system']);

  await page.getByTestId('tab-dispatch').click({ button: 'middle' });
  expect(await tabKeys(page)).toEqual(['objectTags', 'users', 'system']);
  await page.getByTestId('tab-users').click();
  await page.keyboard.press('Control+w');
  expect(await tabKeys(page)).toEqual(['objectTags', 'system']);
  await shot(page, 'tabs-reordered');
});

test('closing the page with a dirty tab asks (beforeunload)', async ({ page }) => {
  await openShell(page);
  await page.getByTestId('nav-system').click();
  await page.getByTestId('system-open-preferences').click();
  await page.getByTestId('pref-logBufferKLines').fill('250');
  // The page asks only once the tab is dirty (state, not time).
  await expect(page.getByTestId('tab-dirty-system.preferences')).toBeVisible();
  const dialog = new Promise<string>((resolve) =>
    page.once('dialog', async (d) => {
      resolve(d.type());
      await d.dismiss();
    }),
  );
  await page.close({ runBeforeUnload: true });
  expect(await dialog).toBe('beforeunload');
  // Dismissed: the page stays open and dirty. Close it without asking, so the context's own
  // teardown does not meet a second beforeunload.
  await page.close();
});

test('a stale save is refused and offers Reload / Overwrite; the other page follows', async ({ browser }) => {
  const context = await browser.newContext();
  const [a, b] = [await context.newPage(), await context.newPage()];
  for (const p of [a, b]) {
    await openShell(p);
    await p.getByTestId('nav-system').click();
    await p.getByTestId('system-open-preferences').click();
  }
  await a.getByTestId('pref-logBufferKLines').fill('700');
  await b.getByTestId('pref-theme').getByLabel('Dark').check();
  await b.keyboard.press('Control+s');
  await expect(b.getByTestId('pref-saved')).toBeVisible();
  await a.getByTestId('pref-save').click();
  await expect(a.getByTestId('pref-conflict')).toContainText('does not match the current version');
  await shot(a, 'preferences-conflict');
  await a.getByTestId('pref-overwrite').click();
  await expect(a.getByTestId('pref-saved')).toBeVisible();
  await expect(b.getByTestId('pref-logBufferKLines')).toHaveValue('700'); // via the prefs.changed event
  await context.close();
});

test('launch options show the flags without the password', async ({ page }) => {
  await openShell(page);
  await page.getByTestId('nav-system').click();
  await page.getByTestId('system-open-launchOptions').click();
  const panel = page.getByTestId('tabpanel-system.launchOptions');
  await expect(panel).toContainText('admin');
  await expect(panel).toContainText('given');
  await expect(panel).not.toContainText('Admin#2026');
  expect(await page.content()).not.toContain('Admin#2026');
  await shot(page, 'launch-options');
});

test('without the run token the browser gets 401', async ({ browser }) => {
  const context = await browser.newContext(); // no cookie
  const page = await context.newPage();
  const res = await page.goto(consoleApp.origin + '/');
  expect(res?.status()).toBe(401);
  await expect(page.locator('body')).toContainText('run token');
  // From the page (Node's request client cannot resolve the run's *.localhost name).
  const api = await page.evaluate(
    async () =>
      (await fetch('/api/app/getInfo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }))
        .status,
  );
  expect(api).toBe(401);
  await context.close();
});
