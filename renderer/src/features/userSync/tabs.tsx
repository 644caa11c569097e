import { NO_PARAMS, tabKind, tabView } from '../../shell/tabs/kinds';
import { openTab } from '../../shell/tabs/openTab';
import { UserSyncPage } from './UserSyncPage';

/** Users › User Synchronization of the working tenant. */
export const userSyncTab = tabKind('users.sync', NO_PARAMS);
import { USER_SYNC_TAB_KEY } from './data';

export const userSyncTabs = [tabView(userSyncTab, UserSyncPage)] as const;

export function openUserSyncTab(): void {
  openTab(userSyncTab, {}, { key: USER_SYNC_TAB_KEY, title: 'User Synchronization', area: 'users' });
}
