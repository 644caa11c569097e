import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Badge,
  Button,
  Checkbox,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { ArrowClockwise16Regular, Delete16Regular, Send16Regular } from '@fluentui/react-icons';
import {
  O365_DEFAULT_AUTHORITY,
  O365_DEFAULT_SMTP,
  outgoingTlsOf,
  type OutgoingRow,
  type OutgoingSettings,
} from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import { QueryState } from '../../ui/QueryState';
import { confirm, useCommand } from '../../ui/kit';
import { emailKeys } from './data';
import { emailFormErrors, ErrorBar, useEmailStyles } from './ui';

const TLS_TEXT = {
  implicit: 'TLS from the start (port 465)',
  starttls: 'STARTTLS required (port 587)',
  opportunistic: 'STARTTLS when the server offers it',
} as const;

const FIELDS = [
  'fromAddress',
  'host',
  'port',
  'userName',
  'password.password',
  'password.confirm',
  'clientId',
  'tenantId',
  'authority',
  'o365SmtpHost',
  'o365SmtpPort',
  'proxy',
  'clientSecret',
] as const;

/** Outgoing e-mail: the installation's SMTP or Office 365 sender, and the durable queue. */
export function OutgoingView({ writable, hostAdmin }: { writable: boolean; hostAdmin: boolean }) {
  const q = useQuery({ queryKey: [...emailKeys.all, 'outgoing'], queryFn: () => unwrap(ccm.email.getOutgoing({})) });
  return (
    <>
      <QueryState isPending={q.isPending} error={q.error} what="the outgoing e-mail settings" />
      {q.data && <OutgoingForm key={q.data.version} row={q.data} editable={writable && hostAdmin} />}
      <QueueView writable={writable && hostAdmin} />
    </>
  );
}

function OutgoingForm({ row, editable }: { row: OutgoingRow; editable: boolean }) {
  const s = useEmailStyles();
  const [f, setF] = useState<OutgoingSettings>(row.settings);
  const [password, setPassword] = useState({ password: '', confirm: '' });
  const [secret, setSecret] = useState('');
  const [to, setTo] = useState('');
  const saveCmd = useCommand((v: Parameters<typeof ccm.email.saveOutgoing>[0]) => ccm.email.saveOutgoing(v), {
    invalidates: [emailKeys.all],
  });
  const [result, setResult] = useState<{ ok: boolean; response: string } | null>(null);
  const testCmd = useCommand((v: Parameters<typeof ccm.email.testOutgoing>[0]) => ccm.email.testOutgoing(v), {
    invalidates: [emailKeys.all],
    onSuccess: (r: { ok: boolean; response: string }) => setResult(r),
  });
  const errs = emailFormErrors(saveCmd.error, FIELDS, saveCmd.reset);
  const set =
    <K extends keyof OutgoingSettings>(k: K) =>
    (v: OutgoingSettings[K]) => {
      setF((x) => ({ ...x, [k]: v }));
      errs.clear(k);
    };
  const save = () =>
    void saveCmd.run({
      expectedVersion: row.version,
      settings: f,
      password: f.protocol === 'smtp' && f.useAuth && password.password ? password : undefined,
      clientSecret: f.protocol === 'office365' && secret ? secret : undefined,
    });
  const smtp = f.protocol === 'smtp';
  return (
    <section className={s.group} aria-label="Outgoing e-mail" data-testid="email-outgoing">
      <ErrorBar error={errs.general} />
      {!editable && <span className={s.hint}>Only a host administrator changes the outgoing e-mail.</span>}
      <div className={s.columns}>
        <div className={s.form}>
          <Checkbox
            label="Enable Outgoing Mail"
            checked={f.enabled}
            disabled={!editable}
            data-testid="email-out-enabled"
            onChange={(_, d) => set('enabled')(d.checked === true)}
          />
          <Field label="Protocol Type">
            <Dropdown
              value={smtp ? 'SMTP' : 'Office 365'}
              selectedOptions={[f.protocol]}
              disabled={!editable}
              data-testid="email-out-protocol"
              onOptionSelect={(_, d) => set('protocol')(d.optionValue as OutgoingSettings['protocol'])}
            >
              <Option value="smtp">SMTP</Option>
              <Option value="office365">Office 365</Option>
            </Dropdown>
          </Field>
          <Field label={smtp ? 'Email From Address' : 'Email Address'} {...errs.field('fromAddress')}>
            <Input
              value={f.fromAddress}
              disabled={!editable}
              data-testid="email-out-from"
              onChange={(_, d) => set('fromAddress')(d.value)}
            />
          </Field>
          <Field
            label="Proxy"
            hint={
              f.proxy === 'system'
                ? 'Through the proxy set in System parameters › Proxy settings (its bypass list applies)'
                : 'Connect to the mail server directly'
            }
            {...errs.field('proxy')}
          >
            <Dropdown
              value={f.proxy === 'system' ? 'System parameters proxy' : 'None'}
              selectedOptions={[f.proxy]}
              disabled={!editable}
              data-testid="email-out-proxy"
              onOptionSelect={(_, d) => set('proxy')(d.optionValue as OutgoingSettings['proxy'])}
            >
              <Option value="system">System parameters proxy</Option>
              <Option value="none">None</Option>
            </Dropdown>
          </Field>
        </div>
        {smtp ? (
          <div className={s.form}>
            <div className={s.pair}>
              <Field label="Server Name" {...errs.field('host')}>
                <Input
                  value={f.host}
                  disabled={!editable}
                  data-testid="email-out-host"
                  onChange={(_, d) => set('host')(d.value)}
                />
              </Field>
              <Field label="Server Port" hint={TLS_TEXT[outgoingTlsOf(f.port)]} {...errs.field('port')}>
                <Input
                  value={String(f.port)}
                  disabled={!editable}
                  data-testid="email-out-port"
                  onChange={(_, d) => set('port')(Number(d.value))}
                />
              </Field>
            </div>
            <Checkbox
              label="Use Authentication"
              checked={f.useAuth}
              disabled={!editable}
              onChange={(_, d) => set('useAuth')(d.checked === true)}
            />
            {f.useAuth && (
              <>
                <Field label="Username" {...errs.field('userName')}>
                  <Input value={f.userName} disabled={!editable} onChange={(_, d) => set('userName')(d.value)} />
                </Field>
                <div className={s.pair}>
                  <Field
                    label="Password"
                    hint={row.passwordSet ? 'Set. Leave blank to keep it.' : undefined}
                    {...errs.field('password.password')}
                  >
                    <Input
                      type="password"
                      value={password.password}
                      disabled={!editable}
                      onChange={(_, d) => setPassword((p) => ({ ...p, password: d.value }))}
                    />
                  </Field>
                  <Field label="Confirm" {...errs.field('password.confirm')}>
                    <Input
                      type="password"
                      value={password.confirm}
                      disabled={!editable}
                      onChange={(_, d) => setPassword((p) => ({ ...p, confirm: d.value }))}
                    />
                  </Field>
                </div>
              </>
            )}
          </div>
        ) : (
          <div className={s.form}>
            <Field label="Application (client) ID" {...errs.field('clientId')}>
              <Input
                value={f.clientId}
                disabled={!editable}
                data-testid="email-out-client"
                onChange={(_, d) => set('clientId')(d.value)}
              />
            </Field>
            <Field label="Directory (tenant) ID" {...errs.field('tenantId')}>
              <Input
                value={f.tenantId}
                disabled={!editable}
                data-testid="email-out-tenant"
                onChange={(_, d) => set('tenantId')(d.value)}
              />
            </Field>
            <Field
              label="Client secret"
              hint={
                row.clientSecretSet
                  ? 'Set. Leave blank to keep it. Changing the Authentication URL or the SMTP server needs it again.'
                  : 'Not set.'
              }
              {...errs.field('clientSecret')}
            >
              <Input
                type="password"
                value={secret}
                disabled={!editable}
                data-testid="email-out-secret"
                onChange={(_, d) => setSecret(d.value)}
              />
            </Field>
            <Field label="Authentication URL" hint={`Default ${O365_DEFAULT_AUTHORITY}`} {...errs.field('authority')}>
              <Input
                value={f.authority}
                disabled={!editable}
                data-testid="email-out-authority"
                onChange={(_, d) => set('authority')(d.value)}
              />
            </Field>
            <div className={s.pair}>
              <Field label="SMTP server" hint={`Default ${O365_DEFAULT_SMTP.host}`} {...errs.field('o365SmtpHost')}>
                <Input
                  value={f.o365SmtpHost}
                  disabled={!editable}
                  data-testid="email-out-o365-host"
                  onChange={(_, d) => set('o365SmtpHost')(d.value)}
                />
              </Field>
              <Field
                label="SMTP port"
                hint={f.o365SmtpPort === 465 ? TLS_TEXT.implicit : 'STARTTLS required'}
                {...errs.field('o365SmtpPort')}
              >
                <Input
                  value={String(f.o365SmtpPort)}
                  disabled={!editable}
                  data-testid="email-out-o365-port"
                  onChange={(_, d) => set('o365SmtpPort')(Number(d.value))}
                />
              </Field>
            </div>
          </div>
        )}
      </div>
      {editable && (
        <div className={s.toolbar}>
          <Button appearance="primary" disabled={saveCmd.busy} data-testid="email-out-save" onClick={save}>
            Save
          </Button>
          <Input
            placeholder="Test recipient address"
            value={to}
            data-testid="email-out-test-to"
            onChange={(_, d) => setTo(d.value)}
          />
          <Button
            icon={<Send16Regular />}
            disabled={testCmd.busy || !row.configured}
            data-testid="email-out-test"
            onClick={() => void testCmd.run({ to, via: 'direct' })}
          >
            Test connection
          </Button>
          <Button
            disabled={testCmd.busy || !row.configured}
            data-testid="email-out-test-queue"
            onClick={() => void testCmd.run({ to, via: 'queue' })}
          >
            Queue a test message
          </Button>
        </div>
      )}
      <ErrorBar error={testCmd.error} />
      {result && (
        <MessageBar intent={result.ok ? 'success' : 'error'} data-testid="email-out-test-result">
          <MessageBarBody>{result.response}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

function QueueView({ writable }: { writable: boolean }) {
  const s = useEmailStyles();
  const q = useQuery({
    queryKey: [...emailKeys.all, 'queue'],
    queryFn: () => unwrap(ccm.email.listQueue({})),
    refetchInterval: 5000,
  });
  const retry = useCommand((v: { id?: number }) => ccm.email.retryQueue(v), { invalidates: [emailKeys.all] });
  const discard = (id: number, subject: string) =>
    void confirm({
      title: 'Discard message?',
      body: `Discard “${subject}”? It will not be sent.`,
      danger: true,
      confirmLabel: 'Discard',
      confirmTestId: 'email-confirm-discard',
      action: async () => {
        const env = await ccm.email.discardQueued({ id });
        if (!env.ok) throw new Error(env.error.message);
        await q.refetch();
      },
    });
  return (
    <section className={s.section} aria-label="Queue" data-testid="email-queue">
      <div className={s.toolbar}>
        <strong>Queue</strong>
        <span className={s.hint} data-testid="email-queue-total">
          {q.data ? `${q.data.total} message${q.data.total === 1 ? '' : 's'} waiting` : ''}
        </span>
        {writable && (
          <Button
            size="small"
            icon={<ArrowClockwise16Regular />}
            disabled={retry.busy || !q.data?.total}
            data-testid="email-queue-retry-all"
            onClick={() => void retry.run({})}
          >
            Retry now
          </Button>
        )}
      </div>
      <QueryState isPending={q.isPending} error={q.error} what="the queue" />
      {q.data && q.data.rows.length > 0 && (
        <Table size="small" aria-label="Queue" data-testid="email-queue-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Queued</TableHeaderCell>
              <TableHeaderCell>To</TableHeaderCell>
              <TableHeaderCell>Subject</TableHeaderCell>
              <TableHeaderCell>State</TableHeaderCell>
              <TableHeaderCell>Attempts</TableHeaderCell>
              <TableHeaderCell>Last error</TableHeaderCell>
              <TableHeaderCell style={{ width: 90 }} />
            </TableRow>
          </TableHeader>
          <TableBody>
            {q.data.rows.map((r) => (
              <TableRow key={r.id} data-testid="email-queue-row">
                <TableCell>{r.createdAt.slice(0, 19).replace('T', ' ')}</TableCell>
                <TableCell>{r.to.join(', ')}</TableCell>
                <TableCell>{r.subject}</TableCell>
                <TableCell>
                  <Badge appearance="tint" color={r.state === 'failed' ? 'danger' : 'informative'}>
                    {r.state === 'failed' ? 'Refused' : r.waitReason ? 'Rate limit' : 'Waiting'}
                  </Badge>
                  {r.state === 'queued' && r.waitReason && (
                    <div data-testid="email-queue-wait">
                      next slot at {r.nextAttemptAt.slice(0, 19).replace('T', ' ')}
                    </div>
                  )}
                </TableCell>
                <TableCell>{r.attempts}</TableCell>
                <TableCell className={s.mono}>{r.lastError ?? ''}</TableCell>
                <TableCell>
                  {writable && (
                    <div className={s.toolbar}>
                      <Button
                        size="small"
                        icon={<ArrowClockwise16Regular />}
                        aria-label="Retry now"
                        onClick={() => void retry.run({ id: r.id })}
                      />
                      <Button
                        size="small"
                        icon={<Delete16Regular />}
                        aria-label="Discard"
                        onClick={() => discard(r.id, r.subject)}
                      />
                    </div>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
