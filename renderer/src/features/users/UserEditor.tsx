import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Tab as FluentTab,
  TabList,
  tokens,
} from '@fluentui/react-components';
import { Copy20Regular, LockClosed20Regular, LockOpen20Regular, Save20Regular } from '@fluentui/react-icons';
import {
  PASSWORD_TYPE_LABELS,
  PASSWORD_TYPES,
  PHONE_AGENT_LOGON_LABELS,
  PHONE_AGENT_LOGON_OPTIONS,
  type UserDoc,
  type UserFields,
} from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import { refreshAfterChange } from '../../data/invalidate';
import { canWrite } from '../../data/permissions';
import { useAuthStatus } from '../../data/queries';
import { tabsStore, type Tab } from '../../shell/tabs/store';
import type { UserTabParams } from './openUserTab';
import { fieldMessage } from '../../ui/fieldMessage';
import { useCommand, useObjectPageSections } from '../../ui/kit';
import { ConflictBar } from '../../ui/kit/ConflictBar';
import { useVersionedEditor } from '../../ui/kit/useVersionedEditor';
import { QueryState } from '../../ui/QueryState';
import { useDateFormat } from '../../ui/useDateFormat';
import { ObjectTagValuesPanel } from '../objectTags';
import { NewUserDialog } from './NewUserDialog';
import { isUserDirty, parseUserForm, toUserForm, type UserForm } from './userForm';
import { useUserLookups, usersKeys } from './usersData';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`,
    maxWidth: '900px',
  },
  head: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalM },
  headText: { flexGrow: 1, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  meta: { margin: 0, color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    gap: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    alignItems: 'start',
  },
  wide: { gridColumn: '1 / -1' },
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  sectionTitle: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end', flexWrap: 'wrap' },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  readOnly: { fontFamily: tokens.fontFamilyMonospace },
});

/** The user's own pages, or the id of a section another feature adds (ui/kit/objectExtensions.ts). */
type Page = 'general' | 'password' | 'objectTags' | (string & {});

const valueOf = (doc: UserDoc) => doc.fields;

/** User Properties in a tab (kind 'users.user'): General, Password and Object Tags pages. */
export function UserEditorTab({ tab }: { tab: Tab<UserTabParams> }) {
  const id = tab.params.userId;
  const query = useQuery({
    queryKey: usersKeys.doc(id),
    queryFn: () => unwrap(ccm.users.get({ id })),
    staleTime: Infinity,
  });
  if (!query.data) return <QueryState isPending={query.isPending} error={query.error} what="the user" />;
  return <UserEditor tab={tab} saved={query.data} />;
}

function UserEditor({ tab, saved }: { tab: Tab<UserTabParams>; saved: UserDoc }) {
  const styles = useStyles();
  const queryClient = useQueryClient();
  const formatDate = useDateFormat();
  const lookups = useUserLookups();
  const writable = canWrite(useAuthStatus().data?.user?.permissions, 'users');
  const [page, setPage] = useState<Page>(tab.params.page);
  const [notice, setNotice] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const [acting, setActing] = useState(false);
  const [copying, setCopying] = useState(false);
  const extraPages = useObjectPageSections('user');

  const ed = useVersionedEditor({
    tabKey: tab.key,
    queryKey: usersKeys.doc(saved.id),
    read: () => ccm.users.get({ id: saved.id }),
    write: (fields: UserFields, expectedVersion) => ccm.users.save({ id: saved.id, expectedVersion, fields }),
    valueOf,
    toForm: toUserForm,
    parse: parseUserForm,
    isDirty: isUserDirty,
    writable,
    onSaved: () => {
      setNotice(null);
      refreshAfterChange(queryClient, 'cc_user');
    },
  });
  const base = ed.base ?? saved;
  const form = ed.form ?? toUserForm(saved.fields);
  const { errors, dirty, save } = ed;
  const busy = ed.busy || acting;

  const groups = lookups.data?.agentGroups ?? [];
  const group = groups.find((g) => g.id === base.fields.agentGroupId);
  const inScope = group ? group.inScope : true;
  const editable = writable && !base.deleted && inScope;

  // The tab follows the saved logon ID (changed here or in another console).
  const logonId = base.fields.logonId;
  useEffect(() => tabsStore.getState().setTitle(tab.key, logonId), [tab.key, logonId]);

  /** After an account action (password, lock) the version moved: keep the General edits. */
  const refreshAccount = async (message: string) => {
    const env = await ccm.users.get({ id: base.id });
    if (!env.ok) return ed.fail(env.error);
    ed.rebase(env.value);
    refreshAfterChange(queryClient, 'cc_user');
    setNotice({ intent: 'success', text: message });
  };

  const set = <K extends keyof UserForm>(k: K, v: UserForm[K]) => {
    ed.set(k, v);
    setNotice((n) => (n?.intent === 'success' ? null : n));
  };
  const shownNotice = ed.failure
    ? { intent: 'error' as const, text: ed.failure.message }
    : (notice ?? (ed.saved && { intent: 'success' as const, text: `Saved (version ${ed.saved.version}).` }));
  const text = (
    k: keyof UserForm & string,
    label: string,
    opts: { required?: boolean; max: number; hint?: string; wide?: boolean },
  ) => (
    <Field
      label={label}
      required={opts.required}
      className={opts.wide ? styles.wide : undefined}
      hint={opts.hint}
      validationState={errors[k] ? 'error' : 'none'}
      validationMessage={fieldMessage(errors[k], `user-${k}-error`)}
    >
      <Input
        value={String(form[k] ?? '')}
        maxLength={opts.max}
        disabled={!editable}
        data-testid={`user-${k}`}
        onChange={(_, d) => set(k, d.value as never)}
      />
    </Field>
  );

  const undelete = async () => {
    setActing(true);
    const env = await ccm.users.bulk({ selection: { ids: [base.id] }, action: { kind: 'undelete' } });
    setActing(false);
    if (!env.ok) ed.fail(env.error);
    else await refreshAccount('Undeleted: the user is back with all previous settings.');
  };

  return (
    <div className={styles.root}>
      <div className={styles.head}>
        <div className={styles.headText}>
          <h2 className={styles.title} data-testid="user-title">
            User Properties — {base.fields.logonId}
          </h2>
          <p className={styles.meta}>
            {base.fields.firstName} {base.fields.lastName} · {base.agentGroup} · {base.userType} · version{' '}
            {base.version}, changed by {base.updatedBy} {formatDate(base.updatedAt)}
          </p>
        </div>
        {writable && !base.deleted && (
          <Button
            icon={<Copy20Regular />}
            disabled={!lookups.data}
            data-testid="user-copy"
            onClick={() => setCopying(true)}
          >
            Copy…
          </Button>
        )}
        {editable && page === 'general' && (
          <Button
            appearance="primary"
            icon={<Save20Regular />}
            disabled={!dirty || ed.invalid || busy}
            title="Save (Ctrl+S)"
            data-testid="user-save"
            onClick={() => void save()}
          >
            Save
          </Button>
        )}
      </div>

      {base.deleted && (
        <MessageBar intent="warning" data-testid="user-deleted">
          <MessageBarBody>
            <MessageBarTitle>Deleted</MessageBarTitle>
            This synchronized user is deleted; its settings are kept. Undelete it to change it.
          </MessageBarBody>
          {writable && (
            <MessageBarActions>
              <Button size="small" disabled={busy} data-testid="user-undelete" onClick={() => void undelete()}>
                Undelete
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
      {writable && !inScope && (
        <MessageBar intent="info">
          <MessageBarBody>Read only: this user is in an agent group you do not supervise.</MessageBarBody>
        </MessageBar>
      )}
      {ed.conflict && (
        <ConflictBar
          testId="user"
          error={ed.conflict.error}
          busy={busy}
          invalid={ed.invalid}
          onReload={() => void ed.reload()}
          onOverwrite={() => void ed.overwrite()}
        />
      )}
      {shownNotice && (
        <MessageBar intent={shownNotice.intent} layout="multiline" data-testid={`user-notice-${shownNotice.intent}`}>
          <MessageBarBody>{shownNotice.text}</MessageBarBody>
        </MessageBar>
      )}

      <TabList
        selectedValue={page}
        onTabSelect={(_, d) => {
          setPage(d.value as Page);
          setNotice((n) => (n?.intent === 'success' ? null : n));
          ed.dismiss();
        }}
      >
        <FluentTab value="general" data-testid="user-page-general">
          General{dirty ? ' •' : ''}
        </FluentTab>
        <FluentTab value="password" data-testid="user-page-password">
          Password
        </FluentTab>
        <FluentTab value="objectTags" data-testid="user-page-objectTags">
          Object Tags
        </FluentTab>
        {extraPages.map((x) => (
          <FluentTab key={x.id} value={x.id} data-testid={`user-page-${x.id}`}>
            {x.label}
          </FluentTab>
        ))}
      </TabList>

      {page === 'general' && (
        <form
          className={styles.grid}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          {text('logonId', 'Logon ID', { required: true, max: 50, hint: 'Unique in the tenant, whatever the case.' })}
          <Field label="Sync ID" hint="Set by user synchronization; read-only.">
            <Input
              value={base.syncId ?? ''}
              readOnly
              className={styles.readOnly}
              placeholder="Not synchronized"
              data-testid="user-syncId"
            />
          </Field>
          {text('firstName', 'First name', { max: 100 })}
          {text('lastName', 'Last name', { max: 100 })}
          {text('directoryNumber', 'Directory Number', {
            max: 50,
            hint: 'The Personal Directory Number personal calls are routed to; unique in the tenant.',
          })}
          {text('personalDefaultDestination', 'Default destination for personal calls', {
            max: 50,
            hint: 'Where personal calls go when the agent cannot take them.',
          })}
          <Field
            label="Agent group"
            validationState={errors.agentGroupId ? 'error' : 'none'}
            validationMessage={fieldMessage(errors.agentGroupId, 'user-agentGroupId-error')}
          >
            <Select
              value={String(form.agentGroupId)}
              disabled={!editable}
              data-testid="user-agentGroupId"
              onChange={(_, d) => set('agentGroupId', Number(d.value))}
            >
              {groups
                .filter((g) => g.inScope || g.id === form.agentGroupId)
                .map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
            </Select>
          </Field>
          <Field
            label="User type"
            validationState={errors.userTypeId ? 'error' : 'none'}
            validationMessage={fieldMessage(errors.userTypeId, 'user-userTypeId-error')}
          >
            <Select
              value={String(form.userTypeId)}
              disabled={!editable}
              data-testid="user-userTypeId"
              onChange={(_, d) => set('userTypeId', Number(d.value))}
            >
              {(lookups.data?.userTypes ?? []).map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </Select>
          </Field>
          {text('externalLogonId', 'External Logon ID', {
            max: 256,
            hint: 'The identity provider’s user (upn or e-mail) for single sign-on; unique in the tenant.',
          })}
          {text('chatDisplayName', 'Chat display name', { max: 100 })}
          {text('circuitUser', 'Circuit User', {
            max: 256,
            hint: 'The URI used to log in to Circuit; two users in the tenant cannot share it.',
          })}
          <Field label="Phone Agent Logon" hint="Restore the phone agent’s logon state after a system restart.">
            <Select
              value={form.phoneAgentLogon}
              disabled={!editable}
              data-testid="user-phoneAgentLogon"
              onChange={(_, d) => set('phoneAgentLogon', d.value as UserForm['phoneAgentLogon'])}
            >
              {PHONE_AGENT_LOGON_OPTIONS.map((o) => (
                <option key={o} value={o}>
                  {PHONE_AGENT_LOGON_LABELS[o]}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            className={styles.wide}
            validationState={errors.dispatchPrivilege ? 'error' : 'none'}
            validationMessage={fieldMessage(errors.dispatchPrivilege, 'user-dispatchPrivilege-error')}
          >
            <Checkbox
              label="Dispatch privilege (uses one of the tenant’s dispatch licences)"
              checked={form.dispatchPrivilege}
              disabled={!editable}
              data-testid="user-dispatchPrivilege"
              onChange={(_, d) => set('dispatchPrivilege', !!d.checked)}
            />
          </Field>
          <Field
            label="Password type"
            hint="Virtual Agents support only the OpenScape Contact Center password type."
            validationState={errors.passwordType ? 'error' : 'none'}
            validationMessage={fieldMessage(errors.passwordType, 'user-passwordType-error')}
          >
            <Select
              value={form.passwordType}
              disabled={!editable}
              data-testid="user-passwordType"
              onChange={(_, d) => set('passwordType', d.value as UserForm['passwordType'])}
            >
              {PASSWORD_TYPES.map((o) => (
                <option key={o} value={o}>
                  {PASSWORD_TYPE_LABELS[o]}
                </option>
              ))}
            </Select>
          </Field>
          <div>
            <Field
              validationState={errors.automaticPostProcessing ? 'error' : 'none'}
              validationMessage={fieldMessage(errors.automaticPostProcessing, 'user-automaticPostProcessing-error')}
            >
              <Checkbox
                label="Automatic Post-processing"
                checked={form.automaticPostProcessing}
                disabled={!editable}
                data-testid="user-automaticPostProcessing"
                onChange={(_, d) => set('automaticPostProcessing', !!d.checked)}
              />
            </Field>
            <Field
              hint="Automatic Post-processing and Mandatory wrap-up reason are not supported by Virtual Agent."
              validationState={errors.mandatoryWrapUpReason ? 'error' : 'none'}
              validationMessage={fieldMessage(errors.mandatoryWrapUpReason, 'user-mandatoryWrapUpReason-error')}
            >
              <Checkbox
                label="Mandatory wrap-up reason"
                checked={form.mandatoryWrapUpReason}
                disabled={!editable}
                data-testid="user-mandatoryWrapUpReason"
                onChange={(_, d) => set('mandatoryWrapUpReason', !!d.checked)}
              />
            </Field>
          </div>
          <button type="submit" hidden />
        </form>
      )}

      {page === 'password' && (
        <PasswordPage doc={base} editable={writable && !base.deleted && inScope} onChanged={refreshAccount} />
      )}

      {page === 'objectTags' && <ObjectTagValuesPanel objectType="agent" objectId={base.id} readOnly={!editable} />}
      {extraPages.map((x) => page === x.id && <x.View key={x.id} objectId={base.id} />)}
      {copying && <NewUserDialog source={base} lookups={lookups.data} onClose={() => setCopying(false)} />}
    </div>
  );
}

function PasswordPage(props: { doc: UserDoc; editable: boolean; onChanged(message: string): Promise<void> }) {
  const styles = useStyles();
  const formatDate = useDateFormat();
  const { doc } = props;
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const onError = (e: { message: string }) => setError(e.message);
  const setCmd = useCommand(
    (pw: string) => ccm.users.setPassword({ id: doc.id, expectedVersion: doc.version, password: pw }),
    {
      onError,
    },
  );
  const lockCmd = useCommand(
    (on: boolean) =>
      on
        ? ccm.users.lock({ id: doc.id, expectedVersion: doc.version })
        : ccm.users.unlock({ id: doc.id, expectedVersion: doc.version }),
    { onError },
  );
  const busy = setCmd.busy || lockCmd.busy;
  const mismatch = confirm !== '' && password !== confirm;

  const setIt = async () => {
    setError(null);
    if ((await setCmd.run(password)) === undefined) return;
    setPassword('');
    setConfirm('');
    await props.onChanged('Password set. The user can now log on with it.');
  };
  const lock = async (on: boolean) => {
    setError(null);
    if ((await lockCmd.run(on)) === undefined) return;
    await props.onChanged(on ? 'Account locked.' : 'Account unlocked; failed attempts reset.');
  };

  return (
    <div className={styles.grid}>
      <section className={styles.section} aria-label="Password">
        <h3 className={styles.sectionTitle}>Password</h3>
        <span className={styles.hint} data-testid="user-password-state">
          {doc.passwordSet
            ? `A password is set${doc.passwordChangedAt ? ` (changed ${formatDate(doc.passwordChangedAt)})` : ''}.`
            : 'No password: the user can only log on with single sign-on until one is set.'}
        </span>
        {props.editable && (
          <form
            style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
            onSubmit={(e) => {
              e.preventDefault();
              if (!mismatch && password) void setIt();
            }}
          >
            <Field
              label={doc.passwordSet ? 'New password (reset)' : 'Password'}
              validationState={error ? 'error' : 'none'}
              validationMessage={fieldMessage(error ?? undefined, 'user-password-error')}
            >
              <Input
                type="password"
                autoComplete="new-password"
                value={password}
                data-testid="user-password"
                onChange={(_, d) => setPassword(d.value)}
              />
            </Field>
            <Field
              label="Confirm"
              validationState={mismatch ? 'error' : 'none'}
              validationMessage={mismatch ? 'The two passwords differ.' : undefined}
            >
              <Input
                type="password"
                autoComplete="new-password"
                value={confirm}
                data-testid="user-password-confirm"
                onChange={(_, d) => setConfirm(d.value)}
              />
            </Field>
            <span className={styles.hint}>The tenant’s password rules apply (Password management).</span>
            <div>
              <Button
                type="submit"
                appearance="primary"
                disabled={busy || !password || mismatch || confirm === ''}
                data-testid="user-password-set"
              >
                {doc.passwordSet ? 'Reset password' : 'Set password'}
              </Button>
            </div>
          </form>
        )}
      </section>
      <section className={styles.section} aria-label="Account lock">
        <h3 className={styles.sectionTitle}>Account lock</h3>
        <span data-testid="user-lock-state">
          {doc.locked
            ? doc.lockReason === 'failed-attempts'
              ? `Locked after too many failed logon attempts${doc.lockedByHost ? ` from ${doc.lockedByHost}` : ''}` +
                `${doc.lockedAt ? `, ${formatDate(doc.lockedAt)}` : ''}.`
              : `Locked manually${doc.lockedAt ? ` ${formatDate(doc.lockedAt)}` : ''}.`
            : 'Not locked.'}
        </span>
        {props.editable && (
          <div className={styles.row}>
            {doc.locked ? (
              <Button
                icon={<LockOpen20Regular />}
                disabled={busy}
                data-testid="user-unlock"
                onClick={() => void lock(false)}
              >
                Unlock
              </Button>
            ) : (
              <Button
                icon={<LockClosed20Regular />}
                disabled={busy}
                data-testid="user-lock"
                onClick={() => void lock(true)}
              >
                Lock
              </Button>
            )}
          </div>
        )}
        {!props.editable && error === null && null}
        {error && !props.editable && <span>{error}</span>}
        <span className={styles.hint}>Last logon: {doc.lastLogonAt ? formatDate(doc.lastLogonAt) : 'never'}</span>
      </section>
    </div>
  );
}
