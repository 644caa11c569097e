import { useMemo, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Badge,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Radio,
  RadioGroup,
  Select,
  Tab as FluentTab,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  TabList,
  Text,
  Textarea,
} from '@fluentui/react-components';
import {
  Add16Regular,
  ArrowClockwise16Regular,
  ArrowLeft16Regular,
  ArrowRight16Regular,
  Delete16Regular,
  DocumentAdd16Regular,
  Edit16Regular,
  Play16Regular,
  Speaker216Regular,
} from '@fluentui/react-icons';
import {
  EXTERNAL_SYSTEM_CONTRACT,
  VA_ACTION_KINDS,
  VA_ACTION_LABEL,
  VA_TYPE_LABEL,
  VA_TYPES,
  type SpeechConfig,
  type VaAction,
  type VaActionKind,
  type VaActionRow,
  type VaProfileRow,
  type VaType,
} from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import { QueryState } from '../../ui/QueryState';
import { useCommand } from '../../ui/kit';
import { useProfiles, wmKeys } from './data';
import { RecordBars, recordOf, useRecordEditor } from './recordEditor';
import { CopyButton, ErrorBar, SetBadge, useConfirmDelete, useWmStyles } from './ui';
import {
  actionBlank,
  parseActionForm,
  parseProfileForm,
  parseSpeechForm,
  profileBlank,
  profileValueOf,
  toActionForm,
  toProfileForm,
  toSpeechForm,
  type ActionForm,
  type ProfileForm,
  type ProfileValue,
  type SpeechForm,
} from './wmForms';

/**
 * Virtual Agents: NLP profiles (Dialogflow, Dialogflow V2, Connector), their agents and actions, speech.
 * A system-wide configuration: `writable` is true only for a host administrator with Web Manager write.
 */
export function VirtualAgents({ writable, tabKey }: { writable: boolean; tabKey: string }) {
  const s = useWmStyles();
  const q = useProfiles();
  const [editing, setEditing] = useState<VaProfileRow | 'new' | null>(null);
  const [speechOf, setSpeechOf] = useState<VaProfileRow | null>(null);
  const [testOf, setTestOf] = useState<VaProfileRow | null>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [page, setPage] = useState<'agents' | 'actions'>('agents');
  const confirmDelete = useConfirmDelete();
  const selected = q.data?.find((p) => p.id === selectedId) ?? q.data?.[0] ?? null;
  return (
    <section className={s.section} aria-label="Virtual Agents">
      <div className={s.toolbar}>
        {writable && (
          <Button
            icon={<Add16Regular />}
            appearance="primary"
            data-testid="wm-va-add"
            onClick={() => setEditing('new')}
          >
            Add Virtual Agent Profile
          </Button>
        )}
        <span className={s.hint}>
          A system-wide configuration for every tenant: only a host administrator changes it. Virtual agents log on with
          the profile’s Default Agent Password.
        </span>
      </div>
      <QueryState isPending={q.isPending} error={q.error} what="the Virtual Agent profiles" />
      {q.data && q.data.length === 0 && <div className={s.empty}>No Virtual Agent profile yet.</div>}
      {q.data && q.data.length > 0 && (
        <Table size="small" aria-label="Virtual Agent profiles" data-testid="wm-va-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Profile Name</TableHeaderCell>
              <TableHeaderCell>Type</TableHeaderCell>
              <TableHeaderCell>Credentials</TableHeaderCell>
              <TableHeaderCell style={{ width: 80 }}>Agents</TableHeaderCell>
              <TableHeaderCell style={{ width: 80 }}>Actions</TableHeaderCell>
              <TableHeaderCell style={{ width: 300 }} />
            </TableRow>
          </TableHeader>
          <TableBody>
            {q.data.map((p) => (
              <TableRow
                key={p.id}
                data-testid={`wm-va-row-${p.profile.name}`}
                aria-selected={selected?.id === p.id}
                style={selected?.id === p.id ? { background: 'var(--colorNeutralBackground1Selected)' } : undefined}
                onClick={() => setSelectedId(p.id)}
              >
                <TableCell>{p.profile.name}</TableCell>
                <TableCell>{VA_TYPE_LABEL[p.profile.type]}</TableCell>
                <TableCell className={s.hint}>
                  {p.profile.type === 'dialogflowV2' &&
                    (p.keySet ? `Token file of ${p.keyClientEmail ?? 'a service account'}` : 'Token file not set')}
                  {p.profile.type === 'dialogflow' && `Client Token ${p.clientTokenSet ? 'set' : 'not set'}`}
                  {p.profile.type === 'connector' && `Connector Token ${p.connectorTokenSet ? 'set' : 'not set'}`}
                  {` · Default Agent Password ${p.defaultPasswordSet ? 'set' : 'not set'}`}
                  {p.profile.type === 'dialogflowV2' && p.profile.speech.enabled && ' · Speech on'}
                </TableCell>
                <TableCell>{p.agents}</TableCell>
                <TableCell>{p.actions}</TableCell>
                <TableCell>
                  <div className={s.toolbar}>
                    {p.profile.type === 'dialogflowV2' && writable && (
                      <>
                        <Button
                          size="small"
                          icon={<Play16Regular />}
                          data-testid={`wm-va-test-${p.profile.name}`}
                          onClick={() => setTestOf(p)}
                        >
                          Test
                        </Button>
                        <Button
                          size="small"
                          icon={<Speaker216Regular />}
                          data-testid={`wm-va-speech-${p.profile.name}`}
                          onClick={() => setSpeechOf(p)}
                        >
                          Speech
                        </Button>
                      </>
                    )}
                    {writable && (
                      <>
                        <Button
                          size="small"
                          icon={<Edit16Regular />}
                          aria-label={`Edit ${p.profile.name}`}
                          onClick={() => setEditing(p)}
                        />
                        <Button
                          size="small"
                          icon={<Delete16Regular />}
                          aria-label={`Delete ${p.profile.name}`}
                          onClick={() =>
                            void confirmDelete({
                              title: 'Delete Virtual Agent Profile?',
                              body:
                                `Delete the profile ${p.profile.name} with its ${p.agents} virtual agent(s), ` +
                                `${p.actions} action(s) and its stored secrets?`,
                              remove: () => ccm.webManager.deleteProfile({ id: p.id, expectedVersion: p.version }),
                            })
                          }
                        />
                      </>
                    )}
                  </div>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {selected && (
        <div className={s.box}>
          <TabList selectedValue={page} onTabSelect={(_, d) => setPage(d.value as 'agents' | 'actions')} size="small">
            <FluentTab value="agents" data-testid="wm-va-page-agents">
              Agents — {selected.profile.name}
            </FluentTab>
            <FluentTab value="actions" data-testid="wm-va-page-actions">
              Actions — {selected.profile.name}
            </FluentTab>
          </TabList>
          {page === 'agents' ? (
            <AgentsPanel profile={selected} writable={writable} />
          ) : (
            <ActionsPanel profile={selected} writable={writable} tabKey={tabKey} />
          )}
        </div>
      )}
      {editing && (
        <ProfileDialog row={editing === 'new' ? null : editing} tabKey={tabKey} onClose={() => setEditing(null)} />
      )}
      {speechOf && <SpeechDialog row={speechOf} tabKey={tabKey} onClose={() => setSpeechOf(null)} />}
      {testOf && <TestDialog row={testOf} onClose={() => setTestOf(null)} />}
    </section>
  );
}

function ProfileDialog({ row, tabKey, onClose }: { row: VaProfileRow | null; tabKey: string; onClose: () => void }) {
  const s = useWmStyles();
  const genCmd = useCommand(() => ccm.webManager.generateToken({}));
  const { editor, submit, field } = useRecordEditor<VaProfileRow, ProfileValue, ProfileForm>({
    tabKey,
    id: row?.id ?? null,
    initial: row,
    kind: 'profile',
    read: (id) => recordOf(ccm.webManager.listProfiles({}), id, 'Virtual Agent profile'),
    write: (v, expectedVersion, against) =>
      ccm.webManager.saveProfile({ id: against?.id ?? null, expectedVersion, ...v }),
    blank: profileBlank,
    valueOf: profileValueOf,
    toForm: toProfileForm,
    parse: parseProfileForm,
    writable: true,
    onClose,
  });
  const fileRef = useRef<HTMLInputElement>(null);
  const p = editor.form;
  const base = editor.base ?? row;
  if (!p) return null;
  const set = <K extends keyof ProfileForm>(k: K, v: ProfileForm[K]) => editor.set(k, v);
  const { clientToken, connectorToken, keyFile } = p;
  const sameType = base?.profile.type === p.type;
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface style={{ maxWidth: 760 }}>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <DialogBody>
            <DialogTitle>{row ? 'Edit Virtual Agent Profile' : 'Add Virtual Agent Profile'}</DialogTitle>
            <DialogContent className={s.form} style={{ maxHeight: 'calc(100vh - 200px)', overflowY: 'auto' }}>
              <RecordBars editor={editor} testId="wm-va-profile" />
              <ErrorBar error={genCmd.error} />
              <div className={s.row}>
                <Field label="Profile Name" required {...field('name')}>
                  <Input value={p.name} autoFocus data-testid="wm-va-name" onChange={(_, d) => set('name', d.value)} />
                </Field>
                <Field label="Type" {...field('type')}>
                  <RadioGroup
                    layout="horizontal"
                    value={p.type}
                    data-testid="wm-va-type"
                    onChange={(_, d) => set('type', d.value as VaType)}
                  >
                    {VA_TYPES.map((t) => (
                      <Radio key={t} value={t} label={VA_TYPE_LABEL[t]} data-testid={`wm-va-type-${t}`} />
                    ))}
                  </RadioGroup>
                </Field>
              </div>
              {p.type === 'dialogflow' && (
                <div className={s.row}>
                  <Field label="URL" hint="The Dialogflow engine URL." required {...field('url')}>
                    <Input value={p.url} data-testid="wm-va-url" onChange={(_, d) => set('url', d.value)} />
                  </Field>
                  <Field
                    label={
                      <>
                        Client Token{' '}
                        {base && sameType && <SetBadge set={base.clientTokenSet} testId="wm-va-clientToken-state" />}
                      </>
                    }
                    required
                    hint="The client token provided by Dialogflow; kept in the OS keychain only."
                    {...field('clientToken')}
                  >
                    <Input
                      type="password"
                      value={clientToken}
                      autoComplete="new-password"
                      placeholder={base?.clientTokenSet && sameType ? '(unchanged)' : ''}
                      data-testid="wm-va-clientToken"
                      onChange={(_, d) => set('clientToken', d.value)}
                    />
                  </Field>
                </div>
              )}
              {p.type === 'dialogflowV2' && (
                <>
                  <div className={s.row}>
                    <Field
                      label={
                        <>Client Token {base && sameType && <SetBadge set={base.keySet} testId="wm-va-key-state" />}</>
                      }
                      required
                      hint={
                        keyFile
                          ? `${keyFile.name} will be stored in the OS keychain; it is never shown again.`
                          : base?.keySet && sameType
                            ? `Token file of ${base.keyClientEmail ?? 'a service account'} (key ${base.keyId ?? '—'}).`
                            : 'The Google Cloud service-account key (.json). Each profile needs a different one.'
                      }
                      {...field('keyFile')}
                    >
                      <div className={s.toolbar}>
                        <Button
                          size="small"
                          icon={<DocumentAdd16Regular />}
                          data-testid="wm-va-key-button"
                          onClick={() => fileRef.current?.click()}
                        >
                          Add Token File
                        </Button>
                        <input
                          type="file"
                          accept=".json,application/json"
                          hidden
                          ref={fileRef}
                          data-testid="wm-va-key"
                          onChange={async (e) => {
                            const file = e.target.files?.[0];
                            if (!file) return;
                            const text = await file.text();
                            // The Project ID is the key's project_id; fill it when empty.
                            let projectId: unknown;
                            try {
                              projectId = (JSON.parse(text) as { project_id?: unknown }).project_id;
                            } catch {
                              /* main says what is wrong with the file */
                            }
                            editor.update((cur) => ({
                              ...cur,
                              keyFile: { name: file.name, text },
                              projectId: !cur.projectId && typeof projectId === 'string' ? projectId : cur.projectId,
                            }));
                          }}
                        />
                        {keyFile && <Text data-testid="wm-va-key-name">{keyFile.name}</Text>}
                      </div>
                    </Field>
                    <Field
                      label="Project ID"
                      required
                      hint="The ID of the Google Cloud project: the token file’s project_id."
                      {...field('projectId')}
                    >
                      <Input
                        value={p.projectId}
                        data-testid="wm-va-projectId"
                        onChange={(_, d) => set('projectId', d.value)}
                      />
                    </Field>
                  </div>
                  <div className={s.row}>
                    <Field label="Token endpoint" hint="Google’s OAuth 2.0 token endpoint." {...field('tokenEndpoint')}>
                      <Input
                        value={p.tokenEndpoint}
                        data-testid="wm-va-tokenEndpoint"
                        onChange={(_, d) => set('tokenEndpoint', d.value)}
                      />
                    </Field>
                    <Field
                      label="Dialogflow API endpoint"
                      hint="Global, or a regional endpoint such as https://europe-west1-dialogflow.googleapis.com."
                      {...field('apiEndpoint')}
                    >
                      <Input
                        value={p.apiEndpoint}
                        data-testid="wm-va-apiEndpoint"
                        onChange={(_, d) => set('apiEndpoint', d.value)}
                      />
                    </Field>
                  </div>
                </>
              )}
              {p.type === 'connector' && (
                <Field
                  label={
                    <>
                      Connector Token{' '}
                      {base && sameType && (
                        <SetBadge set={base.connectorTokenSet} testId="wm-va-connectorToken-state" />
                      )}
                    </>
                  }
                  required
                  hint={
                    connectorToken
                      ? 'A new token: copy it now, it is shown only once.'
                      : 'Reload generates a new token; it is kept in the OS keychain only.'
                  }
                  {...field('connectorToken')}
                >
                  <div className={s.tokenRow}>
                    <Input
                      className={s.grow}
                      value={connectorToken}
                      readOnly
                      placeholder={base?.connectorTokenSet && sameType ? '(unchanged)' : ''}
                      data-testid="wm-va-connectorToken"
                    />
                    <Button
                      size="small"
                      icon={<ArrowClockwise16Regular />}
                      data-testid="wm-va-connector-reload"
                      disabled={genCmd.busy}
                      onClick={async () => {
                        const r = await genCmd.run();
                        if (r) set('connectorToken', r.token);
                      }}
                    >
                      Reload
                    </Button>
                    <CopyButton text={connectorToken} disabled={!connectorToken} testId="wm-va-connector-copy" />
                  </div>
                </Field>
              )}
              <div className={s.row}>
                <Field
                  label={
                    <>
                      Default Agent Password{' '}
                      {base && <SetBadge set={base.defaultPasswordSet} testId="wm-va-password-state" />}
                    </>
                  }
                  required
                  hint="The password of the users configured as virtual agents (the same for all of them)."
                  {...field('defaultAgentPassword')}
                >
                  <Input
                    type="password"
                    value={p.defaultAgentPassword}
                    autoComplete="new-password"
                    placeholder={base?.defaultPasswordSet ? '(unchanged)' : ''}
                    data-testid="wm-va-password"
                    onChange={(_, d) => set('defaultAgentPassword', d.value)}
                  />
                </Field>
                <Field
                  label="Session Inactivity Timeout (minutes)"
                  required
                  hint="An inactive contact session ends after this many minutes."
                  {...field('sessionTimeoutMin')}
                >
                  <Input
                    type="number"
                    min={1}
                    value={p.sessionTimeoutMin}
                    data-testid="wm-va-timeout"
                    onChange={(_, d) => set('sessionTimeoutMin', d.value)}
                  />
                </Field>
              </div>
              <Field
                label="Fallback Message"
                required
                hint="Sent to the person who reached the contact center when an error occurs."
                {...field('fallbackMessage')}
              >
                <Textarea
                  rows={2}
                  value={p.fallbackMessage}
                  data-testid="wm-va-fallback"
                  onChange={(_, d) => set('fallbackMessage', d.value)}
                />
              </Field>
              <Field
                label="Timeout Message"
                hint="Sent after the session’s inactivity timeout."
                {...field('timeoutMessage')}
              >
                <Textarea
                  rows={2}
                  value={p.timeoutMessage}
                  data-testid="wm-va-timeoutMessage"
                  onChange={(_, d) => set('timeoutMessage', d.value)}
                />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={editor.busy} data-testid="wm-va-save">
                {row ? 'Save' : 'Add'}
              </Button>
              <Button onClick={onClose}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

function SpeechDialog({ row, tabKey, onClose }: { row: VaProfileRow; tabKey: string; onClose: () => void }) {
  const s = useWmStyles();
  // Speech is saved with its profile: the same record, the same version.
  const { editor, submit, field } = useRecordEditor<VaProfileRow, SpeechConfig, SpeechForm>({
    tabKey,
    id: row.id,
    initial: row,
    kind: 'speech',
    read: (id) => recordOf(ccm.webManager.listProfiles({}), id, 'Virtual Agent profile'),
    write: (speech, expectedVersion, against) =>
      ccm.webManager.saveProfile({
        id: row.id,
        expectedVersion,
        profile: { ...(against ?? row).profile, speech },
      }),
    blank: row.profile.speech,
    valueOf: (doc) => doc.profile.speech,
    toForm: toSpeechForm,
    parse: (f) => parseSpeechForm(f, row.profile),
    writable: true,
    onClose,
  });
  const sp = editor.form;
  if (!sp) return null;
  const set = <K extends keyof SpeechForm>(k: K, v: SpeechForm[K]) => editor.set(k, v);
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface style={{ maxWidth: 640 }}>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <DialogBody>
            <DialogTitle>Speech Configuration — {row.profile.name}</DialogTitle>
            <DialogContent className={s.form}>
              <RecordBars editor={editor} testId="wm-speech" />
              <Checkbox
                label="Enable speech"
                checked={sp.enabled}
                data-testid="wm-speech-enabled"
                onChange={(_, d) => set('enabled', d.checked === true)}
              />
              <div className={s.row}>
                <Field
                  label="CMS address"
                  hint="IP address or FQDN of the CMS node."
                  required={sp.enabled}
                  {...field('cmsAddress')}
                >
                  <Input
                    value={sp.cmsAddress}
                    data-testid="wm-speech-cmsAddress"
                    onChange={(_, d) => set('cmsAddress', d.value)}
                  />
                </Field>
                <Field label="CMS port" {...field('cmsPort')}>
                  <Input
                    type="number"
                    value={sp.cmsPort}
                    data-testid="wm-speech-cmsPort"
                    onChange={(_, d) => set('cmsPort', d.value)}
                  />
                </Field>
                <Field label="Language" {...field('language')}>
                  <Input
                    value={sp.language}
                    data-testid="wm-speech-language"
                    onChange={(_, d) => set('language', d.value)}
                  />
                </Field>
                <Field label="Gender" hint="Of the Text-to-Speech voice." {...field('gender')}>
                  <Select
                    value={sp.gender}
                    data-testid="wm-speech-gender"
                    onChange={(_, d) => set('gender', d.value as SpeechConfig['gender'])}
                  >
                    <option value="male">male</option>
                    <option value="female">female</option>
                  </Select>
                </Field>
              </div>
              <Field
                label="Welcome message"
                hint="Played when the speechbot answers the call."
                {...field('welcomeMessage')}
              >
                <Textarea
                  rows={2}
                  value={sp.welcomeMessage}
                  data-testid="wm-speech-welcome"
                  onChange={(_, d) => set('welcomeMessage', d.value)}
                />
              </Field>
              <Field
                label="Fallback queue number"
                hint="Where the call is routed if the CMS is not reachable."
                {...field('fallbackQueueNumber')}
              >
                <Input
                  value={sp.fallbackQueueNumber}
                  data-testid="wm-speech-fallbackQueue"
                  onChange={(_, d) => set('fallbackQueueNumber', d.value)}
                />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={editor.busy} data-testid="wm-speech-save">
                Save
              </Button>
              <Button onClick={onClose}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

function TestDialog({ row, onClose }: { row: VaProfileRow; onClose: () => void }) {
  const s = useWmStyles();
  const [text, setText] = useState('hello');
  const testCmd = useCommand((v: { id: number; text: string }) => ccm.webManager.testProfile(v));
  const [result, setResult] = useState<Awaited<ReturnType<typeof testCmd.run>>>(undefined);
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface style={{ maxWidth: 640 }}>
        <DialogBody>
          <DialogTitle>Test {row.profile.name}</DialogTitle>
          <DialogContent className={s.form}>
            <Text className={s.hint}>
              Gets a Google access token with the stored token file (JWT bearer grant) from {row.profile.tokenEndpoint},
              then asks Dialogflow (project {row.profile.projectId}) to detect the intent of the text.
            </Text>
            <div className={s.tokenRow}>
              <Input className={s.grow} value={text} data-testid="wm-test-text" onChange={(_, d) => setText(d.value)} />
              <Button
                appearance="primary"
                icon={<Play16Regular />}
                disabled={testCmd.busy}
                data-testid="wm-test-run"
                onClick={async () => setResult(await testCmd.run({ id: row.id, text }))}
              >
                {testCmd.busy ? 'Testing…' : 'Test'}
              </Button>
            </div>
            <ErrorBar error={testCmd.error} testId="wm-test-error" />
            {result && !testCmd.error && (
              <div className={s.box} data-testid="wm-test-result">
                <Text weight="semibold">{result.fulfillmentText || '(no text)'}</Text>
                <br />
                <Text className={s.hint}>
                  Intent {result.intent ?? '—'} · action {result.action ?? '—'} · token {result.tokenMs} ms ·
                  detectIntent {result.detectMs} ms
                </Text>
              </div>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>Close</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

function AgentsPanel({ profile, writable }: { profile: VaProfileRow; writable: boolean }) {
  const s = useWmStyles();
  const [filter, setFilter] = useState('');
  const q = useQuery({
    queryKey: wmKeys.agents(filter.trim()),
    queryFn: () => unwrap(ccm.webManager.listAgents({ filter: filter.trim() })),
  });
  const all = q.data ?? [];
  const assigned = all.filter((a) => a.profileId === profile.id);
  const available = all.filter((a) => a.profileId !== profile.id);
  const [pickLeft, setPickLeft] = useState<Set<number>>(new Set());
  const [pickRight, setPickRight] = useState<Set<number>>(new Set());
  const setCmd = useCommand((v: Parameters<typeof ccm.webManager.setAgents>[0]) => ccm.webManager.setAgents(v), {
    invalidates: [wmKeys.all],
  });
  // The whole assignment (not only the filtered rows) is sent: read it unfiltered.
  const current = useQuery({
    queryKey: wmKeys.agents(''),
    queryFn: () => unwrap(ccm.webManager.listAgents({ filter: '' })),
  });
  const currentIds = (current.data ?? []).filter((a) => a.profileId === profile.id).map((a) => a.userId);
  const send = async (ids: number[]) => {
    const ok = await setCmd.run({ profileId: profile.id, expectedVersion: profile.version, userIds: ids });
    if (ok) {
      setPickLeft(new Set());
      setPickRight(new Set());
    }
  };
  const list = (
    rows: typeof all,
    picked: Set<number>,
    setPicked: (s: Set<number>) => void,
    title: string,
    testId: string,
  ) => (
    <div className={s.section} style={{ minWidth: 0 }}>
      <Text weight="semibold">{title}</Text>
      <Checkbox
        label={`Select all (${rows.length})`}
        disabled={!writable || rows.length === 0}
        checked={rows.length > 0 && rows.every((r) => picked.has(r.userId)) ? true : picked.size > 0 ? 'mixed' : false}
        data-testid={`${testId}-all`}
        onChange={(_, d) => setPicked(new Set(d.checked === true ? rows.map((r) => r.userId) : []))}
      />
      <div
        style={{ height: 220, overflowY: 'auto', border: '1px solid var(--colorNeutralStroke2)', padding: 4 }}
        data-testid={testId}
      >
        {rows.map((a) => (
          <div key={a.userId} data-testid={`${testId}-${a.logonId}`}>
            <Checkbox
              disabled={!writable}
              checked={picked.has(a.userId)}
              onChange={(_, d) => {
                const next = new Set(picked);
                if (d.checked === true) next.add(a.userId);
                else next.delete(a.userId);
                setPicked(next);
              }}
              label={
                <>
                  {a.name} ({a.logonId}){' '}
                  <span className={s.hint}>
                    {a.tenant} · {a.agentGroup}
                  </span>{' '}
                  {a.profileName && a.profileId !== profile.id && (
                    <Badge appearance="outline" size="small">
                      {a.profileName}
                    </Badge>
                  )}{' '}
                  {a.refusal && (
                    <Badge appearance="tint" color="warning" size="small" title={a.refusal}>
                      {a.refusal.replace(/ \(.*\)$/, '')}
                    </Badge>
                  )}
                </>
              }
            />
          </div>
        ))}
      </div>
    </div>
  );
  return (
    <div className={s.section} style={{ paddingTop: 8 }}>
      <div className={s.toolbar}>
        <Field label="Filter">
          <Input
            value={filter}
            placeholder="Logon ID, name or agent group"
            data-testid="wm-agents-filter"
            onChange={(_, d) => {
              // A pick the filter hides is dropped: Assign and Remove act only on what is seen.
              setFilter(d.value);
              setPickLeft(new Set());
              setPickRight(new Set());
            }}
          />
        </Field>
        <span className={s.hint}>
          Virtual agents use the OpenScape Contact Center password type (not Windows logon or SAML2 SSO), without
          Automatic Post-processing or Mandatory wrap-up reason. An agent belongs to one profile.
        </span>
      </div>
      <ErrorBar error={setCmd.error} testId="wm-agents-error" />
      <QueryState isPending={q.isPending} error={q.error} what="the agents" />
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0,1fr) auto minmax(0,1fr)', gap: 12 }}>
        {list(available, pickLeft, setPickLeft, 'Agents', 'wm-agents-available')}
        <div className={s.section} style={{ justifyContent: 'center' }}>
          <Button
            icon={<ArrowRight16Regular />}
            iconPosition="after"
            disabled={!writable || pickLeft.size === 0 || setCmd.busy}
            data-testid="wm-agents-assign"
            onClick={() => void send([...new Set([...currentIds, ...pickLeft])])}
          >
            Assign
          </Button>
          <Button
            icon={<ArrowLeft16Regular />}
            disabled={!writable || pickRight.size === 0 || setCmd.busy}
            data-testid="wm-agents-remove"
            onClick={() => void send(currentIds.filter((id) => !pickRight.has(id)))}
          >
            Remove
          </Button>
        </div>
        {list(assigned, pickRight, setPickRight, 'Assigned as Virtual Agents', 'wm-agents-assigned')}
      </div>
    </div>
  );
}

const ACTION_FIELDS: Record<VaActionKind, Array<[string, string, string]>> = {
  requeueOpenMedia: [['requeueQueue', 'Requeue Queue', 'The queue used to requeue the contact.']],
  requeueWebInteraction: [['requeueQueue', 'Requeue Queue', 'The queue used to requeue the contact.']],
  requeueSpeech: [['requeueTarget', 'Requeue Target', 'The target used to requeue the contact.']],
  callback: [
    ['callbackQueue', 'Callback Queue', 'The queue used to create the callback.'],
    ['phoneParameter', 'Phone Parameter Name', 'The parameter with the phone number from the NLP system.'],
    ['scheduleTimeParameter', 'Schedule Time Parameter Name', 'The parameter with the date and time of the callback.'],
  ],
  externalSystemRequest: [
    ['uriParameter', 'External System URI Parameter', 'The NLP parameter with the URI the request is sent to.'],
  ],
  webInteractionPushUrl: [['pushUrlParameter', 'Push URL Parameter', 'The NLP parameter with the URL to push.']],
};

function actionDetails(a: VaAction): string {
  const { kind, name, ...rest } = a;
  void name;
  return ACTION_FIELDS[kind].map(([k, label]) => `${label}: ${(rest as Record<string, string>)[k]}`).join(' · ');
}

function ExternalContract() {
  const s = useWmStyles();
  return (
    <div className={s.box} data-testid="wm-external-contract">
      <Text weight="semibold">External System Request</Text>
      <br />
      <Text className={s.hint}>
        The Virtual Agent sends a POST request with this JSON object to the URI in the parameter:
      </Text>
      <pre className={s.mono}>{EXTERNAL_SYSTEM_CONTRACT.request}</pre>
      <Text className={s.hint}>The external system answers with:</Text>
      <pre className={s.mono}>{EXTERNAL_SYSTEM_CONTRACT.response}</pre>
      <Text className={s.hint}>{EXTERNAL_SYSTEM_CONTRACT.rule}</Text>
    </div>
  );
}

function ActionsPanel({ profile, writable, tabKey }: { profile: VaProfileRow; writable: boolean; tabKey: string }) {
  const s = useWmStyles();
  const q = useQuery({
    queryKey: wmKeys.actions(profile.id),
    queryFn: () => unwrap(ccm.webManager.listActions({ profileId: profile.id })),
  });
  const [editing, setEditing] = useState<VaActionRow | 'new' | null>(null);
  const confirmDelete = useConfirmDelete();
  const hasExternal = q.data?.some((r) => r.action.kind === 'externalSystemRequest');
  return (
    <div className={s.section} style={{ paddingTop: 8 }}>
      <div className={s.toolbar}>
        {writable && (
          <Button icon={<Add16Regular />} data-testid="wm-action-add" onClick={() => setEditing('new')}>
            Add Action
          </Button>
        )}
        <span className={s.hint}>
          The Action Name must be equal to the action the NLP system sends; unique in the profile.
        </span>
      </div>
      <QueryState isPending={q.isPending} error={q.error} what="the actions" />
      {q.data && q.data.length === 0 && <div className={s.empty}>No action yet.</div>}
      {q.data && q.data.length > 0 && (
        <Table size="small" aria-label="Actions" data-testid="wm-action-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell style={{ width: 200 }}>Action Name</TableHeaderCell>
              <TableHeaderCell style={{ width: 220 }}>Type</TableHeaderCell>
              <TableHeaderCell>Settings</TableHeaderCell>
              <TableHeaderCell style={{ width: 100 }} />
            </TableRow>
          </TableHeader>
          <TableBody>
            {q.data.map((r) => (
              <TableRow key={r.id} data-testid={`wm-action-row-${r.action.name}`}>
                <TableCell>{r.action.name}</TableCell>
                <TableCell>{VA_ACTION_LABEL[r.action.kind]}</TableCell>
                <TableCell className={s.hint}>{actionDetails(r.action)}</TableCell>
                <TableCell>
                  {writable && (
                    <div className={s.toolbar}>
                      <Button
                        size="small"
                        icon={<Edit16Regular />}
                        aria-label={`Edit ${r.action.name}`}
                        onClick={() => setEditing(r)}
                      />
                      <Button
                        size="small"
                        icon={<Delete16Regular />}
                        aria-label={`Delete ${r.action.name}`}
                        onClick={() =>
                          void confirmDelete({
                            title: 'Delete Action?',
                            body: `Delete the action ${r.action.name} of ${profile.profile.name}?`,
                            remove: () =>
                              ccm.webManager.deleteAction({
                                profileId: profile.id,
                                id: r.id,
                                expectedVersion: r.version,
                              }),
                          })
                        }
                      />
                    </div>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {hasExternal && <ExternalContract />}
      {editing && (
        <ActionDialog
          profile={profile}
          row={editing === 'new' ? null : editing}
          tabKey={tabKey}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}

function ActionDialog(props: { profile: VaProfileRow; row: VaActionRow | null; tabKey: string; onClose: () => void }) {
  const s = useWmStyles();
  const kinds = useMemo(
    () => VA_ACTION_KINDS.filter((k) => k !== 'requeueSpeech' || props.profile.profile.type === 'dialogflowV2'),
    [props.profile.profile.type],
  );
  const profileId = props.profile.id;
  const { editor, submit, field } = useRecordEditor<VaActionRow, VaAction, ActionForm>({
    tabKey: props.tabKey,
    id: props.row?.id ?? null,
    initial: props.row,
    kind: `action-${profileId}`,
    read: (id) => recordOf(ccm.webManager.listActions({ profileId }), id, 'action'),
    write: (action, expectedVersion, against) =>
      ccm.webManager.saveAction({ profileId, id: against?.id ?? null, expectedVersion, action }),
    blank: actionBlank,
    valueOf: (r) => r.action,
    toForm: toActionForm,
    parse: (f) => parseActionForm(f, (k) => ACTION_FIELDS[k].map(([name]) => name)),
    writable: true,
    onClose: props.onClose,
  });
  const values = editor.form;
  if (!values) return null;
  const kind = values.kind;
  const fields = ACTION_FIELDS[kind];
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && props.onClose()}>
      <DialogSurface style={{ maxWidth: 640 }}>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <DialogBody>
            <DialogTitle>{props.row ? 'Edit Action' : 'Add Action'}</DialogTitle>
            <DialogContent className={s.form}>
              <RecordBars editor={editor} testId="wm-action" />
              <Field label="Type" {...field('kind')}>
                <Select
                  value={kind}
                  data-testid="wm-action-kind"
                  onChange={(_, d) => editor.set('kind', d.value as VaActionKind)}
                >
                  {kinds.map((k) => (
                    <option key={k} value={k}>
                      {VA_ACTION_LABEL[k]}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field
                label="Action Name"
                required
                hint="Must be equal to the action received from the NLP system."
                {...field('name')}
              >
                <Input
                  value={values.name ?? ''}
                  autoFocus
                  data-testid="wm-action-name"
                  onChange={(_, d) => editor.set('name', d.value)}
                />
              </Field>
              {fields.map(([k, label, hint]) => (
                <Field key={k} label={label} required hint={hint} {...field(k)}>
                  <Input
                    value={values[k] ?? ''}
                    data-testid={`wm-action-${k}`}
                    onChange={(_, d) => editor.set(k, d.value)}
                  />
                </Field>
              ))}
              {kind === 'externalSystemRequest' && <ExternalContract />}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={editor.busy} data-testid="wm-action-save">
                {props.row ? 'Save' : 'Add'}
              </Button>
              <Button onClick={props.onClose}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
