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
import { useRestClients } from './data';
import { RecordBars, recordOf, useRecordEditor } from './recordEditor';
import { CopyButton, ErrorBar, SetBadge, useConfirmDelete, useWmStyles } from './ui';
import { parseRestForm, restBlank, toRestForm, type RestForm, type RestValue } from './wmForms';

/** REST SDK › Clients: Client Name (unique, ≤ 32) and Client Token (typed or generated, kept in the keychain). */
export function RestSdk({ writable, tabKey }: { writable: boolean; tabKey: string }) {
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
      {editing && (
        <RestDialog client={editing === 'new' ? null : editing} tabKey={tabKey} onClose={() => setEditing(null)} />
      )}
    </section>
  );
}

function RestDialog(props: { client: RestClientRow | null; tabKey: string; onClose: () => void }) {
  const { client } = props;
  const s = useWmStyles();
  const genCmd = useCommand(() => ccm.webManager.generateToken({}));
  const { editor, submit, field } = useRecordEditor<RestClientRow, RestValue, RestForm>({
    tabKey: props.tabKey,
    id: client?.id ?? null,
    initial: client,
    kind: 'restClient',
    read: (id) => recordOf(ccm.webManager.listRestClients({}), id, 'REST SDK client'),
    write: (v, expectedVersion, against) =>
      ccm.webManager.saveRestClient({ id: against?.id ?? null, expectedVersion, ...v }),
    blank: restBlank,
    valueOf: (c) => ({ name: c.name }),
    toForm: toRestForm,
    parse: parseRestForm,
    writable: true,
    onClose: props.onClose,
  });
  const [generated, setGenerated] = useState(false);
  const form = editor.form;
  const base = editor.base ?? client;
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && props.onClose()}>
      <DialogSurface style={{ maxWidth: 720 }}>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <DialogBody>
            <DialogTitle>{client ? 'Edit REST SDK Client' : 'Add REST SDK Client'}</DialogTitle>
            <DialogContent className={s.form}>
              <RecordBars editor={editor} testId="wm-rest-client" />
              <ErrorBar error={genCmd.error} />
              {form && (
                <>
                  <Field
                    label="Client Name"
                    required
                    hint="Uniquely identifies the REST SDK instance; up to 32 characters."
                    {...field('name')}
                  >
                    <Input
                      value={form.name}
                      autoFocus
                      maxLength={64}
                      data-testid="wm-rest-name"
                      onChange={(_, d) => editor.set('name', d.value)}
                    />
                  </Field>
                  <Field
                    label={<>Client Token {base && <SetBadge set={base.tokenSet} testId="wm-rest-token-state" />}</>}
                    required={!client}
                    hint={
                      generated
                        ? 'A random 64 bytes new Client Token. It is shown only now: ' +
                          'copy it for the application before you close.'
                        : client
                          ? 'Kept in the OS keychain only. Type or generate a new one to replace it.'
                          : 'Type one, or Reload to generate a random 64 bytes new Client Token.'
                    }
                    {...field('token')}
                  >
                    <div className={s.tokenRow}>
                      <Input
                        className={s.grow}
                        value={form.token}
                        readOnly={generated}
                        placeholder={base?.tokenSet ? '(unchanged)' : ''}
                        data-testid="wm-rest-token"
                        autoComplete="off"
                        spellCheck={false}
                        onChange={(_, d) => (editor.set('token', d.value), setGenerated(false))}
                      />
                      <Button
                        size="small"
                        icon={<ArrowClockwise16Regular />}
                        disabled={genCmd.busy}
                        data-testid="wm-rest-reload"
                        onClick={async () => {
                          const r = await genCmd.run();
                          if (r) {
                            editor.set('token', r.token);
                            setGenerated(true);
                          }
                        }}
                      >
                        Reload
                      </Button>
                      <CopyButton text={form.token} disabled={!form.token} testId="wm-rest-copy" />
                    </div>
                  </Field>
                </>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={editor.busy || !form} data-testid="wm-rest-save">
                {client ? 'Save' : 'Add'}
              </Button>
              <Button onClick={props.onClose}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
