import { test, expect, type Page } from '@playwright/test';
import { shot, startConsole } from './fixtures';

// Object Tags (Tenant System Properties › Object Tags) against the real console in browser
// mode: define an Agent tag for service groups, assign it to a service group with an agent
// as Data, see the refusal to uncheck service groups, add a dialed number and tag it with a
// Text tag, and read it back in the Lookup as a script would.
type ConsoleApp = Awaited<ReturnType<typeof startConsole>>;
const running: ConsoleApp[] = [];
test.afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()));
});

const ADMIN = ['/user:admin', '/password:Admin#2026', '/tenantid:1'];

/** Types into a searchable picker and chooses the option whose text starts with `name`. */
async function pick(page: Page, testId: string, search: string, name: string) {
  const box = page.getByTestId(testId);
  await box.click();
  await box.fill(search);
  const option = page.getByRole('option', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
  await option.first().click();
  await expect(box).toHaveValue(name);
}

const row = (page: Page, name: string) => page.locator(`[data-testid^="ot-row-"][data-name="${name}"]`);

test('object tags: define, assign, refuse unchecking, dialed numbers, lookup', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = await startConsole(ADMIN);
  running.push(app);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(app.url);
  await page.getByTestId('nav-objectTags').click();
  await expect(page.getByTestId('ot-table')).toBeVisible();
  await expect(row(page, 'Region')).toBeVisible();
  await expect(page.getByTestId('ot-count')).toHaveText('5 of 50 object tags permitted for this tenant.');

  // New tag of type Agent, allowed for service groups only.
  await page.getByTestId('ot-new').click();
  await page.getByTestId('ot-tag-name').fill('Backup agent');
  await page.getByTestId('ot-tag-type').selectOption('agent');
  await page.getByTestId('ot-tag-allow-serviceGroup').check();
  await page.getByTestId('ot-tag-save').click();
  await expect(page.getByTestId('ot-tag-dialog')).toBeHidden();
  await expect(row(page, 'Backup agent')).toContainText('Agent');
  await expect(row(page, 'Backup agent').locator('[data-testid$="-serviceGroup"]')).toHaveAttribute(
    'data-allowed',
    'true',
  );
  await expect(row(page, 'Backup agent').locator('[data-testid$="-agent"]')).toHaveAttribute('data-allowed', 'false');

  // The same name and type again is refused under Name.
  await page.getByTestId('ot-new').click();
  await page.getByTestId('ot-tag-name').fill('Backup agent');
  await page.getByTestId('ot-tag-type').selectOption('agent');
  await page.getByTestId('ot-tag-save').click();
  await expect(page.getByTestId('ot-tag-name-error')).toContainText('the same name and type cannot be defined twice');
  await page.getByTestId('ot-tag-cancel').click();
  await expect(page.getByTestId('ot-tag-dialog')).toBeHidden();

  // Assign to Objects: only Service Group is enabled; the Data is an agent, found by search.
  await row(page, 'Backup agent').click();
  await page.getByTestId('ot-assign').click();
  await expect(page.getByTestId('ot-assign-dialog')).toBeVisible();
  await expect(page.getByTestId('ot-assign-empty')).toBeVisible();
  for (const c of ['serviceAccess', 'agent', 'dialedNumber'])
    await expect(page.getByTestId(`ot-assign-category-${c}`)).toBeDisabled();
  await expect(page.getByTestId('ot-assign-category-serviceGroup')).toBeChecked();
  // Data is required
  await pick(page, 'ot-assign-object', 'sales', 'Sales Voice');
  await page.getByTestId('ot-assign-submit').click();
  await expect(page.getByTestId('ot-assign-value-error')).toContainText('Data is required');
  await pick(page, 'ot-assign-value', 'karen', 'Karen Sharp (kasharp)');
  await page.getByTestId('ot-assign-submit').click();
  await expect(page.getByTestId('ot-assign-message')).toContainText('Assigned: Sales Voice = Karen Sharp (kasharp).');
  const assigned = page.locator('[data-testid^="ot-assign-row-serviceGroup-"]');
  await expect(assigned).toHaveCount(1);
  await expect(assigned).toContainText('Sales Voice');
  await expect(assigned).toContainText('Karen Sharp (kasharp)');
  await shot(page, 'objectTags-assign');
  await page.getByTestId('ot-assign-close').click();
  await expect(page.getByTestId('ot-assign-dialog')).toBeHidden();
  await expect(row(page, 'Backup agent').locator('[data-testid$="-serviceGroup"]')).toContainText('1 assigned');

  // Unchecking service groups while Sales Voice is assigned is refused, saying how many and which.
  await page.getByTestId('ot-edit').click();
  await page.getByTestId('ot-tag-allow-serviceGroup').uncheck();
  await page.getByTestId('ot-tag-save').click();
  await expect(page.getByTestId('ot-tag-allow-serviceGroup-error')).toHaveText(
    'Allow Object Tag for service groups cannot be unchecked: “Backup agent” is assigned to 1 service group (“Sales Voice”). Unassign it first.',
  );
  await shot(page, 'objectTags-uncheck-refused');
  await page.getByTestId('ot-tag-cancel').click();
  await expect(row(page, 'Backup agent').locator('[data-testid$="-serviceGroup"]')).toHaveAttribute(
    'data-allowed',
    'true',
  );

  // Dialed Numbers…: too long is refused; a new one is committed at once.
  await page.getByTestId('ot-dialed-numbers').click();
  await expect(page.getByTestId('ot-dn-table')).toContainText('+1 613 555 0100');
  await page.getByTestId('ot-dn-new').fill('1'.repeat(51));
  await page.getByTestId('ot-dn-add').click();
  await expect(page.getByTestId('ot-dn-add-error')).toContainText('at most 50 characters');
  await page.getByTestId('ot-dn-new').fill('+44 20 7946 0000 ext. 5');
  await page.getByTestId('ot-dn-add').click();
  await expect(page.getByTestId('ot-dn-done')).toHaveText('Added +44 20 7946 0000 ext. 5.');
  await expect(page.locator('[data-number="+44 20 7946 0000 ext. 5"]')).toBeVisible();
  await page.getByTestId('ot-dn-new').fill('+44 20 7946 0000 ext. 5');
  await page.getByTestId('ot-dn-add').click();
  await expect(page.getByTestId('ot-dn-add-error')).toContainText('dialed numbers must be unique within a tenant');
  await shot(page, 'objectTags-dialed-numbers');
  await page.getByTestId('ot-dn-close').click();
  await expect(page.getByTestId('ot-dn-dialog')).toBeHidden();

  // The Text tag "Region" on the new dialed number.
  await row(page, 'Region').click();
  await page.getByTestId('ot-assign').click();
  await page.getByTestId('ot-assign-category-dialedNumber').check();
  await pick(page, 'ot-assign-object', '7946', '+44 20 7946 0000 ext. 5');
  await page.getByTestId('ot-assign-value').fill('x'.repeat(101));
  await page.getByTestId('ot-assign-submit').click();
  await expect(page.getByTestId('ot-assign-value-error')).toContainText('at most 100 characters');
  await page.getByTestId('ot-assign-value').fill('United Kingdom');
  await page.getByTestId('ot-assign-submit').click();
  await expect(page.getByTestId('ot-assign-message')).toContainText(
    'Assigned: +44 20 7946 0000 ext. 5 = United Kingdom.',
  );
  await expect(page.locator('[data-testid^="ot-assign-row-dialedNumber-"]')).toHaveCount(2);
  await page.getByTestId('ot-assign-close').click();
  await expect(page.getByTestId('ot-assign-dialog')).toBeHidden();
  await row(page, 'Backup agent').click();
  await shot(page, 'objectTags-list');

  // Lookup: what a script finds for the dialed number — the seed's code 0x100000 and the raw value.
  await page.getByTestId('ot-lookup').click();
  await page.getByTestId('ot-lookup-type').selectOption('dialedNumber');
  await pick(page, 'ot-lookup-object', '7946', '+44 20 7946 0000 ext. 5');
  const lookup = page.getByTestId('ot-lookup-table');
  await expect(lookup).toContainText('Region');
  await expect(lookup).toContainText('1048576 (0x100000)');
  await expect(lookup).toContainText('United Kingdom');
  await expect(page.getByTestId('ot-lookup-sql')).toContainText('m.object_type = 1048576 /* 0x100000 */');
  // below it, every tag enabled for dialed numbers (the embeddable panel, read-only here): Priority is not assigned
  const panel = page.getByTestId('ot-panel-table');
  await expect(panel.getByRole('row', { name: /Region/ })).toContainText('United Kingdom');
  await expect(panel.getByRole('row', { name: /Priority/ })).toContainText('Not assigned');
  await expect(panel.getByRole('button')).toHaveCount(0);
  await shot(page, 'objectTags-lookup');

  // Delete states what goes, then removes the tag with its assignment.
  await page.getByTestId('tab-objectTags').click();
  await row(page, 'Backup agent').click();
  await page.getByTestId('ot-delete').click();
  await expect(page.getByTestId('ot-delete-confirm-summary')).toHaveText(
    'This also removes 1 assignment, in one transaction:',
  );
  await expect(page.getByTestId('ot-delete-confirm')).toContainText('1 service group: Sales Voice');
  await expect(page.getByTestId('ot-delete-confirm-confirm')).toBeEnabled();
  await shot(page, 'objectTags-delete-confirm');
  await page.getByTestId('ot-delete-confirm-confirm').click();
  await expect(page.getByTestId('ot-done')).toHaveText('Deleted “Backup agent” and its assignment.');
  await expect(row(page, 'Backup agent')).toHaveCount(0);

  expect(errors).toEqual([]);
});
