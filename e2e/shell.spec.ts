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
  await expect(page.getByTestId('tab-users')).toBeVisible({ timeout: 20_000 }); // a loaded machine
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
    'Web Manager',
    'E-mail',
    'Genesys Cloud',
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

test.describe('the tab strip at 1366×768', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  const openAreas = async (page: Page, areas: string[]) => {
    for (const a of areas) await page.getByTestId(`nav-${a}`).click();
  };

  test('context menu and keys: close to the right, close others, close all', async ({ page }) => {
    await openShell(page);
    await openAreas(page, ['objectTags', 'dispatch', 'system']);
    expect(await tabKeys(page)).toEqual(['users', 'objectTags', 'dispatch', 'system']);

    // Right click: the menu names each command with its key.
    await page.getByTestId('tab-objectTags').click({ button: 'right' });
    const menu = page.getByTestId('tab-menu');
    await expect(menu).toBeVisible();
    await expect(page.getByTestId('tab-menu-close')).toContainText('Ctrl+W');
    await expect(page.getByTestId('tab-menu-close-others')).toContainText('Ctrl+Alt+W');
    await expect(page.getByTestId('tab-menu-close-right')).toContainText('Ctrl+Alt+Shift+W');
    await expect(page.getByTestId('tab-menu-close-all')).toContainText('Ctrl+Shift+W');
    await shot(page, 'tabs-context-menu');
    await page.getByTestId('tab-menu-close-right').click();
    expect(await tabKeys(page)).toEqual(['users', 'objectTags']);

    // Shift+F10 on the focused tab opens the same menu from the keyboard.
    await openAreas(page, ['dispatch', 'system']);
    await page.getByTestId('tab-dispatch').click();
    await page.getByTestId('tab-dispatch').press('Shift+F10');
    await expect(menu).toBeVisible();
    await page.getByTestId('tab-menu-close-others').click();
    expect(await tabKeys(page)).toEqual(['dispatch']);

    // The keys, window-wide.
    await openAreas(page, ['users', 'alarms', 'logs']);
    await page.getByTestId('tab-users').click();
    await page.keyboard.press('Control+Alt+Shift+KeyW');
    expect(await tabKeys(page)).toEqual(['dispatch', 'users']);
    await openAreas(page, ['sso']);
    await page.keyboard.press('Control+Alt+KeyW');
    expect(await tabKeys(page)).toEqual(['sso']);
    await openAreas(page, ['users']);
    await page.keyboard.press('Control+Shift+KeyW');
    expect(await tabKeys(page)).toEqual([]);
    await expect(page.getByText('No tab is open.')).toBeVisible();
  });

  test('closing several tabs with unsaved changes asks once, naming how many', async ({ page }) => {
    await openShell(page);
    await page.getByTestId('nav-system').click();
    await page.getByTestId('system-open-preferences').click();
    await page.getByTestId('pref-logBufferKLines').fill('333');
    await page.getByTestId('nav-system').click();
    await page.getByTestId('system-open-passwordPolicy').click();
    await page.getByTestId('policy-warnDaysRemaining').fill('12');
    await expect(page.getByTestId('tab-dirty-system.preferences')).toBeVisible();
    await expect(page.getByTestId('tab-dirty-system.passwordPolicy.1')).toBeVisible();
    const before = await tabKeys(page);

    await page.keyboard.press('Control+Shift+KeyW');
    const dialog = page.getByTestId('dirty-dialog');
    await expect(dialog).toContainText('Save changes to 2 tabs?');
    await expect(dialog).toContainText('Preferences, Password management');
    await shot(page, 'tabs-close-all-dirty');
    await page.getByTestId('dirty-cancel').click();
    await expect(dialog).toBeHidden();
    expect(await tabKeys(page)).toEqual(before); // Cancel keeps every tab, the clean ones too

    await page.getByTestId('tab-users').click({ button: 'right' });
    await page.getByTestId('tab-menu-close-all').click();
    await expect(dialog).toContainText('Save changes to 2 tabs?');
    await page.getByTestId('dirty-discard').click();
    expect(await tabKeys(page)).toEqual([]);
  });

  test('more tabs than fit: an "N more" menu instead of a scrollbar', async ({ page }) => {
    test.setTimeout(180_000); // seventeen tabs, four of them live log viewers, on a loaded machine
    await openShell(page);
    await openAreas(page, ['objectTags', 'dispatch', 'responseFiles', 'sso', 'alarms', 'logs', 'system']);
    for (const entry of ['preferences', 'launchOptions', 'about', 'accounts', 'audit']) {
      await page.getByTestId('nav-system').click();
      await page.getByTestId(`system-open-${entry}`).click();
    }
    for (let i = 0; i < 4; i++) {
      await page.getByTestId('nav-logs').click();
      await page.getByTestId('logs-open-viewer').click();
    }
    const strip = page.getByTestId('tabstrip');
    const more = page.getByTestId('tabs-more');
    await expect(more).toBeVisible();
    await expect(more).toHaveText(/^\d+ more$/);
    // no scrollbar: the labels that show fit, the rest are in the menu
    expect(await strip.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    const hidden = Number((await more.textContent())!.split(' ')[0]);
    const all = (await tabKeys(page)).length;
    expect(await strip.locator('[role=tab]:visible').count()).toBe(all - hidden);
    // the tab in front always shows
    await expect(strip.locator('[role=tab][aria-selected=true]')).toBeVisible();

    await more.click();
    const menu = page.getByTestId('tabs-more-menu');
    await expect(menu.getByRole('menuitem')).toHaveCount(hidden);
    await shot(page, 'tabs-overflow-menu');
    const first = menu.getByRole('menuitem').first();
    const key = (await first.getAttribute('data-testid'))!.slice('tabs-more-'.length);
    await first.click();
    await expect(page.getByTestId(`tab-${key}`)).toBeVisible();
    await expect(page.getByTestId(`tab-${key}`)).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId(`tab-${key}`)).toBeFocused();
  });

  test('focus: into a new tab’s content when it opens, back to the strip when it closes', async ({ page }) => {
    await openShell(page);
    await page.getByTestId('nav-system').click();
    await page.getByTestId('system-open-about').click();
    await expect(page.getByTestId('tab-system.about')).toHaveAttribute('aria-selected', 'true');
    await expect
      .poll(() => page.evaluate(() => !!document.activeElement?.closest('[data-testid="tabpanel-system.about"]')))
      .toBe(true);
    await page.keyboard.press('Control+w');
    expect(await tabKeys(page)).toEqual(['users', 'system']);
    await expect(page.getByTestId('tab-system')).toBeFocused();
    // and the strip's own keys go on from there
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('tab-users')).toBeFocused();
  });

  test('the open tabs and the one in front come back after a reload; a bad saved tab is dropped', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openShell(page);
    await page.getByTestId('nav-system').click();
    await page.getByTestId('system-open-preferences').click();
    await page.getByTestId('nav-logs').click();
    await page.getByTestId('nav-objectTags').click();
    await page.keyboard.press('Control+Shift+PageUp'); // order counts too
    await page.getByTestId('tab-system.preferences').click();
    const saved = await tabKeys(page);
    expect(saved).toEqual(['users', 'system', 'system.preferences', 'objectTags', 'logs']);

    await page.reload();
    await expect(page.getByTestId('tab-system.preferences')).toHaveAttribute('aria-selected', 'true');
    expect(await tabKeys(page)).toEqual(saved);
    await expect(page.getByTestId('tabpanel-system.preferences').getByTestId('pref-logBufferKLines')).toBeVisible();
    await shot(page, 'tabs-restored');

    // A saved tab of a kind that no longer exists, or with bad parameters, is dropped; the rest come back.
    await page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('ccm.tabs.'))!;
      const entry = JSON.parse(localStorage.getItem(key)!);
      entry.tabs.push({ key: 'gone', title: 'Gone', kind: 'no.such.kind', params: {} });
      entry.tabs.push({ key: 'users.user.x', title: 'x', kind: 'users.user', params: { userId: 'x' } });
      entry.activeKey = 'gone';
      localStorage.setItem(key, JSON.stringify(entry));
    });
    await page.reload();
    await expect(page.getByTestId('tab-users')).toHaveAttribute('aria-selected', 'true');
    expect(await tabKeys(page)).toEqual(saved);
    expect(errors).toEqual([]);
  });
});
