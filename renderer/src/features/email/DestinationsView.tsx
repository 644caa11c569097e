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
  Dropdown,
  Field,
  Input,
  Option,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { Add16Regular, Copy16Regular, Delete16Regular, Edit16Regular } from '@fluentui/react-icons';
import type { EmailDestinationInput, EmailDestinationRow } from '../../../../electron/contract';
import { ccm } from '../../api/client';
import { QueryState } from '../../ui/QueryState';
import { useCommand } from '../../ui/kit';
import { emailKeys, useEmailDestinations, useEmailServers } from './data';
import { emailFormErrors, ErrorBar, useConfirmDelete, useEmailStyles } from './ui';

/** Destinations: an address of the tenant, monitored (IMAP) and/or available for outgoing (SMTP). */
export function DestinationsView({ writable }: { writable: boolean }) {
  const s = useEmailStyles();
  const dests = useEmailDestinations();
  const [editing, setEditing] = useState<{ row: EmailDestinationRow | null; copy: boolean } | null>(null);
  const confirmDelete = useConfirmDelete();
  const remove = (r: EmailDestinationRow) =>
    void confirmDelete({
      title: 'Delete destination?',
      body: `Delete the destination ${r.destination.name} (${r.destination.address})?`,
      remove: () => ccm.email.deleteDestination({ id: r.id, expectedVersion: r.version }),
    });
  return (
    <section className={s.section} aria-label="Destinations">
      <div className={s.toolbar}>
        {writable && (
          <Button
            icon={<Add16Regular />}
            appearance="primary"
            data-testid="email-dest-add"
            onClick={() => setEditing({ row: null, copy: false })}
          >
            Add Destination
          </Button>
        )}
      </div>
      <QueryState isPending={dests.isPending} error={dests.error} what="the destinations" />
      {dests.data && dests.data.length === 0 && <div className={s.empty}>No destination yet.</div>}
      {dests.data && dests.data.length > 0 && (
        <Table size="small" aria-label="Destinations" data-testid="email-dest-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Destination Name</TableHeaderCell>
              <TableHeaderCell>Email Address</TableHeaderCell>
              <TableHeaderCell>From Text</TableHeaderCell>
              <TableHeaderCell>Monitored</TableHeaderCell>
              <TableHeaderCell>Outgoing</TableHeaderCell>
              <TableHeaderCell>Email server</TableHeaderCell>
              <TableHeaderCell style={{ width: 120 }} />
            </TableRow>
          </TableHeader>
          <TableBody>
            {dests.data.map((r) => (
              <TableRow key={r.id} data-testid={`email-dest-row-${r.destination.name}`}>
                <TableCell>{r.destination.name}</TableCell>
                <TableCell className={s.mono}>{r.destination.address}</TableCell>
                <TableCell>{r.destination.fromText}</TableCell>
                <TableCell>{r.destination.monitored ? 'Yes' : 'No'}</TableCell>
                <TableCell>{r.destination.outgoing ? 'Yes' : 'No'}</TableCell>
                <TableCell>{r.serverName ?? '—'}</TableCell>
                <TableCell>
                  {writable && (
                    <div className={s.toolbar}>
                      <Button
                        size="small"
                        icon={<Edit16Regular />}
                        aria-label={`Edit ${r.destination.name}`}
                        onClick={() => setEditing({ row: r, copy: false })}
                      />
                      <Button
                        size="small"
                        icon={<Copy16Regular />}
                        aria-label={`Copy ${r.destination.name}`}
                        onClick={() => setEditing({ row: r, copy: true })}
                      />
                      <Button
                        size="small"
                        icon={<Delete16Regular />}
                        aria-label={`Delete ${r.destination.name}`}
                        onClick={() => remove(r)}
                      />
                    </div>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {editing && <DestinationDialog row={editing.row} copy={editing.copy} onClose={() => setEditing(null)} />}
    </section>
  );
}

const FIELDS = ['name', 'address', 'description', 'fromText', 'monitored', 'outgoing', 'serverId'] as const;

function DestinationDialog(props: { row: EmailDestinationRow | null; copy: boolean; onClose: () => void }) {
  const { row, copy, onClose } = props;
  const s = useEmailStyles();
  const servers = useEmailServers();
  const [d, setD] = useState<EmailDestinationInput>(
    () =>
      row?.destination ?? {
        name: '',
        address: '',
        description: '',
        fromText: '',
        monitored: false,
        outgoing: false,
        serverId: null,
      },
  );
  const saveCmd = useCommand((v: Parameters<typeof ccm.email.saveDestination>[0]) => ccm.email.saveDestination(v), {
    invalidates: [emailKeys.all],
  });
  const errs = emailFormErrors(saveCmd.error, FIELDS, saveCmd.reset);
  const set =
    <K extends keyof EmailDestinationInput>(k: K) =>
    (v: EmailDestinationInput[K]) => {
      setD((x) => ({ ...x, [k]: v }));
      // Choosing another server may settle what Monitored or Outgoing needed.
      for (const f of k === 'serverId' ? ['serverId', 'monitored', 'outgoing'] : [k]) errs.clear(f);
    };
  const editing = row !== null && !copy;
  const save = async () => {
    const ok = await saveCmd.run({
      id: editing ? row.id : null,
      expectedVersion: editing ? row.version : 0,
      destination: d,
      copyOf: copy && row ? row.id : undefined,
    });
    if (ok) onClose();
  };
  const serverName = servers.data?.find((x) => x.id === d.serverId)?.server.name ?? '(none)';
  return (
    <Dialog open onOpenChange={(_, o) => !o.open && onClose()}>
      <DialogSurface>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <DialogBody>
            <DialogTitle>{copy ? 'Copy Destination' : editing ? 'Edit Destination' : 'Add Destination'}</DialogTitle>
            <DialogContent className={s.form}>
              <ErrorBar error={errs.general} />
              {copy && <span className={s.hint}>Change the name and the e-mail address of the copy.</span>}
              <Field label="Destination Name" required {...errs.field('name')}>
                <Input
                  value={d.name}
                  autoFocus
                  data-testid="email-dest-name"
                  onChange={(_, v) => set('name')(v.value)}
                />
              </Field>
              <Field label="Email Address" required {...errs.field('address')}>
                <Input
                  value={d.address}
                  data-testid="email-dest-address"
                  onChange={(_, v) => set('address')(v.value)}
                />
              </Field>
              <Field label="Description" {...errs.field('description')}>
                <Input value={d.description} onChange={(_, v) => set('description')(v.value)} />
              </Field>
              <Field
                label="From Text"
                hint="The alias shown in From when an agent replies."
                {...errs.field('fromText')}
              >
                <Input value={d.fromText} data-testid="email-dest-from" onChange={(_, v) => set('fromText')(v.value)} />
              </Field>
              <Field {...errs.field('monitored')}>
                <Checkbox
                  label="Monitored (needs IMAP settings)"
                  checked={d.monitored}
                  data-testid="email-dest-monitored"
                  onChange={(_, v) => set('monitored')(v.checked === true)}
                />
              </Field>
              <Field {...errs.field('outgoing')}>
                <Checkbox
                  label="Available for outgoing (needs SMTP settings)"
                  checked={d.outgoing}
                  data-testid="email-dest-outgoing"
                  onChange={(_, v) => set('outgoing')(v.checked === true)}
                />
              </Field>
              <Field label="Email server" {...errs.field('serverId')}>
                <Dropdown
                  value={serverName}
                  selectedOptions={[String(d.serverId ?? '')]}
                  data-testid="email-dest-server"
                  onOptionSelect={(_, v) => set('serverId')(v.optionValue ? Number(v.optionValue) : null)}
                >
                  <Option value="">(none)</Option>
                  {(servers.data ?? []).map((x) => (
                    <Option key={x.id} value={String(x.id)}>
                      {x.server.name}
                    </Option>
                  ))}
                </Dropdown>
              </Field>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={saveCmd.busy} data-testid="email-dest-save">
                {editing ? 'Save' : 'Add'}
              </Button>
              <Button onClick={onClose}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
