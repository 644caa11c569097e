import type { ReactNode } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';
import { TitleBar } from './titlebar/TitleBar';
import { PasswordWarning } from './titlebar/PasswordWarning';
import { NavPane } from './nav/NavPane';
import { StatusBar } from './statusbar/StatusBar';
import { Workspace, type TabViews } from './tabs/Workspace';

const useStyles = makeStyles({
  root: {
    display: 'grid',
    gridTemplateRows: 'auto auto minmax(0, 1fr) auto',
    height: '100vh',
    overflow: 'hidden',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  middle: { display: 'grid', gridTemplateColumns: 'auto minmax(0, 1fr)', minHeight: 0 },
});

/**
 * Title bar, password warning, navigation + tabbed workspace, status bar. While nobody is
 * signed in, `signIn` (the sign-in screen) stands in for the navigation and the workspace.
 */
export function Shell({ views, signIn }: { views: TabViews; signIn: ReactNode | null }) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <TitleBar />
      <PasswordWarning />
      {signIn ?? (
        <div className={styles.middle}>
          <NavPane />
          <Workspace views={views} />
        </div>
      )}
      <StatusBar />
    </div>
  );
}
