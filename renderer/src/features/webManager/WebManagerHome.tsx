import { useState } from 'react';
import { Tab as FluentTab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import type { Tab } from '../../shell/tabs/store';
import { useAuthStatus } from '../../data/queries';
import { canWrite } from '../../data/permissions';
import { Page } from '../../ui/Page';
import { Calendar } from './Calendar';
import { Clip } from './Clip';
import { useWebManagerLive } from './data';
import { RestSdk } from './RestSdk';
import { VirtualAgents } from './VirtualAgents';

const useStyles = makeStyles({ sub: { marginBottom: tokens.spacingVerticalM } });

type Section = 'va' | 'rest' | 'clip' | 'calendar';

/** Web Manager: Virtual Agents, REST SDK, CLIP for Outgoing Calls, Exchange Calendar. */
export function WebManagerHome(props: { tab: Tab }) {
  const styles = useStyles();
  useWebManagerLive();
  const status = useAuthStatus().data;
  const writable = canWrite(status?.user?.permissions, 'webManager');
  const hostAdmin = !!status?.user?.hostAdmin;
  const tenantName = status?.tenant?.name ?? 'this tenant';
  const [section, setSection] = useState<Section>('va');
  return (
    <Page
      title="Web Manager"
      help={section === 'calendar' ? 'exchange-calendar' : 'webManager'}
      subtitle={
        'Virtual Agents and REST SDK clients for the whole installation; ' +
        'CLIP numbers and the Exchange Calendar per tenant.'
      }
      wide
    >
      <TabList
        className={styles.sub}
        selectedValue={section}
        onTabSelect={(_, d) => setSection(d.value as Section)}
        data-testid="wm-sections"
      >
        <FluentTab value="va" data-testid="wm-section-va">
          Virtual Agents
        </FluentTab>
        <FluentTab value="rest" data-testid="wm-section-rest">
          REST SDK
        </FluentTab>
        <FluentTab value="clip" data-testid="wm-section-clip">
          CLIP
        </FluentTab>
        <FluentTab value="calendar" data-testid="wm-section-calendar">
          Exchange Calendar
        </FluentTab>
      </TabList>
      {section === 'va' && <VirtualAgents writable={writable && hostAdmin} tabKey={props.tab.key} />}
      {section === 'rest' && <RestSdk writable={writable && hostAdmin} tabKey={props.tab.key} />}
      {section === 'clip' && <Clip writable={writable} tenantName={tenantName} tabKey={props.tab.key} />}
      {section === 'calendar' && <Calendar writable={writable} tenantName={tenantName} tabKey={props.tab.key} />}
    </Page>
  );
}
