import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { makeStyles, tokens, Text } from '@fluentui/react-components';
import { tabsStore, useTabs } from './store';
import type { TabViews } from './kinds';
import { panelDomId, tabDomId } from './ids';
import { TabStrip } from './TabStrip';
import { DirtyDialog } from './DirtyDialog';
import { useTabShortcuts } from './useTabShortcuts';
import { useBeforeUnload } from './useBeforeUnload';

export type { TabViews } from './kinds';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    minWidth: 0,
    minHeight: 0,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  panels: { position: 'relative', flexGrow: 1, minHeight: 0 },
  panel: { position: 'absolute', inset: 0, overflow: 'auto', outlineStyle: 'none' },
  empty: {
    height: '100%',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    color: tokens.colorNeutralForeground3,
  },
});

/**
 * The tabbed workspace. Every open tab stays mounted (hidden when inactive) so an editor
 * keeps its unsaved input while another tab is in front.
 */
export function Workspace({ views }: { views: TabViews }) {
  const styles = useStyles();
  const tabs = useTabs(useShallow((s) => s.tabs));
  const activeKey = useTabs((s) => s.activeKey);
  useTabShortcuts();
  useBeforeUnload();
  usePanelFocus();

  return (
    <main className={styles.root} aria-label="Workspace">
      <TabStrip />
      <div className={styles.panels}>
        {tabs.length === 0 && (
          <div className={styles.empty}>
            <Text>No tab is open. Choose an area on the left.</Text>
          </div>
        )}
        {tabs.map((tab) => {
          const View = views[tab.kind];
          return (
            <div
              key={tab.key}
              id={panelDomId(tab.key)}
              role="tabpanel"
              aria-labelledby={tabDomId(tab.key)}
              hidden={tab.key !== activeKey}
              className={styles.panel}
              tabIndex={-1}
              data-testid={`tabpanel-${tab.key}`}
            >
              {View ? <View tab={tab} /> : <Text>Nothing can show “{tab.kind}” yet.</Text>}
            </div>
          );
        })}
      </div>
      <DirtyDialog />
    </main>
  );
}

/**
 * A tab was opened: the keyboard focus moves into its content (unless the view already put it
 * somewhere inside, e.g. an autofocused field), so a keyboard user continues where they look.
 */
function usePanelFocus(): void {
  const request = useTabs((s) => s.focusRequest);
  useEffect(() => {
    if (!request || request.where !== 'panel' || !request.key) return;
    if (tabsStore.getState().activeKey !== request.key) return;
    const panel = document.getElementById(panelDomId(request.key));
    if (panel && !panel.contains(document.activeElement)) panel.focus({ preventScroll: true });
  }, [request]);
}
