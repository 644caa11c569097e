import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Badge,
  Button,
  Link,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from '@fluentui/react-components';
import { ArrowClockwise20Regular } from '@fluentui/react-icons';
import type { FindingOut } from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import { QueryState } from '../../ui/QueryState';
import { openUserTab } from '../users';
import { AgentDataSection } from './AgentDataSection';
import { AgentPicker } from './AgentPicker';
import { openServiceGroupTab } from './openServiceGroupTab';
import { Section, useFormStyles } from './Section';

const KIND_LABEL: Record<string, string> = {
  groupWithoutAccess: 'No service access',
  groupWithoutSkills: 'No skills',
  agentWithoutDirectoryNumber: 'No Directory Number',
  duplicateDirectoryNumber: 'Same Directory Number',
  agentWithoutFallback: 'No fallback destination',
};

const openTarget = (f: FindingOut) =>
  f.target.type === 'serviceGroup'
    ? openServiceGroupTab(f.target.id, f.target.name)
    : openUserTab(f.target.id, f.target.name);

/** What would break personal call routing, each finding linking to the object to fix. */
export function CheckView() {
  const s = useFormStyles();
  const q = useQuery({ queryKey: ['dispatch', 'check'], queryFn: () => unwrap(ccm.dispatch.checkConfiguration({})) });
  const [kind, setKind] = useState('');
  const counts = new Map<string, number>();
  for (const f of q.data?.findings ?? []) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  const shown = (q.data?.findings ?? []).filter((f) => kind === '' || f.kind === kind);
  return (
    <>
      <div className={s.toolbar}>
        <Text className={s.grow}>
          Personal Calls groups, their service accesses and skills, and the agents who serve them (CONFIGURING PERSONAL
          CALL ROUTING).
        </Text>
        <Button
          icon={<ArrowClockwise20Regular />}
          data-testid="check-run"
          disabled={q.isFetching}
          onClick={() => void q.refetch()}
        >
          Check again
        </Button>
      </div>
      {q.isFetching && <Spinner size="tiny" label="Checking…" labelPosition="after" />}
      {!q.data ? (
        <QueryState isPending={q.isPending} error={q.error} what="the configuration check" />
      ) : q.data.total === 0 ? (
        <MessageBar intent="success" data-testid="check-clean">
          <MessageBarBody>Nothing found that would break personal call routing.</MessageBarBody>
        </MessageBar>
      ) : (
        <>
          <div className={s.toolbar}>
            <Text data-testid="check-count">
              {q.data.total} finding{q.data.total === 1 ? '' : 's'}
              {q.data.truncated ? ` (the first ${q.data.findings.length} listed)` : ''}
            </Text>
            <Select value={kind} aria-label="Show" data-testid="check-kind" onChange={(_, d) => setKind(d.value)}>
              <option value="">All problems</option>
              {[...counts].map(([k, n]) => (
                <option key={k} value={k}>{`${KIND_LABEL[k] ?? k} (${n})`}</option>
              ))}
            </Select>
          </div>
          <Table size="small" aria-label="Findings" data-testid="check-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell style={{ width: 200 }}>Problem</TableHeaderCell>
                <TableHeaderCell>Details</TableHeaderCell>
                <TableHeaderCell style={{ width: 200 }}>Fix in</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {shown.map((f, i) => (
                <TableRow key={i} data-testid={`finding-${f.kind}-${f.target.name}`}>
                  <TableCell>
                    <Badge
                      style={{ whiteSpace: 'nowrap' }}
                      appearance="tint"
                      color={f.kind.startsWith('group') || f.kind === 'duplicateDirectoryNumber' ? 'danger' : 'warning'}
                    >
                      {KIND_LABEL[f.kind] ?? f.kind}
                    </Badge>
                  </TableCell>
                  <TableCell>{f.message}</TableCell>
                  <TableCell>
                    <Link onClick={() => openTarget(f)} data-testid={`fix-${f.kind}-${f.target.name}`}>
                      {f.target.type === 'serviceGroup' ? 'Service group' : 'User'} {f.target.name}
                    </Link>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </>
  );
}

/** "What does this agent see?" (AGENT DATA ACCESS: service groups in the Dispatch and Real-Time windows). */
export function AgentSeesView() {
  const s = useFormStyles();
  const [agent, setAgent] = useState<{ id: number; logonId: string } | null>(null);
  const q = useQuery({
    queryKey: ['dispatch', 'agentView', agent?.id],
    queryFn: () => unwrap(ccm.dispatch.agentView({ agentId: agent!.id })),
    enabled: agent !== null,
  });
  return (
    <>
      <div className={s.toolbar}>
        <AgentPicker value={agent} onChange={setAgent} testId="sees-agent" placeholder="Choose an agent" />
      </div>
      {agent === null ? (
        <Text className={s.muted}>Choose an agent to see the service groups in their windows.</Text>
      ) : !q.data ? (
        <QueryState isPending={q.isPending} error={q.error} what="the agent's view" />
      ) : (
        <>
          <Text className={s.hint}>
            {`Allow Agents to View all Dispatch Groups is ${q.data.allowViewAll ? 'set' : 'not set'}; the agent's ` +
              `user type ${q.data.hasGroupPermission ? 'grants' : 'does not grant'} permission on service groups.`}
          </Text>
          <Text className={s.hint} data-testid="sees-private-caller-id">
            {`Private calls: caller ID ${
              q.data.privateCallerId.default
                ? `${q.data.privateCallerId.default.name} (${q.data.privateCallerId.default.callerId})`
                : 'of the agent’s own extension (no tenant default)'
            }; the agent ${
              q.data.privateCallerId.agentMaySelect
                ? 'may select a different one in the Manual Dial form ' +
                  `(${q.data.privateCallerId.choices.length} to choose from)`
                : 'may not select a different one'
            }.`}
          </Text>
          <div className={s.grid2}>
            <Section title="Dispatch window" testId="sees-dispatch">
              {q.data.dispatch.length === 0 ? (
                <Text className={s.muted}>No service groups.</Text>
              ) : (
                <ul>
                  {q.data.dispatch.map((g) => (
                    <li key={g.id}>
                      <Link onClick={() => openServiceGroupTab(g.id, g.name)}>{g.name}</Link>
                      {g.readOnly && (
                        <>
                          {' '}
                          <Badge appearance="outline" color="warning">
                            read-only
                          </Badge>
                        </>
                      )}
                      <br />
                      <Text className={s.hint}>{g.why}</Text>
                    </li>
                  ))}
                </ul>
              )}
            </Section>
            <Section title="Real-Time window" testId="sees-realtime">
              {q.data.realTime.length === 0 ? (
                <Text className={s.muted}>No service groups.</Text>
              ) : (
                <ul>
                  {q.data.realTime.map((g) => (
                    <li key={g.id}>
                      <Link onClick={() => openServiceGroupTab(g.id, g.name)}>{g.name}</Link>
                      <br />
                      <Text className={s.hint}>{g.why}</Text>
                    </li>
                  ))}
                </ul>
              )}
            </Section>
          </div>
          <Section title="Agent dialogs" testId="sees-dialogs">
            <AgentDataSection agentId={agent.id} />
          </Section>
        </>
      )}
    </>
  );
}
