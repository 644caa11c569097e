import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
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
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  mergeClasses,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import {
  Add20Regular,
  CheckmarkCircle16Filled,
  Delete20Regular,
  DismissCircle16Filled,
  Link20Regular,
  PlugConnected20Regular,
  PlugConnectedCheckmark20Regular,
  Save20Regular,
} from '@fluentui/react-icons';
import {
  endpointChanges,
  endpointLabel,
  type CcmErrorShape,
  type ConnectionsDoc,
  type ProfileView,
  type TestResult,
} from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import { queryKeys } from '../../data/keys';
import { useAuthStatus } from '../../data/queries';
import { tabsStore } from '../../shell/tabs/store';
import { fieldMessage } from '../../ui/fieldMessage';
import { confirm } from '../../ui/kit';
import { fieldError, serverErrors, useCommand } from '../../ui/kit';
import { closeConnectionManager, useConnectionManager } from './store';
import {
  emptyProfileForm,
  ENGINE_LABELS,
  isProfileDirty,
  parseProfileForm,
  PROFILE_FIELDS,
  targetOf,
  toProfileForm,
  type ProfileErrors,
  type ProfileField,
  type ProfileForm,
} from './profileForm';

const useStyles = makeStyles({
  surface: { width: '880px', maxWidth: 'calc(100vw - 48px)' },
  // the content scrolls as a whole: its parts keep their height (a flex child would shrink and overlap)
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, '& > *': { flexShrink: 0 } },
  table: { tableLayout: 'auto' },
  row: { cursor: 'pointer' },
  target: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  note: { display: 'block', color: tokens.colorPaletteMarigoldForeground2, fontSize: tokens.fontSizeBase200 },
  muted: { color: tokens.colorNeutralForeground3 },
  toolbar: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  editor: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  editorTitle: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalM,
  },
  wide: { gridColumn: '1 / -1' },
  passwordRow: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start' },
  passwordInput: { flexGrow: 1 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  push: { flexGrow: 1 },
  test: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalXS },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  bad: { color: tokens.colorPaletteRedForeground1 },
});

type Selection = { kind: 'profile'; id: string } | { kind: 'new'; engine: ProfileForm['engine'] } | { kind: 'url' };
const selKey = (s: Selection) => (s.kind === 'profile' ? `p:${s.id}` : s.kind === 'new' ? `new:${s.engine}` : 'url');

/** The Connection manager: profiles, their editor, Test Connection, Connect. One per window. */
export function ConnectionManagerDialog() {
  const open = useConnectionManager((s) => s.open);
  const styles = useStyles();
  return (
    <Dialog open={open} modalType="modal" onOpenChange={(_, d) => !d.open && closeConnectionManager()}>
      <DialogSurface className={styles.surface} data-testid="connections-dialog">
        {open && <ConnectionManager />}
      </DialogSurface>
    </Dialog>
  );
}

function ConnectionManager() {
  const styles = useStyles();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: queryKeys.connections,
    queryFn: () => unwrap(ccm.connections.list({})),
    staleTime: 0,
  });
  const status = useAuthStatus().data;
  const doc = list.data;

  const [selection, setSelection] = useState<Selection | null>(null);
  const [draft, setDraft] = useState<{ key: string; form: ProfileForm } | null>(null);
  const [password, setPassword] = useState('');
  const [url, setUrl] = useState({ name: '', url: '' });
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<CcmErrorShape | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [test, setTest] = useState<TestResult | null>(null);
  /**
   * A write answering the new document: the cache takes it; CONFLICT offers Reload, other refusals
   * show where they belong.
   */
  const docOptions = {
    onSuccess: (next: ConnectionsDoc) => void queryClient.setQueryData(queryKeys.connections, next),
    onError: (e: CcmErrorShape) => (e.code === 'CONFLICT' ? setConflict(e.message) : setError(e)),
  };
  const saveCmd = useCommand((v: Parameters<typeof ccm.connections.save>[0]) => ccm.connections.save(v), docOptions);
  const urlCmd = useCommand(
    (v: Parameters<typeof ccm.connections.addFromUrl>[0]) => ccm.connections.addFromUrl(v),
    docOptions,
  );
  const removeCmd = useCommand(
    (v: Parameters<typeof ccm.connections.remove>[0]) => ccm.connections.remove(v),
    docOptions,
  );
  const clearCmd = useCommand(
    (v: Parameters<typeof ccm.connections.clearPassword>[0]) => ccm.connections.clearPassword(v),
    docOptions,
  );
  const testCmd = useCommand((v: Parameters<typeof ccm.connections.test>[0]) => ccm.connections.test(v), {
    onError: setError,
  });
  const connectCmd = useCommand((v: Parameters<typeof ccm.connections.connect>[0]) => ccm.connections.connect(v), {
    onError: setError,
  });
  /** One action at a time: every button waits while any of them runs. */
  const busy = [saveCmd, urlCmd, removeCmd, clearCmd, testCmd, connectCmd].some((c) => c.busy);

  // Until something is chosen, the profile in use is.
  const current: Selection | null = selection ?? (doc?.selectedId ? { kind: 'profile', id: doc.selectedId } : null);
  const key = current ? selKey(current) : null;
  const savedView: ProfileView | undefined =
    current?.kind === 'profile' ? doc?.profiles.find((p) => p.profile.id === current.id) : undefined;
  const form: ProfileForm | null =
    draft && draft.key === key
      ? draft.form
      : current?.kind === 'new'
        ? emptyProfileForm(current.engine)
        : savedView
          ? toProfileForm(savedView.profile)
          : null;
  const parsed = form ? parseProfileForm(form) : null;
  const profileDirty = form !== null && isProfileDirty(form, savedView?.profile ?? null);
  const dirty = profileDirty || password !== '';
  // /brokername: or /brokerport: point the saved profile elsewhere for this run: main does not
  // send the saved password there, so one typed here goes with Connect (and is not stored).
  const overridden = !!savedView?.overriddenBy && savedView.profile.engine === 'postgres';
  // The saved password only goes to the saved host, port, user and database (and not without SSL).
  const savedPg = savedView?.passwordSet && savedView.profile.engine === 'postgres' ? savedView.profile : null;
  const repointed =
    savedPg && parsed?.ok && parsed.profile.engine === 'postgres' ? endpointChanges(savedPg, parsed.profile) : [];
  const placed = serverErrors(error, {
    fields: current?.kind === 'url' ? ['name', 'url'] : PROFILE_FIELDS,
    lastSegment: true,
  });
  const errors: ProfileErrors & { url?: string } = {
    ...(submitted && parsed && !parsed.ok ? parsed.errors : {}),
    ...placed.fields,
  };
  const keychainOk = doc?.keychain.ok ?? false;
  const inUseNow =
    !!savedView && status?.connection.profileId === savedView.profile.id && status.connection.state === 'connected';

  const choose = (s: Selection) => {
    setSelection(s);
    setDraft(null);
    setPassword('');
    setSubmitted(false);
    setError(null);
    setTest(null);
  };

  const set = <K extends keyof ProfileForm>(field: K, value: ProfileForm[K]) => {
    if (!form || !key) return;
    setDraft({ key, form: { ...form, [field]: value } });
    setTest(null);
    setError((e) => (fieldError(e, field, { lastSegment: true }) !== undefined ? null : e));
  };

  /** Before a document write: the last refusal and conflict go. */
  const startDocWrite = () => {
    setError(null);
    setConflict(null);
  };

  const save = async () => {
    setSubmitted(true);
    if (!doc || !parsed?.ok) return;
    const before = new Set(doc.profiles.map((p) => p.profile.id));
    startDocWrite();
    const next = await saveCmd.run({
      expectedVersion: doc.version,
      profile: parsed.profile,
      password: password === '' ? undefined : password,
    });
    if (!next) return;
    const added = next.profiles.find((p) => !before.has(p.profile.id));
    choose({ kind: 'profile', id: added?.profile.id ?? parsed.profile.id });
  };

  const addFromUrl = async () => {
    if (!doc) return;
    const before = new Set(doc.profiles.map((p) => p.profile.id));
    startDocWrite();
    const next = await urlCmd.run({ expectedVersion: doc.version, name: url.name, url: url.url });
    if (!next) return;
    const added = next.profiles.find((p) => !before.has(p.profile.id));
    setUrl({ name: '', url: '' });
    if (added) choose({ kind: 'profile', id: added.profile.id });
  };

  const runTest = async () => {
    setSubmitted(true);
    if (!parsed?.ok) return;
    setTest(null);
    setError(null);
    const result = await testCmd.run({ profile: parsed.profile, password: password === '' ? undefined : password });
    if (result) setTest(result);
  };

  const remove = async () => {
    if (!doc || !savedView) return;
    const ok = await confirm({
      title: `Delete “${savedView.profile.name}”?`,
      body:
        `The connection profile “${savedView.profile.name}” and its password in the keychain are removed. The ` +
        `database itself is not touched.`,
      danger: true,
      confirmLabel: 'Delete',
      testId: 'conn-confirm',
      confirmTestId: 'conn-confirm-yes',
      cancelTestId: 'conn-confirm-no',
    });
    if (!ok) return;
    startDocWrite();
    const next = await removeCmd.run({ expectedVersion: doc.version, id: savedView.profile.id });
    if (next) choose({ kind: 'profile', id: next.selectedId ?? '' });
  };

  const clearPassword = async () => {
    if (!savedView) return;
    startDocWrite();
    await clearCmd.run({ id: savedView.profile.id });
  };

  const askConnect = async () => {
    if (!savedView) return;
    const dirty = tabsStore.getState().tabs.filter((t) => t.dirty).length;
    const ok = await confirm({
      title: `Connect to “${savedView.profile.name}”?`,
      body:
        `Connecting to another database signs you out. ` +
        (dirty === 0
          ? 'Unsaved changes in open tabs are lost.'
          : dirty === 1
            ? 'The unsaved changes in 1 tab are lost.'
            : `The unsaved changes in ${dirty} tabs are lost.`),
      confirmLabel: 'Connect',
      testId: 'conn-confirm',
      confirmTestId: 'conn-confirm-yes',
      cancelTestId: 'conn-confirm-no',
    });
    if (ok) await connect();
  };

  const connect = async () => {
    if (!savedView) return;
    setError(null);
    const typed = overridden && password !== '' ? password : undefined;
    const result = await connectCmd.run({ id: savedView.profile.id, ...(typed ? { password: typed } : {}) });
    // refreshed whether or not it connected (a failed attempt changes the status too)
    void queryClient.invalidateQueries({ queryKey: queryKeys.auth });
    void queryClient.invalidateQueries({ queryKey: queryKeys.connections });
    if (!result) return;
    if (result.state === 'connected') closeConnectionManager();
    else setError({ code: 'UNAVAILABLE', message: result.message ?? `Not connected to ${result.label}.` });
  };

  const reload = async () => {
    setConflict(null);
    await list.refetch();
  };

  const fieldProps = (name: ProfileField | 'url', label: string) => ({
    label,
    validationState: errors[name] ? ('error' as const) : ('none' as const),
    validationMessage: fieldMessage(errors[name], `conn-${name}-error`),
  });

  const renderRow = (v: ProfileView) => {
    const p = v.profile;
    const selected = key === `p:${p.id}`;
    const inUse = doc?.selectedId === p.id;
    return (
      <TableRow
        key={p.id}
        className={styles.row}
        appearance={selected ? 'brand' : 'none'}
        aria-selected={selected}
        data-testid={`conn-row-${p.id}`}
        onClick={() => choose({ kind: 'profile', id: p.id })}
      >
        <TableCell>
          {p.name}{' '}
          {inUse && (
            <Badge appearance="tint" color="brand" size="small" data-testid="conn-in-use">
              In use
            </Badge>
          )}
        </TableCell>
        <TableCell>{ENGINE_LABELS[p.engine]}</TableCell>
        <TableCell>
          <span className={styles.target}>{targetOf(p)}</span>
          {v.overriddenBy && (
            <span className={styles.note} data-testid="conn-overridden">
              {v.overriddenBy} overrides the host
            </span>
          )}
        </TableCell>
        <TableCell className={styles.muted}>
          {p.engine === 'sqlite' ? '—' : v.passwordSet ? 'Password set' : 'Password not set'}
        </TableCell>
      </TableRow>
    );
  };

  return (
    <DialogBody>
      <DialogTitle>Connection manager</DialogTitle>
      <DialogContent className={styles.content}>
        <Text className={styles.muted}>
          The server databases this console can work with. Passwords are kept in the OS keychain, never in the profiles.
        </Text>
        {doc && !doc.keychain.ok && (
          <MessageBar intent="warning" layout="multiline" data-testid="conn-keychain">
            <MessageBarBody>
              <MessageBarTitle>Passwords cannot be stored</MessageBarTitle>
              {doc.keychain.reason ?? 'No OS keychain is available.'}
            </MessageBarBody>
          </MessageBar>
        )}
        {conflict && (
          <MessageBar intent="warning" layout="multiline" data-testid="conn-conflict">
            <MessageBarBody>
              <MessageBarTitle>Changed in another window</MessageBarTitle>
              {conflict}
            </MessageBarBody>
            <MessageBarActions>
              <Button size="small" data-testid="conn-reload" onClick={() => void reload()}>
                Reload
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
        {placed.message && (
          <MessageBar intent="error" layout="multiline" data-testid="conn-error">
            <MessageBarBody>{placed.message}</MessageBarBody>
          </MessageBar>
        )}
        {!doc ? (
          list.error ? (
            <MessageBar intent="error">
              <MessageBarBody>{list.error.message}</MessageBarBody>
            </MessageBar>
          ) : (
            <Spinner size="small" label="Loading the connections…" labelPosition="after" />
          )
        ) : (
          <>
            <Table size="small" className={styles.table} aria-label="Connection profiles" data-testid="conn-table">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Name</TableHeaderCell>
                  <TableHeaderCell>Engine</TableHeaderCell>
                  <TableHeaderCell>Target</TableHeaderCell>
                  <TableHeaderCell>Password</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>{doc.profiles.map(renderRow)}</TableBody>
            </Table>
            <div className={styles.toolbar}>
              <Button
                icon={<Add20Regular />}
                data-testid="conn-new-postgres"
                onClick={() => choose({ kind: 'new', engine: 'postgres' })}
              >
                New PostgreSQL
              </Button>
              <Button
                icon={<Add20Regular />}
                data-testid="conn-new-sqlite"
                onClick={() => choose({ kind: 'new', engine: 'sqlite' })}
              >
                New SQLite
              </Button>
              <Button icon={<Link20Regular />} data-testid="conn-add-url" onClick={() => choose({ kind: 'url' })}>
                Add from URL…
              </Button>
            </div>

            {current?.kind === 'url' && (
              <section className={styles.editor} aria-label="Add from URL">
                <h3 className={styles.editorTitle}>Add from URL</h3>
                <div className={styles.grid}>
                  <Field {...fieldProps('name', 'Name')} required>
                    <Input
                      value={url.name}
                      data-testid="conn-url-name"
                      onChange={(_, d) => setUrl((u) => ({ ...u, name: d.value }))}
                    />
                  </Field>
                  <Field
                    {...fieldProps('url', 'PostgreSQL URL')}
                    className={styles.wide}
                    required
                    hint="postgres://user[:password]@host[:port]/database[?sslmode=require] — the password goes to the keychain."
                  >
                    <Input
                      value={url.url}
                      placeholder="postgres://ccm@db01:5432/micc"
                      data-testid="conn-url"
                      onChange={(_, d) => setUrl((u) => ({ ...u, url: d.value }))}
                    />
                  </Field>
                </div>
                <div className={styles.actions}>
                  <Button
                    appearance="primary"
                    icon={<Add20Regular />}
                    disabled={busy}
                    data-testid="conn-url-add"
                    onClick={() => void addFromUrl()}
                  >
                    Add
                  </Button>
                </div>
              </section>
            )}

            {form && current && current.kind !== 'url' && (
              <section className={styles.editor} aria-label="Connection profile" data-testid="conn-editor">
                <h3 className={styles.editorTitle}>
                  {current.kind === 'new' ? `New ${ENGINE_LABELS[form.engine]} connection` : form.name || 'Connection'}
                </h3>
                <div className={styles.grid}>
                  <Field {...fieldProps('name', 'Name')} required className={styles.wide}>
                    <Input value={form.name} data-testid="conn-name" onChange={(_, d) => set('name', d.value)} />
                  </Field>
                  {form.engine === 'sqlite' ? (
                    <Field
                      {...fieldProps('file', 'Database file')}
                      required
                      className={styles.wide}
                      hint={form.demo ? 'The embedded demo: created with sample data on first use.' : undefined}
                    >
                      <Input value={form.file} data-testid="conn-file" onChange={(_, d) => set('file', d.value)} />
                    </Field>
                  ) : (
                    <>
                      <Field {...fieldProps('host', 'Host')} required>
                        <Input value={form.host} data-testid="conn-host" onChange={(_, d) => set('host', d.value)} />
                      </Field>
                      <Field {...fieldProps('port', 'Port')} required>
                        <Input
                          value={form.port}
                          inputMode="numeric"
                          data-testid="conn-port"
                          onChange={(_, d) => set('port', d.value)}
                        />
                      </Field>
                      <Field {...fieldProps('database', 'Database')} required>
                        <Input
                          value={form.database}
                          data-testid="conn-database"
                          onChange={(_, d) => set('database', d.value)}
                        />
                      </Field>
                      <Field {...fieldProps('user', 'User')} required>
                        <Input value={form.user} data-testid="conn-user" onChange={(_, d) => set('user', d.value)} />
                      </Field>
                      <Field className={styles.wide}>
                        <Checkbox
                          checked={form.ssl}
                          label="Use SSL (the server certificate is verified)"
                          data-testid="conn-ssl"
                          onChange={(_, d) => set('ssl', d.checked === true)}
                        />
                      </Field>
                      <Field
                        {...fieldProps('password', 'Password')}
                        {...(!errors.password && savedPg && repointed.length > 0 && password === ''
                          ? {
                              validationState: 'warning' as const,
                              validationMessage: fieldMessage(
                                `Type the password again: the saved one is only sent to ${endpointLabel(savedPg)}` +
                                  `${savedPg.ssl ? ' with SSL' : ''} (${repointed.join(', ')} changed).`,
                                'conn-password-again',
                              ),
                            }
                          : {})}
                        className={styles.wide}
                        hint={
                          overridden && savedView?.passwordSet
                            ? `${savedView.overriddenBy} points this profile at another server for this run: the ` +
                              `saved password is not sent there. Type the password to test or connect; it is not ` +
                              `saved unless you click Save.`
                            : keychainOk
                              ? savedView?.passwordSet
                                ? 'Set. Type to replace it; it is stored in the OS keychain and only sent to this ' +
                                  'host, port, user and database.'
                                : 'Not set. Type one to store it in the OS keychain.'
                              : 'Cannot be stored: no OS keychain (see above).'
                        }
                      >
                        <div className={styles.passwordRow}>
                          <Input
                            className={styles.passwordInput}
                            type="password"
                            autoComplete="new-password"
                            value={password}
                            disabled={!keychainOk}
                            placeholder={
                              repointed.length > 0
                                ? 'type the password again'
                                : savedView?.passwordSet
                                  ? '•••••••• (set)'
                                  : 'not set'
                            }
                            data-testid="conn-password"
                            onChange={(_, d) => setPassword(d.value)}
                          />
                          {savedView?.passwordSet && (
                            <Button
                              disabled={busy || !keychainOk}
                              data-testid="conn-clear-password"
                              onClick={() => void clearPassword()}
                            >
                              Clear password
                            </Button>
                          )}
                        </div>
                      </Field>
                    </>
                  )}
                </div>
                {test && (
                  <div
                    className={mergeClasses(styles.test, test.ok ? styles.ok : styles.bad)}
                    role="status"
                    data-testid="conn-test-result"
                    data-ok={test.ok}
                  >
                    {test.ok ? <CheckmarkCircle16Filled /> : <DismissCircle16Filled />}
                    <span>{test.message}</span>
                  </div>
                )}
                <div className={styles.actions}>
                  <Button
                    appearance="primary"
                    icon={<Save20Regular />}
                    disabled={!dirty || busy}
                    data-testid="conn-save"
                    onClick={() => void save()}
                  >
                    Save
                  </Button>
                  <Button
                    icon={testCmd.busy ? <Spinner size="tiny" /> : <PlugConnectedCheckmark20Regular />}
                    disabled={busy}
                    data-testid="conn-test"
                    onClick={() => void runTest()}
                  >
                    Test Connection
                  </Button>
                  <Button
                    icon={connectCmd.busy ? <Spinner size="tiny" /> : <PlugConnected20Regular />}
                    disabled={!savedView || profileDirty || (password !== '' && !overridden) || busy}
                    title={
                      profileDirty || (password !== '' && !overridden)
                        ? 'Save the changes first'
                        : 'Use this connection (signs out)'
                    }
                    data-testid="conn-connect"
                    onClick={() =>
                      status?.user || tabsStore.getState().anyDirty() ? void askConnect() : void connect()
                    }
                  >
                    Connect
                  </Button>
                  <span className={styles.push} />
                  {savedView && (
                    <Button
                      icon={<Delete20Regular />}
                      disabled={busy || inUseNow}
                      title={inUseNow ? 'This is the connection in use: connect to another one first.' : undefined}
                      data-testid="conn-delete"
                      onClick={() => void remove()}
                    >
                      Delete
                    </Button>
                  )}
                </div>
              </section>
            )}
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button data-testid="conn-close" onClick={closeConnectionManager}>
          Close
        </Button>
      </DialogActions>
    </DialogBody>
  );
}
