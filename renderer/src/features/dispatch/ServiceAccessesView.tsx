import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Link,
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
import { ServiceAccessFields, type CcmErrorShape, type ServiceAccessRow } from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import { fieldMessage } from '../../ui/fieldMessage';
import { QueryState } from '../../ui/QueryState';
import { confirm, HelpLink } from '../../ui/kit';
import { ObjectTagValuesPanel } from '../objectTags';
import { dispatchKeys, errorFor, refreshDispatch, useLookups } from './data';
import { openServiceGroupTab } from './openServiceGroupTab';
import { Section, useFormStyles } from './Section';

type Editing = { row: ServiceAccessRow | null; name: string; bvdNumber: string; serviceGroupId: string };

export function ServiceAccessesView(props: { writable: boolean }) {
  const s = useFormStyles();
  const queryClient = useQueryClient();
  const q = useQuery({ queryKey: dispatchKeys.accesses, queryFn: () => unwrap(ccm.dispatch.listServiceAccesses({})) });
  const lookups = useLookups();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [error, setError] = useState<CcmErrorShape | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const parsed = editing
    ? ServiceAccessFields.safeParse({
        name: editing.name,
        bvdNumber: editing.bvdNumber,
        serviceGroupId: Number(editing.serviceGroupId) || 0,
      })
    : null;
  const issue = (f: string) =>
    parsed && !parsed.success ? parsed.error.issues.find((i) => i.path[0] === f)?.message : undefined;
  const save = async () => {
    if (!editing || !parsed?.success) return;
    const env = await ccm.dispatch.saveServiceAccess({
      id: editing.row?.id ?? null,
      expectedVersion: editing.row?.version ?? 0,
      fields: parsed.data,
    });
    if (!env.ok) return setError(env.error);
    setEditing(null);
    setSelected(env.value.id);
    setNotice(`Saved service access "${env.value.name}" (BVD ${env.value.bvdNumber} → ${env.value.serviceGroup}).`);
    refreshDispatch(queryClient, 'service_access');
  };
  const remove = async (deleting: ServiceAccessRow) => {
    const ok = await confirm({
      title: 'Delete service access?',
      body:
        `Delete 1 service access, "${deleting.name}" (BVD ${deleting.bvdNumber})? Calls to that BVD will no ` +
        `longer reach ${deleting.serviceGroup}.`,
      danger: true,
      confirmLabel: 'Delete',
      testId: 'sa-delete',
    });
    if (!ok) return;
    const env = await ccm.dispatch.deleteServiceAccess({ id: deleting.id, expectedVersion: deleting.version });
    setNotice(env.ok ? `Deleted service access "${deleting.name}".` : env.error.message);
    refreshDispatch(queryClient, 'service_access');
  };
  const open = (row: ServiceAccessRow | null) => {
    setError(null);
    setEditing({
      row,
      name: row?.name ?? '',
      bvdNumber: row?.bvdNumber ?? '',
      serviceGroupId: row
        ? String(row.serviceGroupId)
        : String(
            lookups.data?.serviceGroups.find((g) => g.personalCalls)?.id ?? lookups.data?.serviceGroups[0]?.id ?? '',
          ),
    });
  };
  const sel = q.data?.find((r) => r.id === selected);

  return (
    <>
      <div className={s.toolbar}>
        <Text className={s.grow}>
          A service access routes the calls of one BVD number to a service group (
          <HelpLink id="personal-call-routing">Configuring Personal Call Routing, step 5</HelpLink>).
        </Text>
        {props.writable && (
          <Button icon={<Add20Regular />} data-testid="sa-new" onClick={() => open(null)}>
            New service access
          </Button>
        )}
      </div>
      {notice && (
        <MessageBar intent="info" data-testid="sa-notice">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      {!q.data ? (
        <QueryState isPending={q.isPending} error={q.error} what="the service accesses" />
      ) : q.data.length === 0 ? (
        <Text className={s.muted}>No service accesses yet.</Text>
      ) : (
        <Table size="small" aria-label="Service accesses" data-testid="sa-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>BVD number</TableHeaderCell>
              <TableHeaderCell>Service group</TableHeaderCell>
              <TableHeaderCell />
            </TableRow>
          </TableHeader>
          <TableBody>
            {q.data.map((r) => (
              <TableRow
                key={r.id}
                data-testid={`sa-row-${r.name}`}
                aria-selected={r.id === selected}
                onClick={() => setSelected(r.id)}
              >
                <TableCell>{r.name}</TableCell>
                <TableCell>{r.bvdNumber}</TableCell>
                <TableCell>
                  <Link onClick={() => openServiceGroupTab(r.serviceGroupId, r.serviceGroup)}>{r.serviceGroup}</Link>
                  {r.personalCalls ? ' (Personal Calls)' : ''}
                </TableCell>
                <TableCell>
                  {props.writable && (
                    <>
                      <Button
                        size="small"
                        appearance="subtle"
                        icon={<Edit16Regular />}
                        aria-label={`Edit ${r.name}`}
                        onClick={() => open(r)}
                      />
                      <Button
                        size="small"
                        appearance="subtle"
                        icon={<Delete16Regular />}
                        aria-label={`Delete ${r.name}`}
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
      {sel && (
        <Section title={`Object tags of "${sel.name}"`}>
          <ObjectTagValuesPanel objectType="serviceAccess" objectId={sel.id} readOnly={!props.writable} />
        </Section>
      )}

      <Dialog open={editing !== null} onOpenChange={(_, d) => !d.open && setEditing(null)}>
        <DialogSurface>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <DialogBody>
              <DialogTitle>{editing?.row ? `Service access "${editing.row.name}"` : 'New service access'}</DialogTitle>
              <DialogContent style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
                {error && !error.field && (
                  <MessageBar intent="error">
                    <MessageBarBody>{error.message}</MessageBarBody>
                  </MessageBar>
                )}
                <Field
                  label="Name"
                  required
                  validationMessage={fieldMessage(
                    (editing?.name ? issue('name') : undefined) ?? errorFor(error, 'name'),
                    'sa-name-error',
                  )}
                >
                  <Input
                    value={editing?.name ?? ''}
                    data-testid="sa-name"
                    onChange={(_, d) => {
                      setError(null);
                      setEditing((e) => e && { ...e, name: d.value });
                    }}
                  />
                </Field>
                <Field
                  label="BVD number"
                  required
                  hint="Unique in the tenant."
                  validationMessage={fieldMessage(
                    (editing?.bvdNumber ? issue('bvdNumber') : undefined) ?? errorFor(error, 'bvdNumber'),
                    'sa-bvd-error',
                  )}
                >
                  <Input
                    value={editing?.bvdNumber ?? ''}
                    data-testid="sa-bvd"
                    onChange={(_, d) => {
                      setError(null);
                      setEditing((e) => e && { ...e, bvdNumber: d.value });
                    }}
                  />
                </Field>
                <Field
                  label="Routes to service group"
                  required
                  validationMessage={fieldMessage(errorFor(error, 'serviceGroupId'), 'sa-group-error')}
                >
                  <Select
                    value={editing?.serviceGroupId ?? ''}
                    data-testid="sa-group"
                    onChange={(_, d) => setEditing((e) => e && { ...e, serviceGroupId: d.value })}
                  >
                    {lookups.data?.serviceGroups.map((g) => (
                      <option key={g.id} value={g.id}>
                        {g.name}
                        {g.personalCalls ? ' (Personal Calls)' : ''}
                      </option>
                    ))}
                  </Select>
                </Field>
              </DialogContent>
              <DialogActions>
                <Button appearance="secondary" onClick={() => setEditing(null)}>
                  Cancel
                </Button>
                <Button appearance="primary" type="submit" disabled={!parsed?.success} data-testid="sa-save">
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
