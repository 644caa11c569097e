import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import {
  ChevronDown16Regular,
  ChevronRight16Regular,
  DocumentText16Regular,
  ErrorCircle12Filled,
  Folder16Regular,
  FolderOpen16Regular,
  Image16Regular,
  Globe16Regular,
  Warning12Filled,
} from '@fluentui/react-icons';
import type { RfItem } from '../../../../electron/contract';
import type { Place, Row } from './treeOps';

const ROW = 28;

const useStyles = makeStyles({
  scroller: {
    flexGrow: 1,
    minHeight: 0,
    overflow: 'auto',
    outlineStyle: 'none',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  row: {
    position: 'absolute',
    left: 0,
    right: 0,
    height: `${ROW}px`,
    display: 'flex',
    alignItems: 'center',
    gap: '4px',
    cursor: 'default',
    whiteSpace: 'nowrap',
    userSelect: 'none',
    fontSize: tokens.fontSizeBase300,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  selected: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Selected },
  },
  focused: { outline: `1px dashed ${tokens.colorNeutralStroke1}`, outlineOffset: '-1px' },
  dropInto: { backgroundColor: tokens.colorBrandBackground2 },
  dropBefore: { boxShadow: `inset 0 2px 0 ${tokens.colorBrandStroke1}` },
  dropAfter: { boxShadow: `inset 0 -2px 0 ${tokens.colorBrandStroke1}` },
  twisty: {
    width: '16px',
    display: 'inline-flex',
    flexShrink: 0,
    cursor: 'pointer',
    color: tokens.colorNeutralForeground3,
  },
  name: { overflow: 'hidden', textOverflow: 'ellipsis' },
  unnamed: { color: tokens.colorNeutralForeground4, fontStyle: 'italic' },
  err: { color: tokens.colorPaletteRedForeground1, flexShrink: 0 },
  warn: { color: tokens.colorPaletteDarkOrangeForeground1, flexShrink: 0 },
  empty: { padding: tokens.spacingVerticalL, color: tokens.colorNeutralForeground3 },
});

function iconFor(it: RfItem, open: boolean) {
  if (it.kind === 'group') return open ? <FolderOpen16Regular /> : <Folder16Regular />;
  const src = it.src?.trim();
  if (!src) return <DocumentText16Regular />;
  if (/\.(bmp|dib|jpe?g|gif|tiff?|png)(\?|#|$)/i.test(src)) return <Image16Regular />;
  if (/\.html?(\?|#|$)/i.test(src)) return <Globe16Regular />;
  return <DocumentText16Regular />;
}

export interface TreePaneProps {
  rows: Row[];
  expanded: ReadonlySet<string>;
  selected: ReadonlySet<string>;
  focus: string | null;
  severity: ReadonlyMap<string, 'error' | 'warning'>;
  writable: boolean;
  onToggle(id: string): void;
  onSelect(id: string, how: 'only' | 'toggle' | 'range'): void;
  onKey(e: KeyboardEvent<HTMLDivElement>): void;
  onDrop(ids: string[], place: Place): void;
  dragIds(id: string): string[];
}

type Zone = 'before' | 'into' | 'after';

/**
 * The response tree: a virtualized list of the visible rows (10,000 responses scroll like
 * 10), drag and drop to reorder or move between groups, multi-select with Ctrl and Shift.
 */
export function TreePane(p: TreePaneProps) {
  const styles = useStyles();
  const scroller = useRef<HTMLDivElement>(null);
  const [drop, setDrop] = useState<{ id: string; zone: Zone } | null>(null);
  const dragging = useRef<string[] | null>(null);
  // No React Compiler here: the list re-renders on the virtualizer's own onChange.
  // eslint-disable-next-line react-hooks/incompatible-library
  const v = useVirtualizer({
    count: p.rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 12,
  });

  const focusIndex = p.focus ? p.rows.findIndex((r) => r.item.id === p.focus) : -1;
  useEffect(() => {
    if (focusIndex >= 0) v.scrollToIndex(focusIndex, { align: 'auto' });
  }, [focusIndex, v]);

  const zoneOf = (e: DragEvent<HTMLDivElement>, row: Row): Zone => {
    const r = e.currentTarget.getBoundingClientRect();
    const y = (e.clientY - r.top) / r.height;
    if (row.item.kind === 'group')
      return y < 0.25 ? 'before' : y > 0.75 && !p.expanded.has(row.item.id) ? 'after' : 'into';
    return y < 0.5 ? 'before' : 'after';
  };
  const placeOf = (row: Row, zone: Zone, index: number): Place => {
    if (zone === 'into') return { parent: row.item.id, before: null };
    if (zone === 'before') return { parent: row.item.parent, before: row.item.id };
    // after: before the next row at the same or lower depth that is a sibling, else at the end of the parent
    for (let j = index + 1; j < p.rows.length; j++) {
      const n = p.rows[j]!;
      if (n.depth < row.depth) break;
      if (n.depth === row.depth) return { parent: row.item.parent, before: n.item.id };
    }
    return { parent: row.item.parent, before: null };
  };

  return (
    <div
      ref={scroller}
      className={styles.scroller}
      role="tree"
      aria-multiselectable="true"
      aria-label="Groups and responses"
      tabIndex={0}
      data-testid="rf-tree"
      onKeyDown={p.onKey}
    >
      {p.rows.length === 0 ? (
        <div className={styles.empty} data-testid="rf-tree-empty">
          No groups or responses yet.{' '}
          {p.writable ? 'Add a group or a response with the toolbar, or import an .xml file.' : ''}
        </div>
      ) : (
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {v.getVirtualItems().map((vi) => {
            const row = p.rows[vi.index]!;
            const it = row.item;
            const open = p.expanded.has(it.id);
            const sev = p.severity.get(it.id);
            const isDrop = drop?.id === it.id;
            return (
              <div
                key={it.id}
                role="treeitem"
                aria-level={row.depth + 1}
                aria-selected={p.selected.has(it.id)}
                aria-expanded={it.kind === 'group' ? open : undefined}
                data-testid="rf-row"
                data-name={it.name ?? ''}
                data-kind={it.kind}
                className={mergeClasses(
                  styles.row,
                  p.selected.has(it.id) && styles.selected,
                  p.focus === it.id && styles.focused,
                  isDrop && drop.zone === 'into' && styles.dropInto,
                  isDrop && drop.zone === 'before' && styles.dropBefore,
                  isDrop && drop.zone === 'after' && styles.dropAfter,
                )}
                style={{ top: vi.start, paddingLeft: 6 + row.depth * 18 }}
                draggable={p.writable}
                onClick={(e: MouseEvent) =>
                  p.onSelect(it.id, e.shiftKey ? 'range' : e.ctrlKey || e.metaKey ? 'toggle' : 'only')
                }
                onDoubleClick={() => it.kind === 'group' && p.onToggle(it.id)}
                onDragStart={(e) => {
                  dragging.current = p.dragIds(it.id);
                  e.dataTransfer.effectAllowed = 'move';
                  e.dataTransfer.setData('text/plain', it.name ?? '');
                }}
                onDragEnd={() => {
                  dragging.current = null;
                  setDrop(null);
                }}
                onDragOver={(e) => {
                  if (!dragging.current) return;
                  e.preventDefault();
                  const zone = zoneOf(e, row);
                  if (drop?.id !== it.id || drop.zone !== zone) setDrop({ id: it.id, zone });
                }}
                onDragLeave={() => setDrop((d) => (d?.id === it.id ? null : d))}
                onDrop={(e) => {
                  e.preventDefault();
                  const ids = dragging.current;
                  dragging.current = null;
                  setDrop(null);
                  if (ids) p.onDrop(ids, placeOf(row, zoneOf(e, row), vi.index));
                }}
                title={
                  it.kind === 'response' ? (it.description ?? (it.src ? it.src : it.text.slice(0, 300))) : undefined
                }
              >
                <span
                  className={styles.twisty}
                  onClick={(e) => {
                    e.stopPropagation();
                    if (it.kind === 'group') p.onToggle(it.id);
                  }}
                >
                  {it.kind === 'group' ? open ? <ChevronDown16Regular /> : <ChevronRight16Regular /> : null}
                </span>
                {iconFor(it, open)}
                <span className={mergeClasses(styles.name, !it.name && styles.unnamed)}>{it.name || '(no name)'}</span>
                {sev === 'error' && <ErrorCircle12Filled className={styles.err} aria-label="error" />}
                {sev === 'warning' && <Warning12Filled className={styles.warn} aria-label="warning" />}
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
