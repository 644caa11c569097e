import { useEffect, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Button, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { Circle12Filled, Dismiss12Regular } from '@fluentui/react-icons';
import { dropIndex, tabsStore, useTabs, type Tab } from './store';
import { panelDomId, tabDomId, tabLabel } from './ids';

const DRAG_TYPE = 'application/x-ccm-tab';

const useStyles = makeStyles({
  strip: {
    display: 'flex',
    alignItems: 'stretch',
    minHeight: '32px',
    overflowX: 'auto',
    overflowY: 'hidden',
    scrollbarWidth: 'thin',
    backgroundColor: tokens.colorNeutralBackground3,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  tail: { flexGrow: 1, minWidth: '24px' },
  tab: {
    position: 'relative',
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    flexShrink: 0,
    maxWidth: '240px',
    paddingLeft: tokens.spacingHorizontalM,
    paddingRight: tokens.spacingHorizontalXXS,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    cursor: 'default',
    userSelect: 'none',
    outlineStyle: 'none',
    ':hover': { backgroundColor: tokens.colorNeutralBackground3Hover, color: tokens.colorNeutralForeground1 },
    ':focus-visible': {
      outline: `2px solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '-2px',
    },
  },
  active: {
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    marginBottom: '-1px', // sits on the strip's bottom border, like a document tab
    boxShadow: `inset 0 2px 0 ${tokens.colorCompoundBrandStroke}`,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1 },
  },
  dropBefore: { boxShadow: `inset 3px 0 0 ${tokens.colorBrandStroke1}` },
  dropAfter: { boxShadow: `inset -3px 0 0 ${tokens.colorBrandStroke1}` },
  dragging: { opacity: 0.5 },
  title: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  dirtyDot: { color: tokens.colorNeutralForeground2, fontSize: '8px', display: 'inline-flex' },
  close: { minWidth: '20px', width: '20px', height: '20px', padding: 0 },
});

/** The workspace's tab strip: click, keyboard, middle-click close, drag and drop to reorder. */
export function TabStrip() {
  const styles = useStyles();
  const tabs = useTabs(useShallow((s) => s.tabs));
  const activeKey = useTabs((s) => s.activeKey);
  const [dragKey, setDragKey] = useState<string | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);

  // keep the tab in front visible when the strip overflows
  useEffect(() => {
    if (activeKey)
      document.getElementById(tabDomId(activeKey))?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [activeKey, tabs.length]);

  const focusTab = (key: string | null) => {
    // the target tab is already in the DOM (tabIndex -1 until React re-renders): focus it now
    if (key) document.getElementById(tabDomId(key))?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>, index: number) => {
    const state = tabsStore.getState();
    let target: number | null = null;
    if (e.key === 'ArrowRight') target = (index + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') target = (index - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') target = 0;
    else if (e.key === 'End') target = tabs.length - 1;
    else if (e.key === 'Delete') {
      e.preventDefault();
      state.requestClose(tabs[index]!.key);
      focusTab(tabsStore.getState().activeKey);
      return;
    }
    if (target === null || e.ctrlKey || e.altKey) return;
    e.preventDefault();
    const key = tabs[target]!.key;
    state.activate(key);
    focusTab(key);
  };

  const insertionFor = (e: DragEvent<HTMLElement>, index: number) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return e.clientX < rect.left + rect.width / 2 ? index : index + 1;
  };

  const onDragOver = (e: DragEvent<HTMLElement>, insertBefore: number) => {
    if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    if (dropAt !== insertBefore) setDropAt(insertBefore);
  };

  const onDrop = (e: DragEvent<HTMLElement>, insertBefore: number) => {
    const key = e.dataTransfer.getData(DRAG_TYPE) || dragKey;
    e.preventDefault();
    setDropAt(null);
    setDragKey(null);
    if (!key) return;
    const from = tabs.findIndex((t) => t.key === key);
    if (from >= 0) tabsStore.getState().move(key, dropIndex(from, insertBefore));
  };

  const endDrag = () => {
    setDragKey(null);
    setDropAt(null);
  };

  const renderTab = (tab: Tab, index: number) => {
    const selected = tab.key === activeKey;
    const label = tabLabel(tab.title, tab.dirty);
    const last = index === tabs.length - 1;
    const dropClass =
      dragKey === null
        ? ''
        : dropAt === index
          ? styles.dropBefore
          : last && dropAt === index + 1
            ? styles.dropAfter
            : '';
    return (
      <div
        key={tab.key}
        id={tabDomId(tab.key)}
        role="tab"
        aria-selected={selected}
        aria-controls={panelDomId(tab.key)}
        aria-label={label}
        title={label}
        tabIndex={selected ? 0 : -1}
        data-testid={`tab-${tab.key}`}
        data-dirty={tab.dirty || undefined}
        draggable
        className={mergeClasses(
          styles.tab,
          selected && styles.active,
          dropClass,
          dragKey === tab.key && styles.dragging,
        )}
        onClick={() => tabsStore.getState().activate(tab.key)}
        onMouseDown={(e) => {
          if (e.button === 1) e.preventDefault(); // no autoscroll on middle click
        }}
        onAuxClick={(e) => {
          if (e.button !== 1) return;
          e.preventDefault();
          tabsStore.getState().requestClose(tab.key);
        }}
        onKeyDown={(e) => onKeyDown(e, index)}
        onDragStart={(e) => {
          e.dataTransfer.setData(DRAG_TYPE, tab.key);
          e.dataTransfer.setData('text/plain', tab.title);
          e.dataTransfer.effectAllowed = 'move';
          setDragKey(tab.key);
        }}
        onDragOver={(e) => onDragOver(e, insertionFor(e, index))}
        onDrop={(e) => onDrop(e, insertionFor(e, index))}
        onDragEnd={endDrag}
      >
        {tab.dirty && (
          <span className={styles.dirtyDot} aria-hidden="true" data-testid={`tab-dirty-${tab.key}`}>
            <Circle12Filled />
          </span>
        )}
        <span className={styles.title}>{tab.title}</span>
        <Button
          className={styles.close}
          appearance="subtle"
          size="small"
          icon={<Dismiss12Regular />}
          tabIndex={-1}
          aria-label={`Close ${tab.title}`}
          title={`Close ${tab.title} (Ctrl+W)`}
          data-testid={`tab-close-${tab.key}`}
          draggable={false}
          onClick={(e) => {
            e.stopPropagation();
            tabsStore.getState().requestClose(tab.key);
          }}
        />
      </div>
    );
  };

  return (
    <div role="tablist" aria-label="Open tabs" className={styles.strip} data-testid="tabstrip">
      {tabs.map(renderTab)}
      <div
        className={styles.tail}
        aria-hidden="true"
        onDragOver={(e) => onDragOver(e, tabs.length)}
        onDrop={(e) => onDrop(e, tabs.length)}
        onDragLeave={() => setDropAt(null)}
      />
    </div>
  );
}
