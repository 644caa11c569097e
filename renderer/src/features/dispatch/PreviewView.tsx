import { useState } from 'react';
import {
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Play20Regular } from '@fluentui/react-icons';
import type { PreviewResult, PreviewState } from '../../../../electron/contract';
import { ccm } from '../../api/client';
import { openUserTab } from '../users';
import { AgentPicker } from './AgentPicker';
import { useLookups } from './data';
import { openServiceGroupTab } from './openServiceGroupTab';
import { Section, useFormStyles } from './Section';

const useStyles = makeStyles({
  layout: {
    display: 'grid',
    gridTemplateColumns: 'minmax(300px, 400px) minmax(0, 1fr)',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
  },
  steps: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  says: { fontWeight: tokens.fontWeightSemibold },
  quote: {
    margin: `${tokens.spacingVerticalXXS} 0 0`,
    paddingLeft: tokens.spacingHorizontalM,
    borderLeft: `3px solid ${tokens.colorBrandStroke1}`,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    fontStyle: 'italic',
  },
  section: {
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase100,
    textTransform: 'uppercase',
    letterSpacing: '0.04em',
  },
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  fill: { width: '100%', minWidth: 0, '& select': { minWidth: 0, width: '100%', textOverflow: 'ellipsis' } },
});

const OUTCOME: Record<
  PreviewResult['outcome'],
  { label: string; color: 'success' | 'warning' | 'informative' | 'danger' | 'brand' }
> = {
  agent: { label: 'Answered by the agent', color: 'success' },
  dispatchQueue: { label: 'Dispatch queue', color: 'warning' },
  personalDefault: { label: 'Personal default destination', color: 'brand' },
  systemDefault: { label: 'System default destination', color: 'informative' },
  notPersonal: { label: 'Not a personal call', color: 'danger' },
};

const INITIAL: PreviewState = {
  loggedOn: true,
  activity: 'idle',
  dispatchAccess: true,
  answersInTime: true,
  freeWithinMaxWait: false,
  personalDefaultReachable: true,
  systemDefaultReachable: true,
};

/** "What happens to this call?" — the seed's personal call routing rules on this tenant's configuration. */
export function PreviewView() {
  const st = useStyles();
  const s = useFormStyles();
  const lookups = useLookups();
  const [accessId, setAccessId] = useState('');
  const [kind, setKind] = useState<'calledNumber' | 'script'>('calledNumber');
  const [number, setNumber] = useState('');
  const [agent, setAgent] = useState<{ id: number; logonId: string } | null>(null);
  const [state, setState] = useState<PreviewState>(INITIAL);
  const [result, setResult] = useState<PreviewResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const accesses = lookups.data?.serviceAccesses ?? [];
  const groups = lookups.data?.serviceGroups ?? [];
  const chosen =
    accessId ||
    String(
      accesses.find((a) => groups.find((g) => g.id === a.serviceGroupId)?.personalCalls)?.id ?? accesses[0]?.id ?? '',
    );
  const ready = chosen !== '' && (kind === 'calledNumber' ? number.trim() !== '' : agent !== null);
  const set = (patch: Partial<PreviewState>) => setState((x) => ({ ...x, ...patch }));

  const run = async () => {
    if (!ready) return;
    setError(null);
    const env = await ccm.dispatch.preview({
      serviceAccessId: Number(chosen),
      designation: kind === 'calledNumber' ? { kind, number } : { kind, agentId: agent!.id },
      state,
    });
    if (env.ok) setResult(env.value);
    else {
      setResult(null);
      setError(env.error.message);
    }
  };

  return (
    <div className={st.layout}>
      <form
        className={st.column}
        noValidate
        aria-label="The call"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <Section title="The call">
          <Field label="Arrives on service access">
            <Select
              className={st.fill}
              value={chosen}
              data-testid="pv-access"
              onChange={(_, d) => setAccessId(d.value)}
            >
              {accesses.map((a) => {
                const g = groups.find((x) => x.id === a.serviceGroupId);
                return (
                  <option key={a.id} value={a.id}>
                    {`${a.name} (BVD ${a.bvdNumber}) → ` +
                      `${g?.name ?? '?'}${g?.personalCalls ? ' · Personal Calls' : ''}`}
                  </option>
                );
              })}
            </Select>
          </Field>
          <RadioGroup value={kind} onChange={(_, d) => setKind(d.value as typeof kind)} data-testid="pv-kind">
            <Radio value="calledNumber" label="Called number (compared to Personal Directory Numbers)" />
            <Radio value="script" label="Preferred agent designated by a script" />
          </RadioGroup>
          {kind === 'calledNumber' ? (
            <Field label="Called number">
              <Input value={number} data-testid="pv-number" onChange={(_, d) => setNumber(d.value)} />
            </Field>
          ) : (
            <Field label="Preferred agent">
              <AgentPicker value={agent} onChange={setAgent} testId="pv-agent" />
            </Field>
          )}
        </Section>
        <Section title="The agent's state">
          <Checkbox
            checked={state.loggedOn}
            label="Logged on"
            data-testid="pv-logged-on"
            onChange={(_, d) => set({ loggedOn: d.checked === true })}
          />
          <Field label="Activity">
            <RadioGroup
              value={state.activity}
              disabled={!state.loggedOn}
              data-testid="pv-activity"
              onChange={(_, d) => set({ activity: d.value as PreviewState['activity'] })}
            >
              <Radio value="idle" label="Idle, Voice Ready" />
              <Radio value="notReady" label="Idle, Voice Not Ready" />
              <Radio value="busyVoice" label="Busy on a voice call" />
            </RadioGroup>
          </Field>
          <Checkbox
            checked={state.dispatchAccess}
            disabled={!state.loggedOn}
            label="Has Dispatch access (privilege and licence)"
            data-testid="pv-dispatch"
            onChange={(_, d) => set({ dispatchAccess: d.checked === true })}
          />
          <Checkbox
            checked={state.answersInTime}
            disabled={!state.loggedOn || state.activity === 'busyVoice'}
            label="Answers within the ring time"
            data-testid="pv-answers"
            onChange={(_, d) => set({ answersInTime: d.checked === true })}
          />
          <Checkbox
            checked={state.freeWithinMaxWait}
            disabled={!state.loggedOn || state.activity !== 'busyVoice'}
            label="Takes the call within Maximum Wait Time for Personal Call"
            data-testid="pv-free"
            onChange={(_, d) => set({ freeWithinMaxWait: d.checked === true })}
          />
          <Checkbox
            checked={state.personalDefaultReachable}
            label="Personal default destination reachable"
            data-testid="pv-pdd"
            onChange={(_, d) => set({ personalDefaultReachable: d.checked === true })}
          />
          <Checkbox
            checked={state.systemDefaultReachable}
            label="System default destination reachable"
            data-testid="pv-sysdef"
            onChange={(_, d) => set({ systemDefaultReachable: d.checked === true })}
          />
        </Section>
        <div className={s.row}>
          <Button appearance="primary" type="submit" icon={<Play20Regular />} disabled={!ready} data-testid="pv-run">
            Show the path
          </Button>
        </div>
      </form>

      <div className={st.column} aria-live="polite">
        {error && (
          <MessageBar intent="error">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
        {!result && !error && (
          <Text className={s.muted}>Choose how the call arrives and the agent's state, then Show the path.</Text>
        )}
        {result && (
          <Section title="What happens to this call?" testId="pv-result">
            <MessageBar
              intent={result.outcome === 'agent' ? 'success' : result.outcome === 'notPersonal' ? 'error' : 'warning'}
              data-testid="pv-summary"
            >
              <MessageBarBody>
                <MessageBarTitle>{OUTCOME[result.outcome].label}</MessageBarTitle>
                {result.summary.replace(/^Dispatch queue: (.)/, (_, c: string) => c.toUpperCase())}
              </MessageBarBody>
            </MessageBar>
            <Text className={s.hint}>
              Group{' '}
              <a
                href="#"
                onClick={(e) => {
                  e.preventDefault();
                  openServiceGroupTab(result.group.id, result.group.name);
                }}
              >
                {result.group.name}
              </a>
              {result.agent ? (
                <>
                  {' '}
                  · agent{' '}
                  <a
                    href="#"
                    onClick={(e) => {
                      e.preventDefault();
                      openUserTab(result.agent!.id, result.agent!.logonId);
                    }}
                  >
                    {result.agent.logonId}
                  </a>{' '}
                  ({result.agent.dispatchPrivilege ? 'has' : 'no'} Dispatch privilege; personal default destination{' '}
                  {result.agent.personalDefaultDestination ?? 'none'})
                </>
              ) : (
                ' · no agent identified'
              )}
            </Text>
            <ol className={st.steps} data-testid="pv-steps">
              {result.steps.map((step, i) => (
                <li key={i} data-testid={`pv-step-${step.rule?.id ?? 'note'}`}>
                  <div className={st.says}>{step.says}</div>
                  {step.rule && (
                    <blockquote className={st.quote}>
                      <span className={st.section}>{step.rule.section}</span>
                      <br />“{step.rule.text}”
                    </blockquote>
                  )}
                </li>
              ))}
            </ol>
          </Section>
        )}
      </div>
    </div>
  );
}
