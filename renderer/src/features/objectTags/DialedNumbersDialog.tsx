import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
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
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import {
  Add16Regular,
  Checkmark16Regular,
  Delete16Regular,
  Dismiss16Regular,
  Edit16Regular,
} from '@fluentui/react-icons';
import { MAX_DIALED_NUMBER_LENGTH, type ObjectTagDialedNumber } from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import { fieldMessage } from '../../ui/fieldMessage';
import { QueryState } from '../../ui/QueryState';
import { confirmDeleteWithUsage } from './confirmDeleteUsage';
import { otKeys, refreshObjectTags, useDialedNumbers, useOtContext } from './data';

const useStyles = makeStyles({
  surface: { width: '600px', maxWidth: 'calc(100vw - 48px)' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minHeight: '360px' },
  add: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start' },
  grow: { flexGrow: 1 },
  scroll: { maxHeight: '360px', overflow: 'auto' },
  muted: { color: tokens.colorNeutralForeground3 },
  actions: { width: '96px' },
});

/** Client-side check, the contract's rule: any characters, 1–50 after trimming. */
function checkNumber(n: string): string | undefined {
  const t = n.trim();
  if (!t) return 'Number is required.';
  if (t.length > MAX_DIALED_NUMBER_LENGTH)
    return `Number is at most ${MAX_DIALED_NUMBER_LENGTH} characters (this is ${t.length}).`;
  return undefined;
}

/**
 * Dialed Numbers… (seed 001, OBJECT TAGS): the tenant's dialed numbers, added, edited and
 * deleted here. Every change is committed at once ("committed to the database as soon as
 * updates are made in this dialog"), so a new number can be assigned right away.
 */
export function DialedNumbersDialog(props: { open: boolean; onClose(): void }) {
  const styles = useStyles();
  return (
    <Dialog open={props.open} modalType="modal" onOpenChange={(_, d) => !d.open && props.onClose()}>
      <DialogSurface className={styles.surface} data-testid="ot-dn-dialog">
        {props.open && <DialedNumbers onClose={props.onClose} />}
      </DialogSurface>
    </Dialog>
  );
}

function DialedNumbers(props: { onClose(): void }) {
  const styles = useStyles();
  const queryClient = useQueryClient();
  const { tenantId, writable } = useOtContext();
  const list = useDialedNumbers();
  const [number, setNumber] = useState('');
  const [addError, setAddError] = useState<string | undefined>();
  const [editing, setEditing] = useState<{ id: number; text: string; error?: string } | null>(null);
  const remove = (deleting: ObjectTagDialedNumber) =>
    void confirmDeleteWithUsage(queryClient, {
      title: `Delete dialed number ${deleting.number}?`,
      queryKey: [...otKeys.dialedNumbers(tenantId), 'usage', deleting.id],
      loadUsage: () => unwrap(ccm.objectTags.dialedNumberUsage({ id: deleting.id })),
      onDelete: async (expectedAssignments) => {
        const env = await ccm.objectTags.removeDialedNumber({
          id: deleting.id,
          expectedVersion: deleting.version,
          expectedAssignments,
        });
        if (!env.ok) return env.error.message;
        const n = env.value.removedAssignments;
        setDone(
          `Deleted ${deleting.number}${n ? ` and its ${n === 1 ? 'tag assignment' : `${n} tag assignments`}` : ''}.`,
        );
        refreshObjectTags(queryClient, 'dialed_number');
        return null;
      },
      testId: 'ot-dn-confirm',
    });
  const [done, setDone] = useState<string | null>(null);

  const add = async () => {
    const err = checkNumber(number);
    setDone(null);
    if (err) return setAddError(err);
    const env = await ccm.objectTags.addDialedNumber({ number });
    if (!env.ok) return setAddError(env.error.message);
    setAddError(undefined);
    setNumber('');
    setDone(`Added ${env.value.number}.`);
    refreshObjectTags(queryClient, 'dialed_number');
  };

  const saveEdit = async (row: ObjectTagDialedNumber) => {
    if (!editing) return;
    const err = checkNumber(editing.text);
    if (err) return setEditing({ ...editing, error: err });
    const env = await ccm.objectTags.updateDialedNumber({
      id: row.id,
      expectedVersion: row.version,
      number: editing.text,
    });
    if (!env.ok) return setEditing({ ...editing, error: env.error.message });
    setEditing(null);
    setDone(`Changed to ${env.value.number}.`);
    refreshObjectTags(queryClient, 'dialed_number');
  };

  const rows = list.data ?? [];
  return (
    <DialogBody>
      <DialogTitle>Dialed Numbers</DialogTitle>
      <DialogContent className={styles.content}>
        <Text className={styles.muted}>
          Any characters, up to 50; unique in the tenant. Changes are saved as you make them.
        </Text>
        {writable && (
          <form
            noValidate
            className={styles.add}
            onSubmit={(e) => {
              e.preventDefault();
              void add();
            }}
          >
            <Field
              className={styles.grow}
              validationMessage={fieldMessage(addError, 'ot-dn-add-error')}
              validationMessageIcon={null}
            >
              <Input
                value={number}
                placeholder="New dialed number"
                aria-label="New dialed number"
                data-testid="ot-dn-new"
                onChange={(_, d) => setNumber(d.value)}
              />
            </Field>
            <Button type="submit" icon={<Add16Regular />} data-testid="ot-dn-add">
              Add
            </Button>
          </form>
        )}
        {done && (
          <Text role="status" data-testid="ot-dn-done">
            {done}
          </Text>
        )}
        {!list.data ? (
          <QueryState isPending={list.isPending} error={list.error} what="the dialed numbers" />
        ) : rows.length === 0 ? (
          <Text className={styles.muted} data-testid="ot-dn-empty">
            This tenant has no dialed numbers yet.
          </Text>
        ) : (
          <div className={styles.scroll}>
            <Table size="small" aria-label="Dialed numbers" data-testid="ot-dn-table">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Number</TableHeaderCell>
                  <TableHeaderCell style={{ width: '120px' }}>Assignments</TableHeaderCell>
                  {writable && <TableHeaderCell className={styles.actions} aria-label="Actions" />}
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((r) => (
                  <TableRow key={r.id} data-testid={`ot-dn-row-${r.id}`} data-number={r.number}>
                    <TableCell>
                      {editing?.id === r.id ? (
                        <Field validationMessage={fieldMessage(editing.error, 'ot-dn-edit-error')}>
                          <Input
                            value={editing.text}
                            autoFocus
                            aria-label="Dialed number"
                            data-testid="ot-dn-edit"
                            onChange={(_, d) => setEditing({ id: r.id, text: d.value })}
                            onKeyDown={(e) => {
                              if (e.key === 'Enter') void saveEdit(r);
                              if (e.key === 'Escape') {
                                e.stopPropagation();
                                setEditing(null);
                              }
                            }}
                          />
                        </Field>
                      ) : (
                        r.number
                      )}
                    </TableCell>
                    <TableCell>{r.assignments}</TableCell>
                    {writable && (
                      <TableCell className={styles.actions}>
                        {editing?.id === r.id ? (
                          <>
                            <Button
                              size="small"
                              appearance="subtle"
                              icon={<Checkmark16Regular />}
                              aria-label="Save"
                              data-testid="ot-dn-edit-save"
                              onClick={() => void saveEdit(r)}
                            />
                            <Button
                              size="small"
                              appearance="subtle"
                              icon={<Dismiss16Regular />}
                              aria-label="Cancel"
                              onClick={() => setEditing(null)}
                            />
                          </>
                        ) : (
                          <>
                            <Button
                              size="small"
                              appearance="subtle"
                              icon={<Edit16Regular />}
                              aria-label={`Edit ${r.number}`}
                              data-testid={`ot-dn-edit-${r.id}`}
                              onClick={() => setEditing({ id: r.id, text: r.number })}
                            />
                            <Button
                              size="small"
                              appearance="subtle"
                              icon={<Delete16Regular />}
                              aria-label={`Delete ${r.number}`}
                              data-testid={`ot-dn-delete-${r.id}`}
                              onClick={() => remove(r)}
                            />
                          </>
                        )}
                      </TableCell>
                    )}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </DialogContent>
      <DialogActions>
        <Button appearance="primary" onClick={props.onClose} data-testid="ot-dn-close">
          Close
        </Button>
      </DialogActions>
    </DialogBody>
  );
}
