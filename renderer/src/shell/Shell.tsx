import { makeStyles, tokens } from '@fluentui/react-components';
import { TitleBar } from './titlebar/TitleBar';
import { NavPane } from './nav/NavPane';
import { StatusBar } from './statusbar/StatusBar';
import { Workspace, type TabViews } from './tabs/Workspace';

const useStyles = makeStyles({
  root: {
    display: 'grid',
    gridTemplateRows: 'auto minmax(0, 1fr) auto',
    height: '100vh',
    overflow: 'hidden',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  middle: { display: 'grid', gridTemplateColumns: 'auto minmax(0, 1fr)', minHeight: 0 },
});

/** Title bar, navigation, tabbed workspace, status bar. */
export function Shell({ views }: { views: TabViews }) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <TitleBar />
      <div className={styles.middle}>
        <NavPane />
        <Workspace views={views} />
      </div>
      <StatusBar />
    </div>
  );
}
