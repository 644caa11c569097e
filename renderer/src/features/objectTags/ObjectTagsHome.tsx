import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  makeStyles,
  MessageBar,
  MessageBarBody,
  mergeClasses,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
  Toolbar,
  ToolbarButton,
} from '@fluentui/react-components';
import {
  Add20Regular,
  Checkmark16Regular,
  Delete20Regular,
  Edit20Regular,
  LinkMultiple20Regular,
  NumberSymbol20Regular,
  Search20Regular,
} from '@fluentui/react-icons';
import { OBJECT_TAG_TYPE_LABEL, type ObjectTagRow, type TaggableObjectType } from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import type { Tab } from '../../shell/tabs/store';
import { openLookupTab } from './openObjectTagsTab';
import { Page } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { AssignDialog } from './AssignDialog';
import { confirmDeleteWithUsage } from './confirmDeleteUsage';
import { DialedNumbersDialog } from './DialedNumbersDialog';
import { TagDialog } from './TagDialog';
import { otKeys, refreshObjectTags, useObjectTagsLive, useOtContext, useTagList } from './data';

const useStyles = makeStyles({
  table: { tableLayout: 'fixed', width: '100%' },
  row: { cursor: 'pointer' },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected },
  center: { textAlign: 'center' },
  muted: { color: tokens.colorNeutralForeground3 },
  mono: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground3,
  },
  toolbar: { paddingLeft: 0, flexWrap: 'wrap' },
  footer: { display: 'flex', gap: tokens.spacingHorizontalM },
});

const ALLOW_COLUMNS: ReadonlyArray<{ key: TaggableObjectType; label: string }> = [
  { key: 'serviceAccess', label: 'Service accesses' },
  { key: 'serviceGroup', label: 'Service groups' },
  { key: 'agent', label: 'Agents' },
  { key: 'dialedNumber', label: 'Dialed numbers' },
];

/**
 * Tenant System Properties › Object Tags (seed 001, OBJECT TAGS): every object tag of the
 * tenant with its type and Allow Object Tag for boxes; New, Properties, Delete (stating what
 * goes), Assign to Objects, Dialed Numbers…, and the script's-eye Lookup.
 */
export function ObjectTagsHome({ tab }: { tab: Tab }) {
  void tab;
  const styles = useStyles();
  const queryClient = useQueryClient();
  useObjectTagsLive();
  const { tenantId, writable } = useOtContext();
  const list = useTagList();
  const tags = list.data?.tags ?? [];
  const max = list.data?.max ?? 50;
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const selected = tags.find((t) => t.id === selectedId) ?? null;
  const [dialog, setDialog] = useState<null | 'new' | 'edit' | 'assign' | 'dialedNumbers'>(null);
  const [done, setDone] = useState<string | null>(null);
  const atLimit = tags.length >= max;

  const open = (which: typeof dialog) => {
    setDone(null);
    setDialog(which);
  };
  const remove = (tag: ObjectTagRow) => {
    setDone(null);
    void confirmDeleteWithUsage(queryClient, {
      title: `Delete object tag “${tag.name}”?`,
      queryKey: [...otKeys.list(tenantId), 'usage', tag.id],
      loadUsage: () => unwrap(ccm.objectTags.usage({ id: tag.id })),
      onDelete: async (expectedAssignments) => {
        const env = await ccm.objectTags.remove({ id: tag.id, expectedVersion: tag.version, expectedAssignments });
        if (!env.ok) return env.error.message;
        const n = env.value.removedAssignments;
        setDone(`Deleted “${tag.name}”${n ? ` and its ${n === 1 ? 'assignment' : `${n} assignments`}` : ''}.`);
        refreshObjectTags(queryClient);
        return null;
      },
      testId: 'ot-delete-confirm',
    });
  };

  return (
    <Page
      wide
      title="Object Tags"
      help="object-tags"
      subtitle={
        'Tenant System Properties › Object Tags: group service accesses, service groups, agents and dialed ' +
        'numbers; scripts read them from object_tag and object_tag_mapping.'
      }
    >
      <Toolbar className={styles.toolbar} aria-label="Object tag actions">
        {writable && (
          <ToolbarButton
            icon={<Add20Regular />}
            disabled={atLimit}
            title={atLimit ? `Up to ${max} object tags are permitted per tenant.` : undefined}
            data-testid="ot-new"
            onClick={() => open('new')}
          >
            New
          </ToolbarButton>
        )}
        <ToolbarButton icon={<Edit20Regular />} disabled={!selected} data-testid="ot-edit" onClick={() => open('edit')}>
          {writable ? 'Properties' : 'View'}
        </ToolbarButton>
        {writable && (
          <ToolbarButton
            icon={<Delete20Regular />}
            disabled={!selected}
            data-testid="ot-delete"
            onClick={() => selected && remove(selected)}
          >
            Delete
          </ToolbarButton>
        )}
        <ToolbarButton
          icon={<LinkMultiple20Regular />}
          disabled={!selected}
          data-testid="ot-assign"
          onClick={() => open('assign')}
        >
          Assign to Objects
        </ToolbarButton>
        <ToolbarButton
          icon={<NumberSymbol20Regular />}
          data-testid="ot-dialed-numbers"
          onClick={() => open('dialedNumbers')}
        >
          Dialed Numbers…
        </ToolbarButton>
        <ToolbarButton icon={<Search20Regular />} data-testid="ot-lookup" onClick={openLookupTab}>
          Lookup
        </ToolbarButton>
      </Toolbar>

      {done && (
        <MessageBar intent="success" data-testid="ot-done">
          <MessageBarBody>{done}</MessageBarBody>
        </MessageBar>
      )}

      {!list.data ? (
        <QueryState isPending={list.isPending} error={list.error} what="the object tags" />
      ) : tags.length === 0 ? (
        <Text className={styles.muted} data-testid="ot-empty">
          This tenant has no object tags yet.{writable ? ' Choose New to define one.' : ''}
        </Text>
      ) : (
        <Table size="small" className={styles.table} aria-label="Object tags" data-testid="ot-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell style={{ width: '150px' }}>Type</TableHeaderCell>
              {ALLOW_COLUMNS.map((c) => (
                <TableHeaderCell
                  key={c.key}
                  style={{ width: '150px' }}
                  title={`Allow Object Tag for ${c.label.toLowerCase()} (assigned)`}
                >
                  {c.label}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {tags.map((t: ObjectTagRow) => (
              <TableRow
                key={t.id}
                tabIndex={0}
                aria-selected={t.id === selectedId}
                className={mergeClasses(styles.row, t.id === selectedId && styles.selected)}
                data-testid={`ot-row-${t.id}`}
                data-name={t.name}
                onClick={() => setSelectedId(t.id)}
                onDoubleClick={() => {
                  setSelectedId(t.id);
                  open('assign');
                }}
                onKeyDown={(e) => {
                  if (e.key === ' ') {
                    e.preventDefault();
                    setSelectedId(t.id);
                  }
                  if (e.key === 'Enter') {
                    setSelectedId(t.id);
                    open('assign');
                  }
                  if (e.key === 'F2') {
                    e.preventDefault();
                    setSelectedId(t.id);
                    open('edit');
                  }
                  if (e.key === 'Delete' && writable) {
                    setSelectedId(t.id);
                    remove(t);
                  }
                }}
              >
                <TableCell>{t.name}</TableCell>
                <TableCell>
                  {OBJECT_TAG_TYPE_LABEL[t.type]} <span className={styles.mono}>{`(${t.typeCode})`}</span>
                </TableCell>
                {ALLOW_COLUMNS.map((c) => (
                  <TableCell key={c.key} data-testid={`ot-row-${t.id}-${c.key}`} data-allowed={t.allow[c.key]}>
                    {t.allow[c.key] ? (
                      <>
                        <Checkmark16Regular aria-label="Allowed" />{' '}
                        <span className={styles.muted}>
                          {t.assigned[c.key] > 0 ? `${t.assigned[c.key]} assigned` : ''}
                        </span>
                      </>
                    ) : (
                      <span className={styles.muted} aria-label="Not allowed">
                        —
                      </span>
                    )}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {list.data && (
        <div className={styles.footer}>
          <Text
            className={styles.muted}
            data-testid="ot-count"
          >{`${tags.length} of ${max} object tags permitted for this tenant.`}</Text>
          {!selected && tags.length > 0 && (
            <Text className={styles.muted}>
              Select a tag: Enter or double-click opens Assign to Objects, F2 its properties, Delete deletes it.
            </Text>
          )}
        </div>
      )}

      <TagDialog
        open={dialog === 'new' || dialog === 'edit'}
        tag={dialog === 'edit' ? selected : null}
        readOnly={!writable}
        onClose={(saved) => {
          setDialog(null);
          if (saved) {
            setSelectedId(saved.id);
            setDone(`Saved “${saved.name}”.`);
          }
        }}
      />
      <AssignDialog open={dialog === 'assign'} tag={selected} onClose={() => setDialog(null)} />
      <DialedNumbersDialog open={dialog === 'dialedNumbers'} onClose={() => setDialog(null)} />
    </Page>
  );
}
