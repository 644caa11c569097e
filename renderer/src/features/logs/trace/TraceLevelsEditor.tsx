import { useId, useRef, useState, type ReactNode } from 'react';
import {
  Button,
  Checkbox,
  Combobox,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Select,
  Text,
  tokens,
  Tooltip,
} from '@fluentui/react-components';
import {
  Add16Regular,
  ArrowDownload20Regular,
  ArrowUpload20Regular,
  Delete16Regular,
  Save20Regular,
} from '@fluentui/react-icons';
import { useAuthStatus } from '../../../data/queries';
import { canWrite } from '../../../data/permissions';
import { fieldMessage } from '../../../ui/fieldMessage';
import { ConflictBar } from '../../../ui/kit/ConflictBar';
import { Page } from '../../../ui/Page';
import { QueryState } from '../../../ui/QueryState';
import { useDateFormat } from '../../../ui/useDateFormat';
import { describeMs, LOG_LEVEL_OPTIONS, TRACE_PATHS } from './traceForm';
import { useTraceEditor, useTraceLive, useTraceServers, type TraceEditor } from './useTraceEditor';

const useStyles = makeStyles({
  bars: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  picker: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  pickerRow: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalS },
  pickerField: { width: '360px' },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  sectionTitle: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  path: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground3,
    overflowWrap: 'anywhere',
    userSelect: 'all',
  },
  about: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase300, margin: 0 },
  row: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
  },
  execs: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 360px) 140px 32px',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
    alignItems: 'start',
  },
  cellInput: { width: '100%', minWidth: 0 },
  execHead: {
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
  },
  execEmpty: { gridColumn: '1 / -1', color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  meta: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  multiline: { display: 'block', whiteSpace: 'pre-line', overflowWrap: 'anywhere' },
  warnList: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
  hidden: { display: 'none' },
});

/** Logs › Trace levels: the registry values of seed 001 per server, exported to and imported from .reg files. */
export function TraceLevelsEditor(props: { tabKey: string }) {
  const styles = useStyles();
  useTraceLive();
  const servers = useTraceServers();
  const [chosen, setChosen] = useState<string | null>(null);
  // Start on the first suggestion (saved servers and the tenant's call managers), and keep
  // it: the list may change later (another console saves a server) without moving the editor.
  const first = servers.data?.[0];
  if (chosen === null && first !== undefined) setChosen(first);
  const server = chosen ?? first ?? null;

  if (server === null) {
    return (
      <Page
        title="Trace levels"
        subtitle="Registry settings that decide how much MiCC Enterprise logs, per server."
        help="registry-keys"
      >
        <ServerPicker server={null} suggestions={servers.data ?? []} locked={false} onOpen={setChosen} />
        {servers.isPending ? (
          <QueryState isPending error={servers.error} what="the servers" />
        ) : (
          <Text className={styles.meta}>Type the name of a server and press Enter.</Text>
        )}
      </Page>
    );
  }
  return (
    <ServerEditor
      key={server.trim().toLowerCase()}
      tabKey={props.tabKey}
      server={server}
      suggestions={servers.data ?? []}
      onOpen={setChosen}
    />
  );
}

function ServerPicker(props: {
  server: string | null;
  suggestions: readonly string[];
  locked: boolean;
  onOpen(server: string): void;
}) {
  const styles = useStyles();
  const [text, setText] = useState(props.server ?? '');
  const typed = text.trim();
  const matches =
    typed === '' || typed.toLowerCase() === props.server?.toLowerCase()
      ? props.suggestions
      : props.suggestions.filter((s) => s.toLowerCase().includes(typed.toLowerCase()));
  const open = (value: string) => {
    const v = value.trim();
    if (v !== '' && v.toLowerCase() !== props.server?.toLowerCase()) props.onOpen(v);
  };
  return (
    <div className={styles.picker}>
      <div className={styles.pickerRow}>
        <Field label="Server" className={styles.pickerField}>
          <Combobox
            freeform
            value={text}
            disabled={props.locked}
            placeholder="Server name"
            data-testid="trace-server"
            onChange={(e) => setText(e.target.value)}
            onOptionSelect={(_, d) => {
              if (!d.optionValue) return;
              setText(d.optionValue);
              open(d.optionValue);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') open(text);
            }}
          >
            {matches.map((s) => (
              <Option key={s} value={s}>
                {s}
              </Option>
            ))}
          </Combobox>
        </Field>
        <Button
          disabled={props.locked || typed === '' || typed.toLowerCase() === props.server?.toLowerCase()}
          data-testid="trace-server-open"
          onClick={() => open(text)}
        >
          Open
        </Button>
      </div>
      <span className={styles.hint} data-testid="trace-server-hint">
        {props.locked
          ? 'Save or reload your changes before switching to another server.'
          : 'A saved server, a call manager of this tenant, or any host name (Enter opens it).'}
      </span>
    </div>
  );
}

function Section(props: { title: string; path: string; about?: ReactNode; children: ReactNode; testId: string }) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-label={props.title} data-testid={props.testId}>
      <h3 className={styles.sectionTitle}>{props.title}</h3>
      <span className={styles.path} title="Registry key (HKEY_LOCAL_MACHINE)">
        {props.path}
      </span>
      {props.about && <p className={styles.about}>{props.about}</p>}
      {props.children}
    </section>
  );
}

/** validationState + message for a field: its error, else its performance warning. */
function useFieldState(editor: TraceEditor) {
  return (path: string, testId: string) => {
    const error = editor.errors[path];
    if (error) return { validationState: 'error' as const, validationMessage: fieldMessage(error, `${testId}-error`) };
    if (editor.warnings.some((w) => w.field === path)) {
      return {
        validationState: 'warning' as const,
        validationMessage: fieldMessage(
          'Costs performance: turn it back down after collecting the logs.',
          `${testId}-warning`,
        ),
      };
    }
    return {};
  };
}

function ServerEditor(props: {
  tabKey: string;
  server: string;
  suggestions: readonly string[];
  onOpen(server: string): void;
}) {
  const styles = useStyles();
  const idBase = useId();
  const formatDate = useDateFormat();
  const user = useAuthStatus().data?.user;
  const logsWritable = canWrite(user?.permissions, 'logs');
  // Trace levels are installation-wide: only a host administrator saves them (main refuses others).
  const writable = logsWritable && !!user?.hostAdmin;
  const editor = useTraceEditor(props.tabKey, props.server, writable);
  const fileInput = useRef<HTMLInputElement>(null);
  const state = useFieldState(editor);

  const { form, base, errors, warnings } = editor;
  const invalid = Object.keys(errors).length > 0;
  const shownServer = base?.server ?? props.server;

  const actions = form && (
    <>
      <Tooltip
        content={
          editor.dirty
            ? 'Save first: the .reg file holds the saved settings.'
            : `Download ${shownServer}-trace.reg to import on the server`
        }
        relationship="description"
      >
        <Button
          icon={<ArrowDownload20Regular />}
          disabledFocusable={editor.dirty || editor.busy}
          data-testid="trace-export"
          onClick={() => void editor.exportReg()}
        >
          Export .reg
        </Button>
      </Tooltip>
      {writable && (
        <>
          <Button
            icon={<ArrowUpload20Regular />}
            disabled={editor.busy}
            data-testid="trace-import"
            onClick={() => fileInput.current?.click()}
          >
            Import .reg…
          </Button>
          <Button
            appearance="primary"
            icon={<Save20Regular />}
            disabled={!editor.dirty || invalid || editor.busy}
            title="Save (Ctrl+S)"
            data-testid="trace-save"
            onClick={() => void editor.save()}
          >
            Save
          </Button>
        </>
      )}
    </>
  );

  return (
    <Page
      title="Trace levels"
      subtitle="Registry settings that decide how much MiCC Enterprise logs, per server."
      help="registry-keys"
      actions={actions}
    >
      <input
        ref={fileInput}
        type="file"
        accept=".reg,text/plain"
        className={styles.hidden}
        data-testid="trace-import-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = ''; // the same file may be chosen again
          if (file) void editor.importFile(file);
        }}
      />
      <ServerPicker server={shownServer} suggestions={props.suggestions} locked={editor.dirty} onOpen={props.onOpen} />

      <div className={styles.bars}>
        {!writable && (
          <MessageBar intent="info" data-testid="trace-readonly">
            <MessageBarBody>
              {logsWritable
                ? 'Read only: trace levels are installation-wide settings, changed only by a host administrator. ' +
                  'You can export the saved settings.'
                : 'Read only: your user type grants read access to Logs, not read-write. You can export the saved ' +
                  'settings.'}
            </MessageBarBody>
          </MessageBar>
        )}
        {editor.conflict && (
          <ConflictBar
            testId="trace"
            error={editor.conflict.error}
            busy={editor.busy}
            invalid={invalid}
            onReload={() => void editor.reload()}
            onOverwrite={() => void editor.overwrite()}
          />
        )}
        {editor.notice && (
          <MessageBar intent={editor.notice.intent} layout="multiline" data-testid={editor.notice.testId}>
            <MessageBarBody>
              <MessageBarTitle>{editor.notice.title}</MessageBarTitle>
              <span className={styles.multiline}>{editor.notice.text}</span>
            </MessageBarBody>
          </MessageBar>
        )}
        {warnings.length > 0 && (
          <MessageBar intent="warning" layout="multiline" data-testid="trace-warnings">
            <MessageBarBody>
              <MessageBarTitle>These levels cost performance</MessageBarTitle>
              <span className={styles.multiline}>Collect the logs you need, then turn them back down.</span>
              <ul className={styles.warnList}>
                {warnings.map((w) => (
                  <li key={w.field} data-testid={`trace-warning-${w.field}`}>
                    {w.message}
                  </li>
                ))}
              </ul>
            </MessageBarBody>
          </MessageBar>
        )}
      </div>

      {!form ? (
        <QueryState
          isPending={!editor.loadError}
          error={editor.loadError}
          what={`the trace levels of ${props.server}`}
        />
      ) : (
        <form
          aria-label={`Trace levels of ${shownServer}`}
          noValidate
          style={{ display: 'contents' }}
          onSubmit={(e) => {
            e.preventDefault();
            void editor.save();
          }}
        >
          <Section
            title="SeCLogonWS — Logon Web Service"
            path={TRACE_PATHS.seclogonws}
            testId="trace-section-seclogonws"
          >
            <div className={styles.row}>
              <Field
                label="LogLevel"
                hint="The level of logging for the Logon Web Service log file. Default is 2."
                {...state('seclogonws.logLevel', 'trace-logon-loglevel')}
              >
                <Select
                  value={form.logonLogLevel}
                  disabled={!writable}
                  data-testid="trace-logon-loglevel"
                  onChange={(_, d) => editor.set('logonLogLevel', d.value)}
                >
                  {LOG_LEVEL_OPTIONS.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field
                label="LogonWSTimeout (ms)"
                hint={
                  `Milliseconds to wait for the Web Service to initialize before failing the logon request. ` +
                  `Default 30000 ms (30 seconds).` +
                  (describeMs(form.logonTimeoutMs) && form.logonTimeoutMs.trim() !== '30000'
                    ? ` Now ${describeMs(form.logonTimeoutMs)}.`
                    : '')
                }
                {...state('seclogonws.logonWsTimeoutMs', 'trace-logon-timeout')}
              >
                <Input
                  inputMode="numeric"
                  value={form.logonTimeoutMs}
                  disabled={!writable}
                  data-testid="trace-logon-timeout"
                  onChange={(_, d) => editor.set('logonTimeoutMs', d.value)}
                />
              </Field>
            </div>
          </Section>

          <Section
            title="SeCReportWS — Report Web Service"
            path={TRACE_PATHS.secreportws}
            testId="trace-section-secreportws"
          >
            <div className={styles.row}>
              <Field
                label="LogLevel"
                hint="The level of logging for the Report Web Service log file. Default is 2."
                {...state('secreportws.logLevel', 'trace-report-loglevel')}
              >
                <Select
                  value={form.reportLogLevel}
                  disabled={!writable}
                  data-testid="trace-report-loglevel"
                  onChange={(_, d) => editor.set('reportLogLevel', d.value)}
                >
                  {LOG_LEVEL_OPTIONS.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
          </Section>

          <Section
            title="SocketManager"
            path={TRACE_PATHS.socketManager}
            testId="trace-section-socketmanager"
            about={
              'All communication between MiCC Enterprise services and applications uses SocketManager. To ' +
              'isolate TCP/IP problems between components, enable its log for the target component.'
            }
          >
            <div className={styles.row}>
              <Field
                label="Trace"
                hint="Whether the SocketManager logging is enabled. Default is 0 (off)."
                {...state('socketManager.trace', 'trace-trace')}
              >
                <Input
                  inputMode="numeric"
                  value={form.trace}
                  disabled={!writable}
                  data-testid="trace-trace"
                  onChange={(_, d) => editor.set('trace', d.value)}
                />
              </Field>
            </div>
            <Text className={styles.about}>
              Per executable: a value named after the executable sets the SocketManager log for it and overrides Trace —
              e.g. cs.exe = 9 enables the log for the configuration service at level 9.
            </Text>
            <div
              className={styles.execs}
              role="group"
              aria-label="Per-executable levels"
              data-testid="trace-executables"
            >
              <span className={styles.execHead} id={`${idBase}-exe`}>
                Executable
              </span>
              <span className={styles.execHead} id={`${idBase}-lvl`}>
                Level
              </span>
              <span />
              {form.executables.length === 0 && (
                <span className={styles.execEmpty}>No per-executable levels: Trace applies to every component.</span>
              )}
              {form.executables.map((e, i) => (
                <div key={e.id} style={{ display: 'contents' }} data-testid={`trace-exe-row-${i}`}>
                  <Field {...state(`socketManager.executables.${i}.name`, `trace-exe-name-${i}`)}>
                    <Input
                      className={styles.cellInput}
                      value={e.name}
                      placeholder="cs.exe"
                      disabled={!writable}
                      aria-labelledby={`${idBase}-exe`}
                      data-testid={`trace-exe-name-${i}`}
                      onChange={(_, d) => editor.setExecutable(e.id, { name: d.value })}
                    />
                  </Field>
                  <Field {...state(`socketManager.executables.${i}.level`, `trace-exe-level-${i}`)}>
                    <Input
                      className={styles.cellInput}
                      inputMode="numeric"
                      value={e.level}
                      disabled={!writable}
                      aria-labelledby={`${idBase}-lvl`}
                      data-testid={`trace-exe-level-${i}`}
                      onChange={(_, d) => editor.setExecutable(e.id, { level: d.value })}
                    />
                  </Field>
                  {writable ? (
                    <Button
                      appearance="subtle"
                      icon={<Delete16Regular />}
                      aria-label={`Remove ${e.name || 'this executable'}`}
                      title="Remove"
                      data-testid={`trace-exe-remove-${i}`}
                      onClick={() => editor.removeExecutable(e.id)}
                    />
                  ) : (
                    <span />
                  )}
                </div>
              ))}
            </div>
            {writable && (
              <div>
                <Button size="small" icon={<Add16Regular />} data-testid="trace-exe-add" onClick={editor.addExecutable}>
                  Add executable
                </Button>
              </div>
            )}
          </Section>

          <Section title="WCF services" path={TRACE_PATHS.wcf} testId="trace-section-wcf">
            <Field
              hint="The MiCC Enterprise services must be restarted for the setting to take effect."
              {...state('disableWsdl', 'trace-disablewsdl')}
            >
              <Checkbox
                checked={form.disableWsdl}
                disabled={!writable}
                label="DisableWSDL — disable the WSDL of the WCF services (REG_DWORD = 1)"
                data-testid="trace-disablewsdl"
                onChange={(_, d) => editor.set('disableWsdl', d.checked === true)}
              />
            </Field>
          </Section>
        </form>
      )}
      {base && (
        <Text className={styles.meta} data-testid="trace-meta">
          {base.version === 0
            ? `Not saved for ${shownServer} yet: these are the MiCC Enterprise defaults.`
            : `Last saved by ${base.updatedBy} at ${formatDate(base.updatedAt ?? '')} · version ${base.version}`}
        </Text>
      )}
    </Page>
  );
}
