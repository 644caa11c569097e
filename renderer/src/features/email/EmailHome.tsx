import { useState } from 'react';
import { Tab as FluentTab, TabList } from '@fluentui/react-components';
import type { Tab } from '../../shell/tabs/store';
import { useAuthStatus } from '../../data/queries';
import { canWrite } from '../../data/permissions';
import { Page } from '../../ui/Page';
import { useEmailLive } from './data';
import { DestinationsView } from './DestinationsView';
import { OutgoingView } from './OutgoingView';
import { ServersView } from './ServersView';
import { AlarmRulesView } from './AlarmRulesView';

type Section = 'servers' | 'destinations' | 'outgoing' | 'alarmRules';

/** E-mail home: the tenant's e-mail servers and destinations. */
export function EmailHome(_props: { tab: Tab }) {
  useEmailLive();
  const status = useAuthStatus().data;
  const writable = canWrite(status?.user?.permissions, 'email');
  const [section, setSection] = useState<Section>('servers');
  return (
    <Page
      title="E-mail"
      help="email"
      subtitle={
        'The e-mail servers of this tenant (up to five IMAP and SMTP accounts), the destinations that use them, ' +
        'and the outgoing e-mail of the installation with its queue.'
      }
      wide
    >
      <TabList
        selectedValue={section}
        onTabSelect={(_, d) => setSection(d.value as Section)}
        data-testid="email-sections"
      >
        <FluentTab value="servers" data-testid="email-section-servers">
          E-mail Servers
        </FluentTab>
        <FluentTab value="destinations" data-testid="email-section-destinations">
          Destinations
        </FluentTab>
        <FluentTab value="outgoing" data-testid="email-section-outgoing">
          Outgoing e-mail
        </FluentTab>
        <FluentTab value="alarmRules" data-testid="email-section-alarm-rules">
          Alarm e-mails
        </FluentTab>
      </TabList>
      {section === 'servers' && <ServersView writable={writable} />}
      {section === 'destinations' && <DestinationsView writable={writable} />}
      {section === 'alarmRules' && <AlarmRulesView writable={writable} />}
      {section === 'outgoing' && <OutgoingView writable={writable} hostAdmin={!!status?.user?.hostAdmin} />}
    </Page>
  );
}
