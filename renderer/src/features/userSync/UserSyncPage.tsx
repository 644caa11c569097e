import { useEffect, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Checkbox,
  Dropdown,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Radio,
  RadioGroup,
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
import { ArrowSync20Regular, Dismiss20Regular, Eye20Regular, Save20Regular } from '@fluentui/react-icons';
import {
  GRAPH_PERMISSIONS,
  MAPPED_FIELDS,
  PROTECTED_FIELDS,
  type MappedField,
  type SyncAction,
  type SyncPreview,
  type UserSyncConfig,
} from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import { canWrite } from '../../data/permissions';
import { useAuthStatus } from '../../data/queries';
import type { Tab } from '../../shell/tabs/store';
import { Page } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { confirm, useCommand, useDbTables } from '../../ui/kit';
import { ConflictBar } from '../../ui/kit/ConflictBar';
import { useVersionedEditor } from '../../ui/kit/useVersionedEditor';
import { USER_SYNC_TAB_KEY, userSyncKeys, userSyncTables } from './data';

import {
  isDirty,
  logonIdExample,
  parse,
  pathOfFormKey,
  toForm,
  valueOf,
  type UserSyncForm,
  type UserSyncValue,
} from './userSyncForm';

const useStyles = makeStyles({
  bars: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  cols: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: tokens.spacingHorizontalXL },
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalM,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  h: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', flexWrap: 'wrap' },
  grow: { flexGrow: 1, minWidth: '180px' },
  small: { width: '140px' },
  hint: { color: tokens.colorNeutralForeground3 },
  example: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold },
  toolbar: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  counts: { display: 'flex', gap: tokens.spacingHorizontalL, flexWrap: 'wrap' },
  tableWrap: { maxHeight: '320px', overflowY: 'auto' },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});

const LABEL: Record<MappedField, string> = {
  firstName: 'First Name',
  lastName: 'Last Name',
  externalLogonId: 'External Logon ID',
  directoryNumber: 'Directory Number',
  chatDisplayName: 'Chat Display Name',
};
const ACTIONS: SyncAction[] = ['ADD', 'UPDATE', 'DELETE', 'UNDELETE', 'ERROR'];

/** Users › User Synchronization: the tenant's settings, a preview of every change, apply, last runs. */
export function UserSyncPage(_props: { tab: Tab }) {
  const s = useStyles();
  const auth = useAuthStatus().data;
  const writable = canWrite(auth?.user?.permissions, 'users');
  useDbTables(userSyncTables);
  const editor = useVersionedEditor<UserSyncConfig, UserSyncValue, UserSyncForm, Partial<Record<string, string>>>({
    tabKey: USER_SYNC_TAB_KEY,
    queryKey: userSyncKeys.config,
    read: () => ccm.userSync.get({}),
    write: (v, expectedVersion) => ccm.userSync.save({ expectedVersion, ...v }),
    valueOf,
    toForm,
    parse,
    isDirty,
    writable,
  });
  const { form, base, errors, conflict } = editor;
  const invalid = Object.keys(editor.parseErrors).length > 0;
  const err = (k: string) => {
    const m = errors[k] ?? errors[pathOfFormKey(k)];
    return m ? { validationState: 'error' as const, validationMessage: m } : {};
  };
  const set =
    <K extends keyof UserSyncForm>(k: K) =>
    (v: UserSyncForm[K]) =>
      editor.set(k, v);
  const text = (k: keyof UserSyncForm) => ({
    value: String(form?.[k] ?? ''),
    disabled: !writable,
    onChange: (_: unknown, d: { value: string }) => editor.set(k, d.value as never),
  });

  return (
    <Page
      title="User Synchronization"
      help="user-synchronization"
      subtitle={
        `Users of one directory group become this tenant's users${auth?.tenant ? ` (${auth.tenant.name})` : ''}. ` +
        'Preview shows every change before anything is written.'
      }
      actions={
        form &&
        writable && (
          <Button
            appearance="primary"
            icon={<Save20Regular />}
            disabled={!editor.dirty || invalid || editor.busy}
            title="Save (Ctrl+S)"
            data-testid="usersync-save"
            onClick={() => void editor.save()}
          >
            Save
          </Button>
        )
      }
    >
      <div className={s.bars}>
        {!writable && (
          <MessageBar intent="info">
            <MessageBarBody>Read only: your user type grants read access to Users, not read-write.</MessageBarBody>
          </MessageBar>
        )}
        {conflict && (
          <ConflictBar
            testId="usersync"
            error={conflict.error}
            busy={editor.busy}
            onReload={() => void editor.reload()}
            onOverwrite={() => void editor.overwrite()}
          />
        )}
        {editor.failure && (
          <MessageBar intent="error" layout="multiline" data-testid="usersync-failure">
            <MessageBarBody>
              <MessageBarTitle>Not saved</MessageBarTitle>
              {editor.failure.message}
            </MessageBarBody>
          </MessageBar>
        )}
        {editor.saved && !editor.dirty && (
          <MessageBar intent="success" data-testid="usersync-saved">
            <MessageBarBody>User synchronization settings saved.</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {!form || !base ? (
        <QueryState isPending={!editor.loadError} error={editor.loadError} what="the user synchronization settings" />
      ) : (
        <>
          <div className={s.cols}>
            <div className={s.bars}>
              <section className={s.section} aria-label="Type">
                <Text className={s.h}>Type</Text>
                <RadioGroup
                  layout="horizontal"
                  value={form.type}
                  disabled={!writable}
                  onChange={(_, d) => editor.set('type', d.value as UserSyncForm['type'])}
                  data-testid="usersync-type"
                >
                  <Radio value="none" label="None" />
                  <Radio value="ad" label="Active Directory" data-testid="usersync-type-ad" />
                  <Radio value="azure" label="Azure Active Directory" data-testid="usersync-type-azure" />
                </RadioGroup>
              </section>
              {form.type === 'ad' && (
                <section className={s.section} aria-label="Active Directory">
                  <Text className={s.h}>Active Directory</Text>
                  <div className={s.row}>
                    <Field
                      className={s.grow}
                      label="Host Name"
                      hint={
                        'Blank: the domain controllers of the Domain below, found through DNS ' +
                        '(the next one is tried when one cannot be reached).'
                      }
                      {...err('adHost')}
                    >
                      <Input {...text('adHost')} data-testid="usersync-ad-host" />
                    </Field>
                    <Field className={s.small} label="Host Port" {...err('adPort')}>
                      <Input className={s.small} {...text('adPort')} data-testid="usersync-ad-port" />
                    </Field>
                  </div>
                  {!form.adHost.trim() && (
                    <div className={s.row}>
                      <Field
                        className={s.grow}
                        label="Domain"
                        hint={
                          base.localDomain
                            ? `Blank: this computer's domain (${base.localDomain}).`
                            : 'Required with a blank Host Name: this computer is not in a Windows domain, so ' +
                              'the local domain must be given (for example corp.example.com).'
                        }
                        {...err('adDomain')}
                      >
                        <Input
                          {...text('adDomain')}
                          placeholder={base.localDomain ?? ''}
                          data-testid="usersync-ad-domain"
                        />
                      </Field>
                    </div>
                  )}
                  <div className={s.row}>
                    <Field
                      className={s.grow}
                      label="User Name"
                      hint="A DN, user@domain or DOMAIN\user"
                      {...err('adUser')}
                    >
                      <Input {...text('adUser')} data-testid="usersync-ad-user" />
                    </Field>
                    <Field
                      className={s.grow}
                      label="Password"
                      hint={base.passwordSet ? 'Stored in the OS keychain; type to replace it.' : 'Not set.'}
                      {...err('password')}
                    >
                      <Input
                        type="password"
                        {...text('password')}
                        placeholder={base.passwordSet ? '••••••••' : ''}
                        data-testid="usersync-ad-password"
                      />
                    </Field>
                  </div>
                  <div className={s.row}>
                    <Field label="Use SSL">
                      <Dropdown
                        value={{ none: 'No', ldaps: 'LDAPS (SSL)', starttls: 'StartTLS' }[form.adSecurity]}
                        selectedOptions={[form.adSecurity]}
                        disabled={!writable}
                        onOptionSelect={(_, d) =>
                          d.optionValue && set('adSecurity')(d.optionValue as UserSyncForm['adSecurity'])
                        }
                        data-testid="usersync-ad-security"
                      >
                        <Option value="none">No</Option>
                        <Option value="ldaps">LDAPS (SSL)</Option>
                        <Option value="starttls">StartTLS</Option>
                      </Dropdown>
                    </Field>
                    <Field className={s.grow} label="Base DN" hint="Blank: the server's default naming context">
                      <Input {...text('adBaseDn')} data-testid="usersync-ad-basedn" />
                    </Field>
                  </div>
                </section>
              )}
              {form.type === 'azure' && (
                <section className={s.section} aria-label="Azure Active Directory">
                  <Text className={s.h}>Azure Active Directory</Text>
                  <div className={s.row}>
                    <Field className={s.grow} label="Tenant ID" {...err('azTenantId')}>
                      <Input {...text('azTenantId')} data-testid="usersync-az-tenant" />
                    </Field>
                    <Field className={s.grow} label="Client ID" {...err('azClientId')}>
                      <Input {...text('azClientId')} data-testid="usersync-az-client" />
                    </Field>
                  </div>
                  <Field
                    label="Client Secret"
                    hint={base.secretSet ? 'Stored in the OS keychain; type to replace it.' : 'Not set.'}
                    {...err('clientSecret')}
                  >
                    <Input type="password" {...text('clientSecret')} data-testid="usersync-az-secret" />
                  </Field>
                  <Text className={s.hint}>
                    The application needs these Microsoft Graph application permissions, with admin consent:
                  </Text>
                  <ul>
                    {GRAPH_PERMISSIONS.map((p) => (
                      <li key={p.name}>
                        <strong>{p.name}</strong> — {p.why}
                      </li>
                    ))}
                  </ul>
                  <div className={s.row}>
                    <Field className={s.grow} label="Sign-in base URL" hint="Blank: https://login.microsoftonline.com">
                      <Input {...text('azLoginBaseUrl')} />
                    </Field>
                    <Field className={s.grow} label="Graph base URL" hint="Blank: https://graph.microsoft.com">
                      <Input {...text('azGraphBaseUrl')} />
                    </Field>
                  </div>
                </section>
              )}
              <section className={s.section} aria-label="User Group">
                <Text className={s.h}>User Group</Text>
                <Field
                  label="Group name"
                  hint="Every member is synchronized, members of nested groups included."
                  {...err('userGroup')}
                >
                  <Input {...text('userGroup')} data-testid="usersync-group" />
                </Field>
              </section>
            </div>
            <div className={s.bars}>
              <section className={s.section} aria-label="Logon ID Generation">
                <Text className={s.h}>Logon ID Generation</Text>
                <RadioGroup
                  layout="horizontal"
                  value={form.order}
                  disabled={!writable}
                  onChange={(_, d) => editor.set('order', d.value as UserSyncForm['order'])}
                >
                  <Radio value="lastFirst" label="Last Name / First Name" />
                  <Radio value="firstLast" label="First Name / Last Name" />
                </RadioGroup>
                <div className={s.row}>
                  <Field className={s.small} label="First name chars" {...err('firstChars')}>
                    <Input className={s.small} {...text('firstChars')} data-testid="usersync-first-chars" />
                  </Field>
                  <Field className={s.small} label="Last name chars" {...err('lastChars')}>
                    <Input className={s.small} {...text('lastChars')} data-testid="usersync-last-chars" />
                  </Field>
                </div>
                <Text>
                  Example: Karen Sharp →{' '}
                  <span className={s.example} data-testid="usersync-example">
                    {logonIdExample(form)}
                  </span>
                </Text>
                <Text className={s.hint}>
                  At most 20 characters together, lower case; accents are dropped (ü → u, ß → ss). On a clash 1, 2, … is
                  appended.
                </Text>
              </section>
              <section className={s.section} aria-label="User Deletion">
                <Text className={s.h}>User Deletion</Text>
                <Checkbox
                  label="Never Delete Users During Synchronization"
                  checked={form.neverDelete}
                  disabled={!writable}
                  onChange={(_, d) => editor.set('neverDelete', !!d.checked)}
                  data-testid="usersync-never-delete"
                />
                <Checkbox
                  label="Allow Manual Deletion for Synchronized Users"
                  checked={form.allowManualDelete}
                  disabled={!writable}
                  onChange={(_, d) => editor.set('allowManualDelete', !!d.checked)}
                />
              </section>
              <section className={s.section} aria-label="Field mapping">
                <Text className={s.h}>Field mapping</Text>
                {MAPPED_FIELDS.map((f) => (
                  <div className={s.row} key={f}>
                    <Field className={s.grow} label={LABEL[f]} {...err(`mapping.${f}`)}>
                      <Input
                        value={form.mapping[f].attributes}
                        disabled={!writable}
                        placeholder="not mapped"
                        onChange={(_, d) =>
                          editor.set('mapping', { ...form.mapping, [f]: { ...form.mapping[f], attributes: d.value } })
                        }
                      />
                    </Field>
                    <Dropdown
                      className={s.small}
                      aria-label={`${LABEL[f]}: when`}
                      value={form.mapping[f].when === 'add' ? 'When adding' : 'Every time'}
                      selectedOptions={[form.mapping[f].when]}
                      disabled={!writable}
                      onOptionSelect={(_, d) =>
                        editor.set('mapping', {
                          ...form.mapping,
                          [f]: { ...form.mapping[f], when: d.optionValue as 'add' | 'always' },
                        })
                      }
                    >
                      <Option value="add">When adding</Option>
                      <Option value="always">Every time</Option>
                    </Dropdown>
                  </div>
                ))}
                <Text className={s.hint}>
                  The first attribute that has a value is used. Never changed by an update:{' '}
                  {PROTECTED_FIELDS.join(', ')}.
                </Text>
              </section>
              <section className={s.section} aria-label="Schedule">
                <Text className={s.h}>Schedule</Text>
                <div className={s.row}>
                  <Checkbox
                    label="Synchronize daily at"
                    checked={form.scheduleEnabled}
                    disabled={!writable}
                    onChange={(_, d) => editor.set('scheduleEnabled', !!d.checked)}
                  />
                  <Field className={s.small} {...err('scheduleTime')}>
                    <Input {...text('scheduleTime')} aria-label="Time of day" />
                  </Field>
                </div>
              </section>
              <section className={s.section} aria-label="Audit log file">
                <Text className={s.h}>Audit log (UserSync.csv)</Text>
                <div className={s.row}>
                  <Field
                    className={s.grow}
                    label="Folder"
                    hint={
                      "The console's logs folder, or a folder a host administrator allowed for log files " +
                      '(Logs › Allowed folders).'
                    }
                    {...err('csvFolder')}
                  >
                    <Dropdown
                      value={form.csvFolder || "The console's logs folder"}
                      selectedOptions={[form.csvFolder]}
                      disabled={!writable}
                      onOptionSelect={(_, d) => set('csvFolder')(d.optionValue ?? '')}
                      data-testid="usersync-csv-folder"
                    >
                      <Option value="">The console&apos;s logs folder</Option>
                      {base.csvFolders.map((f) => (
                        <Option key={f} value={f}>
                          {f}
                        </Option>
                      ))}
                    </Dropdown>
                  </Field>
                  <Field className={s.grow} label="File name" {...err('csvFileName')}>
                    <Input {...text('csvFileName')} data-testid="usersync-csv-file" />
                  </Field>
                </div>
                <Text size={200} data-testid="usersync-csv-path">
                  {base.csvPath
                    ? `Written to ${base.csvPath}; Logs shows it as a source after the first run.`
                    : 'The saved folder is no longer allowed for log files: choose another.'}
                </Text>
              </section>
            </div>
          </div>
          <RunPanel writable={writable} configured={base.type !== 'none'} dirty={editor.dirty} />
          <LastRuns />
        </>
      )}
    </Page>
  );
}

function Count({ label, n, testId }: { label: string; n: number; testId: string }) {
  return (
    <Text>
      {label}: <strong data-testid={testId}>{n}</strong>
    </Text>
  );
}

function RunPanel(props: { writable: boolean; configured: boolean; dirty: boolean }) {
  const s = useStyles();
  const [preview, setPreview] = useState<SyncPreview | null>(null);
  const [filter, setFilter] = useState<SyncAction | 'all'>('all');
  const [progress, setProgress] = useState<string | null>(null);
  const [result, setResult] = useState<ReactNode>(null);
  useEffect(
    () =>
      ccm.on('userSync.progress', (items) => {
        const p = items[items.length - 1];
        if (!p) return;
        setProgress(
          p.phase === 'done'
            ? null
            : `${p.phase === 'writing' ? 'Writing' : p.phase === 'reading' ? 'Reading' : 'Comparing'}: ` +
                `${p.read} read, ${p.compared} compared, ${p.written} written`,
        );
      }),
    [],
  );
  const previewCmd = useCommand(() => ccm.userSync.preview({}), {
    onSuccess: (p) => {
      setPreview(p);
      setFilter('all');
      setResult(null);
    },
  });
  const page = useQuery({
    queryKey: ['userSync', 'preview', preview?.previewId, filter],
    queryFn: () =>
      unwrap(
        ccm.userSync.previewPage({
          previewId: preview!.previewId,
          action: filter === 'all' ? undefined : filter,
          limit: 500,
        }),
      ),
    enabled: !!preview && filter !== 'all',
  });
  const applyCmd = useCommand((previewId: string) => ccm.userSync.apply({ previewId }), {
    invalidates: [userSyncKeys.all, ['users']],
    onSuccess: (run) => {
      setPreview(null);
      setResult(
        <MessageBar intent="success" data-testid="usersync-applied">
          <MessageBarBody>
            {`Applied: ${run.counts?.add ?? 0} added, ${run.counts?.update ?? 0} updated, ` +
              `${run.counts?.delete ?? 0} deleted, ${run.counts?.undelete ?? 0} undeleted, ` +
              `${run.counts?.error ?? 0} skipped with errors.`}
          </MessageBarBody>
        </MessageBar>,
      );
    },
  });
  const cancelCmd = useCommand(() => ccm.userSync.cancel({}));
  const busy = previewCmd.busy || applyCmd.busy;
  const c = preview?.counts;
  const changes = filter === 'all' ? (preview?.changes ?? []) : (page.data?.changes ?? []);
  const total = filter === 'all' ? (preview?.total ?? 0) : (page.data?.total ?? 0);
  const apply = async () => {
    if (!preview || !c) return;
    await confirm({
      title: 'Apply the synchronization',
      body:
        `${c.add} users will be added, ${c.update} updated, ${c.delete} deleted and ${c.undelete} undeleted ` +
        `in one transaction. ${c.error} directory users with errors are skipped.`,
      confirmLabel: 'Apply',
      testId: 'usersync-apply-dialog',
      action: () => applyCmd.runOrThrow(preview.previewId),
    });
  };
  return (
    <section className={s.section} aria-label="Synchronize" style={{ marginTop: tokens.spacingVerticalM }}>
      <Text className={s.h}>Synchronize</Text>
      <div className={s.toolbar}>
        <Button
          icon={<Eye20Regular />}
          disabled={!props.writable || !props.configured || props.dirty || busy}
          title={props.dirty ? 'Save the settings first' : 'Read the group and list the changes; nothing is written'}
          onClick={() => {
            setResult(null);
            setPreview(null);
            applyCmd.reset();
            void previewCmd.run();
          }}
          data-testid="usersync-preview"
        >
          Preview
        </Button>
        <Button
          appearance="primary"
          icon={<ArrowSync20Regular />}
          disabled={!props.writable || !preview || busy}
          onClick={() => void apply()}
          data-testid="usersync-apply"
        >
          Apply…
        </Button>
        {busy && (
          <>
            <Spinner size="tiny" />
            <Text data-testid="usersync-progress">{progress ?? 'Working…'}</Text>
            <Button icon={<Dismiss20Regular />} onClick={() => void cancelCmd.run()} data-testid="usersync-cancel">
              Cancel
            </Button>
          </>
        )}
      </div>
      {previewCmd.error && (
        <MessageBar intent="error" layout="multiline" data-testid="usersync-error">
          <MessageBarBody>
            <MessageBarTitle>Preview failed</MessageBarTitle>
            {previewCmd.error.message}
          </MessageBarBody>
        </MessageBar>
      )}
      {applyCmd.error && (
        <MessageBar intent="error" layout="multiline" data-testid="usersync-apply-error">
          <MessageBarBody>{applyCmd.error.message}</MessageBarBody>
        </MessageBar>
      )}
      {result}
      {preview && c && (
        <>
          <div className={s.counts} data-testid="usersync-counts">
            <Count label="Read" n={c.read} testId="usersync-count-read" />
            <Count label="Add" n={c.add} testId="usersync-count-add" />
            <Count label="Update" n={c.update} testId="usersync-count-update" />
            <Count label="Delete" n={c.delete} testId="usersync-count-delete" />
            <Count label="Undelete" n={c.undelete} testId="usersync-count-undelete" />
            <Count label="Error" n={c.error} testId="usersync-count-error" />
            <Count label="Unchanged" n={c.unchanged} testId="usersync-count-unchanged" />
          </div>
          <div className={s.toolbar}>
            <Field label="Show">
              <Dropdown
                value={filter === 'all' ? 'All changes' : filter}
                selectedOptions={[filter]}
                onOptionSelect={(_, d) => setFilter((d.optionValue as SyncAction | 'all') ?? 'all')}
                data-testid="usersync-filter"
              >
                <Option value="all">All changes</Option>
                {ACTIONS.map((a) => (
                  <Option key={a} value={a}>
                    {a}
                  </Option>
                ))}
              </Dropdown>
            </Field>
            <Text className={s.hint}>
              {total} change(s){changes.length < total ? `, first ${changes.length} shown` : ''}
            </Text>
          </div>
          <div className={s.tableWrap}>
            <Table size="small" aria-label="Changes" data-testid="usersync-changes">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell style={{ width: 90 }}>Action</TableHeaderCell>
                  <TableHeaderCell style={{ width: 130 }}>Logon ID</TableHeaderCell>
                  <TableHeaderCell style={{ width: 160 }}>Name</TableHeaderCell>
                  <TableHeaderCell>Changes</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {changes.map((ch) => (
                  <TableRow key={`${ch.action}:${ch.syncId}`} data-testid={`usersync-change-${ch.action}`}>
                    <TableCell>{ch.action}</TableCell>
                    <TableCell>{ch.logonId || '—'}</TableCell>
                    <TableCell>
                      {ch.firstName} {ch.lastName}
                    </TableCell>
                    <TableCell>
                      {ch.action === 'UPDATE' || ch.action === 'UNDELETE' ? (
                        <span className={s.mono}>
                          {ch.fields.map((f) => `${f.field}: ${f.from ?? '∅'} → ${f.to ?? '∅'}`).join('; ') ||
                            ch.comment}
                        </span>
                      ) : (
                        ch.comment
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </>
      )}
    </section>
  );
}

function LastRuns() {
  const s = useStyles();
  const q = useQuery({ queryKey: userSyncKeys.runs, queryFn: () => unwrap(ccm.userSync.runs({ limit: 5 })) });
  if (!q.data?.length) return null;
  return (
    <section className={s.section} aria-label="Last runs" style={{ marginTop: tokens.spacingVerticalM }}>
      <Text className={s.h}>Last runs</Text>
      <Table size="small" data-testid="usersync-runs">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Started</TableHeaderCell>
            <TableHeaderCell>By</TableHeaderCell>
            <TableHeaderCell>Result</TableHeaderCell>
            <TableHeaderCell>Counts</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {q.data.map((r) => (
            <TableRow key={r.id}>
              <TableCell>{new Date(r.startedAt).toLocaleString()}</TableCell>
              <TableCell>{r.trigger === 'manual' ? r.actor : `${r.trigger} (${r.actor})`}</TableCell>
              <TableCell>{r.status === 'succeeded' ? 'Succeeded' : `${r.status}: ${r.error ?? ''}`}</TableCell>
              <TableCell>
                {r.counts
                  ? `${r.counts.add} added, ${r.counts.update} updated, ${r.counts.delete} deleted, ` +
                    `${r.counts.undelete} undeleted, ${r.counts.error} errors`
                  : '—'}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
