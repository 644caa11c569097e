import { tabsStore } from '../../shell/tabs/store';

/** Opens (or focuses) User Properties for one user (issue 4); `page` picks the editor page. */
export function openUserTab(
  userId: number,
  logonId: string,
  page: 'general' | 'password' | 'objectTags' = 'general',
): void {
  tabsStore
    .getState()
    .open({
      key: `users.user.${userId}`,
      title: logonId,
      kind: 'users.user',
      params: { userId: String(userId), page },
      area: 'users',
    });
}
