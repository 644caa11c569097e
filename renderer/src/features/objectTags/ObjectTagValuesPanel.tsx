import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
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
import { Delete16Regular, Edit16Regular } from '@fluentui/react-icons';
import {
  checkObjectTagValue,
  OBJECT_TAG_TYPE_LABEL,
  TAGGABLE_OBJECT_LABEL,
  type ObjectTagValue,
} from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import { errorShapeOf, fieldError, useCommand } from '../../ui/kit';
import { QueryState } from '../../ui/QueryState';
import { DataField } from './DataField';
import { otKeys, refreshObjectTags, useObjectTagsLive, useOtContext } from './data';

/**
 * The object tags of one object (service group, service access, agent or dialed number):
 * every tag enabled for that object type with this object's value; assign / change /
 * unassign with the same rules as the Assign to Objects dialog. Owned by the object-tags
 * feature (issue 4); the user editor (Object Tags page) and the dispatch editors embed it.
 * Each change is saved at once (like the seed's Object Tag page, and independent of the host
 * editor's own Save), so the host editor's dirty state is not involved.
 */
export type TaggableObjectType = 'serviceGroup' | 'serviceAccess' | 'agent' | 'dialedNumber';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground3 },
  editor: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start', flexWrap: 'wrap' },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, paddingTop: '26px' },
  actions: { width: '76px' },
});

export function ObjectTagValuesPanel(props: { objectType: TaggableObjectType; objectId: number; readOnly?: boolean }) {
  const styles = useStyles();
  const queryClient = useQueryClient();
  useObjectTagsLive();
  const { tenantId, writable } = useOtContext();
  const editable = writable && !props.readOnly;
  const q = useQuery({
    queryKey: otKeys.forObject(tenantId, props.objectType, props.objectId),
    queryFn: () => unwrap(ccm.objectTags.forObject({ objectType: props.objectType, objectId: props.objectId })),
    enabled: tenantId > 0 && props.objectId > 0,
  });
  const [editing, setEditing] = useState<{ tagId: number; value: string; error?: string } | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const what = TAGGABLE_OBJECT_LABEL[props.objectType];

  const target = { objectType: props.objectType, objectId: props.objectId };
  const assignCommand = useCommand((v: { row: ObjectTagValue; value: string }) =>
    ccm.objectTags.assign({ tagId: v.row.tagId, ...target, value: v.value }),
  );
  const unassignCommand = useCommand(
    (row: ObjectTagValue) => ccm.objectTags.unassign({ tagId: row.tagId, ...target }),
    {
      onError: (e) => setMessage({ ok: false, text: e.message }),
      onSuccess: (_, row) => setMessage({ ok: true, text: `${row.name} unassigned.` }),
    },
  );
  const busy = assignCommand.busy || unassignCommand.busy;

  const save = async (row: ObjectTagValue) => {
    if (!editing) return;
    const checked = checkObjectTagValue(row.type, editing.value);
    if (!checked.ok) return setEditing({ ...editing, error: checked.message });
    const saved = await assignCommand.runOrThrow({ row, value: editing.value }).catch((err: unknown) => {
      const valueError = fieldError(err, 'value');
      if (valueError !== undefined) setEditing({ ...editing, error: valueError });
      else setMessage({ ok: false, text: errorShapeOf(err)?.message ?? '' });
      return undefined;
    });
    if (!saved) return;
    setEditing(null);
    setMessage({ ok: true, text: `${row.name} = ${saved.valueLabel ?? saved.value}.` });
    refreshObjectTags(queryClient, 'object_tag_mapping');
  };

  const unassign = async (row: ObjectTagValue) => {
    await unassignCommand.run(row);
    refreshObjectTags(queryClient, 'object_tag_mapping');
  };

  if (!q.data)
    return <QueryState isPending={q.isPending && q.fetchStatus !== 'idle'} error={q.error} what="the object tags" />;
  const rows = q.data;
  return (
    <div className={styles.root} data-testid="ot-panel">
      {message && (
        <MessageBar intent={message.ok ? 'success' : 'error'} data-testid="ot-panel-message">
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
      {rows.length === 0 ? (
        <Text className={styles.muted} data-testid="ot-panel-empty">
          {`No object tag is enabled for ${what.many}. Check “Allow Object Tag for ${what.many}” on a tag under ` +
            `Object Tags.`}
        </Text>
      ) : (
        <Table size="small" aria-label="Object tags" data-testid="ot-panel-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Object tag</TableHeaderCell>
              <TableHeaderCell style={{ width: '130px' }}>Type</TableHeaderCell>
              <TableHeaderCell>Data</TableHeaderCell>
              {editable && <TableHeaderCell className={styles.actions} aria-label="Actions" />}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.tagId} data-testid={`ot-panel-row-${r.tagId}`}>
                <TableCell>{r.name}</TableCell>
                <TableCell>{OBJECT_TAG_TYPE_LABEL[r.type]}</TableCell>
                <TableCell>
                  {editing?.tagId === r.tagId ? (
                    <div className={styles.editor}>
                      <DataField
                        tagType={r.type}
                        value={editing.value}
                        error={editing.error}
                        onChange={(value) => setEditing({ tagId: r.tagId, value })}
                        testId={`ot-panel-value-${r.tagId}`}
                        label={r.name}
                      />
                      <div className={styles.buttons}>
                        <Button
                          size="small"
                          appearance="primary"
                          disabled={busy}
                          icon={busy ? <Spinner size="tiny" /> : undefined}
                          data-testid={`ot-panel-save-${r.tagId}`}
                          onClick={() => void save(r)}
                        >
                          {r.value === null ? 'Assign' : 'Save'}
                        </Button>
                        <Button size="small" onClick={() => setEditing(null)}>
                          Cancel
                        </Button>
                      </div>
                    </div>
                  ) : r.value === null ? (
                    <span className={styles.muted}>Not assigned</span>
                  ) : (
                    (r.valueLabel ?? <span className={styles.muted}>{`ID ${r.value} (not found)`}</span>)
                  )}
                </TableCell>
                {editable && (
                  <TableCell className={styles.actions}>
                    {editing?.tagId !== r.tagId && (
                      <Button
                        size="small"
                        appearance="subtle"
                        icon={<Edit16Regular />}
                        aria-label={r.value === null ? `Assign ${r.name}` : `Change ${r.name}`}
                        data-testid={`ot-panel-edit-${r.tagId}`}
                        onClick={() => setEditing({ tagId: r.tagId, value: r.value ?? '' })}
                      />
                    )}
                    {r.value !== null && editing?.tagId !== r.tagId && (
                      <Button
                        size="small"
                        appearance="subtle"
                        icon={<Delete16Regular />}
                        aria-label={`Unassign ${r.name}`}
                        disabled={busy}
                        data-testid={`ot-panel-unassign-${r.tagId}`}
                        onClick={() => void unassign(r)}
                      />
                    )}
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
