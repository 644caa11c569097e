import { test, expect } from '@playwright/test';
import { shot, startConsole } from './fixtures';

// Issue 21, start-up: on first run the sign-in form shows while the demo database is created; a
// sign-in sent meanwhile says "Preparing the demo database…" and completes when it is ready.
test('first run: the form shows before the demo database is ready, and a sign-in sent at once completes', async ({
  page,
}) => {
  const app = await startConsole([], {}, true);
  try {
    await page.goto(app.url);
    await expect(page.getByTestId('signin-logonId')).toBeVisible({ timeout: 30_000 });
    const preparing = await page.getByTestId('signin-preparing').isVisible();
    await page.getByTestId('signin-logonId').fill('admin');
    await page.getByTestId('signin-password').fill('Admin#2026');
    await page.getByTestId('signin-password').press('Enter');
    if (preparing && (await page.getByTestId('signin-preparing').isVisible())) {
      await expect(page.getByTestId('signin-preparing')).toContainText('Preparing the demo database…');
      await shot(page, 'start-preparing-demo');
    }
    test.info().annotations.push({ type: 'preparing', description: String(preparing) });
    // On a quick machine the demo database may be ready before Enter: then the form is the usual one, which
    // lists the tenants and asks for one (the Logon ID picks the tenant only while the database is prepared).
    const nav = page.getByTestId('nav');
    const askTenant = page.getByTestId('signin-tenantId-error');
    await expect(nav.or(askTenant)).toBeVisible({ timeout: 60_000 });
    if (await askTenant.isVisible()) {
      await expect(askTenant).toHaveText('Choose the tenant to sign in to.');
      await page.getByTestId('signin-tenant').selectOption('1');
      await page.getByTestId('signin-password').fill('Admin#2026');
      await page.getByTestId('signin-password').press('Enter');
    }
    await expect(nav).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('signin-screen')).toHaveCount(0);
    // The areas load on their own: Users opens with its grid.
    await page.getByTestId('nav-users').click();
    await expect(page.getByTestId('tab-users')).toBeVisible({ timeout: 30_000 });
  } finally {
    await app.stop();
  }
});
