import { useState } from 'react';
import {
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
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Add16Regular, ArrowClockwise16Regular, Delete16Regular, Edit16Regular } from '@fluentui/react-icons';
import { useQuery } from '@tanstack/react-query';
import { SMS_CLIENT_DEFAULTS, type SmsNumberRow } from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import { confirm, HelpLink, serverErrors, useCommand } from '../../ui/kit';
import { QueryState } from '../../ui/QueryState';
import { genesysKeys } from './data';
import { useGenesysStyles } from './GenesysHome';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
  },
  surface: { maxWidth: '760px', width: '94vw' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxHeight: '64vh' },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected },
});

const smsKeys = {
  numbers: [...genesysKeys.all, 'sms', 'numbers'] as const,
  client: [...genesysKeys.all, 'sms', 'client'] as const,
};

/** One labelled input with the error main answered for it. */
function F({
  label,
  field,
  errs,
  value,
  onChange,
  type,
  hint,
  disabled,
}: {
  label: string;
  field: string;
  errs: Record<string, string>;
  value: string;
  onChange: (v: string) => void;
  type?: 'password' | 'number';
  hint?: string;
  disabled?: boolean;
}) {
  return (
    <Field label={label} hint={hint} validationMessage={errs[field]} validationState={errs[field] ? 'error' : 'none'}>
      <Input
        value={value}
        type={type ?? 'text'}
        disabled={disabled}
        onChange={(_, d) => onChange(d.value)}
        data-testid={`genesys-sms-${field}`}
      />
    </Field>
  );
}

/**
 * SMS Provisioning: the numbers provisioned in the paired Genesys Cloud organization (Add / Edit /
 * Delete / Refresh) and Manage Client (the OAuth client the SMS provisioning uses).
 */
export function SmsPage({ writable }: { writable: boolean }) {
  const s = useGenesysStyles();
  const st = useStyles();
  const q = useQuery({ queryKey: smsKeys.numbers, queryFn: () => unwrap(ccm.genesys.smsNumbers({})) });
  const [selected, setSelected] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'add' | 'edit' | 'client' | null>(null);
  const del = useCommand((v: { id: number; expectedVersion: number }) => ccm.genesys.smsDelete(v), {
    invalidates: [smsKeys.numbers],
  });
  const row = q.data?.find((n) => n.number === selected) ?? null;
  return (
    <section className={s.section} aria-label="SMS Provisioning">
      <Text className={s.hint}>
        Numbers provisioned for SMS in the paired Genesys Cloud organization. Webhook passwords are kept in the
        operating system’s keychain only. <HelpLink id="genesys-sms" />
      </Text>
      {del.error && (
        <MessageBar intent="error">
          <MessageBarBody>{del.error.message}</MessageBarBody>
        </MessageBar>
      )}
      <div className={s.toolbar}>
        <Button
          icon={<Add16Regular />}
          disabled={!writable}
          onClick={() => setDialog('add')}
          data-testid="genesys-sms-add"
        >
          Add
        </Button>
        <Button
          icon={<Edit16Regular />}
          disabled={!writable || !row?.id}
          onClick={() => setDialog('edit')}
          data-testid="genesys-sms-edit"
        >
          Edit
        </Button>
        <Button
          icon={<Delete16Regular />}
          disabled={!writable || !row?.id || del.busy}
          data-testid="genesys-sms-delete"
          onClick={async () => {
            if (!row?.id || !row.version) return;
            const ok = await confirm({
              title: 'Deprovision number',
              body: `Deprovision ${row.number}? It is released in Genesys Cloud.`,
              danger: true,
              confirmLabel: 'Delete',
            });
            if (ok && (await del.run({ id: row.id, expectedVersion: row.version }))) setSelected(null);
          }}
        >
          Delete
        </Button>
        <Button
          icon={<ArrowClockwise16Regular />}
          disabled={q.isFetching}
          onClick={() => void q.refetch()}
          data-testid="genesys-sms-refresh"
        >
          Refresh
        </Button>
        <Button onClick={() => setDialog('client')} data-testid="genesys-sms-manage-client">
          Manage Client
        </Button>
      </div>
      <QueryState isPending={q.isPending} error={q.error} what="the provisioned numbers" />
      {q.data && (
        <div className={s.tableWrap}>
          <Table size="small" aria-label="Provisioned numbers" data-testid="genesys-sms-numbers">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Account ID</TableHeaderCell>
                <TableHeaderCell>Number</TableHeaderCell>
                <TableHeaderCell style={{ width: 110 }}>Type</TableHeaderCell>
                <TableHeaderCell style={{ width: 140 }}>Status</TableHeaderCell>
                <TableHeaderCell>E-Mail</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {q.data.length === 0 && (
                <TableRow>
                  <TableCell colSpan={5}>No numbers are provisioned.</TableCell>
                </TableRow>
              )}
              {q.data.map((n) => (
                <TableRow
                  key={n.number}
                  className={n.number === selected ? st.selected : undefined}
                  onClick={() => setSelected(n.number)}
                  aria-selected={n.number === selected}
                  data-testid={`genesys-sms-row-${n.number}`}
                  style={{ cursor: 'pointer' }}
                >
                  <TableCell className={s.mono}>{n.accountId ?? '—'}</TableCell>
                  <TableCell>{n.number}</TableCell>
                  <TableCell>{n.type}</TableCell>
                  <TableCell>{n.status}</TableCell>
                  <TableCell>{n.email || '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {dialog === 'add' && (
        <ProvisionDialog onClose={() => setDialog(null)} surface={st.surface} content={st.content} grid={st.grid} />
      )}
      {dialog === 'edit' && row && (
        <UpdateDialog
          row={row}
          onClose={() => setDialog(null)}
          surface={st.surface}
          content={st.content}
          grid={st.grid}
        />
      )}
      {dialog === 'client' && <ClientDialog writable={writable} onClose={() => setDialog(null)} content={st.content} />}
    </section>
  );
}

interface Css {
  surface: string;
  content: string;
  grid: string;
}

function ProvisionDialog({ onClose, surface, content, grid }: { onClose: () => void } & Css) {
  const [c, setC] = useState({
    numberType: 'Longcode' as 'Longcode' | 'Toll Free',
    maxResults: '10',
    exchange: '',
    areaCode: '',
    city: '',
    state: '',
    country: 'US',
    postalCode: '',
    vanity: '',
    endsWith: false,
  });
  const [d, setD] = useState({
    phoneNumber: '',
    comment: '',
    email: '',
    webhookUsername: '',
    webhookPassword: '',
    confirmPassword: '',
    moUrl: '',
    drUrl: '',
  });
  const search = useCommand((v: Parameters<typeof ccm.genesys.smsSearch>[0]) => ccm.genesys.smsSearch(v));
  const [found, setFound] = useState<{ phoneNumber: string; city: string | null; region: string | null }[] | null>(
    null,
  );
  const provision = useCommand((v: Parameters<typeof ccm.genesys.smsProvision>[0]) => ccm.genesys.smsProvision(v), {
    invalidates: [smsKeys.numbers],
  });
  const se = serverErrors(search.error, {
    fields: ['numberType', 'maxResults', 'exchange', 'areaCode', 'city', 'state', 'country', 'postalCode', 'vanity'],
  });
  const pe = serverErrors(provision.error, {
    fields: [
      'phoneNumber',
      'email',
      'comment',
      'webhookUsername',
      'webhookPassword',
      'confirmPassword',
      'moUrl',
      'drUrl',
    ],
  });
  const setc = (k: keyof typeof c) => (v: string) => {
    setC({ ...c, [k]: v });
    search.reset();
  };
  const setd = (k: keyof typeof d) => (v: string) => {
    setD({ ...d, [k]: v });
    provision.reset();
  };
  return (
    <Dialog open onOpenChange={(_, x) => !x.open && onClose()}>
      <DialogSurface className={surface}>
        <DialogBody>
          <DialogTitle>Genesys Cloud SMS Provisioning</DialogTitle>
          <DialogContent className={content}>
            {(se.message ?? pe.message) && (
              <MessageBar intent="error">
                <MessageBarBody>{se.message ?? pe.message}</MessageBarBody>
              </MessageBar>
            )}
            <form
              className={grid}
              aria-label="Search available numbers"
              onSubmit={async (e) => {
                e.preventDefault();
                const r = await search.run({
                  ...c,
                  maxResults: Number(c.maxResults),
                });
                if (r) {
                  setFound(r);
                  setD((x) => ({ ...x, phoneNumber: r[0]?.phoneNumber ?? '' }));
                }
              }}
            >
              <Field
                label="Number Type"
                validationMessage={se.fields.numberType}
                validationState={se.fields.numberType ? 'error' : 'none'}
              >
                <Select
                  value={c.numberType}
                  onChange={(_, x) => setc('numberType')(x.value)}
                  data-testid="genesys-sms-numberType"
                >
                  <option value="Longcode">Longcode</option>
                  <option value="Toll Free">Toll Free</option>
                </Select>
              </Field>
              <F
                label="Max Results"
                field="maxResults"
                errs={se.fields}
                value={c.maxResults}
                onChange={setc('maxResults')}
                type="number"
              />
              <F
                label="Exchange"
                field="exchange"
                errs={se.fields}
                value={c.exchange}
                onChange={setc('exchange')}
                hint="First digit 2–9, then 0–9, 0–9"
              />
              <F
                label="Area Code"
                field="areaCode"
                errs={se.fields}
                value={c.areaCode}
                onChange={setc('areaCode')}
                hint="First digit 2–9, then 0–9, 0–9"
              />
              <F label="City" field="city" errs={se.fields} value={c.city} onChange={setc('city')} />
              <F label="State" field="state" errs={se.fields} value={c.state} onChange={setc('state')} />
              <F
                label="Country"
                field="country"
                errs={se.fields}
                value={c.country}
                onChange={setc('country')}
                hint="Two letters, e.g. US"
              />
              <F
                label="Postal Code"
                field="postalCode"
                errs={se.fields}
                value={c.postalCode}
                onChange={setc('postalCode')}
                disabled
                hint="Genesys Cloud's number search has no postal code: use City, State or Area Code"
              />
              <F
                label="Vanity"
                field="vanity"
                errs={se.fields}
                value={c.vanity}
                onChange={setc('vanity')}
                hint="4 to 7 letters or digits"
              />
              <div style={{ display: 'flex', alignItems: 'end', gap: 12 }}>
                <Checkbox
                  label="Ends With"
                  checked={c.endsWith}
                  onChange={(_, x) => {
                    setC({ ...c, endsWith: x.checked === true });
                    search.reset();
                  }}
                  data-testid="genesys-sms-endsWith"
                />
                <Button type="submit" appearance="primary" disabled={search.busy} data-testid="genesys-sms-search">
                  Search
                </Button>
              </div>
            </form>
            <div className={grid}>
              <Field
                label="Available Numbers"
                validationMessage={pe.fields.phoneNumber}
                validationState={pe.fields.phoneNumber ? 'error' : 'none'}
                hint={found ? `${found.length} found` : 'Search first'}
              >
                <Select
                  value={d.phoneNumber}
                  disabled={!found?.length}
                  onChange={(_, x) => setd('phoneNumber')(x.value)}
                  data-testid="genesys-sms-available"
                >
                  {(found ?? []).map((n) => (
                    <option key={n.phoneNumber} value={n.phoneNumber}>
                      {n.phoneNumber}
                      {n.city ? ` — ${n.city}, ${n.region ?? ''}` : ''}
                    </option>
                  ))}
                </Select>
              </Field>
              <F label="Comment" field="comment" errs={pe.fields} value={d.comment} onChange={setd('comment')} />
              <F label="Email Address" field="email" errs={pe.fields} value={d.email} onChange={setd('email')} />
              <F
                label="Webhook Username"
                field="webhookUsername"
                errs={pe.fields}
                value={d.webhookUsername}
                onChange={setd('webhookUsername')}
              />
              <F
                label="Webhook Password"
                field="webhookPassword"
                errs={pe.fields}
                value={d.webhookPassword}
                onChange={setd('webhookPassword')}
                type="password"
              />
              <F
                label="Confirm Password"
                field="confirmPassword"
                errs={pe.fields}
                value={d.confirmPassword}
                onChange={setd('confirmPassword')}
                type="password"
              />
              <F
                label="MO URL"
                field="moUrl"
                errs={pe.fields}
                value={d.moUrl}
                onChange={setd('moUrl')}
                hint="https only"
              />
              <F
                label="DR URL"
                field="drUrl"
                errs={pe.fields}
                value={d.drUrl}
                onChange={setd('drUrl')}
                hint="https only"
              />
            </div>
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              disabled={provision.busy || !d.phoneNumber}
              data-testid="genesys-sms-provision"
              onClick={async () => {
                const r = await provision.run({
                  ...d,
                  numberType: c.numberType,
                  country: c.country,
                  webhookPassword: d.webhookPassword || undefined,
                  confirmPassword: d.confirmPassword || undefined,
                });
                if (r) onClose();
              }}
            >
              Provision
            </Button>
            <Button onClick={onClose}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

function UpdateDialog({ row, onClose, surface, content, grid }: { row: SmsNumberRow; onClose: () => void } & Css) {
  const [d, setD] = useState({
    email: row.email,
    comment: row.comment,
    webhookUsername: row.webhookUsername,
    webhookPassword: '',
    confirmPassword: '',
    moUrl: row.moUrl,
    drUrl: row.drUrl,
  });
  const update = useCommand((v: Parameters<typeof ccm.genesys.smsUpdate>[0]) => ccm.genesys.smsUpdate(v), {
    invalidates: [smsKeys.numbers],
  });
  const e = serverErrors(update.error, {
    fields: ['email', 'comment', 'webhookUsername', 'webhookPassword', 'confirmPassword', 'moUrl', 'drUrl'],
  });
  const set = (k: keyof typeof d) => (v: string) => {
    setD({ ...d, [k]: v });
    update.reset();
  };
  return (
    <Dialog open onOpenChange={(_, x) => !x.open && onClose()}>
      <DialogSurface className={surface}>
        <DialogBody>
          <DialogTitle>Genesys Cloud SMS Update Provisioning</DialogTitle>
          <DialogContent className={content}>
            {e.message && (
              <MessageBar intent="error">
                <MessageBarBody>{e.message}</MessageBarBody>
              </MessageBar>
            )}
            <div className={grid}>
              <F label="Number" field="number" errs={{}} value={row.number} onChange={() => {}} disabled />
              <F label="Email Address" field="email" errs={e.fields} value={d.email} onChange={set('email')} />
              <F label="Current Status" field="status" errs={{}} value={row.status} onChange={() => {}} disabled />
              <F label="Number Type" field="type" errs={{}} value={row.type} onChange={() => {}} disabled />
              <F label="Description" field="comment" errs={e.fields} value={d.comment} onChange={set('comment')} />
              <F
                label="Webhook Username"
                field="webhookUsername"
                errs={e.fields}
                value={d.webhookUsername}
                onChange={set('webhookUsername')}
              />
              <F
                label="Webhook Password"
                field="webhookPassword"
                errs={e.fields}
                value={d.webhookPassword}
                onChange={set('webhookPassword')}
                type="password"
                hint={row.webhookPasswordSet ? 'Set — leave empty to keep it' : 'Not set'}
              />
              <F
                label="Confirm Password"
                field="confirmPassword"
                errs={e.fields}
                value={d.confirmPassword}
                onChange={set('confirmPassword')}
                type="password"
              />
              <F
                label="MO URL"
                field="moUrl"
                errs={e.fields}
                value={d.moUrl}
                onChange={set('moUrl')}
                hint="https only"
              />
              <F
                label="DR URL"
                field="drUrl"
                errs={e.fields}
                value={d.drUrl}
                onChange={set('drUrl')}
                hint="https only"
              />
            </div>
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              disabled={update.busy}
              data-testid="genesys-sms-update"
              onClick={async () => {
                const r = await update.run({
                  id: row.id!,
                  expectedVersion: row.version!,
                  ...d,
                  webhookPassword: d.webhookPassword || undefined,
                  confirmPassword: d.confirmPassword || undefined,
                });
                if (r) onClose();
              }}
            >
              Update
            </Button>
            <Button onClick={onClose}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

function ClientDialog({ writable, onClose, content }: { writable: boolean; onClose: () => void; content: string }) {
  const q = useQuery({ queryKey: smsKeys.client, queryFn: () => unwrap(ccm.genesys.smsClient({})) });
  const doc = q.data ?? null;
  const [f, setF] = useState<{
    serviceName: string;
    durationSeconds: string;
    status: string;
    description: string;
  } | null>(null);
  const form =
    f ??
    (doc
      ? { ...doc.config, durationSeconds: String(doc.config.durationSeconds) }
      : { ...SMS_CLIENT_DEFAULTS, durationSeconds: String(SMS_CLIENT_DEFAULTS.durationSeconds) });
  const save = useCommand((v: Parameters<typeof ccm.genesys.smsClientSave>[0]) => ccm.genesys.smsClientSave(v), {
    invalidates: [smsKeys.client],
  });
  const remove = useCommand((v: { expectedVersion: number }) => ccm.genesys.smsClientDelete(v), {
    invalidates: [smsKeys.client],
  });
  const e = serverErrors(save.error ?? remove.error, { prefixes: ['config'] });
  const set = (k: keyof typeof form) => (v: string) => {
    setF({ ...form, [k]: v });
    save.reset();
  };
  const run = async () => {
    const r = await save.run({
      expectedVersion: doc?.version ?? 0,
      config: {
        serviceName: form.serviceName,
        durationSeconds: Number(form.durationSeconds),
        status: form.status as 'active' | 'inactive',
        description: form.description,
      },
    });
    if (r) setF(null);
  };
  return (
    <Dialog open onOpenChange={(_, x) => !x.open && onClose()}>
      <DialogSurface style={{ maxWidth: 520 }}>
        <DialogBody>
          <DialogTitle>Manage Client Configuration</DialogTitle>
          <DialogContent className={content}>
            <QueryState isPending={q.isPending} error={q.error} what="the client configuration" />
            {e.message && (
              <MessageBar intent="error">
                <MessageBarBody>{e.message}</MessageBarBody>
              </MessageBar>
            )}
            <F
              label="Service Name"
              field="serviceName"
              errs={e.fields}
              value={form.serviceName}
              onChange={set('serviceName')}
              disabled={!writable}
            />
            <F
              label="Client Id"
              field="clientId"
              errs={{}}
              value={doc?.clientId ?? ''}
              onChange={() => {}}
              disabled
              hint={doc ? undefined : 'Assigned when the client is created'}
            />
            <F
              label="Client Secret"
              field="secret"
              errs={{}}
              value={doc?.secretSet ? '••••••••' : ''}
              onChange={() => {}}
              disabled
              hint="Created by Genesys Cloud; kept in the operating system’s keychain"
            />
            <F
              label="Duration (Seconds)"
              field="durationSeconds"
              errs={e.fields}
              value={form.durationSeconds}
              onChange={set('durationSeconds')}
              type="number"
              hint="600 to 172,800 (10 minutes to 48 hours); default 86,400"
              disabled={!writable}
            />
            <Field
              label="Status"
              validationMessage={e.fields.status}
              validationState={e.fields.status ? 'error' : 'none'}
            >
              <Select
                value={form.status}
                disabled={!writable}
                onChange={(_, x) => set('status')(x.value)}
                data-testid="genesys-sms-client-status"
              >
                <option value="active">active</option>
                <option value="inactive">inactive</option>
              </Select>
            </Field>
            <F
              label="Description"
              field="description"
              errs={e.fields}
              value={form.description}
              onChange={set('description')}
              disabled={!writable}
            />
          </DialogContent>
          <DialogActions>
            {!doc ? (
              <Button
                appearance="primary"
                disabled={!writable || save.busy || q.isPending}
                onClick={() => void run()}
                data-testid="genesys-sms-client-create"
              >
                Create
              </Button>
            ) : (
              <>
                <Button
                  appearance="primary"
                  disabled={!writable || save.busy}
                  onClick={() => void run()}
                  data-testid="genesys-sms-client-apply"
                >
                  Apply
                </Button>
                <Button
                  disabled={!writable || remove.busy}
                  data-testid="genesys-sms-client-delete"
                  onClick={async () => {
                    const ok = await confirm({
                      title: 'Delete client',
                      body: `Delete the OAuth client ${doc.config.serviceName} in Genesys Cloud?`,
                      danger: true,
                      confirmLabel: 'Delete',
                    });
                    if (ok && (await remove.run({ expectedVersion: doc.version }))) setF(null);
                  }}
                >
                  Delete
                </Button>
              </>
            )}
            <Button onClick={onClose}>Close</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
