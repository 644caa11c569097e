import type { TabViews } from '../../shell/tabs/Workspace';
import { UserEditorTab } from './UserEditor';
import { UsersHome } from './UsersHome';

/** Tab kinds of the users area → their views (the area's home tab kind is 'users'). */
export const usersTabs: TabViews = {
  users: UsersHome,
  'users.user': UserEditorTab,
};
