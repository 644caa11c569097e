import type { ReactElement } from 'react';
import { CompoundButton, makeStyles, tokens } from '@fluentui/react-components';
import { Info20Regular, Options20Regular, WindowConsole20Regular } from '@fluentui/react-icons';
import { Page } from '../../ui/Page';
import { openSystemTab, type SystemTab } from './openSystemTab';

const useStyles = makeStyles({
  list: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))', gap: tokens.spacingHorizontalM },
  button: { justifyContent: 'flex-start', textAlign: 'left', height: '100%', maxWidth: 'none' },
});

const ENTRIES: ReadonlyArray<{ which: SystemTab; title: string; text: string; icon: ReactElement }> = [
  {
    which: 'preferences',
    title: 'Preferences',
    text: 'Theme, start area, confirmations, date format, log buffer.',
    icon: <Options20Regular />,
  },
  {
    which: 'launchOptions',
    title: 'Launch options',
    text: 'The command-line flags the console was started with.',
    icon: <WindowConsole20Regular />,
  },
  { which: 'about', title: 'About', text: 'Product, version, run mode and platform.', icon: <Info20Regular /> },
];

/** The System area's home: opens Preferences, Launch options and About in their own tabs. */
export function SystemHome() {
  const styles = useStyles();
  return (
    <Page title="System" subtitle="The console itself.">
      <div className={styles.list}>
        {ENTRIES.map((e) => (
          <CompoundButton
            key={e.which}
            className={styles.button}
            icon={e.icon}
            secondaryContent={e.text}
            data-testid={`system-open-${e.which}`}
            onClick={() => openSystemTab(e.which)}
          >
            {e.title}
          </CompoundButton>
        ))}
      </div>
    </Page>
  );
}
