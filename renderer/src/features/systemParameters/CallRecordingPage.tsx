import { useRef, useState } from 'react';
import {
  Badge,
  Button,
  Checkbox,
  Field,
  Input,
  Radio,
  RadioGroup,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from '@fluentui/react-components';
import { ArrowUpload16Regular, Copy16Regular } from '@fluentui/react-icons';
import {
  AGENT_PRIVILEGE_LABELS,
  MIVCR_RULE_LABELS,
  MIVCR_RULE_TABLE,
  MIVCR_RULES,
  SERVER_LABELS,
  SUPPORT_DLLS,
  VOICE_RECORDING_LABELS,
  VOICE_RECORDING_OPTIONS,
  callRecordingProblems,
  dllCheck,
  navigatorUrl,
  parseDllVersions,
  recordingForAgent,
  type AgentPrivilege,
  type CallRecordingDoc,
  type CallRecordingSettings,
  type UserTypePrivileges,
} from '../../../../electron/contract';
import { useQuery } from '@tanstack/react-query';
import { ccm, unwrap } from '../../api/client';
import { canWrite } from '../../data/permissions';
import { useAuthStatus } from '../../data/queries';
import type { Tab } from '../../shell/tabs/store';
import { useCommand, useDbTables } from '../../ui/kit';
import { QueryState } from '../../ui/QueryState';
import { spKeys } from './data';
import { ParamPage, usePageStyles } from './ParamPage';
import { fieldProps, usePageEditor } from './usePageEditor';

/** Saves elsewhere: the options page and the user types' privileges. */
export const agentOptionTables = { tables: ['system_option', 'user_type'], keys: [spKeys.all] };

const STATE_BADGE = { same: 'success', differs: 'danger', missing: 'warning' } as const;
const STATE_LABEL = { same: 'Same version', differs: 'Differs', missing: 'Not entered' } as const;

/** Checkboxes of some agent privileges per user type (one versioned save per change). */
export function PrivilegeTable(props: {
  testId: string;
  privileges: readonly AgentPrivilege[];
  writable: boolean;
  extra?: { title: string; cell(t: UserTypePrivileges, saved: CallRecordingSettings): string };
}) {
  const s = usePageStyles();
  // The saved document, refreshed after each change (the page's editor keeps the form's base).
  const q = useQuery({
    queryKey: [...spKeys.all, 'userTypePrivileges'],
    queryFn: () => unwrap(ccm.systemParameters.getCallRecording({})),
  });
  const userTypes = q.data?.userTypes ?? [];
  const save = useCommand(
    (v: { t: UserTypePrivileges; privileges: AgentPrivilege[] }) =>
      ccm.systemParameters.saveUserTypePrivileges({
        userTypeId: v.t.id,
        expectedVersion: v.t.version,
        privileges: v.privileges,
      }),
    { invalidates: [spKeys.all] },
  );
  return (
    <>
      <Table size="small" data-testid={props.testId}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell style={{ width: '180px' }}>User type</TableHeaderCell>
            {props.privileges.map((p) => (
              <TableHeaderCell key={p} style={{ width: '150px' }}>
                {AGENT_PRIVILEGE_LABELS[p]}
              </TableHeaderCell>
            ))}
            {props.extra && <TableHeaderCell>{props.extra.title}</TableHeaderCell>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {userTypes.map((t) => (
            <TableRow key={t.id}>
              <TableCell>{t.name}</TableCell>
              {props.privileges.map((p) => (
                <TableCell key={p}>
                  <Checkbox
                    aria-label={`${AGENT_PRIVILEGE_LABELS[p]} for ${t.name}`}
                    checked={t.privileges.includes(p)}
                    disabled={!props.writable || save.busy}
                    data-testid={`${props.testId}-${p}-${t.name}`}
                    onChange={(_, d) =>
                      void save.run({
                        t,
                        privileges: d.checked ? [...t.privileges, p] : t.privileges.filter((x) => x !== p),
                      })
                    }
                  />
                </TableCell>
              ))}
              {props.extra && (
                <TableCell>
                  <Text className={s.hint}>{q.data ? props.extra.cell(t, q.data.settings) : ''}</Text>
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {save.error && (
        <Text role="alert" style={{ color: 'var(--colorPaletteRedForeground1)' }} data-testid={`${props.testId}-error`}>
          {save.error.message}
        </Text>
      )}
    </>
  );
}

/** System › MiVoice Call Recording: INTEGRATING WITH MIVOICE CALL RECORDING, its support DLLs and privileges. */
export function CallRecordingPage({ tab }: { tab: Tab<Record<string, never>> }) {
  const s = usePageStyles();
  const status = useAuthStatus().data;
  const tenant = status?.tenant ?? null;
  const writable = canWrite(status?.user?.permissions, 'system');
  useDbTables(agentOptionTables);
  const [imported, setImported] = useState<string | null>(null);
  const files = { mivcr: useRef<HTMLInputElement>(null), micce: useRef<HTMLInputElement>(null) };
  const e = usePageEditor<CallRecordingSettings, CallRecordingSettings, CallRecordingDoc>({
    tabKey: tab.key,
    page: 'callRecording',
    tenantId: tenant?.id ?? null,
    writable,
    read: () => ccm.systemParameters.getCallRecording({}),
    write: (settings, expectedVersion) => ccm.systemParameters.saveCallRecording({ expectedVersion, settings }),
    toForm: (v) => structuredClone(v),
    fromForm: (f) => f,
    problems: callRecordingProblems,
  });
  if (!e.form) return <QueryState isPending={!e.loadError} error={e.loadError} what="the call recording settings" />;
  const f = e.form;
  const table = MIVCR_RULE_TABLE[f.voiceRecording === 'onDemand' ? 'onDemand' : 'allCalls'];
  const url = navigatorUrl(f.mivcrServer);
  const checks = dllCheck(f.dllVersions);
  const setVersion = (side: 'mivcr' | 'micce', key: (typeof SUPPORT_DLLS)[number]['key'], v: string) =>
    e.set('dllVersions', { ...f.dllVersions, [side]: { ...f.dllVersions[side], [key]: v } });
  const importFile = async (side: 'mivcr' | 'micce', file: File) => {
    const found = parseDllVersions(await file.text());
    const n = Object.keys(found).length;
    e.set('dllVersions', { ...f.dllVersions, [side]: { ...f.dllVersions[side], ...found } });
    setImported(
      n === 0
        ? `${file.name}: none of the three DLLs with a version found`
        : `${file.name}: ${n} of 3 versions read for the ${SERVER_LABELS[side]}`,
    );
  };
  return (
    <ParamPage
      testId="sp-callRecording"
      help="call-recording"
      title="MiVoice Call Recording"
      subtitle={`Call recording of the agents of tenant “${tenant?.name ?? ''}” with MiVoice Call Recording (MiVCR).`}
      writable={writable}
      editor={e}
    >
      <div className={s.form}>
        <div className={s.columns}>
          <div className={s.form}>
            <h3 className={s.section}>Agent tab</h3>
            <Checkbox
              label="Integrated with External Recording System"
              checked={f.integrated}
              disabled={!writable}
              onChange={(_, d) => e.set('integrated', Boolean(d.checked))}
              data-testid="sp-callRecording-integrated"
            />
            <Field label="Voice Recording">
              <RadioGroup
                value={f.voiceRecording}
                disabled={!writable}
                onChange={(_, d) => e.set('voiceRecording', d.value as CallRecordingSettings['voiceRecording'])}
                data-testid="sp-callRecording-voiceRecording"
              >
                {VOICE_RECORDING_OPTIONS.map((o) => (
                  <Radio key={o} value={o} label={VOICE_RECORDING_LABELS[o]} data-testid={`sp-callRecording-vr-${o}`} />
                ))}
              </RadioGroup>
            </Field>
          </div>
          <div className={s.form}>
            <h3 className={s.section}>MiVoice Call Recording</h3>
            <Field
              label="MiVoice Call Recording rule (Recording Action in the MiVCR Admin tool)"
              {...fieldProps(e.errors, 'mivcrRule')}
            >
              <RadioGroup
                value={f.mivcrRule}
                disabled={!writable}
                onChange={(_, d) => e.set('mivcrRule', d.value as CallRecordingSettings['mivcrRule'])}
                data-testid="sp-callRecording-rule"
              >
                {MIVCR_RULES.map((r) => (
                  <Radio key={r} value={r} label={MIVCR_RULE_LABELS[r]} data-testid={`sp-callRecording-rule-${r}`} />
                ))}
              </RadioGroup>
            </Field>
            <Field
              label="MiVoice Call Recording Server Name"
              hint={
                url
                  ? `Navigator tab URL for Agent: ${url}`
                  : 'The Navigator web client can be an Agent tab: http://<server>/navigator'
              }
              {...fieldProps(e.errors, 'mivcrServer')}
            >
              <Input
                value={f.mivcrServer}
                disabled={!writable}
                placeholder="mivcr01"
                onChange={(_, d) => e.set('mivcrServer', d.value)}
                data-testid="sp-callRecording-server"
                contentAfter={
                  url && !e.errors.mivcrServer ? (
                    <Button
                      appearance="transparent"
                      size="small"
                      icon={<Copy16Regular />}
                      title="Copy the Navigator tab URL"
                      onClick={() => void navigator.clipboard?.writeText(url)}
                    />
                  ) : undefined
                }
              />
            </Field>
          </div>
        </div>

        <h3 className={s.section}>
          {f.voiceRecording === 'onDemand' ? 'On Demand' : 'All Calls (Save or Discard by Default)'} with each MiVoice
          Call Recording rule
        </h3>
        <Table size="small" data-testid="sp-callRecording-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell style={{ width: '300px' }}>MiVoice Call Recording rule</TableHeaderCell>
              <TableHeaderCell>Description</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {(Object.keys(table) as (keyof typeof table)[]).map((r) => (
              <TableRow key={r} aria-selected={f.mivcrRule === r} data-testid={`sp-callRecording-row-${r}`}>
                <TableCell>
                  {MIVCR_RULE_LABELS[r]}{' '}
                  {f.mivcrRule === r && (
                    <Badge appearance="tint" color="brand">
                      configured
                    </Badge>
                  )}
                </TableCell>
                <TableCell>{table[r]}</TableCell>
              </TableRow>
            ))}
            <TableRow>
              <TableCell>{MIVCR_RULE_LABELS.doNotRecordNoOverride}</TableCell>
              <TableCell>Not applicable when integrating with MiCC Enterprise.</TableCell>
            </TableRow>
          </TableBody>
        </Table>

        <h3 className={s.section}>Support DLLs</h3>
        <Text className={s.hint}>
          MiVCR installs these three DLLs; their versions must match the ones installed with MiCC Enterprise. Enter the
          file versions, or import a listing (e.g. PowerShell: Get-ChildItem *.dll | % VersionInfo | Format-Table
          FileVersion, FileName).
        </Text>
        <div className={s.toolbar}>
          {(['mivcr', 'micce'] as const).map((side) => (
            <span key={side}>
              <input
                ref={files[side]}
                type="file"
                accept=".txt,.csv,.log"
                hidden
                data-testid={`sp-callRecording-import-${side}`}
                onChange={(ev) => {
                  const file = ev.target.files?.[0];
                  if (file) void importFile(side, file);
                  ev.target.value = '';
                }}
              />
              <Button icon={<ArrowUpload16Regular />} disabled={!writable} onClick={() => files[side].current?.click()}>
                Import versions of the {SERVER_LABELS[side]}
              </Button>
            </span>
          ))}
          {imported && (
            <Text className={s.hint} data-testid="sp-callRecording-imported">
              {imported}
            </Text>
          )}
        </div>
        <Table size="small" data-testid="sp-callRecording-dlls">
          <TableHeader>
            <TableRow>
              <TableHeaderCell style={{ width: '150px' }}>DLL</TableHeaderCell>
              <TableHeaderCell>MiVCR server</TableHeaderCell>
              <TableHeaderCell>MiCC Enterprise server</TableHeaderCell>
              <TableHeaderCell style={{ width: '120px' }}>Check</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {SUPPORT_DLLS.map((d, i) => (
              <TableRow key={d.key}>
                <TableCell>{d.name}</TableCell>
                {(['mivcr', 'micce'] as const).map((side) => (
                  <TableCell key={side}>
                    <Field
                      size="small"
                      hint={`${d[side]}\\${d.name}`}
                      {...fieldProps(e.errors, `dllVersions.${side}.${d.key}`)}
                    >
                      <Input
                        size="small"
                        value={f.dllVersions[side][d.key]}
                        disabled={!writable}
                        aria-label={`${d.name} version on the ${SERVER_LABELS[side]}`}
                        placeholder="7.1.0.25"
                        onChange={(_, v) => setVersion(side, d.key, v.value)}
                        data-testid={`sp-callRecording-dll-${side}-${d.key}`}
                      />
                    </Field>
                  </TableCell>
                ))}
                <TableCell>
                  <Badge
                    appearance="tint"
                    color={STATE_BADGE[checks[i]!.state]}
                    title={checks[i]!.message}
                    data-testid={`sp-callRecording-check-${d.key}`}
                  >
                    {STATE_LABEL[checks[i]!.state]}
                  </Badge>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {checks.some((c) => c.state === 'differs') && (
          <ul data-testid="sp-callRecording-differs">
            {checks
              .filter((c) => c.state === 'differs')
              .map((c) => (
                <li key={c.dll}>
                  <Text>{c.message}</Text>
                </li>
              ))}
          </ul>
        )}

        <h3 className={s.section}>Privileges of user types</h3>
        <Text className={s.hint}>
          The Record Calls button on the Sessions tab of Agent is shown to agents with Record Calls or Record Others; it
          starts, stops and pauses recording on MiVCR. A change here is saved at once.
        </Text>
        <PrivilegeTable
          testId="sp-callRecording-privileges"
          privileges={['recordCalls', 'recordOthers']}
          writable={writable}
          extra={{
            title: 'Its agents (saved settings)',
            cell: (t, saved) =>
              recordingForAgent(saved, t.privileges)?.text ?? 'Not integrated with an external recording system.',
          }}
        />
      </div>
    </ParamPage>
  );
}
