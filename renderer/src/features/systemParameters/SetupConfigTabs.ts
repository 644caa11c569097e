import { z } from 'zod';
import { NO_PARAMS, tabKind } from '../../shell/tabs/kinds';
import { openTab } from '../../shell/tabs/openTab';

/** System › Web installation (the customer folders), one Setup.config editor per folder, and Hotfix. */
export const webInstallationTab = tabKind('systemParameters.webInstallation', NO_PARAMS);
export const setupConfigTab = tabKind('systemParameters.setupConfig', z.object({ id: z.number().int().positive() }));
export const hotfixTab = tabKind('systemParameters.hotfix', NO_PARAMS);

export function openWebInstallation(): void {
  openTab(webInstallationTab, {}, { key: webInstallationTab.kind, title: 'Web installation', area: 'system' });
}
export function openSetupConfig(id: number, customerId: string): void {
  openTab(
    setupConfigTab,
    { id },
    { key: `${setupConfigTab.kind}.${id}`, title: `Setup.config – ${customerId}`, area: 'system' },
  );
}
export function openHotfix(): void {
  openTab(hotfixTab, {}, { key: hotfixTab.kind, title: 'Hotfix', area: 'system' });
}
