import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Checkbox, Field, Input, MessageBar, MessageBarBody, Text } from '@fluentui/react-components';
import { Play16Regular, Save16Regular } from '@fluentui/react-icons';
import type { CalendarDoc, CalendarSettings } from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import { QueryState } from '../../ui/QueryState';
import { useCommand } from '../../ui/kit';
import { wmKeys } from './data';
import { ErrorBar, SetBadge, useWmStyles, wmFormErrors } from './ui';

const FIELDS = ['enabled', 'clientId', 'directoryTenantId', 'authorityUrl', 'graphUrl', 'clientSecret'];

/** Exchange Calendar Integration (Exchange Online only): the Azure app registration of the tenant. */
export function Calendar({ writable, tenantName }: { writable: boolean; tenantName: string }) {
  const q = useQuery({ queryKey: wmKeys.calendar, queryFn: () => unwrap(ccm.webManager.getCalendar({})) });
  if (!q.data) return <QueryState isPending={q.isPending} error={q.error} what="the Exchange Calendar settings" />;
  return (
    <CalendarForm
      key={`${q.data.version}:${q.data.secretSet}`}
      doc={q.data}
      writable={writable}
      tenantName={tenantName}
    />
  );
}

function CalendarForm({ doc, writable, tenantName }: { doc: CalendarDoc; writable: boolean; tenantName: string }) {
  const s = useWmStyles();
  const saveCmd = useCommand((v: Parameters<typeof ccm.webManager.saveCalendar>[0]) => ccm.webManager.saveCalendar(v), {
    invalidates: [wmKeys.all],
  });
  const testCmd = useCommand((v: { upn: string }) => ccm.webManager.testCalendar(v));
  const errs = wmFormErrors(
    saveCmd.error ?? testCmd.error,
    [...FIELDS, 'upn'],
    () => (saveCmd.reset(), testCmd.reset()),
  );
  const [f, setF] = useState<CalendarSettings>(doc.settings);
  const [secret, setSecret] = useState('');
  const [upn, setUpn] = useState('');
  const [result, setResult] = useState<Awaited<ReturnType<typeof testCmd.run>>>(undefined);
  const dirty = secret !== '' || JSON.stringify(f) !== JSON.stringify(doc.settings);
  const set = (k: keyof CalendarSettings) => (_: unknown, d: { value: string }) => (
    setF({ ...f, [k]: d.value }),
    errs.clear(k)
  );
  const save = () =>
    saveCmd.run({ expectedVersion: doc.version, settings: f, ...(secret ? { clientSecret: secret } : {}) });
  return (
    <section className={s.section} aria-label="Exchange Calendar">
      <MessageBar intent="info">
        <MessageBarBody>
          {'Exchange Online only: only Online Exchange mailboxes support access to the calendar. ' +
            `Agents of ${tenantName} see the calendar of an employee in the Speed List or the Directory Search.`}
        </MessageBarBody>
      </MessageBar>
      <ErrorBar error={errs.general} />
      <form
        noValidate
        className={s.form}
        style={{ maxWidth: 900 }}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Checkbox
          label="Enable Calendar"
          checked={f.enabled}
          disabled={!writable}
          data-testid="wm-cal-enabled"
          onChange={(_, d) => setF({ ...f, enabled: d.checked === true })}
        />
        <div className={s.row}>
          <Field
            label="Client ID"
            required={f.enabled}
            hint="Application (client) ID of the Azure app registration."
            {...errs.field('clientId')}
          >
            <Input value={f.clientId} disabled={!writable} data-testid="wm-cal-clientId" onChange={set('clientId')} />
          </Field>
          <Field
            label="Tenant Id"
            required={f.enabled}
            hint="Directory (tenant) ID in Azure."
            {...errs.field('directoryTenantId')}
          >
            <Input
              value={f.directoryTenantId}
              disabled={!writable}
              data-testid="wm-cal-tenantId"
              onChange={set('directoryTenantId')}
            />
          </Field>
        </div>
        <Field
          label={
            <>
              Client secret value <SetBadge set={doc.secretSet} testId="wm-cal-secret-state" />
            </>
          }
          required={f.enabled}
          hint="Kept in the OS keychain only, for this Client ID and Tenant Id; type a new one to replace it."
          {...errs.field('clientSecret')}
        >
          <Input
            type="password"
            value={secret}
            autoComplete="new-password"
            placeholder={doc.secretSet ? '(unchanged)' : ''}
            disabled={!writable}
            data-testid="wm-cal-secret"
            onChange={(_, d) => (setSecret(d.value), errs.clear('clientSecret'))}
          />
        </Field>
        <div className={s.row}>
          <Field label="Authority" hint="The Microsoft identity platform." {...errs.field('authorityUrl')}>
            <Input
              value={f.authorityUrl}
              disabled={!writable}
              data-testid="wm-cal-authority"
              onChange={set('authorityUrl')}
            />
          </Field>
          <Field label="Graph endpoint" hint="Microsoft Graph." {...errs.field('graphUrl')}>
            <Input value={f.graphUrl} disabled={!writable} data-testid="wm-cal-graph" onChange={set('graphUrl')} />
          </Field>
        </div>
        {writable && (
          <div className={s.toolbar}>
            <Button
              appearance="primary"
              type="submit"
              icon={<Save16Regular />}
              disabled={saveCmd.busy || !dirty}
              data-testid="wm-cal-save"
            >
              Save
            </Button>
            <Text className={s.hint}>
              {doc.version > 0 ? `Last saved by ${doc.updatedBy} · version ${doc.version}` : 'Not configured yet.'}
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
            <Field label="User" {...errs.field('upn')} className={s.grow}>
              <Input
                value={upn}
                placeholder="someone@yourcompany.onmicrosoft.com"
                data-testid="wm-cal-upn"
                onChange={(_, d) => (setUpn(d.value), errs.clear('upn'))}
              />
            </Field>
            <Button
              icon={<Play16Regular />}
              disabled={testCmd.busy || dirty}
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
