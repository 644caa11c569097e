import { useState } from 'react';
import { Button, Checkbox, Field, Input, MessageBar, MessageBarBody, Text } from '@fluentui/react-components';
import { Play16Regular, Save16Regular } from '@fluentui/react-icons';
import { ccm } from '../../api/client';
import { ConflictBar } from '../../ui/kit/ConflictBar';
import { useCommand } from '../../ui/kit';
import { useVersionedEditor } from '../../ui/kit/useVersionedEditor';
import { QueryState } from '../../ui/QueryState';
import {
  calendarValueOf,
  isCalendarDirty,
  parseCalendarForm,
  toCalendarForm,
  type CalendarForm,
  type CalendarValue,
} from './calendarForm';
import { wmKeys } from './data';
import { ErrorBar, SetBadge, useWmStyles, wmFormErrors } from './ui';

/** Exchange Calendar Integration (Exchange Online only): the Azure app registration of the tenant. */
export function Calendar(props: { writable: boolean; tenantName: string; tabKey: string }) {
  const s = useWmStyles();
  const editor = useVersionedEditor({
    tabKey: props.tabKey,
    queryKey: wmKeys.calendar,
    read: () => ccm.webManager.getCalendar({}),
    write: (v: CalendarValue, expectedVersion) =>
      ccm.webManager.saveCalendar({ expectedVersion, settings: v.settings, clientSecret: v.clientSecret }),
    valueOf: calendarValueOf,
    toForm: toCalendarForm,
    parse: parseCalendarForm,
    isDirty: isCalendarDirty,
    writable: props.writable,
  });
  const testCmd = useCommand((v: { upn: string }) => ccm.webManager.testCalendar(v));
  const testErrs = wmFormErrors(testCmd.error, ['upn'], testCmd.reset);
  const [upn, setUpn] = useState('');
  const [result, setResult] = useState<Awaited<ReturnType<typeof testCmd.run>>>(undefined);
  const { form, base } = editor;
  if (!form || !base)
    return <QueryState isPending={!editor.loadError} error={editor.loadError} what="the Exchange Calendar settings" />;
  const writable = props.writable;
  const field = (k: keyof CalendarForm) => {
    const message = editor.errors[k];
    return message
      ? { validationState: 'error' as const, validationMessage: { children: message, 'data-testid': `wm-${k}-error` } }
      : {};
  };
  const text = (k: Exclude<keyof CalendarForm, 'enabled'>) => (_: unknown, d: { value: string }) =>
    editor.set(k, d.value);
  return (
    <section className={s.section} aria-label="Exchange Calendar">
      <MessageBar intent="info">
        <MessageBarBody>
          {'Exchange Online only: only Online Exchange mailboxes support access to the calendar. ' +
            `Agents of ${props.tenantName} see the calendar of an employee in the Speed List or the Directory Search.`}
        </MessageBarBody>
      </MessageBar>
      {editor.conflict && (
        <ConflictBar
          testId="wm-cal"
          error={editor.conflict.error}
          busy={editor.busy}
          invalid={editor.invalid}
          onReload={() => void editor.reload()}
          onOverwrite={() => void editor.overwrite()}
        />
      )}
      <ErrorBar error={editor.failure ?? testErrs.general} />
      <form
        noValidate
        className={s.form}
        style={{ maxWidth: 900 }}
        onSubmit={(e) => {
          e.preventDefault();
          void editor.save();
        }}
      >
        <Checkbox
          label="Enable Calendar"
          checked={form.enabled}
          disabled={!writable}
          data-testid="wm-cal-enabled"
          onChange={(_, d) => editor.set('enabled', d.checked === true)}
        />
        <div className={s.row}>
          <Field
            label="Client ID"
            required={form.enabled}
            hint="Application (client) ID of the Azure app registration."
            {...field('clientId')}
          >
            <Input
              value={form.clientId}
              disabled={!writable}
              data-testid="wm-cal-clientId"
              onChange={text('clientId')}
            />
          </Field>
          <Field
            label="Tenant Id"
            required={form.enabled}
            hint="Directory (tenant) ID in Azure."
            {...field('directoryTenantId')}
          >
            <Input
              value={form.directoryTenantId}
              disabled={!writable}
              data-testid="wm-cal-tenantId"
              onChange={text('directoryTenantId')}
            />
          </Field>
        </div>
        <Field
          label={
            <>
              Client secret value <SetBadge set={base.secretSet} testId="wm-cal-secret-state" />
            </>
          }
          required={form.enabled}
          hint="Kept in the OS keychain only, for this Client ID and Tenant Id; type a new one to replace it."
          {...field('clientSecret')}
        >
          <Input
            type="password"
            value={form.clientSecret}
            autoComplete="new-password"
            placeholder={base.secretSet ? '(unchanged)' : ''}
            disabled={!writable}
            data-testid="wm-cal-secret"
            onChange={text('clientSecret')}
          />
        </Field>
        <div className={s.row}>
          <Field label="Authority" hint="The Microsoft identity platform." {...field('authorityUrl')}>
            <Input
              value={form.authorityUrl}
              disabled={!writable}
              data-testid="wm-cal-authority"
              onChange={text('authorityUrl')}
            />
          </Field>
          <Field label="Graph endpoint" hint="Microsoft Graph." {...field('graphUrl')}>
            <Input value={form.graphUrl} disabled={!writable} data-testid="wm-cal-graph" onChange={text('graphUrl')} />
          </Field>
        </div>
        {writable && (
          <div className={s.toolbar}>
            <Button
              appearance="primary"
              type="submit"
              icon={<Save16Regular />}
              disabled={editor.busy || !editor.dirty || editor.invalid}
              data-testid="wm-cal-save"
            >
              Save
            </Button>
            <Text className={s.hint}>
              {base.version > 0 ? `Last saved by ${base.updatedBy} · version ${base.version}` : 'Not configured yet.'}
            </Text>
          </div>
        )}
      </form>
      {writable && (
        <div className={s.box} style={{ maxWidth: 900 }}>
          <Text weight="semibold">Test</Text>
          <Text className={s.hint}>
            {' '}
            — gets a token by client credentials and reads one event of the user’s calendar (saved settings).
          </Text>
          <div className={s.tokenRow} style={{ marginTop: 8 }}>
            <Field label="User" {...testErrs.field('upn')} className={s.grow}>
              <Input
                value={upn}
                placeholder="someone@yourcompany.onmicrosoft.com"
                data-testid="wm-cal-upn"
                onChange={(_, d) => (setUpn(d.value), testErrs.clear('upn'))}
              />
            </Field>
            <Button
              icon={<Play16Regular />}
              disabled={testCmd.busy || editor.dirty}
              data-testid="wm-cal-test"
              onClick={async () => setResult(await testCmd.run({ upn }))}
            >
              {testCmd.busy ? 'Testing…' : 'Test'}
            </Button>
          </div>
          {result && !testCmd.error && (
            <Text data-testid="wm-cal-result">
              The calendar of {upn} answered:{' '}
              {result.events === 0 ? 'no events' : `first event “${result.first ?? ''}”`} (token {result.tokenMs} ms,
              Graph {result.graphMs} ms).
            </Text>
          )}
        </div>
      )}
    </section>
  );
}
