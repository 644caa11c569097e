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
  MessageBar,
  MessageBarBody,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from '@fluentui/react-components';
import { Add20Regular, Delete16Regular, Edit16Regular } from '@fluentui/react-icons';
import {
  CallManagerFields,
  PhoneAgentLogonFields,
  type AutoLogonRow,
  type CallManagerRow,
  type CcmErrorShape,
} from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import { fieldMessage } from '../../ui/fieldMessage';
import { confirm, serverErrors } from '../../ui/kit';
import { QueryState } from '../../ui/QueryState';
import { useDateFormat } from '../../ui/useDateFormat';
import { AgentPicker } from './AgentPicker';
import { dispatchKeys, errorFor, refreshDispatch } from './data';
import { Section, useFormStyles } from './Section';

const OPTION = [
  'Use System Setting',
  'Restore Logon State',
  "Don't Restore Logon State",
  'Restore Logon State with Priority',
];
type PalEdit = {
  agent: { id: number; logonId: string } | null;
  existing: boolean;
  callManagerId: string;
  phoneNum: string;
  readyStatus: boolean;
  priorityLogon: boolean;
};

/** PHONE AGENT AUTOMATIC LOGON: who is restored after a restart; the phone_agent_logon table. */
export function PhoneAgentsView(props: { writable: boolean }) {
  const s = useFormStyles();
  const fmt = useDateFormat();
  const queryClient = useQueryClient();
  const q = useQuery({
    queryKey: dispatchKeys.autoLogon,
    queryFn: () => unwrap(ccm.dispatch.autoLogon({ limit: 1000 })),
  });
  const cms = useQuery({
    queryKey: dispatchKeys.callManagers,
    queryFn: () => unwrap(ccm.dispatch.listCallManagers({})),
  });
  const [edit, setEdit] = useState<PalEdit | null>(null);
  const [error, setError] = useState<CcmErrorShape | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const parsed = edit
    ? PhoneAgentLogonFields.safeParse({
        agentId: edit.agent?.id ?? 0,
        callManagerId: Number(edit.callManagerId) || 0,
        phoneNum: edit.phoneNum,
        readyStatus: edit.readyStatus,
        priorityLogon: edit.priorityLogon,
      })
    : null;
  const issue = (f: string) =>
    parsed && !parsed.success ? parsed.error.issues.find((i) => i.path[0] === f)?.message : undefined;
  /** Main's refusal about no field of this form: shown above it. */
  const palMessage = serverErrors(error, {
    fields: ['agentId', 'callManagerId', 'phoneNum'],
    prefixes: ['fields'],
  }).message;
  const save = async () => {
    if (!edit || !parsed?.success) return;
    const env = await ccm.dispatch.savePhoneAgentLogon({ fields: parsed.data, replace: edit.existing });
    if (!env.ok) return setError(env.error);
    setEdit(null);
    setNotice(
      `Saved the phone_agent_logon row of ${env.value.logonId}: ` +
        (env.value.restored
          ? `restored after a restart${env.value.priority ? ', with priority' : ''}`
          : 'not restored') +
        ` (${env.value.reason})`,
    );
    refreshDispatch(queryClient, 'phone_agent_logon');
  };
  const remove = async (removing: AutoLogonRow) => {
    const ok = await confirm({
      title: 'Remove from phone_agent_logon?',
      body:
        `Remove 1 row (${removing.logonId}, extension ${removing.phoneNum})? The agent will not be logged on ` +
        `after the next restart.`,
      danger: true,
      confirmLabel: 'Remove',
      testId: 'pal-remove-dialog',
    });
    if (!ok) return;
    const env = await ccm.dispatch.deletePhoneAgentLogon({ agentId: removing.agentId });
    setNotice(env.ok ? `Removed ${removing.logonId} from phone_agent_logon.` : env.error.message);
    refreshDispatch(queryClient, 'phone_agent_logon');
  };
  const open = (r: AutoLogonRow | null) => {
    setError(null);
    setEdit(
      r
        ? {
            agent: { id: r.agentId, logonId: r.logonId },
            existing: true,
            callManagerId: String(r.callManagerId),
            phoneNum: r.phoneNum,
            readyStatus: r.readyStatus,
            priorityLogon: r.priorityLogon,
          }
        : {
            agent: null,
            existing: false,
            callManagerId: String(cms.data?.[0]?.id ?? ''),
            phoneNum: '',
            readyStatus: true,
            priorityLogon: false,
          },
    );
  };

  return (
    <>
      <div className={s.toolbar}>
        <Text className={s.grow} data-testid="pal-summary">
          {q.data
            ? `${q.data.restoredCount} of ${q.data.total} phone agents in phone_agent_logon are logged on again ` +
              `after a restart, priority agents first. Automatically Restore Logon Status After Restart is ` +
              `${q.data.tenantAutoRestore ? 'on' : 'off'} for the tenant.`
            : ''}
        </Text>
        {props.writable && (
          <Button icon={<Add20Regular />} data-testid="pal-new" onClick={() => open(null)}>
            Add phone agent
          </Button>
        )}
      </div>
      {notice && (
        <MessageBar intent="info" data-testid="pal-notice">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      {!q.data ? (
        <QueryState isPending={q.isPending} error={q.error} what="the phone agents" />
      ) : q.data.rows.length === 0 ? (
        <Text className={s.muted}>phone_agent_logon is empty: no phone agent will be restored.</Text>
      ) : (
        <Table size="small" aria-label="Phone agent logon" data-testid="pal-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Order</TableHeaderCell>
              <TableHeaderCell>Agent</TableHeaderCell>
              <TableHeaderCell>User option</TableHeaderCell>
              <TableHeaderCell>Extension</TableHeaderCell>
              <TableHeaderCell>Call manager</TableHeaderCell>
              <TableHeaderCell>Ready</TableHeaderCell>
              <TableHeaderCell>Restored</TableHeaderCell>
              <TableHeaderCell>Updated</TableHeaderCell>
              <TableHeaderCell />
            </TableRow>
          </TableHeader>
          <TableBody>
            {q.data.rows.map((r, i) => (
              <TableRow key={r.agentId} data-testid={`pal-row-${r.logonId}`}>
                <TableCell>{r.restored ? i + 1 : ''}</TableCell>
                <TableCell>
                  {r.logonId}
                  <br />
                  <Text className={s.hint}>{r.name}</Text>
                </TableCell>
                <TableCell>{OPTION[r.option] ?? r.option}</TableCell>
                <TableCell>{r.phoneNum}</TableCell>
                <TableCell>{r.callManager}</TableCell>
                <TableCell>{r.readyStatus ? 'Ready' : 'Not ready'}</TableCell>
                <TableCell title={r.reason}>
                  {r.restored ? (
                    r.priority ? (
                      <Badge color="brand">Priority</Badge>
                    ) : (
                      'Yes'
                    )
                  ) : (
                    <Text className={s.muted}>No</Text>
                  )}
                  {(!r.restored || r.option === 0) && (
                    <>
                      <br />
                      <Text className={s.hint}>{r.reason}</Text>
                    </>
                  )}
                </TableCell>
                <TableCell>{fmt(r.timeStamp)}</TableCell>
                <TableCell>
                  {props.writable && (
                    <>
                      <Button
                        size="small"
                        appearance="subtle"
                        icon={<Edit16Regular />}
                        aria-label={`Edit ${r.logonId}`}
                        onClick={() => open(r)}
                      />
                      <Button
                        size="small"
                        appearance="subtle"
                        icon={<Delete16Regular />}
                        aria-label={`Remove ${r.logonId}`}
                        onClick={() => void remove(r)}
                      />
                    </>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Dialog open={edit !== null} onOpenChange={(_, d) => !d.open && setEdit(null)}>
        <DialogSurface>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <DialogBody>
              <DialogTitle>
                {edit?.existing ? `phone_agent_logon of ${edit.agent?.logonId}` : 'Pre-populate phone_agent_logon'}
              </DialogTitle>
              <DialogContent style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
                <Text className={s.hint}>
                  DATABASE HANDLING: the row is read the next time the Router Service restarts; the agent is not logged
                  on now.
                </Text>
                {palMessage && (
                  <MessageBar intent="error">
                    <MessageBarBody>{palMessage}</MessageBarBody>
                  </MessageBar>
                )}
                <Field
                  label="Agent (agent_id)"
                  required
                  validationMessage={fieldMessage(errorFor(error, 'agentId'), 'pal-agent-error')}
                >
                  {edit?.existing ? (
                    <Input value={edit.agent?.logonId ?? ''} disabled />
                  ) : (
                    <AgentPicker
                      value={edit?.agent ?? null}
                      onChange={(a) => {
                        setError(null);
                        setEdit((e) => e && { ...e, agent: a });
                      }}
                      testId="pal-agent"
                    />
                  )}
                </Field>
                <Field
                  label="Call manager (call_manager_id)"
                  required
                  validationMessage={fieldMessage(errorFor(error, 'callManagerId'), 'pal-cm-error')}
                >
                  <Select
                    value={edit?.callManagerId ?? ''}
                    data-testid="pal-cm"
                    onChange={(_, d) => setEdit((e) => e && { ...e, callManagerId: d.value })}
                  >
                    {cms.data?.map((c) => (
                      <option key={c.id} value={c.id}>{`${c.name} (${c.host}${c.site ? `, ${c.site}` : ''})`}</option>
                    ))}
                  </Select>
                </Field>
                <Field
                  label="Extension (phone_num)"
                  required
                  validationMessage={fieldMessage(
                    (edit?.phoneNum ? issue('phoneNum') : undefined) ?? errorFor(error, 'phoneNum'),
                    'pal-phone-error',
                  )}
                >
                  <Input
                    value={edit?.phoneNum ?? ''}
                    data-testid="pal-phone"
                    onChange={(_, d) => setEdit((e) => e && { ...e, phoneNum: d.value })}
                  />
                </Field>
                <Checkbox
                  checked={edit?.readyStatus ?? false}
                  label="Voice ready after logon (ready_status)"
                  onChange={(_, d) => setEdit((e) => e && { ...e, readyStatus: d.checked === true })}
                />
                <Checkbox
                  checked={edit?.priorityLogon ?? false}
                  label="Priority logon (priority_logon)"
                  onChange={(_, d) => setEdit((e) => e && { ...e, priorityLogon: d.checked === true })}
                />
              </DialogContent>
              <DialogActions>
                <Button appearance="secondary" onClick={() => setEdit(null)}>
                  Cancel
                </Button>
                <Button appearance="primary" type="submit" disabled={!parsed?.success} data-testid="pal-save">
                  Save
                </Button>
              </DialogActions>
            </DialogBody>
          </form>
        </DialogSurface>
      </Dialog>
    </>
  );
}

type CmEdit = {
  row: CallManagerRow | null;
  name: string;
  serverType: 'OAS' | 'TAS';
  host: string;
  port: string;
  site: string;
};

/** Call managers (site_server_param): name, address, site. */
export function CallManagersView(props: { writable: boolean }) {
  const s = useFormStyles();
  const queryClient = useQueryClient();
  const q = useQuery({ queryKey: dispatchKeys.callManagers, queryFn: () => unwrap(ccm.dispatch.listCallManagers({})) });
  const [edit, setEdit] = useState<CmEdit | null>(null);
  const [error, setError] = useState<CcmErrorShape | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const parsed = edit
    ? CallManagerFields.safeParse({
        name: edit.name,
        serverType: edit.serverType,
        host: edit.host,
        port: Number(edit.port),
        site: edit.site,
      })
    : null;
  const issue = (f: string) =>
    parsed && !parsed.success ? parsed.error.issues.find((i) => i.path[0] === f)?.message : undefined;
  /** Main's refusal about no field this form places: shown above it. */
  const cmMessage = serverErrors(error, { fields: ['name'], prefixes: ['fields'] }).message;
  const save = async () => {
    if (!edit || !parsed?.success) return;
    const env = await ccm.dispatch.saveCallManager({
      id: edit.row?.id ?? null,
      expectedVersion: edit.row?.version ?? 0,
      fields: parsed.data,
    });
    if (!env.ok) return setError(env.error);
    setEdit(null);
    setNotice(`Saved call manager "${env.value.name}".`);
    refreshDispatch(queryClient, 'site_server_param');
  };
  const remove = async (removing: CallManagerRow) => {
    const ok = await confirm({
      title: 'Delete call manager?',
      body:
        `Delete 1 call manager, "${removing.name}" (${removing.host})?` +
        (removing.phoneAgents > 0
          ? ` ${removing.phoneAgents} phone agent rows refer to it: the delete will be refused.`
          : ''),
      danger: true,
      confirmLabel: 'Delete',
      testId: 'cm-delete-dialog',
    });
    if (!ok) return;
    const env = await ccm.dispatch.deleteCallManager({ id: removing.id, expectedVersion: removing.version });
    setNotice(env.ok ? `Deleted call manager "${removing.name}".` : env.error.message);
    refreshDispatch(queryClient, 'site_server_param');
  };
  return (
    <Section title="Call managers (site_server_param)" testId="cm-section">
      <div className={s.toolbar}>
        <Text className={s.grow}>
          Phone agents are logged on to a call manager; with Telephony Application Service, per site.
        </Text>
        {props.writable && (
          <Button
            icon={<Add20Regular />}
            data-testid="cm-new"
            onClick={() => {
              setError(null);
              setEdit({ row: null, name: '', serverType: 'TAS', host: '', port: '7001', site: '' });
            }}
          >
            New call manager
          </Button>
        )}
      </div>
      {notice && (
        <MessageBar intent="info" data-testid="cm-notice">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      {!q.data ? (
        <QueryState isPending={q.isPending} error={q.error} what="the call managers" />
      ) : (
        <Table size="small" aria-label="Call managers">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Type</TableHeaderCell>
              <TableHeaderCell>Address</TableHeaderCell>
              <TableHeaderCell>Site</TableHeaderCell>
              <TableHeaderCell>Phone agents</TableHeaderCell>
              <TableHeaderCell />
            </TableRow>
          </TableHeader>
          <TableBody>
            {q.data.map((c) => (
              <TableRow key={c.id} data-testid={`cm-row-${c.name}`}>
                <TableCell>{c.name}</TableCell>
                <TableCell>{c.serverType}</TableCell>
                <TableCell>
                  {c.host}:{c.port}
                </TableCell>
                <TableCell>{c.site ?? ''}</TableCell>
                <TableCell>{c.phoneAgents}</TableCell>
                <TableCell>
                  {props.writable && (
                    <>
                      <Button
                        size="small"
                        appearance="subtle"
                        icon={<Edit16Regular />}
                        aria-label={`Edit ${c.name}`}
                        onClick={() => {
                          setError(null);
                          setEdit({
                            row: c,
                            name: c.name,
                            serverType: c.serverType,
                            host: c.host,
                            port: String(c.port),
                            site: c.site ?? '',
                          });
                        }}
                      />
                      <Button
                        size="small"
                        appearance="subtle"
                        icon={<Delete16Regular />}
                        aria-label={`Delete ${c.name}`}
                        onClick={() => void remove(c)}
                      />
                    </>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Dialog open={edit !== null} onOpenChange={(_, d) => !d.open && setEdit(null)}>
        <DialogSurface>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <DialogBody>
              <DialogTitle>{edit?.row ? `Call manager "${edit.row.name}"` : 'New call manager'}</DialogTitle>
              <DialogContent style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
                {cmMessage && (
                  <MessageBar intent="error">
                    <MessageBarBody>{cmMessage}</MessageBarBody>
                  </MessageBar>
                )}
                <Field
                  label="Name"
                  required
                  validationMessage={fieldMessage(
                    (edit?.name ? issue('name') : undefined) ?? errorFor(error, 'name'),
                    'cm-name-error',
                  )}
                >
                  <Input
                    value={edit?.name ?? ''}
                    data-testid="cm-name"
                    onChange={(_, d) => setEdit((e) => e && { ...e, name: d.value })}
                  />
                </Field>
                <Field label="Type">
                  <Select
                    value={edit?.serverType ?? 'TAS'}
                    onChange={(_, d) => setEdit((e) => e && { ...e, serverType: d.value as 'OAS' | 'TAS' })}
                  >
                    <option value="TAS">Telephony Application Service (TAS)</option>
                    <option value="OAS">Open Application Server (OAS)</option>
                  </Select>
                </Field>
                <Field
                  label="Address"
                  required
                  validationMessage={fieldMessage(edit?.host ? issue('host') : undefined, 'cm-host-error')}
                >
                  <Input
                    value={edit?.host ?? ''}
                    data-testid="cm-host"
                    onChange={(_, d) => setEdit((e) => e && { ...e, host: d.value })}
                  />
                </Field>
                <Field label="Port" validationMessage={fieldMessage(issue('port'), 'cm-port-error')}>
                  <Input
                    inputMode="numeric"
                    value={edit?.port ?? ''}
                    onChange={(_, d) => setEdit((e) => e && { ...e, port: d.value })}
                  />
                </Field>
                <Field label="Site">
                  <Input
                    value={edit?.site ?? ''}
                    data-testid="cm-site"
                    onChange={(_, d) => setEdit((e) => e && { ...e, site: d.value })}
                  />
                </Field>
              </DialogContent>
              <DialogActions>
                <Button appearance="secondary" onClick={() => setEdit(null)}>
                  Cancel
                </Button>
                <Button appearance="primary" type="submit" disabled={!parsed?.success} data-testid="cm-save">
                  Save
                </Button>
              </DialogActions>
            </DialogBody>
          </form>
        </DialogSurface>
      </Dialog>
    </Section>
  );
}
