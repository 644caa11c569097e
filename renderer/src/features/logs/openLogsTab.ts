import { z } from 'zod';
import { NO_PARAMS, tabKind, type ParamsOf } from '../../shell/tabs/kinds';
import { openTab } from '../../shell/tabs/openTab';
import { tabsStore } from '../../shell/tabs/store';

/** The area's home tab (the log sources). */
export const logsHomeTab = tabKind('logs', NO_PARAMS);
/** A log viewer (each is its own view in main), optionally on some sources only. */
export const logViewerTab = tabKind('logs.viewer', z.object({ sourceIds: z.array(z.string()).default([]) }));
export type LogViewerTabParams = ParamsOf<typeof logViewerTab>;
/** The trace levels of the servers. */
export const traceLevelsTab = tabKind('logs.trace', NO_PARAMS);

let viewerCount = 0;
const VIEWER_KEY = /^logs\.viewer\.(\d+)$/;

/** Opens a new log viewer tab, optionally on some sources only. */
export function openLogViewer(options: { sourceIds?: readonly string[]; title?: string } = {}): void {
  const viewers = tabsStore.getState().tabs.filter((t) => t.kind === logViewerTab.kind);
  // Restored viewers keep their keys: number the new one after them.
  const highest = Math.max(0, ...viewers.map((t) => Number(VIEWER_KEY.exec(t.key)?.[1] ?? 0)));
  viewerCount = Math.max(viewerCount, highest) + 1;
  openTab(
    logViewerTab,
    { sourceIds: [...(options.sourceIds ?? [])] },
    {
      key: `logs.viewer.${viewerCount}`,
      title: options.title ?? (viewers.length === 0 ? 'Log viewer' : `Log viewer ${viewers.length + 1}`),
      area: 'logs',
    },
  );
}

/** Opens (or focuses) the trace-levels editor. */
export function openTraceLevels(): void {
  openTab(traceLevelsTab, {}, { key: 'logs.trace', title: 'Trace levels', area: 'logs' });
}
