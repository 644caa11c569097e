import { useEffect, useState, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import {
  Button,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Overflow,
  OverflowItem,
  makeStyles,
  mergeClasses,
  tokens,
  useIsOverflowItemVisible,
  useOverflowMenu,
  type PositioningVirtualElement,
} from '@fluentui/react-components';
import { ChevronDown12Regular, Circle12Filled, Dismiss12Regular } from '@fluentui/react-icons';
import { dropIndex, tabsStore, useTabs, type Tab } from './store';
import { panelDomId, tabDomId, tabLabel } from './ids';

const DRAG_TYPE = 'application/x-ccm-tab';

const useStyles = makeStyles({
  strip: {
    display: 'flex',
    alignItems: 'stretch',
    minHeight: '32px',
    minWidth: 0,
    overflow: 'hidden',
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
  more: {
    flexShrink: 0,
    alignSelf: 'center',
    minWidth: 'auto',
    marginLeft: tokens.spacingHorizontalXXS,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightRegular,
  },
  moreItem: { maxWidth: '360px' },
});

/** The target tab is already in the DOM (tabIndex -1 until React re-renders): focus it now. */
function focusTab(key: string | null) {
  if (key) document.getElementById(tabDomId(key))?.focus();
}

/** The keys of the strip's commands (window-wide, see useTabShortcuts; shown in the menus). */
export const TAB_SHORTCUTS = {
  close: 'Ctrl+W',
  closeOthers: 'Ctrl+Alt+W',
  closeToRight: 'Ctrl+Alt+Shift+W',
  closeAll: 'Ctrl+Shift+W',
} as const;

/** Where the tab's context menu opens: at the pointer (right click) or under the tab (Shift+F10, Menu key). */
type MenuAt = { key: string; target: HTMLElement | PositioningVirtualElement };

const pointAt = (x: number, y: number): PositioningVirtualElement => ({
  getBoundingClientRect: () => ({ x, y, top: y, left: x, bottom: y, right: x, width: 0, height: 0 }),
});

/** The workspace's tab strip: click, keyboard, middle-click close, drag and drop to reorder. */
export function TabStrip() {
  const styles = useStyles();
  const tabs = useTabs(useShallow((s) => s.tabs));
  const activeKey = useTabs((s) => s.activeKey);
  const [dragKey, setDragKey] = useState<string | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);
  const [menuAt, setMenuAt] = useState<MenuAt | null>(null);
  const focusRequest = useTabs((s) => s.focusRequest);

  // A tab closed: the focus comes back to the strip (the tab now in front), not to the page's start.
  useEffect(() => {
    if (focusRequest?.where === 'strip' && focusRequest.key) focusTab(focusRequest.key);
  }, [focusRequest]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>, index: number) => {
    const state = tabsStore.getState();
    let target: number | null = null;
    if (e.key === 'ArrowRight') target = (index + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') target = (index - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') target = 0;
    else if (e.key === 'End') target = tabs.length - 1;
    else if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
      e.preventDefault();
      setMenuAt({ key: tabs[index]!.key, target: e.currentTarget });
      return;
    } else if (e.key === 'Delete') {
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
        onContextMenu={(e: MouseEvent<HTMLDivElement>) => {
          e.preventDefault();
          // from the keyboard (clientX/Y 0) under the tab, else at the pointer
          const fromKeyboard = e.clientX === 0 && e.clientY === 0;
          setMenuAt({ key: tab.key, target: fromKeyboard ? e.currentTarget : pointAt(e.clientX, e.clientY) });
        }}
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
    <>
      <Overflow overflowAxis="horizontal" padding={32} minimumVisible={1}>
        <div role="tablist" aria-label="Open tabs" className={styles.strip} data-testid="tabstrip">
          {tabs.map((tab, index) =>
            tab.key === activeKey ? (
              <OverflowItem key={tab.key} id={tab.key} pinned>
                {renderTab(tab, index)}
              </OverflowItem>
            ) : (
              <OverflowItem key={tab.key} id={tab.key} priority={0}>
                {renderTab(tab, index)}
              </OverflowItem>
            ),
          )}
          <MoreTabs tabs={tabs} className={styles.more} itemClassName={styles.moreItem} />
          <div
            className={styles.tail}
            aria-hidden="true"
            onDragOver={(e) => onDragOver(e, tabs.length)}
            onDrop={(e) => onDrop(e, tabs.length)}
            onDragLeave={() => setDropAt(null)}
          />
        </div>
      </Overflow>
      <TabMenu at={menuAt} tabs={tabs} onClose={() => setMenuAt(null)} />
    </>
  );
}

/** "N more": the tabs that do not fit, as a menu (instead of a scrollbar over the labels). */
function MoreTabs(props: { tabs: readonly Tab[]; className: string; itemClassName: string }) {
  const { ref, overflowCount, isOverflowing } = useOverflowMenu<HTMLButtonElement>();
  if (!isOverflowing) return null;
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <Button
          ref={ref}
          className={props.className}
          appearance="subtle"
          size="small"
          icon={<ChevronDown12Regular />}
          iconPosition="after"
          aria-label={`${overflowCount} more tab${overflowCount === 1 ? '' : 's'}`}
          data-testid="tabs-more"
        >
          {overflowCount} more
        </Button>
      </MenuTrigger>
      <MenuPopover data-testid="tabs-more-menu">
        <MenuList>
          {props.tabs.map((tab) => (
            <HiddenTabItem key={tab.key} tab={tab} className={props.itemClassName} />
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

function HiddenTabItem({ tab, className }: { tab: Tab; className: string }) {
  const visible = useIsOverflowItemVisible(tab.key);
  if (visible) return null;
  return (
    <MenuItem
      className={className}
      data-testid={`tabs-more-${tab.key}`}
      onClick={() => {
        tabsStore.getState().activate(tab.key);
        // the tab is in the strip now (the one in front never overflows): the focus goes with it
        requestAnimationFrame(() => document.getElementById(tabDomId(tab.key))?.focus());
      }}
    >
      {tabLabel(tab.title, tab.dirty)}
    </MenuItem>
  );
}

/** The tab's context menu: Close, Close others, Close to the right, Close all (with their keys). */
function TabMenu(props: { at: MenuAt | null; tabs: readonly Tab[]; onClose: () => void }) {
  const { at, tabs } = props;
  const index = at ? tabs.findIndex((t) => t.key === at.key) : -1;
  const run = (command: (key: string) => void) => {
    if (!at) return;
    const key = at.key;
    props.onClose();
    command(key);
  };
  const state = () => tabsStore.getState();
  return (
    <Menu
      open={at !== null && index >= 0}
      onOpenChange={(_, data) => {
        if (!data.open) props.onClose();
      }}
      positioning={at ? { target: at.target, position: 'below', align: 'start' } : undefined}
    >
      <MenuPopover data-testid="tab-menu">
        <MenuList>
          <MenuItem
            secondaryContent={TAB_SHORTCUTS.close}
            data-testid="tab-menu-close"
            onClick={() => run((k) => state().requestClose(k))}
          >
            Close
          </MenuItem>
          <MenuItem
            secondaryContent={TAB_SHORTCUTS.closeOthers}
            disabled={tabs.length < 2}
            data-testid="tab-menu-close-others"
            onClick={() => run((k) => state().requestCloseOthers(k))}
          >
            Close others
          </MenuItem>
          <MenuItem
            secondaryContent={TAB_SHORTCUTS.closeToRight}
            disabled={index < 0 || index === tabs.length - 1}
            data-testid="tab-menu-close-right"
            onClick={() => run((k) => state().requestCloseToRight(k))}
          >
            Close to the right
          </MenuItem>
          <MenuItem
            secondaryContent={TAB_SHORTCUTS.closeAll}
            data-testid="tab-menu-close-all"
            onClick={() => run(() => state().requestCloseAll())}
          >
            Close all
          </MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
