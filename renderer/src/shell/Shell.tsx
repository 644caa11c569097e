import type { ReactNode } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';
import { TitleBar } from './titlebar/TitleBar';
import { PasswordWarning } from './titlebar/PasswordWarning';
import { StatusBar } from './statusbar/StatusBar';

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
 * `workspace` renders the navigation + tabs in the grid cell it is given (App.tsx loads it as a
 * chunk of its own, so the sign-in form's first paint does not wait for the areas).
 */
export function Shell({
  workspace,
  signIn,
}: {
  workspace: (className: string) => ReactNode;
  signIn: ReactNode | null;
}) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <TitleBar />
      <PasswordWarning />
      {signIn ?? workspace(styles.middle)}
      <StatusBar />
    </div>
  );
}
