import type { ComponentType } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { makeStyles, tokens, Text } from '@fluentui/react-components';
import { useTabs, type Tab } from './store';
import { panelDomId, tabDomId } from './ids';
import { TabStrip } from './TabStrip';
import { DirtyDialog } from './DirtyDialog';
import { useTabShortcuts } from './useTabShortcuts';
import { useBeforeUnload } from './useBeforeUnload';

/** Renders one tab's content; gets its tab (key, params) to register as an editor. */
export type TabView = ComponentType<{ tab: Tab }>;
export type TabViews = Readonly<Record<string, TabView>>;

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
