import { useState, type ReactNode } from 'react';
import { Tab as FluentTab, TabList, tokens } from '@fluentui/react-components';
import { useAuthStatus } from '../../data/queries';
import { canWrite } from '../../data/permissions';
import type { Tab } from '../../shell/tabs/store';
import { Page } from '../../ui/Page';
import { AgentsView } from './AgentsView';
import { AgentSeesView, CheckView } from './CheckView';
import { useDispatchLive } from './data';
import { CallManagersView, PhoneAgentsView } from './PhoneAgentsView';
import { PreviewView } from './PreviewView';
import { ServiceAccessesView } from './ServiceAccessesView';
import { ServiceGroupsList } from './ServiceGroupsList';
import { SettingsView } from './SettingsView';

const PAGES = [
  ['groups', 'Service groups'],
  ['accesses', 'Service accesses'],
  ['agents', 'Agents'],
  ['preview', 'What happens to this call?'],
  ['check', 'Configuration check'],
  ['sees', 'What does this agent see?'],
  ['phoneAgents', 'Phone agent logon'],
  ['settings', 'Settings'],
] as const;
type PageId = (typeof PAGES)[number][0];

/** A page that stays mounted while hidden (its input survives switching pages). */
function Pane(props: { shown: boolean; children: ReactNode }) {
  return (
    <div style={{ display: props.shown ? 'flex' : 'none', flexDirection: 'column', gap: tokens.spacingVerticalM }}>
      {props.children}
    </div>
  );
}

/** Dispatch Groups: service groups and accesses, agents' dispatch fields, personal call routing. */
export function DispatchHome({ tab }: { tab: Tab }) {
  useDispatchLive();
  const writable = canWrite(useAuthStatus().data?.user?.permissions, 'dispatch');
  const [page, setPage] = useState<PageId>('groups');
  return (
    <Page
      wide
      title="Dispatch Groups"
      help="personal-call-routing"
      subtitle={
        'Service groups for manual (dispatch) routing, their service accesses, and Personal Call Routing to ' +
        "the agent's Personal Directory Number."
      }
    >
      <TabList
        selectedValue={page}
        onTabSelect={(_, d) => setPage(d.value as PageId)}
        data-testid="dispatch-pages"
        size="small"
      >
        {PAGES.map(([id, label]) => (
          <FluentTab key={id} value={id} data-testid={`dispatch-page-${id}`}>
            {label}
          </FluentTab>
        ))}
      </TabList>
      <Pane shown={page === 'groups'}>
        <ServiceGroupsList writable={writable} />
      </Pane>
      {page === 'accesses' && <ServiceAccessesView writable={writable} />}
      {page === 'agents' && <AgentsView writable={writable} />}
      <Pane shown={page === 'preview'}>
        <PreviewView />
      </Pane>
      {page === 'check' && <CheckView />}
      <Pane shown={page === 'sees'}>
        <AgentSeesView />
      </Pane>
      {page === 'phoneAgents' && (
        <>
          <PhoneAgentsView writable={writable} />
          <CallManagersView writable={writable} />
        </>
      )}
      <Pane shown={page === 'settings'}>
        <SettingsView writable={writable} tabKey={tab.key} />
      </Pane>
    </Page>
  );
}
