import { tabView } from '../../shell/tabs/kinds';
import { UserEditorTab } from './UserEditor';
import { UsersHome } from './UsersHome';
import { userTab, usersHomeTab } from './openUserTab';

/** Tab kinds of the users area with their views (the area's home tab kind is 'users'). */
export const usersTabs = [tabView(usersHomeTab, UsersHome), tabView(userTab, UserEditorTab)] as const;
