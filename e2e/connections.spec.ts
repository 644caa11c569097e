import { test, expect } from '@playwright/test';
import { shot, startConsole } from './fixtures';

// The connection manager's rules for saved passwords, from the sign-in screen of a fresh
// install (the embedded demo, nobody signed in), at 1366x768.
type ConsoleApp = Awaited<ReturnType<typeof startConsole>>;
let app: ConsoleApp | null = null;
test.afterEach(async () => {
  await app?.stop();
  app = null;
});
test.use({ viewport: { width: 1366, height: 768 } });

test('fresh install: the first server profile can be added signed out; its password must be typed again when it is re-pointed; nothing else changes without System read-write', async ({
  page,
}) => {
  app = await startConsole();
  await page.goto(app.url);
  await page.getByTestId('signin-change-connection').click();
  const dialog = page.getByTestId('connections-dialog');
  await expect(dialog).toBeVisible();

  // The first PostgreSQL profile of a fresh install: anyone may add it.
  await page.getByTestId('conn-new-postgres').click();
  await page.getByTestId('conn-name').fill('Shared');
  await page.getByTestId('conn-host').fill('127.0.0.1');
  await page.getByTestId('conn-port').fill('1');
  await page.getByTestId('conn-user').fill('ccm');
  await page.getByTestId('conn-password').fill('Saved#secret1');
  await page.getByTestId('conn-save').click();
  const shared = page.locator('[data-testid^=conn-row-]').filter({ hasText: 'Shared' });
  await expect(shared).toContainText('Password set');

  // Another port: the editor says the password must be typed again, and main agrees.
  await shared.click();
  await expect(page.getByTestId('conn-password-again')).toHaveCount(0);
  await page.getByTestId('conn-port').fill('2');
  await expect(page.getByTestId('conn-password-again')).toHaveText(
    'Type the password again: the saved one is only sent to ccm@127.0.0.1:1/ccm (port changed).',
  );
  await expect(page.getByTestId('conn-password')).toHaveAttribute('placeholder', 'type the password again');
  await page.getByTestId('conn-test').click();
  await expect(page.getByTestId('conn-password-error')).toContainText(
    'The saved password is only sent to ccm@127.0.0.1:1/ccm; port changed.',
  );
  await shot(page, 'connection-manager-password-again');
  // Back to the saved port: no warning.
  await page.getByTestId('conn-port').fill('1');
  await expect(page.getByTestId('conn-password-again')).toHaveCount(0);

  // Changing or deleting it, or adding a second one, needs a signed-in user with System read-write.
  await page.getByTestId('conn-name').fill('Shared (renamed)');
  await page.getByTestId('conn-save').click();
  await expect(page.getByTestId('conn-error')).toHaveText(
    'Sign in first: changing a connection profile needs a user with System read-write.',
  );
  await page.getByTestId('conn-add-url').click();
  await page.getByTestId('conn-url-name').fill('Second');
  await page.getByTestId('conn-url').fill('postgres://ccm@db01:5432/micc');
  await page.getByTestId('conn-url-add').click();
  await expect(page.getByTestId('conn-error')).toHaveText(
    'Sign in first: adding a connection profile needs a user with System read-write.',
  );
  await expect(page.locator('[data-testid^=conn-row-]').filter({ hasText: 'Second' })).toHaveCount(0);
  await shared.click();
  await page.getByTestId('conn-delete').click();
  await page.getByTestId('conn-confirm-yes').click();
  await expect(page.getByTestId('conn-error')).toHaveText('Sign in first.');
  await expect(shared).toHaveCount(1);
});
