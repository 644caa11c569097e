import { useRef, useState } from 'react';
import {
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
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
  Add16Regular,
  ArrowDownload16Regular,
  ArrowUpload16Regular,
  CheckmarkCircle16Regular,
  Delete16Regular,
  Save20Regular,
} from '@fluentui/react-icons';
import {
  customerIdProblem,
  SETUP_IDENTIFIERS,
  setupUrls,
  type FieldProblem,
  type SetupConfigDoc,
  type SetupConfigFile,
  type SetupConfigModel,
} from '../../../../electron/contract';
import { ccm } from '../../api/client';
import { canWrite } from '../../data/permissions';
import { useAuthStatus } from '../../data/queries';
import type { Tab } from '../../shell/tabs/store';
import { confirm, useCommand, useDbTables } from '../../ui/kit';
import { ConflictBar } from '../../ui/kit/ConflictBar';
import { useVersionedEditor } from '../../ui/kit/useVersionedEditor';
import { downloadBlob } from '../../ui/download';
import { Page } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { useDateFormat } from '../../ui/useDateFormat';
import { base64ToBytes, fileToBase64, SETUP_MAX_BYTES, setupKeys, setupTables } from './SetupConfigData';

type Errors = Partial<Record<string, string>>;
interface Form {
  customerId: string;
  config: SetupConfigModel;
}
interface Value {
  customerId: string;
  config: SetupConfigModel;
}

const useStyles = makeStyles({
  col: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '1180px' },
  row: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))',
    gap: tokens.spacingHorizontalM,
    alignItems: 'start',
  },
  bars: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  section: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  cell: { verticalAlign: 'top', paddingTop: tokens.spacingVerticalXS, paddingBottom: tokens.spacingVerticalXS },
});

const EOL_NAMES = { '\r\n': 'CRLF', '\n': 'LF', '\r': 'CR' } as const;
const errorsOf = (problems: readonly FieldProblem[]): Errors => {
  const out: Errors = {};
  for (const p of problems) out[p.field] ??= p.message;
  return out;
};
const fieldProps = (errors: Errors, field: string) =>
  errors[field] ? { validationState: 'error' as const, validationMessage: errors[field] } : {};

/** An optional attribute's text: cleared, it is left out of the file (its default applies), unless it was empty. */
const optional = (text: string, was: string | null | undefined) => (text === '' && was !== '' ? null : text);

/** System › Web installation › one customer folder: its Setup.config, node by node. */
export function SetupConfigEditor({ tab }: { tab: Tab<{ id: number }> }) {
  const s = useStyles();
  const formatDate = useDateFormat();
  const id = tab.params.id;
  useDbTables(setupTables);
  const status = useAuthStatus().data;
  const writable = canWrite(status?.user?.permissions, 'system');
  const [checked, setChecked] = useState<FieldProblem[] | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const e = useVersionedEditor<SetupConfigDoc, Value, Form, Errors>({
    tabKey: tab.key,
    queryKey: setupKeys.one(id),
    read: () => ccm.systemParameters.getSetupConfig({ id }),
    write: (v, expectedVersion) =>
      ccm.systemParameters.saveSetupConfig({ id, expectedVersion, customerId: v.customerId, config: v.config }),
    valueOf: (d) => ({ customerId: d.customerId, config: d.config }),
    toForm: (v) => structuredClone(v),
    parse: (f) => {
      const p = customerIdProblem(f.customerId);
      return p
        ? { ok: false, errors: { customerId: p } }
        : { ok: true, value: { ...f, customerId: f.customerId.trim() } };
    },
    isDirty: (f, saved) => JSON.stringify(f) !== JSON.stringify(saved),
    writable,
    placement: () => ({ prefixes: ['config'] }),
  });
  const validate = useCommand((v: Form) => ccm.systemParameters.validateSetupConfig({ id, ...v }));
  const importCmd = useCommand((contentBase64: string) =>
    ccm.systemParameters.importSetupConfig({ id, expectedVersion: e.base?.version ?? 0, contentBase64 }),
  );
  if (!e.form || !e.base) return <QueryState isPending={!e.loadError} error={e.loadError} what="the Setup.config" />;
  const f = e.form;
  const base = e.base;
  const errors: Errors = { ...(checked ? errorsOf(checked) : {}), ...e.errors };
  const edit = (fn: (c: SetupConfigModel) => void) => {
    setChecked(null);
    setNotice(null);
    e.update((form) => {
      const config = structuredClone(form.config);
      fn(config);
      return { ...form, config };
    });
  };
  const was = base.config;
  const wasFile = (file: SetupConfigFile) => (file.key === null ? undefined : was.files?.[file.key]);
  const urls = setupUrls(f.customerId || base.customerId);
  const ro = !writable;

  const exportFile = async () => {
    const r = await ccm.systemParameters.exportSetupConfig({ id });
    if (!r.ok) return setNotice({ ok: false, text: r.error.message });
    downloadBlob(base64ToBytes(r.value.contentBase64), r.value.fileName, 'application/xml');
    setNotice({ ok: true, text: `Setup.config of ${base.customerId} downloaded: copy it into ${urls.folder}.` });
  };
  const importFile = async (file: File) => {
    if (file.size > SETUP_MAX_BYTES) return setNotice({ ok: false, text: `${file.name} is larger than 1 MB.` });
    if (
      e.dirty &&
      !(await confirm({
        title: 'Replace your changes?',
        body: `Your unsaved changes are lost when ${file.name} replaces this Setup.config.`,
        confirmLabel: 'Import',
        danger: true,
        testId: 'sp-setup-importConfirm',
      }))
    )
      return;
    const doc = await importCmd.run(await fileToBase64(file));
    if (doc) {
      e.rebase(doc);
      e.update(() => ({ customerId: doc.customerId, config: structuredClone(doc.config) }));
      setNotice({ ok: true, text: `${file.name} imported (${doc.bytes} bytes).` });
    }
  };

  return (
    <Page
      title={`Setup.config – ${base.customerId}`}
      subtitle={`Customer folder ${urls.folder}; download page ${urls.install}`}
      help="web-installation"
      actions={
        <>
          <Button
            icon={<CheckmarkCircle16Regular />}
            disabled={validate.busy}
            data-testid="sp-setup-validate"
            onClick={async () => {
              const r = await validate.run(f);
              if (r) setChecked(r.problems);
            }}
          >
            Validate
          </Button>
          {writable && (
            <Button
              icon={<ArrowUpload16Regular />}
              disabled={importCmd.busy}
              data-testid="sp-setup-import"
              onClick={() => fileInput.current?.click()}
            >
              Import…
            </Button>
          )}
          <Button
            icon={<ArrowDownload16Regular />}
            disabled={e.dirty}
            title={e.dirty ? 'Save first: the file holds the saved Setup.config' : 'Download Setup.config as stored'}
            data-testid="sp-setup-export"
            onClick={() => void exportFile()}
          >
            Export
          </Button>
          {writable && (
            <Button
              appearance="primary"
              icon={<Save20Regular />}
              disabled={!e.dirty || e.invalid || e.busy}
              title="Save (Ctrl+S)"
              data-testid="sp-setup-save"
              onClick={() => void e.save()}
            >
              Save
            </Button>
          )}
        </>
      }
    >
      <input
        ref={fileInput}
        type="file"
        accept=".config,.xml"
        hidden
        data-testid="sp-setup-import-file"
        onChange={(ev) => {
          const file = ev.target.files?.[0];
          ev.target.value = '';
          if (file) void importFile(file);
        }}
      />
      <div className={s.col}>
        <div className={s.bars}>
          {ro && (
            <MessageBar intent="info" data-testid="sp-setup-readonly">
              <MessageBarBody>Read only: your user type grants read access to System, not read-write.</MessageBarBody>
            </MessageBar>
          )}
          {e.conflict && (
            <ConflictBar
              testId="sp-setup"
              error={e.conflict.error}
              busy={e.busy}
              onReload={() => void e.reload()}
              onOverwrite={() => void e.overwrite()}
            />
          )}
          {(e.failure || importCmd.error) && (
            <MessageBar intent="error" layout="multiline" data-testid="sp-setup-failure">
              <MessageBarBody>{(e.failure ?? importCmd.error)!.message}</MessageBarBody>
            </MessageBar>
          )}
          {checked && (
            <MessageBar
              intent={checked.length ? 'warning' : 'success'}
              layout="multiline"
              data-testid="sp-setup-checked"
            >
              <MessageBarBody>
                <MessageBarTitle>{checked.length ? `${checked.length} problem(s)` : 'Valid'}</MessageBarTitle>
                {checked.length ? 'Each is shown beside its field.' : 'Setup.config follows every rule.'}
                {checked
                  .filter((p) => ['configuration'].includes(p.field))
                  .map((p) => (
                    <div key={p.message}>{p.message}</div>
                  ))}
              </MessageBarBody>
            </MessageBar>
          )}
          {notice && (
            <MessageBar intent={notice.ok ? 'success' : 'error'} data-testid="sp-setup-notice">
              <MessageBarBody>{notice.text}</MessageBarBody>
            </MessageBar>
          )}
          {e.saved && !e.dirty && (
            <MessageBar intent="success" data-testid="sp-setup-saved">
              <MessageBarBody>Saved: only the values you changed were written into the file.</MessageBarBody>
            </MessageBar>
          )}
        </div>

        <div className={s.row}>
          <Field label="CustomerID" hint={`Folder name; not case sensitive`} {...fieldProps(errors, 'customerId')}>
            <Input
              value={f.customerId}
              disabled={ro}
              onChange={(_, d) => {
                setChecked(null);
                e.set('customerId', d.value);
              }}
              data-testid="sp-setup-customerId"
            />
          </Field>
          <Field
            label="<customerName>"
            hint={`Shown on the download page; empty: the CustomerID (${f.customerId})`}
            {...fieldProps(errors, 'customerName')}
          >
            <Input
              value={f.config.customerName ?? ''}
              disabled={ro}
              onChange={(_, d) => edit((c) => (c.customerName = optional(d.value, was.customerName)))}
              data-testid="sp-setup-customerName"
            />
          </Field>
          <Field
            label="<tenantID>"
            required
            hint={`The tenant of this customer: ${base.tenants.map((t) => `${t.id} = ${t.name}`).join(', ')}`}
            {...fieldProps(errors, 'tenantID')}
          >
            <Input
              value={f.config.tenantID ?? ''}
              disabled={ro}
              onChange={(_, d) => edit((c) => (c.tenantID = optional(d.value, was.tenantID)))}
              data-testid="sp-setup-tenantID"
            />
          </Field>
        </div>

        <h3 className={s.section}>&lt;execute&gt;</h3>
        <Checkbox
          label="Run a command after all files are downloaded"
          checked={f.config.execute !== null}
          disabled={ro}
          onChange={(_, d) =>
            edit((c) => {
              c.execute = d.checked
                ? (was.execute ?? { command: 'Solidus\\ClientSetup.exe', args: null, hidden: null })
                : null;
            })
          }
          data-testid="sp-setup-execute"
        />
        {f.config.execute && (
          <div className={s.row}>
            <Field
              label="command"
              required
              hint="Relative paths are relative to the base download location"
              {...fieldProps(errors, 'execute.command')}
            >
              <Input
                value={f.config.execute.command ?? ''}
                disabled={ro}
                onChange={(_, d) => edit((c) => (c.execute!.command = optional(d.value, was.execute?.command)))}
                data-testid="sp-setup-execute-command"
              />
            </Field>
            <Field
              label="args"
              hint="Arguments to pass to the command; default none"
              {...fieldProps(errors, 'execute.args')}
            >
              <Input
                value={f.config.execute.args ?? ''}
                disabled={ro}
                onChange={(_, d) => edit((c) => (c.execute!.args = optional(d.value, was.execute?.args)))}
                data-testid="sp-setup-execute-args"
              />
            </Field>
            <Field
              label="hidden"
              hint="Launch the command hidden; default false"
              {...fieldProps(errors, 'execute.hidden')}
            >
              <BoolSelect
                value={f.config.execute.hidden}
                disabled={ro}
                onChange={(v) => edit((c) => (c.execute!.hidden = v))}
                testId="sp-setup-execute-hidden"
              />
            </Field>
          </div>
        )}

        <h3 className={s.section}>&lt;files&gt;</h3>
        {errors.files && (
          <Text style={{ color: tokens.colorPaletteRedForeground1 }} data-testid="sp-setup-files-error">
            {errors.files}
          </Text>
        )}
        <Table size="small" aria-label="Files to download" data-testid="sp-setup-files">
          <TableHeader>
            <TableRow>
              <TableHeaderCell style={{ width: '36%' }}>include *</TableHeaderCell>
              <TableHeaderCell style={{ width: '20%' }}>exclude</TableHeaderCell>
              <TableHeaderCell style={{ width: '13%' }}>subDirs</TableHeaderCell>
              <TableHeaderCell style={{ width: '22%' }}>outputFolder *</TableHeaderCell>
              <TableHeaderCell style={{ width: '48px' }} />
            </TableRow>
          </TableHeader>
          <TableBody>
            {(f.config.files ?? []).map((file, i) => {
              const old = wasFile(file);
              const cell = (attr: 'include' | 'exclude' | 'outputFolder', placeholder: string) => (
                <TableCell className={s.cell}>
                  <Field {...fieldProps(errors, `files.${i}.${attr}`)}>
                    <Input
                      style={{ minWidth: 0, width: '100%' }}
                      value={file[attr] ?? ''}
                      placeholder={placeholder}
                      disabled={ro}
                      aria-label={`<file> ${i + 1} ${attr}`}
                      onChange={(_, d) => edit((c) => (c.files![i]![attr] = optional(d.value, old?.[attr])))}
                      data-testid={`sp-setup-file-${i}-${attr}`}
                    />
                  </Field>
                </TableCell>
              );
              return (
                <TableRow key={file.key === null ? `new-${i}` : `k-${file.key}`} data-testid={`sp-setup-file-${i}`}>
                  {cell('include', '$(WebServerUri)/MiCCEInstallation/…/*.*')}
                  {cell('exclude', '*.pdb;*.log')}
                  <TableCell className={s.cell}>
                    <Field {...fieldProps(errors, `files.${i}.subDirs`)}>
                      <BoolSelect
                        value={file.subDirs}
                        disabled={ro}
                        onChange={(v) => edit((c) => (c.files![i]!.subDirs = v))}
                        testId={`sp-setup-file-${i}-subDirs`}
                      />
                    </Field>
                  </TableCell>
                  {cell('outputFolder', 'Solidus')}
                  <TableCell className={s.cell}>
                    <Button
                      size="small"
                      appearance="subtle"
                      icon={<Delete16Regular />}
                      disabled={ro}
                      aria-label={`Remove <file> ${i + 1}`}
                      data-testid={`sp-setup-file-${i}-remove`}
                      onClick={() => edit((c) => c.files!.splice(i, 1))}
                    />
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
        {writable && (
          <div>
            <Button
              icon={<Add16Regular />}
              data-testid="sp-setup-addFile"
              onClick={() =>
                edit((c) => {
                  c.files = [
                    ...(c.files ?? []),
                    { key: null, include: '', exclude: null, subDirs: null, outputFolder: 'Solidus' },
                  ];
                })
              }
            >
              Add &lt;file&gt;
            </Button>{' '}
            <Text className={s.hint}>New entries go after the existing ones.</Text>
          </div>
        )}
        <Text className={s.hint}>
          include: the files to download, network accessible by the client — http://, https://, ftp://, file:// or
          \\UNCPATH, with the wildcards * and ?; exclude (only with wildcards): file specs separated by “;”; subDirs:
          search subfolders (only with wildcards); outputFolder: the subfolder to place the files in.
        </Text>

        <h3 className={s.section}>Replaceable identifiers</h3>
        <Text className={s.hint}>
          Replaced when Setup.config is loaded. Folders always end with “\”: write $(InstallDir)Folder.
        </Text>
        <Table size="extra-small" aria-label="Replaceable identifiers" style={{ maxWidth: '900px' }}>
          <TableBody>
            {SETUP_IDENTIFIERS.map((i) => (
              <TableRow key={i.name}>
                <TableCell className={s.mono} style={{ width: '200px' }}>
                  $({i.name})
                </TableCell>
                <TableCell>{i.text}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <Text className={s.hint} data-testid="sp-setup-meta">
          {base.bytes} bytes, {base.form.encoding.toUpperCase()}
          {base.form.bom ? ' with BOM' : ''}, {EOL_NAMES[base.form.eol]} line endings. Version {base.version}
          {base.updatedBy ? `, saved by ${base.updatedBy}` : ''}
          {base.updatedAt ? ` on ${formatDate(base.updatedAt)}` : ''}.
        </Text>
      </div>
    </Page>
  );
}

/** "true" / "false" / not set (the default false); a value the file has that is neither is kept and shown. */
function BoolSelect(p: { value: string | null; disabled: boolean; onChange(v: string | null): void; testId: string }) {
  const other = p.value !== null && p.value !== 'true' && p.value !== 'false' ? p.value : null;
  return (
    <Select
      style={{ minWidth: 0, width: '100%' }}
      value={p.value ?? ''}
      disabled={p.disabled}
      onChange={(_, d) => p.onChange(d.value === '' ? null : d.value)}
      data-testid={p.testId}
    >
      <option value="">(not set: false)</option>
      <option value="true">true</option>
      <option value="false">false</option>
      {other !== null && <option value={other}>{other}</option>}
    </Select>
  );
}
