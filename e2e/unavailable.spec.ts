import { test, expect } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shot, startConsole } from './fixtures';

// The embedded demo database is removed while the console runs: the status bar says the
// database is unavailable and why, instead of "connected" and internal errors.
const userData = mkdtempSync(join(tmpdir(), 'ccm-e2e-unavail-'));
let consoleApp: Awaited<ReturnType<typeof startConsole>>;
test.beforeAll(async () => {
  consoleApp = await startConsole(['/user:admin', '/password:Admin#2026', '/tenantid:1'], { CCM_USER_DATA: userData });
});
test.afterAll(async () => consoleApp.stop());

test('database removed mid-session: the status bar names the cause', async ({ page }) => {
  await page.goto(consoleApp.url);
  await expect(page.getByTestId('tab-users')).toBeVisible();
  await expect(page.getByTestId('status-database')).toHaveCount(0);
  await expect(page.getByTestId('titlebar-server')).toContainText('Embedded demo (SQLite)');

  rmSync(join(userData, 'demo.sqlite'));
  await page.reload(); // any call to the database notices; a reload asks for the status and the open area's data
  const status = page.getByTestId('status-database');
  await expect(status).toContainText('Database unavailable: The database file');
  await expect(status).toContainText('was removed or replaced while the console was using it');
  await expect(page.getByTestId('titlebar-server')).toContainText('(unavailable)');
  await shot(page, 'database-unavailable');
});
