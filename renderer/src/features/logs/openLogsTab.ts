import { tabsStore } from '../../shell/tabs/store';

export const LOGS_TRACE_TAB = { key: 'logs.trace', title: 'Trace levels', kind: 'logs.trace', area: 'logs' } as const;

let viewerCount = 0;

/** Opens a new log viewer tab (each viewer is its own view in main), optionally on some sources only. */
export function openLogViewer(options: { sourceIds?: readonly string[]; title?: string } = {}): void {
  const n = ++viewerCount;
  const open = tabsStore.getState().tabs.filter((t) => t.kind === 'logs.viewer').length;
  tabsStore.getState().open({
    key: `logs.viewer.${n}`,
    title: options.title ?? (open === 0 ? 'Log viewer' : `Log viewer ${open + 1}`),
    kind: 'logs.viewer',
    params: options.sourceIds?.length ? { sourceIds: options.sourceIds.join('\n') } : {},
    area: 'logs',
  });
}

/** Opens (or focuses) the trace-levels editor. */
export function openTraceLevels(): void {
  tabsStore.getState().open(LOGS_TRACE_TAB);
}
