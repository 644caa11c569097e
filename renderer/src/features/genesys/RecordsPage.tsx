import { useState } from 'react';
import {
  Badge,
  Button,
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
import { Edit16Regular } from '@fluentui/react-icons';
import type { SyncKind, SyncStatus } from '../../../../electron/contract';
import { ccm } from '../../api/client';
import { serverErrors, useCommand } from '../../ui/kit';
import { QueryState } from '../../ui/QueryState';
import { useDateFormat } from '../../ui/useDateFormat';
import { genesysKeys, useProfiles, useRecords } from './data';
import { useGenesysStyles } from './GenesysHome';

export function StatusBadge({ status }: { status: SyncStatus }) {
  if (status === 'Synced')
    return (
      <Badge appearance="tint" color="success">
        Synced
      </Badge>
    );
  if (status === 'Error')
    return (
      <Badge appearance="filled" color="danger">
        Error
      </Badge>
    );
  return (
    <Badge appearance="outline" color="informative" style={{ whiteSpace: 'nowrap' }}>
      Not synced
    </Badge>
  );
}

const KINDS: { kind: SyncKind; label: string }[] = [
  { kind: 'user', label: 'Users' },
  { kind: 'workgroup', label: 'Workgroups (agent groups → queues)' },
  { kind: 'skill', label: 'Skills' },
  { kind: 'wrapupCode', label: 'Wrap-up Codes' },
];

/** Per-record synchronization status: Synced / Error (the API's text) / Not synced, Last Synchronized. */
export function RecordsPage({ writable }: { writable: boolean }) {
  const s = useGenesysStyles();
  const fmt = useDateFormat();
  const [kind, setKind] = useState<SyncKind>('user');
  const q = useRecords(kind);
  const profiles = useProfiles();
  const [editing, setEditing] = useState<number | null>(null);
  const profileOf = new Map((profiles.data ?? []).map((p) => [p.userId, p]));
  const counts = { Synced: 0, Error: 0, 'Not synced': 0 };
  for (const r of q.data ?? []) counts[r.status]++;
  return (
    <section className={s.section} aria-label="Synchronization Status">
      <div className={s.toolbar}>
        <Field label="Records">
          <Select value={kind} onChange={(_, d) => setKind(d.value as SyncKind)} data-testid="genesys-records-kind">
            {KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </Select>
        </Field>
        <Text className={s.hint} data-testid="genesys-records-counts">
          {counts.Synced} synced · {counts.Error} with errors · {counts['Not synced']} not synced
        </Text>
      </div>
      <QueryState isPending={q.isPending} error={q.error} what="the synchronization status" />
      {q.data && (
        <div className={s.tableWrap}>
          <Table
            size="small"
            aria-label="Synchronization status"
            data-testid="genesys-records"
            style={{ tableLayout: 'auto' }}
          >
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Name</TableHeaderCell>
                {kind === 'user' && <TableHeaderCell>Business Email</TableHeaderCell>}
                <TableHeaderCell>Status</TableHeaderCell>
                <TableHeaderCell>Last Synchronized</TableHeaderCell>
                <TableHeaderCell style={{ minWidth: 260 }}>Message</TableHeaderCell>
                {kind === 'user' && <TableHeaderCell style={{ width: 80 }} />}
              </TableRow>
            </TableHeader>
            <TableBody>
              {q.data.map((r) => (
                <TableRow key={r.objectId} data-testid={`genesys-record-${r.name}`}>
                  <TableCell>{r.name}</TableCell>
                  {kind === 'user' && <TableCell>{profileOf.get(r.objectId)?.businessEmail || '—'}</TableCell>}
                  <TableCell>
                    <StatusBadge status={r.status} />
                  </TableCell>
                  <TableCell>{r.lastSynchronized ? fmt(r.lastSynchronized) : '—'}</TableCell>
                  <TableCell>
                    <Text size={200}>{r.message ?? ''}</Text>
                  </TableCell>
                  {kind === 'user' && (
                    <TableCell>
                      {writable && r.name.toLowerCase() !== 'purecloudadmin' && (
                        <Button
                          size="small"
                          icon={<Edit16Regular />}
                          onClick={() => setEditing(r.objectId)}
                          data-testid={`genesys-edit-${r.name}`}
                        >
                          Edit
                        </Button>
                      )}
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {editing !== null && profileOf.get(editing) && (
        <ProfileDialog profile={profileOf.get(editing)!} onClose={() => setEditing(null)} />
      )}
    </section>
  );
}

function ProfileDialog({
  profile,
  onClose,
}: {
  profile: { userId: number; logonId: string; businessEmail: string; displayName: string };
  onClose: () => void;
}) {
  const save = useCommand((v: Parameters<typeof ccm.genesys.setUserProfile>[0]) => ccm.genesys.setUserProfile(v), {
    invalidates: [genesysKeys.all],
  });
  const [email, setEmail] = useState(profile.businessEmail);
  const [name, setName] = useState(profile.displayName);
  const errs = serverErrors(save.error, { fields: ['businessEmail', 'displayName'] });
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{profile.logonId}</DialogTitle>
          <DialogContent style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
            {errs.message && (
              <MessageBar intent="error">
                <MessageBarBody>{errs.message}</MessageBarBody>
              </MessageBar>
            )}
            <Field
              label="Business Email"
              hint="Users without one are not synchronized."
              validationMessage={errs.fields.businessEmail}
              validationState={errs.fields.businessEmail ? 'error' : 'none'}
            >
              <Input value={email} onChange={(_, d) => setEmail(d.value)} data-testid="genesys-profile-email" />
            </Field>
            <Field
              label="Display Name"
              hint={`Defaults to the user name (${profile.logonId}).`}
              validationMessage={errs.fields.displayName}
              validationState={errs.fields.displayName ? 'error' : 'none'}
            >
              <Input value={name} onChange={(_, d) => setName(d.value)} data-testid="genesys-profile-name" />
            </Field>
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              disabled={save.busy}
              data-testid="genesys-profile-save"
              onClick={async () => {
                if (await save.run({ userId: profile.userId, businessEmail: email, displayName: name })) onClose();
              }}
            >
              Save
            </Button>
            <Button onClick={onClose}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
