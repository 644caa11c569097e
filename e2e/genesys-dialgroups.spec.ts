import { test, expect } from '@playwright/test';
import { shot, startConsole } from './fixtures';

// Genesys Cloud Dial Groups against the real console in browser mode: the tenant's dial groups
// (added, renamed, a selected one's delete refused), Add / Remove with the mouse and the keyboard,
// multi-select, and Apply (versioned) of the selection.
type ConsoleApp = Awaited<ReturnType<typeof startConsole>>;
let app: ConsoleApp | null = null;
test.afterEach(async () => {
  await app?.stop();
  app = null;
});

const ADMIN = ['/user:admin', '/password:Admin#2026', '/tenantid:1'];

test('Genesys Cloud Dial Groups: the tenant’s list, Add / Remove (keyboard, multi-select), Apply', async ({ page }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1366, height: 768 });
  app = await startConsole(ADMIN);
  await page.goto(app.url);
  await page.getByTestId('nav-genesys').click();
  await page.getByTestId('genesys-tab-dialGroups').click();

  const available = page.getByTestId('genesys-dialGroups-available');
  const selected = page.getByTestId('genesys-dialGroups-selected');
  for (const n of ['Private', 'Phone', 'Tie Line', 'Long Distance', 'Satelite']) {
    await page.getByTestId('genesys-dialGroup-name').fill(n);
    await page.getByTestId('genesys-dialGroup-new').click();
    await expect(available.locator('option', { hasText: n })).toHaveCount(1);
  }
  // A name is unique in the tenant ignoring case.
  await page.getByTestId('genesys-dialGroup-name').fill('phone');
  await page.getByTestId('genesys-dialGroup-new').click();
  await expect(page.getByText('A dial group named phone already exists in this tenant.')).toBeVisible();
  // Rename the chosen one to the name typed.
  await available.selectOption(['Satelite']);
  await page.getByTestId('genesys-dialGroup-name').fill('Satellite');
  await page.getByTestId('genesys-dialGroup-rename').click();
  await expect(available.locator('option', { hasText: 'Satellite' })).toHaveCount(1);

  // Multi-select and Add; Enter adds; Delete removes.
  await available.selectOption(['Phone', 'Tie Line']);
  await page.getByTestId('genesys-dialGroups-add').click();
  await expect(selected.locator('option')).toHaveText(['Phone', 'Tie Line']);
  await available.selectOption(['Private']);
  await available.press('Enter');
  await expect(selected.locator('option')).toHaveText(['Phone', 'Tie Line', 'Private']);
  await selected.selectOption(['Private']);
  await selected.press('Delete');
  await expect(selected.locator('option')).toHaveText(['Phone', 'Tie Line']);
  await expect(available.locator('option')).toHaveText(['Long Distance', 'Private', 'Satellite']);
  await expect(page.getByTestId('genesys-tab-config')).toContainText('•');
  await page.getByTestId('genesys-dialGroups-save').click();
  await expect(page.getByTestId('genesys-dialGroups-save')).toBeDisabled();
  await expect(page.getByTestId('genesys-tab-config')).not.toContainText('•');
  await shot(page, 'genesys-dialgroups');

  // A selected dial group cannot be deleted: the refusal names where it is selected.
  await selected.selectOption(['Phone']);
  await page.getByTestId('genesys-dialGroup-delete').click();
  await page.getByTestId('genesys-dialGroup-confirm-confirm').click();
  await expect(page.getByTestId('genesys-dialGroup-error')).toContainText(
    'Dial group Phone is in use: it is selected in Currently Selected Dial Groups',
  );
  await shot(page, 'genesys-dialgroups-refused');

  // After a reload the selection is the saved one.
  await page.reload();
  await page.getByTestId('nav-genesys').click();
  await page.getByTestId('genesys-tab-dialGroups').click();
  await expect(page.getByTestId('genesys-dialGroups-selected').locator('option')).toHaveText(['Phone', 'Tie Line']);
  expect(errors).toEqual([]);
});
