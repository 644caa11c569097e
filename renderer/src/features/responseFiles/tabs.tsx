import { tabView } from '../../shell/tabs/kinds';
import { ResponseFileTab } from './ResponseFileEditor';
import { ResponseFilesHome } from './ResponseFilesHome';
import { responseFileTab, responseFilesHomeTab } from './openResponseFileTab';

/** Tab kinds of the responseFiles area with their views (the area's home tab kind is 'responseFiles'). */
export const responseFilesTabs = [
  tabView(responseFilesHomeTab, ResponseFilesHome),
  tabView(responseFileTab, ResponseFileTab),
] as const;
