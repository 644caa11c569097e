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
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Delete16Regular, Edit16Regular, NumberSymbol16Regular } from '@fluentui/react-icons';
import {
  checkObjectTagValue,
  OBJECT_TAG_TYPE_LABEL,
  TAGGABLE_OBJECT_LABEL,
  TaggableObjectType,
  type ObjectTagAssignment,
  type ObjectTagRow,
} from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import { serverErrors, useCommand } from '../../ui/kit';
import { fieldMessage } from '../../ui/fieldMessage';
import { QueryState } from '../../ui/QueryState';
import { DataField } from './DataField';
import { DialedNumbersDialog } from './DialedNumbersDialog';
import { ObjectPicker } from './ObjectPicker';
import { otKeys, refreshObjectTags, useOtContext } from './data';

const useStyles = makeStyles({
  surface: { width: '860px', maxWidth: 'calc(100vw - 48px)' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minHeight: '420px' },
  form: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  fields: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end', flexWrap: 'wrap' },
  scroll: { maxHeight: '300px', overflow: 'auto' },
  muted: { color: tokens.colorNeutralForeground3 },
  actions: { width: '76px' },
  header: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  grow: { flexGrow: 1 },
});

const CATEGORIES = TaggableObjectType.options;

interface Draft {
  objectType: TaggableObjectType;
  objectId: number | null;
  value: string;
  errors: { objectId?: string; value?: string; objectType?: string };
}

/**
 * Assign to Objects (seed 001, OBJECT TAGS): every object assigned to the tag, and adding,
 * changing and removing assignments in the Service Access, Service Group, Agent and Dialed
 * Number categories. Categories the tag does not allow are disabled; the Data field follows
 * the tag's type. One assignment per (tag, object type, object): picking an object that is
 * already assigned changes its Data.
 */
export function AssignDialog(props: { open: boolean; tag: ObjectTagRow | null; onClose(): void }) {
  const styles = useStyles();
  return (
    <Dialog open={props.open} modalType="modal" onOpenChange={(_, d) => !d.open && props.onClose()}>
      <DialogSurface className={styles.surface} data-testid="ot-assign-dialog">
        {props.open && props.tag && <Assign tag={props.tag} onClose={props.onClose} />}
      </DialogSurface>
    </Dialog>
  );
}

function Assign({ tag, onClose }: { tag: ObjectTagRow; onClose(): void }) {
  const styles = useStyles();
  const queryClient = useQueryClient();
  const { tenantId, writable } = useOtContext();
  const firstAllowed = CATEGORIES.find((c) => tag.allow[c]) ?? 'serviceAccess';
  const [draft, setDraft] = useState<Draft>({ objectType: firstAllowed, objectId: null, value: '', errors: {} });
  const assignCommand = useCommand((d: Draft) =>
    ccm.objectTags.assign({ tagId: tag.id, objectType: d.objectType, objectId: d.objectId!, value: d.value }),
  );
  const busy = assignCommand.busy;
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [dialedNumbers, setDialedNumbers] = useState(false);
  const list = useQuery({
    queryKey: otKeys.assignments(tenantId, tag.id),
    queryFn: () => unwrap(ccm.objectTags.assignments({ tagId: tag.id })),
  });
  const rows = list.data?.rows ?? [];
  const existing = rows.find((r) => r.objectType === draft.objectType && r.objectId === draft.objectId);
  const noneAllowed = !CATEGORIES.some((c) => tag.allow[c]);

  const pick = (objectType: TaggableObjectType, objectId: number | null) => {
    const had = rows.find((r) => r.objectType === objectType && r.objectId === objectId);
    setDraft({
      objectType,
      objectId,
      value: had ? had.value : objectType === draft.objectType ? draft.value : '',
      errors: {},
    });
  };

  const submit = async () => {
    setMessage(null);
    const errors: Draft['errors'] = {};
    if (draft.objectId === null)
      errors.objectId = `Choose the ${TAGGABLE_OBJECT_LABEL[draft.objectType].one} to assign “${tag.name}” to.`;
    const checked = checkObjectTagValue(tag.type, draft.value);
    if (!checked.ok) errors.value = checked.message;
    if (errors.objectId || errors.value) return setDraft({ ...draft, errors });
    const saved = await assignCommand.runOrThrow(draft).catch((err: unknown) => {
      const placed = serverErrors(err, { fields: ['value', 'objectId', 'objectType'] });
      if (placed.message === undefined) setDraft({ ...draft, errors: placed.fields });
      else setMessage({ ok: false, text: placed.message });
      return undefined;
    });
    if (!saved) return;
    setMessage({
      ok: true,
      text: `${existing ? 'Changed' : 'Assigned'}: ${saved.objectName} = ${saved.valueLabel ?? saved.value}.`,
    });
    setDraft({ ...draft, objectId: null, value: '', errors: {} });
    refreshObjectTags(queryClient, 'object_tag_mapping');
  };

  const remove = async (r: ObjectTagAssignment) => {
    setMessage(null);
    const env = await ccm.objectTags.unassign({ tagId: tag.id, objectType: r.objectType, objectId: r.objectId });
    setMessage(env.ok ? { ok: true, text: `Removed ${r.objectName}.` } : { ok: false, text: env.error.message });
    refreshObjectTags(queryClient, 'object_tag_mapping');
  };

  return (
    <DialogBody>
      <DialogTitle>{`Assign to Objects — “${tag.name}” (${OBJECT_TAG_TYPE_LABEL[tag.type]})`}</DialogTitle>
      <DialogContent className={styles.content}>
        {noneAllowed && (
          <MessageBar intent="warning" data-testid="ot-assign-none-allowed">
            <MessageBarBody>
              This tag allows no object type: check at least one Allow Object Tag for box in its properties to assign
              it.
            </MessageBarBody>
          </MessageBar>
        )}
        {writable && !noneAllowed && (
          <form
            noValidate
            className={styles.form}
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <Field
              label="Category"
              validationMessage={fieldMessage(draft.errors.objectType, 'ot-assign-category-error')}
            >
              <RadioGroup
                value={draft.objectType}
                data-testid="ot-assign-category"
                onChange={(_, d) => pick(TaggableObjectType.parse(d.value), null)}
              >
                {CATEGORIES.map((c) => (
                  <Radio
                    key={c}
                    value={c}
                    disabled={!tag.allow[c]}
                    data-testid={`ot-assign-category-${c}`}
                    label={
                      `${TAGGABLE_OBJECT_LABEL[c].title} ` +
                      `(${tag.assigned[c]})${tag.allow[c] ? '' : ' — not allowed'}`
                    }
                  />
                ))}
              </RadioGroup>
            </Field>
            <div className={styles.fields}>
              <div className={styles.row}>
                <Field
                  label={TAGGABLE_OBJECT_LABEL[draft.objectType].title}
                  required
                  validationMessage={fieldMessage(draft.errors.objectId, 'ot-assign-object-error')}
                >
                  <ObjectPicker
                    key={draft.objectType}
                    objectType={draft.objectType}
                    value={draft.objectId}
                    onChange={(id) => pick(draft.objectType, id)}
                    testId="ot-assign-object"
                    aria-label={TAGGABLE_OBJECT_LABEL[draft.objectType].title}
                  />
                </Field>
              </div>
              <DataField
                key={`${draft.objectType}:${draft.objectId}`}
                tagType={tag.type}
                value={draft.value}
                error={draft.errors.value}
                onChange={(value) => setDraft({ ...draft, value, errors: { ...draft.errors, value: undefined } })}
                testId="ot-assign-value"
              />
              <div className={styles.row}>
                <Button
                  type="submit"
                  appearance="primary"
                  disabled={busy}
                  icon={busy ? <Spinner size="tiny" /> : undefined}
                  data-testid="ot-assign-submit"
                >
                  {existing ? 'Change Data' : 'Assign'}
                </Button>
                {existing && <Text className={styles.muted}>Already assigned: saving changes its Data.</Text>}
              </div>
            </div>
          </form>
        )}
        {message && (
          <MessageBar intent={message.ok ? 'success' : 'error'} data-testid="ot-assign-message">
            <MessageBarBody>{message.text}</MessageBarBody>
          </MessageBar>
        )}
        <div className={styles.header}>
          <Text weight="semibold" className={styles.grow}>
            Assigned objects
          </Text>
          {list.isFetching && <Spinner size="extra-tiny" />}
          {list.data && (
            <Text className={styles.muted} data-testid="ot-assign-count">
              {list.data.total === rows.length
                ? `${rows.length} ${rows.length === 1 ? 'object' : 'objects'}`
                : `First ${rows.length} of ${list.data.total}`}
            </Text>
          )}
        </div>
        {!list.data ? (
          <QueryState isPending={list.isPending} error={list.error} what="the assignments" />
        ) : rows.length === 0 ? (
          <Text className={styles.muted} data-testid="ot-assign-empty">
            Not assigned to any object yet.
          </Text>
        ) : (
          <div className={styles.scroll}>
            <Table size="small" aria-label="Assigned objects" data-testid="ot-assign-table">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell style={{ width: '140px' }}>Category</TableHeaderCell>
                  <TableHeaderCell>Object</TableHeaderCell>
                  <TableHeaderCell>Data</TableHeaderCell>
                  {writable && <TableHeaderCell className={styles.actions} aria-label="Actions" />}
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((r) => (
                  <TableRow
                    key={`${r.objectType}:${r.objectId}`}
                    data-testid={`ot-assign-row-${r.objectType}-${r.objectId}`}
                  >
                    <TableCell>{TAGGABLE_OBJECT_LABEL[r.objectType].title}</TableCell>
                    <TableCell>{r.objectName}</TableCell>
                    <TableCell title={r.value}>
                      {r.valueLabel ?? <span className={styles.muted}>{`ID ${r.value} (not found)`}</span>}
                      {r.valueLabel !== null && r.valueLabel !== r.value && (
                        <span className={styles.muted}>{` · ID ${r.value}`}</span>
                      )}
                    </TableCell>
                    {writable && (
                      <TableCell className={styles.actions}>
                        <Button
                          size="small"
                          appearance="subtle"
                          icon={<Edit16Regular />}
                          aria-label={`Change the Data of ${r.objectName}`}
                          disabled={!tag.allow[r.objectType]}
                          data-testid={`ot-assign-edit-${r.objectType}-${r.objectId}`}
                          onClick={() =>
                            setDraft({ objectType: r.objectType, objectId: r.objectId, value: r.value, errors: {} })
                          }
                        />
                        <Button
                          size="small"
                          appearance="subtle"
                          icon={<Delete16Regular />}
                          aria-label={`Remove ${r.objectName}`}
                          data-testid={`ot-assign-remove-${r.objectType}-${r.objectId}`}
                          onClick={() => void remove(r)}
                        />
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
        {writable && (
          <Button
            icon={<NumberSymbol16Regular />}
            data-testid="ot-open-dialed-numbers"
            onClick={() => setDialedNumbers(true)}
          >
            Dialed Numbers…
          </Button>
        )}
        <Button appearance="primary" onClick={onClose} data-testid="ot-assign-close">
          Close
        </Button>
      </DialogActions>
      <DialedNumbersDialog open={dialedNumbers} onClose={() => setDialedNumbers(false)} />
    </DialogBody>
  );
}
