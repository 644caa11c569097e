import { tabView } from '../../shell/tabs/kinds';
import type { Tab } from '../../shell/tabs/store';
import { LogsHome } from './LogsHome';
import { LogViewer } from './viewer/LogViewer';
import { TraceLevelsEditor } from './trace/TraceLevelsEditor';
import { logViewerTab, logsHomeTab, traceLevelsTab } from './openLogsTab';

const TraceLevelsTab = ({ tab }: { tab: Tab }) => <TraceLevelsEditor tabKey={tab.key} />;

/** Tab kinds of the logs area with their views (the area's home tab kind is 'logs'). */
export const logsTabs = [
  tabView(logsHomeTab, LogsHome),
  tabView(logViewerTab, LogViewer),
  tabView(traceLevelsTab, TraceLevelsTab),
] as const;
