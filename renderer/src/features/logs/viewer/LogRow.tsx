import { memo } from 'react';
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { Bookmark16Filled } from '@fluentui/react-icons';
import type { LogLine } from '../../../../../electron/contract';
import { splitHighlights } from '../highlight';

/** A badge for a line whose level was not written as such (a plain line with ERROR or WARN in it). */
const SEVERITY_SHORT = { error: 'ERROR', warning: 'WARN', info: 'INFO', debug: 'DEBUG', trace: 'TRACE' } as const;

/** Fixed row height (px): the list is virtualized on it. */
export const ROW = 20;

export const useRowStyles = makeStyles({
  row: {
    position: 'absolute',
    left: 0,
    right: 0,
    height: `${ROW}px`,
    display: 'flex',
    alignItems: 'stretch',
    lineHeight: `${ROW}px`,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: '12px',
    whiteSpace: 'pre',
    cursor: 'default',
    contain: 'strict',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
  },
  error: { backgroundColor: tokens.colorPaletteRedBackground1 },
  selected: {
    backgroundColor: tokens.colorBrandBackground2Pressed,
    ':hover': { backgroundColor: tokens.colorBrandBackground2Pressed },
  },
  cursor: { outline: `1px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-1px' },
  gutter: {
    width: '20px',
    flexShrink: 0,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    cursor: 'pointer',
    color: tokens.colorPaletteBerryForeground1,
  },
  bar: { width: '4px', flexShrink: 0, marginRight: '6px' },
  time: { width: 'var(--log-time-w)', flexShrink: 0, color: tokens.colorNeutralForeground2, overflow: 'hidden' },
  received: { fontStyle: 'italic', color: tokens.colorNeutralForeground3 },
  /** Earlier than the previous line of its source: shown where it arrived, marked (as lnav does). */
  outOfOrder: {
    color: tokens.colorPaletteDarkOrangeForeground1,
    fontWeight: tokens.fontWeightSemibold,
    boxShadow: `inset 2px 0 0 ${tokens.colorPaletteDarkOrangeBorder2}`,
    paddingLeft: '3px',
    boxSizing: 'border-box',
  },
  /** A continuation line (stack trace): part of the entry above, indented under its time. */
  continued: { borderLeft: `2px solid ${tokens.colorNeutralStroke2}`, marginLeft: '12px', boxSizing: 'border-box' },
  level: {
    width: '64px',
    flexShrink: 0,
    display: 'flex',
    alignItems: 'center',
    paddingLeft: '6px',
    boxSizing: 'border-box',
  },
  badge: {
    display: 'inline-block',
    minWidth: '44px',
    height: '16px',
    lineHeight: '16px',
    padding: '0 4px',
    borderRadius: tokens.borderRadiusSmall,
    fontSize: '11px',
    fontWeight: tokens.fontWeightSemibold,
    textAlign: 'center',
    overflow: 'hidden',
    boxSizing: 'border-box',
  },
  sev_error: { backgroundColor: tokens.colorPaletteRedBackground3, color: tokens.colorNeutralForegroundOnBrand },
  sev_warning: { backgroundColor: tokens.colorPaletteMarigoldBackground3, color: tokens.colorNeutralForeground1Static },
  sev_info: { backgroundColor: tokens.colorPaletteBlueBackground2, color: tokens.colorPaletteBlueForeground2 },
  sev_debug: { backgroundColor: tokens.colorNeutralBackground5, color: tokens.colorNeutralForeground2 },
  sev_trace: {
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground3,
    outline: `1px solid ${tokens.colorNeutralStroke2}`,
    outlineOffset: '-1px',
  },
  component: {
    width: '150px',
    flexShrink: 0,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    paddingRight: '8px',
    boxSizing: 'border-box',
    color: tokens.colorNeutralForeground2,
  },
  thread: {
    width: '64px',
    flexShrink: 0,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    paddingRight: '8px',
    boxSizing: 'border-box',
    color: tokens.colorNeutralForeground3,
  },
  message: { flexGrow: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', paddingRight: '8px' },
  mark: {
    backgroundColor: tokens.colorPaletteYellowBackground3,
    color: tokens.colorNeutralForeground1Static,
    borderRadius: '2px',
  },
  cut: { color: tokens.colorPaletteDarkOrangeForeground1, marginLeft: '6px' },
  loading: { color: tokens.colorNeutralForeground4 },
});

export interface LogRowProps {
  readonly index: number;
  readonly top: number;
  readonly line: LogLine | undefined;
  readonly colour: string | undefined;
  readonly sourceName: string | undefined;
  readonly time: string;
  readonly highlight: RegExp | null;
  readonly selected: boolean;
  readonly cursor: boolean;
  readonly bookmarked: boolean;
}

/** One line of the viewer. Memoized: a row re-renders only when its line, marks or place change. */
export const LogRow = memo(function LogRow(p: LogRowProps) {
  const s = useRowStyles();
  const { line } = p;
  if (!line) {
    return (
      <div className={mergeClasses(s.row, s.loading)} style={{ top: p.top }} data-index={p.index} aria-busy="true">
        <span className={s.gutter} data-gutter="" />
        <span className={s.bar} />
        <span className={s.message}>…</span>
      </div>
    );
  }
  const sev = line.severity;
  return (
    <div
      className={mergeClasses(s.row, sev === 'error' && s.error, p.selected && s.selected, p.cursor && s.cursor)}
      style={{ top: p.top }}
      data-index={p.index}
      data-seq={line.seq}
      data-severity={sev ?? 'none'}
      data-continuation={line.continuation ? '' : undefined}
      role="row"
      aria-selected={p.selected}
    >
      <span
        className={s.gutter}
        data-gutter=""
        title={p.bookmarked ? 'Remove bookmark (Ctrl+F2)' : 'Bookmark (Ctrl+F2)'}
      >
        {p.bookmarked && <Bookmark16Filled data-testid="log-bookmark-mark" />}
      </span>
      <span className={s.bar} style={{ backgroundColor: p.colour }} title={p.sourceName} />
      {line.continuation ? (
        <span className={mergeClasses(s.time, s.continued)} title="Part of the entry above" />
      ) : (
        <span
          className={mergeClasses(s.time, !line.structured && s.received, line.outOfOrder && s.outOfOrder)}
          title={
            line.outOfOrder
              ? 'Out of time order: earlier than the line before it from this source, shown where it arrived'
              : line.structured
                ? undefined
                : 'Received at (the line has no time of its own)'
          }
          data-testid={line.outOfOrder ? 'log-out-of-order' : undefined}
        >
          {p.time}
        </span>
      )}
      <span className={s.level}>
        {sev && <span className={mergeClasses(s.badge, s[`sev_${sev}`])}>{line.level || SEVERITY_SHORT[sev]}</span>}
      </span>
      <span className={s.component} title={line.component}>
        {line.continuation ? '' : line.component}
      </span>
      <span className={s.thread} title={line.thread}>
        {line.thread}
      </span>
      <span className={s.message} title={line.structured ? line.text : undefined}>
        {p.highlight
          ? splitHighlights(line.message, p.highlight).map((seg, i) =>
              seg.hit ? (
                <mark key={i} className={s.mark}>
                  {seg.text}
                </mark>
              ) : (
                seg.text
              ),
            )
          : line.message}
        {line.cut && (
          <span className={s.cut} title="Cut at the line length limit">
            ✂
          </span>
        )}
      </span>
    </div>
  );
});
