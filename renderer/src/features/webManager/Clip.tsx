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
  Text,
} from '@fluentui/react-components';
import { Add16Regular, Delete16Regular, Edit16Regular } from '@fluentui/react-icons';
import { CLIP_LIMIT, type ClipInput, type ClipRow } from '../../../../electron/contract';
import { ccm } from '../../api/client';
import { QueryState } from '../../ui/QueryState';
import { useClip } from './data';
import { RecordBars, recordOf, useRecordEditor } from './recordEditor';
import { useConfirmDelete, useWmStyles } from './ui';
import { clipBlank, parseClipForm, toClipForm } from './wmForms';

/** Telephony › CLIP for outgoing calls: up to ten Number + Name per tenant. */
export function Clip({ writable, tenantName, tabKey }: { writable: boolean; tenantName: string; tabKey: string }) {
  const s = useWmStyles();
  const q = useClip();
  const [editing, setEditing] = useState<ClipRow | 'new' | null>(null);
  const confirmDelete = useConfirmDelete();
  const items = q.data?.items ?? [];
  const full = items.length >= CLIP_LIMIT;
  return (
    <section className={s.section} aria-label="CLIP for outgoing calls">
      <Text className={s.hint}>
        The calling numbers agents can present on outgoing calls from Agent Portal Web (Make Call, Speed List, Directory
        Search, Activity Log), per tenant — here {tenantName}. CLIP does not change the caller number of callbacks.
        These are separate from the custom caller IDs of Dispatch Groups › Settings, which the MiCC Enterprise Agent
        uses.
      </Text>
      <div className={s.toolbar}>
        {writable && (
          <Button
            icon={<Add16Regular />}
            appearance="primary"
            disabled={full}
            data-testid="wm-clip-add"
            onClick={() => setEditing('new')}
          >
            Add Clip Item
          </Button>
        )}
        <span className={s.hint} data-testid="wm-clip-count">
          {items.length} of {CLIP_LIMIT} numbers{full ? ' — the limit: you can add up to ten numbers per tenant.' : ''}
        </span>
      </div>
      <QueryState isPending={q.isPending} error={q.error} what="the CLIP numbers" />
      {q.data && items.length === 0 && <div className={s.empty}>No CLIP number yet.</div>}
      {items.length > 0 && (
        <Table size="small" aria-label="CLIP numbers" data-testid="wm-clip-table" style={{ maxWidth: 720 }}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Number</TableHeaderCell>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell style={{ width: 100 }} />
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((c) => (
              <TableRow key={c.id} data-testid={`wm-clip-row-${c.number}`}>
                <TableCell className={s.mono}>{c.number}</TableCell>
                <TableCell>{c.name}</TableCell>
                <TableCell>
                  {writable && (
                    <div className={s.toolbar}>
                      <Button
                        size="small"
                        icon={<Edit16Regular />}
                        aria-label={`Edit Clip Item ${c.number}`}
                        onClick={() => setEditing(c)}
                      />
                      <Button
                        size="small"
                        icon={<Delete16Regular />}
                        aria-label={`Delete Clip Item ${c.number}`}
                        onClick={() =>
                          void confirmDelete({
                            title: 'Delete Clip Item',
                            body: `Delete the CLIP number ${c.number} (${c.name})? Agents can no longer present it.`,
                            remove: () => ccm.webManager.deleteClip({ id: c.id, expectedVersion: c.version }),
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
        <ClipDialog item={editing === 'new' ? null : editing} tabKey={tabKey} onClose={() => setEditing(null)} />
      )}
    </section>
  );
}

function ClipDialog(props: { item: ClipRow | null; tabKey: string; onClose: () => void }) {
  const { item } = props;
  const s = useWmStyles();
  const { editor, submit, field } = useRecordEditor<ClipRow, ClipInput, ClipInput>({
    tabKey: props.tabKey,
    id: item?.id ?? null,
    initial: item,
    kind: 'clip',
    read: (id) =>
      recordOf(
        ccm.webManager.listClip({}).then((env) => (env.ok ? { ok: true as const, value: env.value.items } : env)),
        id,
        'CLIP number',
      ),
    write: (v, expectedVersion, against) =>
      ccm.webManager.saveClip({ id: against?.id ?? null, expectedVersion, item: v }),
    blank: clipBlank,
    valueOf: (c) => ({ number: c.number, name: c.name }),
    toForm: toClipForm,
    parse: parseClipForm,
    writable: true,
    onClose: props.onClose,
  });
  const form = editor.form;
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && props.onClose()}>
      <DialogSurface style={{ maxWidth: 480 }}>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <DialogBody>
            <DialogTitle>{item ? 'Edit Clip Item' : 'Add Clip Item'}</DialogTitle>
            <DialogContent className={s.form}>
              <RecordBars editor={editor} testId="wm-clip" />
              {form && (
                <>
                  <Field
                    label="Number"
                    required
                    hint="The calling number: a string of numbers and no special characters."
                    {...field('number')}
                  >
                    <Input
                      value={form.number}
                      autoFocus
                      inputMode="numeric"
                      data-testid="wm-clip-number"
                      onChange={(_, d) => editor.set('number', d.value)}
                    />
                  </Field>
                  <Field label="Name" required hint="The name of the calling number." {...field('name')}>
                    <Input
                      value={form.name}
                      data-testid="wm-clip-name"
                      onChange={(_, d) => editor.set('name', d.value)}
                    />
                  </Field>
                </>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={editor.busy || !form} data-testid="wm-clip-save">
                {item ? 'Update' : 'Add'}
              </Button>
              <Button onClick={props.onClose}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
