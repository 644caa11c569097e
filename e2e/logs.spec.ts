import { readFileSync, mkdtempSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type Locator, type Page } from '@playwright/test';
import { shot, startConsole } from './fixtures';

// Logs against the real console in browser mode: the embedded demo database starts the demo
// log server, so a fresh console has three demo sources streaming SocketManager-style lines.
type ConsoleApp = Awaited<ReturnType<typeof startConsole>>;
const running: ConsoleApp[] = [];
test.afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()));
});

const TECH = ['/user:tech', '/password:Tech#2026', '/tenantid:1'];
const ADMIN = ['/user:admin', '/password:Admin#2026', '/tenantid:1'];

async function openLogs(page: Page, args = TECH): Promise<ConsoleApp> {
  const app = await startConsole(args);
  running.push(app);
  await page.goto(app.url);
  await page.getByTestId('nav-logs').click();
  await expect(page.getByTestId('tab-logs')).toBeVisible();
  return app;
}

const totalOf = async (list: Locator) => Number(await list.getAttribute('data-total'));
const newLinesOf = async (page: Page) =>
  Number(((await page.getByTestId('logs-new-lines').textContent()) ?? '').replace(/\D/g, ''));
/** Severities of the rows on screen (loaded ones; a stack trace's lines go with their entry's first line). */
const severitiesOnScreen = (list: Locator) =>
  list
    .locator('[data-severity]:not([data-continuation])')
    .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.severity));

test('three demo sources; the viewer follows, filters errors, pauses and resumes, searches with a regex, jumps to errors, exports', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const app = await openLogs(page);

  // The sources table: three demo sources, connected, counting lines.
  const rows = page.getByTestId('logs-sources').locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.locator('[data-status=connected]')).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('cs.exe (demo)');
  await expect(rows.nth(0)).toContainText('127.0.0.1:');
  await expect(rows.nth(1)).toContainText('Router Service (demo)');
  await expect(rows.nth(2)).toContainText('Agent Service (demo)');
  await expect(page.getByTestId('logs-store-dropped')).toHaveText('0');
  await expect
    .poll(async () => Number((await page.getByTestId('logs-store-lines').textContent())?.replace(/\D/g, '')))
    .toBeGreaterThan(0);
  await shot(page, 'logs-sources');

  // The viewer: lines arrive while it follows.
  await page.getByTestId('logs-open-viewer').click();
  const viewer = page.getByTestId('logs-viewer');
  const list = viewer.getByTestId('logs-list');
  const state = viewer.getByTestId('logs-follow-state');
  await expect(state).toHaveText('Following');
  await expect.poll(() => totalOf(list), { timeout: 15_000 }).toBeGreaterThan(60); // more than a screenful
  const before = await totalOf(list);
  await expect.poll(() => totalOf(list)).toBeGreaterThan(before);
  // following: the newest line is the last row, and it is on screen
  const lastRow = list.locator('[data-index]').last();
  await expect.poll(async () => Number(await lastRow.getAttribute('data-index')) + 1 - (await totalOf(list))).toBe(0);
  await expect(lastRow).toBeInViewport();
  await shot(page, 'logs-viewer-following');

  // Error filter: only error lines.
  await viewer.getByTestId('logs-sev-error').click();
  await expect(async () => {
    const sevs = await severitiesOnScreen(list);
    expect(sevs.length).toBeGreaterThan(0);
    expect([...new Set(sevs)]).toEqual(['error']);
  }).toPass({ timeout: 15_000 });
  await expect(viewer.getByTestId('logs-total')).toContainText('match the filter');
  // Two errors to go between below.
  await expect.poll(() => totalOf(list), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  await shot(page, 'logs-error-filter');
  // the time range (in a popover): the last 5 minutes keeps the errors
  await viewer.getByTestId('logs-time').click();
  await page.getByTestId('logs-time-5').click();
  await expect(viewer.getByTestId('logs-time')).toContainText('From ');
  await expect(list).toHaveAttribute('aria-busy', 'false');
  await expect.poll(() => totalOf(list)).toBeGreaterThanOrEqual(2);
  await shot(page, 'logs-time-range');
  await page.keyboard.press('Escape');
  await viewer.getByTestId('logs-time').click();
  await page.getByRole('button', { name: 'Any time' }).click();
  await page.keyboard.press('Escape');
  await expect(viewer.getByTestId('logs-time')).toHaveText('Any time');
  await viewer.getByTestId('logs-sev-error').click();
  await expect(async () => expect(new Set(await severitiesOnScreen(list)).size).toBeGreaterThan(1)).toPass({
    timeout: 15_000,
  });
  await expect.poll(() => totalOf(list)).toBeGreaterThan(60);

  // Scrolling up pauses following; the count of new lines grows.
  await list.hover();
  await page.mouse.wheel(0, -600);
  await expect(state).toHaveText('Paused');
  await expect(viewer.getByTestId('logs-new-lines')).toBeVisible({ timeout: 20_000 });
  const n1 = await newLinesOf(page);
  await expect.poll(() => newLinesOf(page), { timeout: 20_000 }).toBeGreaterThan(n1);
  await shot(page, 'logs-paused');
  // Back to the bottom: following again.
  await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(state).toHaveText('Following');
  await expect(viewer.getByTestId('logs-new-lines')).toHaveCount(0);
  // Pause again, then the chip resumes.
  await list.hover();
  await page.mouse.wheel(0, -400);
  await expect(state).toHaveText('Paused');
  await viewer.getByTestId('logs-new-lines').click();
  await expect(state).toHaveText('Following');

  // A regex search: matches highlighted; F3 goes to the next match.
  await viewer.getByTestId('logs-regex').click();
  await expect(list).toHaveAttribute('aria-busy', 'false'); // the view is re-opened with the regex flag
  await viewer.getByTestId('logs-search').fill('Socket(Manager:)?\\s+\\w+');
  const marks = list.locator('mark');
  await expect(marks.first()).toBeVisible();
  for (const text of await marks.allTextContents()) expect(text).toMatch(/^Socket(Manager:)?\s+\w+$/i);
  await viewer.getByTestId('logs-search').press('F3');
  await expect(state).toHaveText('Paused');
  const current = list.locator('[aria-selected=true]');
  await expect(current).toHaveCount(1);
  await expect(current.locator('mark')).not.toHaveCount(0);
  await shot(page, 'logs-regex-search');
  // A bad regex is shown under the field and not sent.
  await viewer.getByTestId('logs-include').fill('Socket(Manager');
  await expect(viewer.getByTestId('logs-include-error')).toContainText('Invalid regex: ');
  await shot(page, 'logs-regex-error');
  await viewer.getByTestId('logs-include').fill('');
  await expect(viewer.getByTestId('logs-include-error')).toHaveCount(0);
  await expect(list).toHaveAttribute('aria-busy', 'false');

  // Next error (F8 from the list) selects an error line; Shift+F8 goes back.
  await viewer.getByTestId('logs-search').fill('');
  await list.focus();
  await page.keyboard.press('Control+Home');
  await expect(list.locator('[aria-selected=true]')).toHaveAttribute('data-index', '0');
  await viewer.getByTestId('logs-error-next').click();
  await expect(list.locator('[aria-selected=true]')).toHaveAttribute('data-severity', 'error');
  const errorIndex = Number(await list.locator('[aria-selected=true]').getAttribute('data-index'));
  expect(errorIndex).toBeGreaterThan(0);
  await list.focus();
  await page.keyboard.press('F8');
  await expect(list.locator('[aria-selected=true]')).not.toHaveAttribute('data-index', String(errorIndex));
  await expect(list.locator('[aria-selected=true]')).toHaveAttribute('data-severity', 'error');
  await page.keyboard.press('Shift+F8');
  await expect(list.locator('[aria-selected=true]')).toHaveAttribute('data-index', String(errorIndex));

  // Bookmarks: Ctrl+F2 on the error line, listed at the side; F2 comes back to it.
  await page.keyboard.press('Control+F2');
  await viewer.getByTestId('logs-bookmarks-toggle').click();
  await expect(viewer.getByTestId('logs-bookmark-item')).toHaveCount(1);
  // a click in the gutter bookmarks a line too (and again removes it)
  const other = list.locator(`[data-index="${errorIndex + 1}"]`);
  await other.locator('[data-gutter]').click();
  await expect(viewer.getByTestId('logs-bookmark-item')).toHaveCount(2);
  await other.locator('[data-gutter]').click();
  await expect(viewer.getByTestId('logs-bookmark-item')).toHaveCount(1);
  await list.focus();
  await page.keyboard.press('Control+End');
  await expect(state).toHaveText('Following');
  await list.focus();
  await page.keyboard.press('F2');
  await expect(list.locator('[aria-selected=true]')).toHaveAttribute('data-index', String(errorIndex));
  await expect(list.locator('[aria-selected=true]').getByTestId('log-bookmark-mark')).toBeVisible();
  await shot(page, 'logs-bookmark');

  // Export the view: a .log file with the lines as received.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    (async () => {
      await viewer.getByTestId('logs-export').click();
      await page.getByTestId('logs-export-view').click();
    })(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^logs-\d{8}-\d{4}\.log$/);
  const exported = readFileSync(await download.path(), 'utf8')
    .trimEnd()
    .split('\n');
  expect(exported.length).toBeGreaterThan(60);
  expect(exported[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3} /);
  await expect(viewer.getByTestId('logs-notice')).toContainText('Exported');
  // and a selection of three lines (shift-click)
  const sel0 = Number(await list.locator('[aria-selected=true]').getAttribute('data-index'));
  await list.locator(`[data-index="${sel0 + 2}"]`).click({ modifiers: ['Shift'] });
  await expect(viewer.getByTestId('logs-selected')).toHaveText('3 selected');
  // Ctrl+C copies the three lines as received
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
  await list.focus();
  await page.keyboard.press('Control+C');
  await expect(viewer.getByTestId('logs-notice')).toHaveText('Copied 3 lines.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.split('\n')).toHaveLength(3);
  expect(copied).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3} /);
  const [download2] = await Promise.all([
    page.waitForEvent('download'),
    (async () => {
      await viewer.getByTestId('logs-export').click();
      await page.getByTestId('logs-export-selection').click();
    })(),
  ]);
  expect(
    readFileSync(await download2.path(), 'utf8')
      .trimEnd()
      .split('\n'),
  ).toHaveLength(3);

  expect(errors).toEqual([]);
});

test('a line that arrived out of time order is marked where it arrived, not moved', async ({ page }) => {
  await openLogs(page);
  await page.getByTestId('logs-open-viewer').click();
  const viewer = page.getByTestId('logs-viewer');
  const list = viewer.getByTestId('logs-list');
  // each demo source wrote one line late (its time is earlier than the line before it)
  await viewer.getByTestId('logs-include').fill('written late');
  await expect(list).toHaveAttribute('aria-busy', 'false');
  await expect.poll(() => totalOf(list), { timeout: 15_000 }).toBe(3);
  const marked = list.getByTestId('log-out-of-order');
  await expect(marked).toHaveCount(3);
  await expect(marked.first()).toHaveAttribute('title', /Out of time order/);
  // in the whole view it stays after the line it arrived after, still marked
  await viewer.getByTestId('logs-include').fill('');
  await expect(list).toHaveAttribute('aria-busy', 'false');
  await expect.poll(() => totalOf(list), { timeout: 15_000 }).toBeGreaterThan(3);
  await list.focus();
  await page.keyboard.press('Control+Home');
  await viewer.getByTestId('logs-search').fill('written late');
  await viewer.getByTestId('logs-search').press('F3');
  const current = list.locator('[aria-selected=true]');
  await expect(current).toHaveCount(1);
  await expect(current.getByTestId('log-out-of-order')).toBeVisible();
  await shot(page, 'logs-out-of-order');
});

test('sources (host administrator): a refused port counts down to the next attempt, a file outside the allowed folders is refused, a followed file streams, edit, disable and remove', async ({
  page,
}) => {
  await openLogs(page, ADMIN);
  await expect(page.getByTestId('logs-sources').locator('tbody tr')).toHaveCount(3);

  // A TCP source on a port nobody listens on.
  await page.getByTestId('logs-add-tcp').click();
  await page.getByTestId('source-save').click();
  await expect(page.getByTestId('source-name-error')).toHaveText('Name is required');
  await expect(page.getByTestId('source-port-error')).toHaveText('Port must be 1–65535');
  await page.getByTestId('source-name').fill('CCS02 Router Service');
  await page.getByTestId('source-port').fill('9');
  await page.getByTestId('source-component').fill('Router Service');
  await page.getByTestId('source-save').click();
  await expect(page.getByTestId('source-dialog')).toBeHidden();
  const refused = page.getByTestId('logs-sources').locator('tbody tr', { hasText: 'CCS02 Router Service' });
  await expect(refused).toContainText('127.0.0.1:9');
  await expect(refused.locator('[data-status]')).toHaveText(/Reconnecting in \d+ s|Refused/, { timeout: 20_000 });
  await shot(page, 'logs-source-refused');

  // A local log file, followed: lines appended to it show up in its viewer.
  const dir = mkdtempSync(join(tmpdir(), 'ccm-logs-e2e-'));
  const file = join(dir, 'MiCCEHotFixInstaller.log');
  writeFileSync(file, '2026-01-31 14:05:09.000 INFO MiCCEHotFixInstaller [1] Started (/s)\n');
  await page.getByTestId('logs-add-file').click();
  await page.getByTestId('source-name').fill('Hotfix installer');
  await page.getByTestId('source-path').fill(file);
  await page.getByTestId('source-save').click();
  // Outside the allowed folders (the MiCC log folders by default): refused under the field.
  await expect(page.getByTestId('source-path-error')).toContainText(
    'is not inside a folder file log sources may be in',
  );
  await page.getByTestId('source-cancel').click();
  await page.getByTestId('logs-open-folders').click();
  await page.getByTestId('logs-folders-text').fill(`/var/log/micc\n${dir}`);
  await shot(page, 'logs-allowed-folders');
  await page.getByTestId('logs-folders-save').click();
  await expect(page.getByTestId('logs-folders-dialog')).toBeHidden();
  await page.getByTestId('logs-add-file').click();
  await page.getByTestId('source-name').fill('Hotfix installer');
  await page.getByTestId('source-path').fill(file);
  await page.getByTestId('source-save').click();
  const followed = page.getByTestId('logs-sources').locator('tbody tr', { hasText: 'Hotfix installer' });
  await expect(followed.locator('[data-status]')).toHaveText('Following', { timeout: 20_000 });
  await followed.getByRole('button', { name: 'Open a viewer on this source' }).click();
  const list = page.getByTestId('logs-list');
  await expect(list.locator('[data-index]')).toHaveCount(1);
  appendFileSync(file, '2026-01-31 14:05:10.000 ERROR MiCCEHotFixInstaller [1] Hotfix HF-1234 failed: access denied\n');
  await expect(list.locator('[data-index]')).toHaveCount(2, { timeout: 20_000 });
  await expect(list.locator('[data-index="1"]')).toHaveAttribute('data-severity', 'error');
  await shot(page, 'logs-file-viewer');

  // Edit, disable, then remove (with a confirmation).
  await page.getByTestId('tab-logs').click();
  await refused.getByRole('button', { name: 'Edit' }).click();
  await expect(page.getByTestId('source-name')).toHaveValue('CCS02 Router Service');
  await page.getByTestId('source-port').fill('70000');
  await page.getByTestId('source-save').click();
  await expect(page.getByTestId('source-port-error')).toHaveText('Port must be 1–65535');
  await page.getByTestId('source-port').fill('10');
  await page.getByTestId('source-name').fill('CCS02 Router');
  await page.getByTestId('source-save').click();
  await expect(page.getByTestId('source-dialog')).toBeHidden();
  const edited = page.getByTestId('logs-sources').locator('tbody tr', { hasText: 'CCS02 Router' });
  await expect(edited).toContainText('127.0.0.1:10');
  await followed.getByRole('switch').click();
  await expect(followed.locator('[data-status]')).toHaveText('Disabled');
  await edited.getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByTestId('logs-remove-dialog')).toContainText('Remove CCS02 Router?');
  await page.getByTestId('logs-remove-confirm').click();
  await expect(edited).toHaveCount(0);
  await expect(page.getByTestId('logs-sources').locator('tbody tr')).toHaveCount(4);
});

test('a field technician watches the sources but cannot change them or the allowed folders (host administrator settings)', async ({
  page,
}) => {
  await openLogs(page, TECH);
  await expect(page.getByTestId('logs-sources').locator('tbody tr')).toHaveCount(3);
  await expect(page.getByTestId('logs-sources-readonly')).toContainText(
    'only a host administrator adds, changes or removes them',
  );
  await expect(page.getByTestId('logs-add-tcp')).toHaveCount(0);
  await expect(page.getByTestId('logs-add-file')).toHaveCount(0);
  await expect(page.getByTestId('logs-sources').getByRole('switch')).toHaveCount(0);
  await expect(page.getByTestId('logs-capacity')).toBeVisible(); // the store is this console's memory, not a source setting
  await shot(page, 'logs-technician');
  await page.getByTestId('logs-open-folders').click();
  await expect(page.getByTestId('logs-folders-list')).toHaveText('/var/log/micc');
  await expect(page.getByTestId('logs-folders-save')).toHaveCount(0);
  await page.getByTestId('logs-folders-close').click();
});

test('a supervisor (read only) sees the sources and opens viewers, but cannot change sources or the store', async ({
  page,
}) => {
  await openLogs(page, ['/user:supervisor', '/password:Super#2026', '/tenantid:1']);
  await expect(page.getByTestId('logs-sources').locator('tbody tr')).toHaveCount(3);
  await expect(page.getByTestId('logs-add-tcp')).toHaveCount(0);
  await expect(page.getByTestId('logs-add-file')).toHaveCount(0);
  await expect(page.getByTestId('logs-capacity')).toHaveCount(0);
  await expect(page.getByTestId('logs-sources').getByRole('switch')).toHaveCount(0);
  await expect(page.getByTestId('logs-sources').getByRole('button', { name: 'Remove' })).toHaveCount(0);
  await page.getByTestId('logs-open-viewer').click();
  await expect.poll(async () => totalOf(page.getByTestId('logs-list')), { timeout: 15_000 }).toBeGreaterThan(0);
});
