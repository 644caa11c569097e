import { test, expect, type Page } from '@playwright/test';
import { shot, startConsole } from './fixtures';

// Users against the real console in browser mode: the grid, a new user given a Directory
// Number, a duplicate refused with the holder named, a bulk action with its confirmation.
type ConsoleApp = Awaited<ReturnType<typeof startConsole>>;
const running: ConsoleApp[] = [];
test.afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()));
});

const ADMIN = ['/user:admin', '/password:Admin#2026', '/tenantid:1'];

/** Editor tabs stay mounted when another is in front: the one on screen. */
const visible = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]:visible`);

async function openUsers(page: Page) {
  const app = await startConsole(ADMIN);
  running.push(app);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(app.url);
  await page.getByTestId('nav-users').click();
  await expect(page.getByTestId('users-grid')).toBeVisible();
  await expect(page.getByTestId('users-row').first()).toBeVisible();
}

test('users: create, Directory Number, duplicate refused, Ctrl+S', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await openUsers(page);
  await expect(page.getByTestId('users-status')).toContainText('users');
  await shot(page, 'users-grid');

  // Who already holds a Directory Number: the first row with one, sorted by Directory Number.
  await page.getByTestId('users-sort-directoryNumber').click();
  await page.getByTestId('users-sort-directoryNumber').click(); // descending: numbers first
  await expect(page.getByTestId('users-sort-directoryNumber')).toHaveAttribute('aria-sort', 'descending');
  const first = page.getByTestId('users-row').first();
  await expect(first.locator('[role=gridcell]').nth(3)).toHaveText(/\d/);
  const takenNumber = (await first.locator('[role=gridcell]').nth(3).textContent())!.trim();
  const holder = (await first.getAttribute('data-logon'))!;
  expect(takenNumber).not.toBe('');

  await page.getByTestId('users-new').click();
  await page.getByTestId('users-new-logonId').fill('e2e.agent');
  await page.getByTestId('users-new-firstName').fill('Eddie');
  await page.getByTestId('users-new-lastName').fill('Twoey');
  await page.getByTestId('users-new-create').click();
  await expect(page.getByTestId('user-title')).toHaveText('User Properties — e2e.agent');
  await expect(page.getByTestId('user-syncId')).toHaveValue('');
  await expect(page.getByTestId('user-phoneAgentLogon').locator('option')).toHaveText([
    'Use System Setting',
    'Restore Logon State',
    'Don’t Restore Logon State',
    'Restore Logon State with Priority',
  ]);

  // A duplicate Directory Number: refused under the field, naming who has it.
  await page.getByTestId('user-directoryNumber').fill(takenNumber);
  await expect(page.locator('[data-testid^="tab-dirty-users.user."]')).toBeVisible();
  await page.getByTestId('user-save').click();
  await expect(page.getByTestId('user-directoryNumber-error')).toContainText(`is already used by ${holder}`);
  await shot(page, 'users-editor-duplicate');

  // A free number, saved with Ctrl+S.
  await page.getByTestId('user-directoryNumber').fill('69999');
  await page.getByTestId('user-phoneAgentLogon').selectOption('restoreWithPriority');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('user-notice-success')).toContainText('Saved (version 2)');
  await expect(page.locator('[data-testid^="tab-dirty-users.user."]')).toHaveCount(0);
  await shot(page, 'users-editor');

  // Password page: lockout state.
  await page.getByTestId('user-page-password').click();
  await expect(page.getByTestId('user-password-state')).toContainText('No password');
  await expect(page.getByTestId('user-lock-state')).toHaveText('Not locked.');

  // Copy: the same Logon ID is refused, a new one opens the copy.
  await visible(page, 'user-copy').click();
  await page.getByTestId('users-new-logonId').fill('E2E.AGENT');
  await page.getByTestId('users-new-create').click();
  await expect(page.getByTestId('users-new-logonId-error')).toContainText('A copy needs a new Logon ID');
  await page.getByTestId('users-new-logonId').fill('e2e.copy');
  await page.getByTestId('users-new-create').click();
  await expect(visible(page, 'user-title')).toHaveText('User Properties — e2e.copy');
  await expect(visible(page, 'user-phoneAgentLogon')).toHaveValue('restoreWithPriority');
  await expect(visible(page, 'user-directoryNumber')).toHaveValue('');
  await page.locator('[data-testid^="tab-close-users.user."]').last().click();
  await expect(visible(page, 'user-title')).toHaveText('User Properties — e2e.agent');

  // Object Tags page: the object-tags feature's panel for this agent.
  await visible(page, 'user-page-objectTags').click();
  await expect(page.getByTestId('ot-panel')).toBeVisible();
  await shot(page, 'users-editor-object-tags');

  // Back in the grid, the new user is found by its number.
  await page.getByTestId('tab-users').click();
  await page.getByTestId('users-search').fill('69999');
  await expect(page.getByTestId('users-row')).toHaveCount(1);
  await expect(page.getByTestId('users-row').first()).toHaveAttribute('data-logon', 'e2e.agent');
  expect(errors).toEqual([]);
});

test('users: bulk lock with a confirmation stating the count; Ctrl+A selects every match', async ({ page }) => {
  await openUsers(page);
  const billing = page.getByTestId('users-filter-group');
  await billing.selectOption({ label: 'Billing' });
  await expect(page.getByTestId('users-status')).toContainText(/\d users? match/);
  const total = Number(
    (await page.getByTestId('users-status').textContent())!.match(/([\d,]+) users? match/)![1]!.replace(/,/g, ''),
  );
  expect(total).toBeGreaterThan(2);

  // Click, Shift+click: three rows.
  const rows = page.getByTestId('users-row');
  await rows.nth(0).click();
  await rows.nth(2).click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('users-selected')).toHaveText('3 selected');
  await page.getByTestId('users-bulk').click();
  await page.getByTestId('users-bulk-lock').click();
  await expect(page.getByTestId('users-bulk-dialog')).toContainText('Lock 3 users');
  await page.getByTestId('users-bulk-confirm').click();
  await expect(page.getByTestId('users-notice-success')).toContainText('3 users changed');

  // Ctrl+A: all the Billing users, minus one Ctrl+clicked; move them.
  await rows.nth(0).click();
  await page.getByTestId('users-scroller').press('Control+a');
  await expect(page.getByTestId('users-selected')).toHaveText(`${total} selected`);
  await rows.nth(1).click({ modifiers: ['Control'] });
  await expect(page.getByTestId('users-selected')).toHaveText(`${total - 1} selected`);
  await page.getByTestId('users-bulk').click();
  await page.getByTestId('users-bulk-move').click();
  await expect(page.getByTestId('users-bulk-count')).toContainText(`${total - 1} users`);
  await page.getByTestId('users-bulk-target').selectOption({ label: 'Night Shift' });
  await shot(page, 'users-bulk-confirm');
  await page.getByTestId('users-bulk-confirm').click();
  await expect(page.getByTestId('users-notice-success')).toContainText(`${total - 1} users changed`);
  await expect(page.getByTestId('users-row')).toHaveCount(1);

  // A synchronized user cannot be deleted by default: refused in the dialog, nothing deleted.
  await page.getByTestId('users-filter-group').selectOption({ label: 'All' });
  await page.getByTestId('users-filter-sync').selectOption('yes');
  await page.getByTestId('users-row').first().click();
  await page.getByTestId('users-delete').click();
  await expect(page.getByTestId('users-bulk-dialog')).toContainText('Delete 1 user');
  await page.getByTestId('users-bulk-confirm').click();
  await expect(page.getByTestId('users-bulk-dialog-error')).toContainText(
    'Allow Manual Deletion for Synchronized Users',
  );

  await page.getByTestId('users-bulk-dialog').getByRole('button', { name: 'Cancel' }).click();

  // CSV import: one bad row refuses the whole file with a report; the corrected file applies.
  await page.getByTestId('users-import').click();
  const csv = (rows: string[]) => ({
    name: 'users.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      '\ufeff' + ['Logon ID,First Name,Last Name,Agent Group,User Type', ...rows].join('\r\n') + '\r\n',
    ),
  });
  await page
    .getByTestId('users-import-file')
    .setInputFiles(csv(['csv.one,Ann,"Smith, Jr.",Sales,Agent', 'csv.two,Bo,Bad,Nowhere,Agent']));
  await expect(page.getByTestId('users-import-refused')).toContainText('Nothing was imported');
  await expect(page.getByTestId('users-import-report')).toContainText('No agent group "Nowhere" in this tenant.');
  await expect(page.getByTestId('users-import-report').locator('tbody tr').first().locator('td').nth(0)).toHaveText(
    '3',
  );
  await shot(page, 'users-import-report');
  await page
    .getByTestId('users-import-file')
    .setInputFiles(csv(['csv.one,Ann,"Smith, Jr.",Sales,Agent', 'csv.two,Bo,Good,Support,Agent']));
  await expect(page.getByTestId('users-import-applied')).toContainText('2 users created');
});
