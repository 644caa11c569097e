import { z } from 'zod';
import { NO_PARAMS, tabKind, type ParamsOf } from '../../shell/tabs/kinds';
import { openTab } from '../../shell/tabs/openTab';

/** The area's home tab (the user list). */
export const usersHomeTab = tabKind('users', NO_PARAMS);

/** User Properties of one user; `page` picks the editor page. */
export const userTab = tabKind(
  'users.user',
  z.object({
    userId: z.number().int().positive(),
    page: z.enum(['general', 'password', 'objectTags']).default('general'),
  }),
);
export type UserTabParams = ParamsOf<typeof userTab>;

/** Opens (or focuses) User Properties for one user; `page` picks the editor page. */
export function openUserTab(userId: number, logonId: string, page: UserTabParams['page'] = 'general'): void {
  openTab(userTab, { userId, page }, { key: `users.user.${userId}`, title: logonId, area: 'users' });
}
