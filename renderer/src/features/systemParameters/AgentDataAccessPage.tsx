import { Checkbox, Text } from '@fluentui/react-components';
import {
  AGENT_PRIVILEGE_LABELS,
  departmentProblems,
  type AgentDataAccess,
  type AgentDataAccessDoc,
} from '../../../../electron/contract';
import { ccm } from '../../api/client';
import { canWrite } from '../../data/permissions';
import { useAuthStatus } from '../../data/queries';
import type { Tab } from '../../shell/tabs/store';
import { useDbTables } from '../../ui/kit';
import { QueryState } from '../../ui/QueryState';
import { agentOptionTables, PrivilegeTable } from './CallRecordingPage';
import { DepartmentsSection } from './DepartmentsSection';
import { ParamPage, usePageStyles } from './ParamPage';
import { usePageEditor } from './usePageEditor';

const SYSTEM_OPTIONS: { key: Exclude<keyof AgentDataAccess, 'departments'>; label: string; hint: string }[] = [
  {
    key: 'useAgentGroupForSkillAssignment',
    label: 'Use Agent Group for Skill Assignment',
    hint: 'Skill assignment lists only agents of the agent groups the agent has permission for',
  },
  {
    key: 'useAgentGroupForMessaging',
    label: 'Use Agent Group for Messaging',
    hint: 'Agents cannot send messages to agents of another agent group',
  },
  {
    key: 'useAgentGroupForForce',
    label: 'Use Agent Group for Force',
    hint: 'The Force dialog lists only agents of the same agent group',
  },
  {
    key: 'useAgentGroupForMonitor',
    label: 'Use Agent Group for Monitor',
    hint: 'The Monitor dialog lists only agents of the same agent group',
  },
];
const SECCFG_OPTIONS: typeof SYSTEM_OPTIONS = [
  {
    key: 'useAgentGroupForDial',
    label: 'Use Agent Group for Dial',
    hint: 'Contacts lists only agents of the same agent group',
  },
  {
    key: 'suppressAgentsOutsideDepartment',
    label: 'Suppress Agents outside Department',
    hint: 'Contacts and the Force dialog list only agents of the same department (set with DepartmentConfig.exe)',
  },
];

/** System › Agent data access: the options and privileges that decide which agents an agent sees. */
export function AgentDataAccessPage({ tab }: { tab: Tab<Record<string, never>> }) {
  const s = usePageStyles();
  const status = useAuthStatus().data;
  const tenant = status?.tenant ?? null;
  const writable = canWrite(status?.user?.permissions, 'system');
  useDbTables(agentOptionTables);
  const e = usePageEditor<AgentDataAccess, AgentDataAccess, AgentDataAccessDoc>({
    tabKey: tab.key,
    page: 'agentDataAccess',
    tenantId: tenant?.id ?? null,
    writable,
    read: () => ccm.systemParameters.getAgentDataAccess({}),
    write: (settings, expectedVersion) => ccm.systemParameters.saveAgentDataAccess({ expectedVersion, settings }),
    toForm: (v) => ({ ...v }),
    fromForm: (f) => f,
    problems: (v) => departmentProblems(v.departments),
  });
  if (!e.form) return <QueryState isPending={!e.loadError} error={e.loadError} what="the agent data access options" />;
  const f = e.form;
  const box = (o: (typeof SYSTEM_OPTIONS)[number]) => (
    <div key={o.key}>
      <Checkbox
        label={o.label}
        checked={f[o.key]}
        disabled={!writable}
        onChange={(_, d) => e.set(o.key, Boolean(d.checked))}
        data-testid={`sp-agentData-${o.key}`}
      />
      <Text className={s.hint} block style={{ marginLeft: '32px' }}>
        {o.hint}
      </Text>
    </div>
  );
  return (
    <ParamPage
      testId="sp-agentData"
      help="agent-data-access"
      title="Agent data access"
      subtitle={`Which agents the agents of tenant “${tenant?.name ?? ''}” see in the Agent application.`}
      writable={writable}
      editor={e}
    >
      <div className={s.form}>
        <div className={s.columns}>
          <div className={s.form}>
            <h3 className={s.section}>Contact Center System Properties</h3>
            {SYSTEM_OPTIONS.map(box)}
          </div>
          <div className={s.form}>
            <h3 className={s.section}>SeCCfg (Agent Service)</h3>
            {SECCFG_OPTIONS.map(box)}
            <Text className={s.hint}>
              Allow Agents to View all Dispatch Groups is a Dispatch setting. The Divert dialog lists the open service
              groups of the media type; each service group says when it is open (an agent logged on, or logged on and
              Ready).
            </Text>
          </div>
        </div>
        <DepartmentsSection
          departments={f.departments}
          known={e.base?.departmentAgents ?? []}
          writable={writable}
          errors={e.errors}
          onChange={(next) => e.set('departments', next)}
        />
        <h3 className={s.section}>Privileges of user types</h3>
        <Text className={s.hint}>
          {AGENT_PRIVILEGE_LABELS.changeSkillsForOthers}: the agent configures the skills of other agents.{' '}
          {AGENT_PRIVILEGE_LABELS.provideAssistance}: the agent is listed in the Assist, E-mail Assist and Chat Assist
          dialogs. A change here is saved at once.
        </Text>
        <PrivilegeTable
          testId="sp-agentData-privileges"
          privileges={['changeSkillsForOthers', 'provideAssistance']}
          writable={writable}
        />
      </div>
    </ParamPage>
  );
}
