import { useState } from 'react';
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
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { Add16Regular, ArrowClockwise16Regular, Delete16Regular, Edit16Regular } from '@fluentui/react-icons';
import type { RestClientRow } from '../../../../electron/contract';
import { ccm } from '../../api/client';
import { QueryState } from '../../ui/QueryState';
import { useCommand } from '../../ui/kit';
import { useRestClients, wmKeys } from './data';
import { CopyButton, ErrorBar, SetBadge, useConfirmDelete, useWmStyles, wmFormErrors } from './ui';

/** REST SDK › Clients: Client Name (unique, ≤ 32) and Client Token (typed or generated, kept in the keychain). */
export function RestSdk({ writable }: { writable: boolean }) {
  const s = useWmStyles();
  const q = useRestClients();
  const [editing, setEditing] = useState<RestClientRow | 'new' | null>(null);
  const confirmDelete = useConfirmDelete();
  return (
    <section className={s.section} aria-label="REST SDK clients">
      <div className={s.toolbar}>
        {writable && (
          <Button
            icon={<Add16Regular />}
            appearance="primary"
            data-testid="wm-rest-add"
            onClick={() => setEditing('new')}
          >
            Add REST SDK Client
          </Button>
        )}
        <span className={s.hint}>
          The REST SDK Framework lets multimedia applications send commands to the contact center and receive its
          monitoring events. The Client Token authenticates the client when it registers on the server.
        </span>
      </div>
      <QueryState isPending={q.isPending} error={q.error} what="the REST SDK clients" />
      {q.data && q.data.length === 0 && <div className={s.empty}>No REST SDK client yet.</div>}
      {q.data && q.data.length > 0 && (
        <Table size="small" aria-label="REST SDK clients" data-testid="wm-rest-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Client Name</TableHeaderCell>
              <TableHeaderCell>Client Token</TableHeaderCell>
              <TableHeaderCell>Last saved</TableHeaderCell>
              <TableHeaderCell style={{ width: 100 }} />
            </TableRow>
          </TableHeader>
          <TableBody>
            {q.data.map((c) => (
              <TableRow key={c.id} data-testid={`wm-rest-row-${c.name}`}>
                <TableCell>{c.name}</TableCell>
                <TableCell>
                  <SetBadge set={c.tokenSet} />
                </TableCell>
                <TableCell className={s.hint}>
                  {c.updatedBy} · {c.updatedAt.slice(0, 16).replace('T', ' ')}
                </TableCell>
                <TableCell>
                  {writable && (
                    <div className={s.toolbar}>
                      <Button
                        size="small"
                        icon={<Edit16Regular />}
                        aria-label={`Edit ${c.name}`}
                        onClick={() => setEditing(c)}
                      />
                      <Button
                        size="small"
                        icon={<Delete16Regular />}
                        aria-label={`Delete ${c.name}`}
                        onClick={() =>
                          void confirmDelete({
                            title: 'Delete REST SDK Client?',
                            body:
                              `Delete the REST SDK client ${c.name} and its Client Token? ` +
                              'Applications using it can no longer register.',
                            remove: () => ccm.webManager.deleteRestClient({ id: c.id, expectedVersion: c.version }),
                          })
                        }
                      />
                    </div>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {editing && <RestDialog client={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </section>
  );
}

function RestDialog({ client, onClose }: { client: RestClientRow | null; onClose: () => void }) {
  const s = useWmStyles();
  const saveCmd = useCommand(
    (v: Parameters<typeof ccm.webManager.saveRestClient>[0]) => ccm.webManager.saveRestClient(v),
    { invalidates: [wmKeys.all] },
  );
  const genCmd = useCommand(() => ccm.webManager.generateToken({}));
  const errs = wmFormErrors(saveCmd.error ?? genCmd.error, ['name', 'token'], saveCmd.reset);
  const [name, setName] = useState(client?.name ?? '');
  /** '' = keep the stored token (edit) */
  const [token, setToken] = useState('');
  const [generated, setGenerated] = useState(false);
  const save = async () => {
    const ok = await saveCmd.run({
      id: client?.id ?? null,
      expectedVersion: client?.version ?? 0,
      name,
      ...(token ? { token } : {}),
    });
    if (ok) onClose();
  };
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface style={{ maxWidth: 720 }}>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <DialogBody>
            <DialogTitle>{client ? 'Edit REST SDK Client' : 'Add REST SDK Client'}</DialogTitle>
            <DialogContent className={s.form}>
              <ErrorBar error={errs.general} />
              <Field
                label="Client Name"
                required
                hint="Uniquely identifies the REST SDK instance; up to 32 characters."
                {...errs.field('name')}
              >
                <Input
                  value={name}
                  autoFocus
                  maxLength={64}
                  data-testid="wm-rest-name"
                  onChange={(_, d) => (setName(d.value), errs.clear('name'))}
                />
              </Field>
              <Field
                label={<>Client Token {client && <SetBadge set={client.tokenSet} testId="wm-rest-token-state" />}</>}
                required={!client}
                hint={
                  generated
                    ? 'A random 64 bytes new Client Token. It is shown only now: ' +
                      'copy it for the application before you close.'
                    : client
                      ? 'Kept in the OS keychain only. Type or generate a new one to replace it.'
                      : 'Type one, or Reload to generate a random 64 bytes new Client Token.'
                }
                {...errs.field('token')}
              >
                <div className={s.tokenRow}>
                  <Input
                    className={s.grow}
                    value={token}
                    readOnly={generated}
                    placeholder={client?.tokenSet ? '(unchanged)' : ''}
                    data-testid="wm-rest-token"
                    autoComplete="off"
                    spellCheck={false}
                    onChange={(_, d) => (setToken(d.value), setGenerated(false), errs.clear('token'))}
                  />
                  <Button
                    size="small"
                    icon={<ArrowClockwise16Regular />}
                    disabled={genCmd.busy}
                    data-testid="wm-rest-reload"
                    onClick={async () => {
                      const r = await genCmd.run();
                      if (r) {
                        setToken(r.token);
                        setGenerated(true);
                        saveCmd.reset();
                      }
                    }}
                  >
                    Reload
                  </Button>
                  <CopyButton text={token} disabled={!token} testId="wm-rest-copy" />
                </div>
              </Field>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={saveCmd.busy} data-testid="wm-rest-save">
                {client ? 'Save' : 'Add'}
              </Button>
              <Button onClick={onClose}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
