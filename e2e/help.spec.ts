import { test, expect, type Page } from '@playwright/test';
import { shot, startConsole } from './fixtures';

// Help: F1 opens the manual section the current page follows, in a dialog that fits and scrolls
// at 1366x768; the citation under a page's subtitle is the same link.
type ConsoleApp = Awaited<ReturnType<typeof startConsole>>;
const running: ConsoleApp[] = [];
test.afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()));
});

const ADMIN = ['/user:admin', '/password:Admin#2026', '/tenantid:1'];

async function fitsTheWindow(page: Page) {
  const box = await page.getByTestId('help-dialog').boundingBox();
  expect(box).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(768);
  expect(box!.x + box!.width).toBeLessThanOrEqual(1366);
}

test('F1 opens the current page’s manual section; the subtitle’s citation opens it too', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = await startConsole(ADMIN);
  running.push(app);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(app.url);

  // Object Tags: F1 shows Object Tags of the Advanced Configurations, tables included.
  await page.getByTestId('nav-objectTags').click();
  await expect(page.getByTestId('ot-table')).toBeVisible();
  await expect(page.getByTestId('help-link-object-tags')).toHaveText(
    'MiCC Enterprise Advanced Configurations › Object Tags',
  );
  await page.keyboard.press('F1');
  const dialog = page.getByTestId('help-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading').first()).toContainText('Object Tags');
  await expect(page.getByTestId('help-manual')).toHaveText('MiCC Enterprise Advanced Configurations');
  await expect(page.getByTestId('help-text')).toContainText('Up to 50 object tags are permitted per tenant.');
  await expect(page.getByTestId('help-text').locator('table').first()).toContainText('agent_enabled');
  await fitsTheWindow(page);
  // the text scrolls inside the dialog, the page behind does not move
  const text = page.getByTestId('help-text');
  expect(await text.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
  await shot(page, 'help-objectTags-f1');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Response files: another page, another section.
  await page.getByTestId('nav-responseFiles').click();
  await expect(page.getByTestId('rf-list')).toBeVisible();
  await shot(page, 'help-responseFiles-citation');
  await page.keyboard.press('F1');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading').first()).toContainText('E-mail, Chat and SMS Response Files');
  await expect(page.getByTestId('help-text')).toContainText('ResponseFile');
  await fitsTheWindow(page);
  await shot(page, 'help-responseFiles-f1');
  await page.getByTestId('help-close').click();
  await expect(dialog).toBeHidden();

  // The citation under the subtitle is a link to the same section.
  await page.getByTestId('help-link-response-files').filter({ visible: true }).click();
  await expect(dialog.getByRole('heading').first()).toContainText('E-mail, Chat and SMS Response Files');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // No "seed" anywhere on the pages visited.
  await expect(page.locator('body')).not.toContainText(/\bseed\b/i);
  expect(errors).toEqual([]);
});
