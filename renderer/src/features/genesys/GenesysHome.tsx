import { useState } from 'react';
import { makeStyles, MessageBar, MessageBarBody, Tab as FluentTab, TabList, tokens } from '@fluentui/react-components';
import type { Tab } from '../../shell/tabs/store';
import { ccm } from '../../api/client';
import { useAuthStatus } from '../../data/queries';
import { canWrite } from '../../data/permissions';
import { ConflictBar } from '../../ui/kit/ConflictBar';
import { useVersionedEditor } from '../../ui/kit/useVersionedEditor';
import { Page } from '../../ui/Page';
import { ConfigurationPage } from './ConfigurationPage';
import { DialGroupsPage } from './DialGroupsPage';
import { genesysKeys, useGenesysLive } from './data';
import { BLANK_DOC, isDirty, parseForm, toForm, valueOf, type GenesysValue } from './genesysForm';
import { HealthPage } from './HealthPage';
import { RecordsPage } from './RecordsPage';
import { SmsPage } from './SmsPage';
import { SyncOptionsPage } from './SyncOptionsPage';
import { WrapupCodesPage } from './WrapupCodesPage';

export const useGenesysStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '980px' },
  row: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
  },
  toolbar: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  tabs: { marginBottom: tokens.spacingVerticalS },
  tableWrap: { maxHeight: '420px', overflowY: 'auto' },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
});

type Section = 'config' | 'sync' | 'records' | 'wrapup' | 'dialGroups' | 'sms' | 'health';

/** Genesys Cloud: Configuration, Synchronization Options, per-record status, wrap-up codes, Integration Health. */
export function GenesysHome({ tab }: { tab: Tab }) {
  const s = useGenesysStyles();
  useGenesysLive();
  const status = useAuthStatus().data;
  const writable = canWrite(status?.user?.permissions, 'genesys');
  const [section, setSection] = useState<Section>('config');
  const ed = useVersionedEditor({
    tabKey: tab.key,
    queryKey: genesysKeys.config,
    read: async () => {
      const env = await ccm.genesys.get({});
      return env.ok ? { ok: true as const, value: env.value ?? BLANK_DOC } : env;
    },
    write: (v: GenesysValue, expectedVersion) =>
      ccm.genesys.save({ expectedVersion, config: v.config, ...(v.password ? { password: v.password } : {}) }),
    valueOf,
    toForm,
    parse: parseForm,
    isDirty,
    writable,
  });

  return (
    <Page
      title="Genesys Cloud"
      subtitle={
        'Pairs this tenant with a Genesys Cloud organization and synchronizes users, workgroups, skills and ' +
        'wrap-up codes to it, one way.'
      }
      help="genesys"
    >
      {ed.conflict && (
        <ConflictBar
          testId="genesys"
          error={ed.conflict.error}
          busy={ed.busy}
          invalid={ed.invalid}
          onReload={() => void ed.reload()}
          onOverwrite={() => void ed.overwrite()}
        />
      )}
      {ed.loadError && (
        <MessageBar intent="error">
          <MessageBarBody>{ed.loadError.message}</MessageBarBody>
        </MessageBar>
      )}
      <TabList
        className={s.tabs}
        selectedValue={section}
        onTabSelect={(_, d) => setSection(d.value as Section)}
        size="small"
      >
        <FluentTab value="config" data-testid="genesys-tab-config">
          Configuration{ed.dirty ? ' •' : ''}
        </FluentTab>
        <FluentTab value="sync" data-testid="genesys-tab-sync">
          Synchronization Options
        </FluentTab>
        <FluentTab value="records" data-testid="genesys-tab-records">
          Synchronization Status
        </FluentTab>
        <FluentTab value="wrapup" data-testid="genesys-tab-wrapup">
          Wrap-up Codes
        </FluentTab>
        <FluentTab value="dialGroups" data-testid="genesys-tab-dialGroups">
          Genesys Cloud Dial Groups
        </FluentTab>
        <FluentTab value="sms" data-testid="genesys-tab-sms">
          SMS Provisioning
        </FluentTab>
        <FluentTab value="health" data-testid="genesys-tab-health">
          Integration Health
        </FluentTab>
      </TabList>
      {section === 'config' && <ConfigurationPage ed={ed} writable={writable} />}
      {section === 'sync' && <SyncOptionsPage ed={ed} writable={writable} />}
      {section === 'records' && <RecordsPage writable={writable} />}
      {section === 'wrapup' && <WrapupCodesPage writable={writable} />}
      {section === 'dialGroups' && <DialGroupsPage ed={ed} writable={writable} />}
      {section === 'sms' && <SmsPage writable={writable} />}
      {section === 'health' && <HealthPage />}
    </Page>
  );
}
