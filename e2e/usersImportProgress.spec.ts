import { test, expect } from '@playwright/test';
import { join } from 'node:path';
import { SCREENSHOTS, shot, startConsole } from './fixtures';

// Issue 21: a long CSV import shows its progress and can be cancelled; a cancelled import is rolled back
// (nothing of the file is imported) and the dialog says so.
test('a 60,000-user CSV import shows its progress; Cancel stops it and nothing is imported', async ({ page }) => {
  test.setTimeout(180_000);
  const app = await startConsole(['/user:admin', '/password:Admin#2026', '/tenantid:1']);
  try {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(app.url);
    await page.getByTestId('nav-users').click();
    await expect(page.getByTestId('users-row').first()).toBeVisible({ timeout: 60_000 });
    await page.getByTestId('users-import').click();
    const lines = ['Logon ID,First Name,Last Name,Agent Group,User Type'];
    for (let i = 0; i < 60_000; i++) lines.push(`bulk${i},First${i},Last${i},Sales,Agent`);
    await page.getByTestId('users-import-file').setInputFiles({
      name: 'many-users.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(lines.join('\r\n') + '\r\n'),
    });
    await expect(page.getByTestId('users-import-phase')).toContainText('Writing:', { timeout: 60_000 });
    await expect(page.getByTestId('users-import-phase')).toContainText('of 60,000 users');
    // No settle wait here (the bar moves on): the picture of a running import, then Cancel at once.
    await page.screenshot({ path: join(SCREENSHOTS, 'users-import-progress.png') });
    await page.getByTestId('users-import-cancel').click();
    await expect(page.getByTestId('users-import-cancelled')).toContainText('Nothing of many-users.csv was imported', {
      timeout: 60_000,
    });
    await expect(page.getByTestId('users-import-progress')).toHaveCount(0);
    await shot(page, 'users-import-cancelled');
    await page.getByTestId('users-import-dialog').getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('users-search').fill('bulk1');
    await expect(page.getByTestId('users-total')).toHaveText('0 users match', { timeout: 15_000 });
  } finally {
    await app.stop();
  }
});
