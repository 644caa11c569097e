import type { TabViews } from '../../shell/tabs/Workspace';
import { ResponseFileTab } from './ResponseFileEditor';
import { ResponseFilesHome } from './ResponseFilesHome';

/** Tab kinds of the responseFiles area → their views (the area's home tab kind is 'responseFiles'). */
export const responseFilesTabs: TabViews = {
  responseFiles: ResponseFilesHome,
  'responseFiles.file': ResponseFileTab,
};
