import { Badge, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { AGENT_PRIVILEGE_LABELS } from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import { canRead } from '../../data/permissions';
import { useAuthStatus } from '../../data/queries';
import { useDbTables } from '../../ui/kit';
import { QueryState } from '../../ui/QueryState';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(240px, 1fr))',
    gap: tokens.spacingHorizontalM,
    alignItems: 'start',
  },
  section: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});

/** The options (system_option) and the user types' privileges decide it. */
const TABLES = { tables: ['system_option', 'user_type'], keys: [['systemParameters', 'agentDataView']] };

/** For "What does this agent see?": the agents in the agent's dialogs, recording and the Divert dialog. */
export function AgentDataSection({ agentId }: { agentId: number }) {
  const s = useStyles();
  const status = useAuthStatus().data;
  const allowed = canRead(status?.user?.permissions, 'system');
  useDbTables(TABLES);
  const q = useQuery({
    queryKey: ['systemParameters', 'agentDataView', agentId],
    queryFn: () => unwrap(ccm.systemParameters.agentDataView({ agentId })),
    enabled: allowed,
  });
  if (!allowed) return null;
  if (!q.data) return <QueryState isPending={q.isPending} error={q.error} what="the agent's dialogs" />;
  const v = q.data;
  return (
    <div className={s.form} data-testid="sees-agent-data">
      <Text className={s.hint}>
        {`User type ${v.agent.userType}, agent group ${v.agent.agentGroup}. Privileges: ${
          v.privileges.length ? v.privileges.map((p) => AGENT_PRIVILEGE_LABELS[p]).join(', ') : 'none'
        }.`}
      </Text>
      <Text className={s.hint} data-testid="sees-recording">
        {v.recording
          ? `Call recording: ${v.recording.text}`
          : 'Call recording: not integrated with MiVoice Call Recording.'}
      </Text>
      <div className={s.row}>
        {v.lists.map((l) => (
          <div key={l.key} data-testid={`sees-list-${l.key}`}>
            <h4 className={s.section}>
              {l.title}{' '}
              <Badge appearance="tint" color="informative">
                {l.total}
              </Badge>
            </h4>
            <Text className={s.hint} block>
              {l.rule}
            </Text>
            <Text className={s.mono} block>
              {l.sample.join(', ')}
              {l.total > l.sample.length ? ` … and ${l.total - l.sample.length} more` : ''}
            </Text>
          </div>
        ))}
        <div data-testid="sees-divert">
          <h4 className={s.section}>Divert dialog – service groups</h4>
          {v.divert.map((d) => (
            <Text key={d.mediaType} className={s.hint} block>
              {`${d.mediaType}: ${d.groups.map((g) => `${g.name} (${g.openWhen.toLowerCase()})`).join('; ')}`}
            </Text>
          ))}
        </div>
      </div>
    </div>
  );
}
