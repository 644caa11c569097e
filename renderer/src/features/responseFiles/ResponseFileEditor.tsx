import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  Badge,
  Field,
  Input,
  Link,
  makeStyles,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  Toolbar,
  ToolbarButton,
  ToolbarDivider,
  Tooltip,
  tokens,
} from '@fluentui/react-components';
import {
  ArrowDownload20Regular,
  ArrowRedo20Regular,
  ArrowUndo20Regular,
  Copy20Regular,
  Delete20Regular,
  DocumentAdd20Regular,
  Eye20Regular,
  FolderAdd20Regular,
  Save20Regular,
} from '@fluentui/react-icons';
import type { RfItem } from '../../../../electron/contract';
import { useAuthStatus } from '../../data/queries';
import { canWrite } from '../../data/permissions';
import { tabsStore, type Tab } from '../../shell/tabs/store';
import type { ResponseFileTabParams } from './openResponseFileTab';
import { ConflictBar } from '../../ui/kit/ConflictBar';
import { confirm } from '../../ui/kit';
import { Page } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { useDateFormat } from '../../ui/useDateFormat';
import { openServiceGroupTab } from '../dispatch';
import { formatBytes, MEDIA_LABEL, useResponseFilesLive } from './data';
import { DetailPane } from './DetailPane';
import { ExportDialog } from './ExportDialog';
import { PreviewDialog } from './PreviewDialog';
import { TreePane } from './TreePane';
import {
  blankGroup,
  blankResponse,
  countSubtrees,
  insertAt,
  duplicateItems,
  moveAmongSiblings,
  moveItems,
  removeItems,
  topmost,
  updateItem,
  visibleRows,
  type Place,
} from './treeOps';
import { useResponseFileEditor } from './useResponseFileEditor';

const useStyles = makeStyles({
  fill: { height: '100%', display: 'flex', flexDirection: 'column' },
  meta: {
    display: 'grid',
    gridTemplateColumns: 'minmax(200px, 320px) minmax(240px, 1fr)',
    gap: tokens.spacingHorizontalL,
  },
  body: {
    display: 'grid',
    gridTemplateColumns: 'minmax(280px, 2fr) minmax(320px, 3fr)',
    gap: tokens.spacingHorizontalL,
    minHeight: '360px',
    height: 'calc(100vh - 480px)',
  },
  left: { display: 'flex', flexDirection: 'column', minHeight: 0, gap: tokens.spacingVerticalXS },
  right: { overflowY: 'auto', minHeight: 0, paddingRight: tokens.spacingHorizontalS },
  usages: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  problems: {
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    maxHeight: '160px',
    overflowY: 'auto',
    fontSize: tokens.fontSizeBase200,
  },
  problem: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    cursor: 'pointer',
    padding: '2px 4px',
    borderRadius: tokens.borderRadiusSmall,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  path: { color: tokens.colorNeutralForeground3, whiteSpace: 'nowrap' },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/** The response file editor tab ('responseFiles.file'): tree, detail pane, problems, preview, export. */
export function ResponseFileTab({ tab }: { tab: Tab<ResponseFileTabParams> }) {
  const fileId = tab.params.fileId;
  const auth = useAuthStatus();
  const writable = canWrite(auth.data?.user?.permissions, 'responseFiles');
  useResponseFilesLive();
  return <ResponseFileEditor tabKey={tab.key} fileId={fileId} writable={writable} />;
}

function ResponseFileEditor({ tabKey, fileId, writable }: { tabKey: string; fileId: number; writable: boolean }) {
  const styles = useStyles();
  const ed = useResponseFileEditor(tabKey, fileId, writable);
  const fmt = useDateFormat();
  // The tab follows the saved name (renamed here or in another console).
  const savedName = ed.base?.name;
  useEffect(() => {
    if (savedName) tabsStore.getState().setTitle(tabKey, savedName);
  }, [tabKey, savedName]);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [focus, setFocus] = useState<string | null>(null);
  const [anchor, setAnchor] = useState<string | null>(null);
  const [previewOpen, setPreviewOpen] = useState(false);
  const [exportOpen, setExportOpen] = useState(false);
  const nameRef = useRef<HTMLDivElement>(null);

  // Expand state comes from Expanded="true" when the file is (re)loaded.
  const base = ed.base;
  const baseKey = base ? `${base.id}:${base.version}` : null;
  const [seenBase, setSeenBase] = useState<string | null>(null);
  if (base && baseKey !== seenBase) {
    setSeenBase(baseKey);
    setExpanded(new Set(base.items.filter((i) => i.kind === 'group' && i.expanded === 'true').map((i) => i.id)));
    setSelected(new Set());
    setFocus(null);
  }

  const rows = useMemo(() => visibleRows(ed.items, expanded), [ed.items, expanded]);
  const severity = useMemo(() => {
    const m = new Map<string, 'error' | 'warning'>();
    for (const p of ed.problems) if (m.get(p.itemId) !== 'error') m.set(p.itemId, p.severity);
    return m;
  }, [ed.problems]);
  const media = useMemo(
    () => [
      ...new Set(
        (ed.base?.usages ?? []).map((u) => u.media).filter((m) => m === 'email' || m === 'chat' || m === 'sms'),
      ),
    ],
    [ed.base?.usages],
  );

  // The detail pane edits one item; with several selected it says what can be done with them.
  const current = selected.size === 1 ? ed.byId.get([...selected][0]!) : undefined;
  const selectOnly = (id: string) => {
    setSelected(new Set([id]));
    setFocus(id);
    setAnchor(id);
  };

  /** Where the toolbar adds: inside the selected group, or next to the selected response. */
  const addPlace = (): Place => {
    const it = current;
    if (!it) return { parent: null, before: null };
    if (it.kind === 'group') return { parent: it.id, before: null };
    return { parent: it.parent, before: null };
  };
  const add = (kind: 'group' | 'response') => {
    if (!writable) return;
    const place = addPlace();
    const siblings = ed.items.filter((i) => i.parent === place.parent && i.kind === kind).length;
    const item =
      kind === 'group'
        ? blankGroup(place.parent, `New group ${siblings + 1}`)
        : blankResponse(place.parent, `New response ${siblings + 1}`);
    ed.change((cur) => insertAt(cur, [item], place));
    if (place.parent) setExpanded((s) => new Set(s).add(place.parent!));
    if (kind === 'group') setExpanded((s) => new Set(s).add(item.id));
    selectOnly(item.id);
    requestAnimationFrame(() => nameRef.current?.querySelector<HTMLInputElement>('[data-testid="rf-name"]')?.select());
  };
  const askDelete = async (ids: string[]) => {
    if (!writable || ids.length === 0) return;
    const counts = countSubtrees(ed.items, ids);
    const ok = await confirm({
      title: 'Delete from the response file?',
      body: (
        <Text data-testid="rf-delete-confirm">
          {`This removes ${counts.groups} ` +
            `group${counts.groups === 1 ? '' : 's'} and ${counts.responses} ` +
            `response${counts.responses === 1 ? '' : 's'} (everything inside the selected groups). Undo (Ctrl+Z) ` +
            `brings them back until you close the tab.`}
        </Text>
      ),
      danger: true,
      confirmLabel: 'Delete',
      testId: 'rf-delete-dialog',
      confirmTestId: 'rf-delete-ok',
    });
    if (!ok) return;
    ed.change((cur) => removeItems(cur, ids));
    setSelected(new Set());
    setFocus(null);
  };
  const duplicate = () => {
    if (!writable || selected.size === 0) return;
    const r = duplicateItems(ed.items, selected);
    ed.change(r.items);
    setSelected(new Set(r.created));
    setFocus(r.created[0] ?? null);
  };
  const update = useCallback(
    (patch: Partial<RfItem>, field: string) => {
      if (!current) return;
      const id = current.id;
      ed.change((cur) => updateItem(cur, id, patch), `${id}:${field}`);
    },
    [current, ed],
  );

  const onSelect = (id: string, how: 'only' | 'toggle' | 'range') => {
    if (how === 'only') return selectOnly(id);
    if (how === 'toggle') {
      setSelected((s) => {
        const n = new Set(s);
        if (n.has(id)) n.delete(id);
        else n.add(id);
        return n;
      });
      setFocus(id);
      setAnchor(id);
      return;
    }
    const a = rows.findIndex((r) => r.item.id === (anchor ?? focus ?? id));
    const b = rows.findIndex((r) => r.item.id === id);
    const [lo, hi] = a < b ? [a, b] : [b, a];
    setSelected(new Set(rows.slice(Math.max(lo, 0), hi + 1).map((r) => r.item.id)));
    setFocus(id);
  };

  const onTreeKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = rows.findIndex((r) => r.item.id === focus);
    const go = (j: number) => {
      const r = rows[Math.max(0, Math.min(rows.length - 1, j))];
      if (!r) return;
      if (e.shiftKey) onSelect(r.item.id, 'range');
      else selectOnly(r.item.id);
    };
    const it = focus ? ed.byId.get(focus) : undefined;
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown') && it && writable) {
      e.preventDefault();
      ed.change((cur) => moveAmongSiblings(cur, it.id, e.key === 'ArrowUp' ? -1 : 1));
      return;
    }
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        go(i + 1);
        break;
      case 'ArrowUp':
        e.preventDefault();
        go(i < 0 ? 0 : i - 1);
        break;
      case 'Home':
        e.preventDefault();
        go(0);
        break;
      case 'End':
        e.preventDefault();
        go(rows.length - 1);
        break;
      case 'ArrowRight':
        if (it?.kind === 'group' && !expanded.has(it.id)) setExpanded((s) => new Set(s).add(it.id));
        else go(i + 1);
        e.preventDefault();
        break;
      case 'ArrowLeft':
        e.preventDefault();
        if (it?.kind === 'group' && expanded.has(it.id)) {
          setExpanded((s) => {
            const n = new Set(s);
            n.delete(it.id);
            return n;
          });
        } else if (it?.parent) selectOnly(it.parent);
        break;
      case 'Delete':
        e.preventDefault();
        void askDelete([...selected]);
        break;
      case 'F2':
        e.preventDefault();
        nameRef.current?.querySelector<HTMLInputElement>('[data-testid="rf-name"]')?.focus();
        break;
      case 'a':
        if (e.ctrlKey || e.metaKey) {
          e.preventDefault();
          setSelected(new Set(rows.map((r) => r.item.id)));
        }
        break;
      case 'd':
        if (e.ctrlKey || e.metaKey) {
          e.preventDefault();
          duplicate();
        }
        break;
    }
  };

  // Ctrl+Z / Ctrl+Y (and Ctrl+Shift+Z) anywhere in the editor undo and redo tree and text edits.
  const onEditorKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    // File name and location are not part of the tree's history: their own input undo applies.
    const id = (e.target as HTMLElement).dataset?.testid;
    if (id === 'rf-file-name' || id === 'rf-location') return;
    const k = e.key.toLowerCase();
    if (k === 'z' && !e.shiftKey) {
      e.preventDefault();
      ed.undo();
    } else if (k === 'y' || (k === 'z' && e.shiftKey)) {
      e.preventDefault();
      ed.redo();
    }
  };

  if (!ed.base) {
    return (
      <Page title="Response file">
        <QueryState isPending={!ed.loadError} error={ed.loadError} what="the response file" />
      </Page>
    );
  }
  const errors = ed.problems.filter((p) => p.severity === 'error').length;
  const warnings = ed.problems.length - errors;
  const itemProblems = current ? ed.problems.filter((p) => p.itemId === current.id) : [];
  const responses = ed.items.filter((i) => i.kind === 'response').length;

  return (
    <div onKeyDown={onEditorKey} data-testid="rf-editor">
      <Page
        wide
        help="response-files"
        title={`${ed.name || ed.base.name}${ed.dirty ? ' •' : ''}`}
        subtitle={
          <span className={styles.usages} data-testid="rf-usages">
            {ed.base.usages.length === 0 ? (
              <span>No service group uses this file yet (assign it in the service group editor)</span>
            ) : (
              <>
                <span>Used by</span>
                {ed.base.usages.map((u) => (
                  <Link key={u.serviceGroupId} onClick={() => openServiceGroupTab(u.serviceGroupId, u.serviceGroup)}>
                    {u.serviceGroup}{' '}
                    <Badge size="small" appearance="tint">
                      {MEDIA_LABEL[u.media] ?? u.media}
                    </Badge>
                  </Link>
                ))}
              </>
            )}
            <span>
              · version {ed.base.version}, {formatBytes(ed.base.bytes)}, saved by {ed.base.updatedBy}{' '}
              {fmt(ed.base.updatedAt)}
            </span>
          </span>
        }
      >
        <Toolbar aria-label="Response file" size="small">
          <ToolbarButton
            icon={<Save20Regular />}
            disabled={!writable || !ed.dirty || ed.busy || errors > 0}
            onClick={() => void ed.save()}
            data-testid="rf-save"
          >
            Save
          </ToolbarButton>
          <Tooltip content="Undo (Ctrl+Z)" relationship="label">
            <ToolbarButton
              icon={<ArrowUndo20Regular />}
              disabled={!ed.canUndo}
              onClick={ed.undo}
              data-testid="rf-undo"
            />
          </Tooltip>
          <Tooltip content="Redo (Ctrl+Y)" relationship="label">
            <ToolbarButton
              icon={<ArrowRedo20Regular />}
              disabled={!ed.canRedo}
              onClick={ed.redo}
              data-testid="rf-redo"
            />
          </Tooltip>
          <ToolbarDivider />
          <ToolbarButton
            icon={<FolderAdd20Regular />}
            disabled={!writable}
            onClick={() => add('group')}
            data-testid="rf-add-group"
          >
            Add group
          </ToolbarButton>
          <ToolbarButton
            icon={<DocumentAdd20Regular />}
            disabled={!writable}
            onClick={() => add('response')}
            data-testid="rf-add-response"
          >
            Add response
          </ToolbarButton>
          <Tooltip content="Duplicate (Ctrl+D)" relationship="label">
            <ToolbarButton
              icon={<Copy20Regular />}
              disabled={!writable || selected.size === 0}
              onClick={duplicate}
              data-testid="rf-duplicate"
            />
          </Tooltip>
          <Tooltip content="Delete (Del)" relationship="label">
            <ToolbarButton
              icon={<Delete20Regular />}
              disabled={!writable || selected.size === 0}
              onClick={() => void askDelete([...selected])}
              data-testid="rf-delete"
            />
          </Tooltip>
          <ToolbarDivider />
          <ToolbarButton
            onClick={() => setExpanded(new Set(ed.items.filter((i) => i.kind === 'group').map((i) => i.id)))}
          >
            Expand all
          </ToolbarButton>
          <ToolbarButton onClick={() => setExpanded(new Set())}>Collapse all</ToolbarButton>
          <ToolbarDivider />
          <ToolbarButton icon={<Eye20Regular />} onClick={() => setPreviewOpen(true)} data-testid="rf-preview">
            Preview as agent
          </ToolbarButton>
          <Menu>
            <MenuTrigger disableButtonEnhancement>
              <ToolbarButton icon={<ArrowDownload20Regular />} data-testid="rf-export">
                Export
              </ToolbarButton>
            </MenuTrigger>
            <MenuPopover>
              <MenuList>
                <MenuItem onClick={() => setExportOpen(true)} data-testid="rf-export-open">
                  Export .xml…
                </MenuItem>
              </MenuList>
            </MenuPopover>
          </Menu>
          {ed.checking && <Spinner size="extra-tiny" label="Checking…" />}
        </Toolbar>

        {!writable && (
          <MessageBar intent="info">
            <MessageBarBody>
              Read only: your user type grants read access to Response Files. You can preview and download the .xml.
            </MessageBarBody>
          </MessageBar>
        )}
        {ed.conflict && (
          <ConflictBar
            testId="rf"
            error={ed.conflict.error}
            busy={ed.busy}
            onReload={() => void ed.reload()}
            onOverwrite={() => void ed.overwrite()}
          />
        )}
        {ed.failure && (
          <MessageBar intent="error" layout="multiline" data-testid="rf-failure">
            <MessageBarBody>
              <MessageBarTitle>Not saved</MessageBarTitle>
              {ed.failure.message}
            </MessageBarBody>
          </MessageBar>
        )}
        {ed.notice && (
          <MessageBar intent={ed.notice.intent} layout="multiline" data-testid={ed.notice.testId}>
            <MessageBarBody>
              <MessageBarTitle>{ed.notice.title}</MessageBarTitle>
              {ed.notice.text}
            </MessageBarBody>
          </MessageBar>
        )}

        <div className={styles.meta}>
          <Field label="File name" required validationMessage={ed.name.trim() ? undefined : 'Name is required'}>
            <Input
              value={ed.name}
              disabled={!writable}
              onChange={(_, d) => ed.setName(d.value)}
              data-testid="rf-file-name"
            />
          </Field>
          <Field
            label="Location of Src files"
            hint="The folder (or URL) agents reach the XML file at: relative Src paths resolve against it."
          >
            <Input
              value={ed.location}
              disabled={!writable}
              placeholder="e.g. \\fileserver\responses or /srv/responses"
              onChange={(_, d) => ed.setLocation(d.value)}
              data-testid="rf-location"
            />
          </Field>
        </div>

        <div className={styles.body}>
          <div className={styles.left}>
            <Text className={styles.hint}>
              {ed.items.length - responses} groups, {responses} responses
              {selected.size > 1 ? ` · ${selected.size} selected` : ''} · drag to move, Alt+↑/↓ to reorder
            </Text>
            <TreePane
              rows={rows}
              expanded={expanded}
              selected={selected}
              focus={focus}
              severity={severity}
              writable={writable}
              onToggle={(id) =>
                setExpanded((s) => {
                  const n = new Set(s);
                  if (n.has(id)) n.delete(id);
                  else n.add(id);
                  return n;
                })
              }
              onSelect={onSelect}
              onKey={onTreeKey}
              dragIds={(id) => (selected.has(id) ? topmost(ed.items, selected) : [id])}
              onDrop={(ids, place) => {
                if (!ed.change((cur) => moveItems(cur, ids, place))) return;
                if (place.parent) setExpanded((s) => new Set(s).add(place.parent!));
                setSelected(new Set(ids));
                setFocus(ids[0] ?? null);
              }}
            />
          </div>
          <div className={styles.right} ref={nameRef}>
            {current ? (
              <DetailPane item={current} problems={itemProblems} writable={writable} media={media} update={update} />
            ) : (
              <Text className={styles.hint}>
                {selected.size > 1
                  ? `${selected.size} items selected: drag them, duplicate or delete them together.`
                  : 'Select a group or a response to edit it.'}
              </Text>
            )}
          </div>
        </div>

        <div data-testid="rf-problems">
          <Text weight="semibold">
            Problems{' '}
            <Badge appearance="tint" color={errors ? 'danger' : warnings ? 'warning' : 'success'}>
              {errors} errors, {warnings} warnings
            </Badge>
          </Text>
          <div className={styles.problems}>
            {ed.problems.slice(0, 500).map((p, i) => {
              const it = ed.byId.get(p.itemId);
              return (
                <div
                  key={i}
                  className={styles.problem}
                  data-testid="rf-problem"
                  data-rule={p.rule}
                  onClick={() => {
                    if (!it) return;
                    // open the groups above it, then select it
                    setExpanded((s) => {
                      const n = new Set(s);
                      for (
                        let q = it.parent ? ed.byId.get(it.parent) : undefined;
                        q;
                        q = q.parent ? ed.byId.get(q.parent) : undefined
                      )
                        n.add(q.id);
                      return n;
                    });
                    selectOnly(it.id);
                  }}
                >
                  <Badge size="small" color={p.severity === 'error' ? 'danger' : 'warning'}>
                    {p.severity}
                  </Badge>
                  <span className={styles.path}>{it?.name ?? '(no name)'}</span>
                  <span>{p.message}</span>
                </div>
              );
            })}
          </div>
        </div>
      </Page>

      {previewOpen && (
        <PreviewDialog
          items={ed.items}
          location={ed.location.trim() || null}
          usages={ed.base.usages}
          writable={writable}
          onClose={() => setPreviewOpen(false)}
        />
      )}
      {exportOpen && (
        <ExportDialog
          fileId={fileId}
          name={ed.base.name}
          dirty={ed.dirty}
          writable={writable}
          onClose={() => setExportOpen(false)}
        />
      )}
    </div>
  );
}
