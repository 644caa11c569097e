import { useEffect, useState, type ReactElement } from 'react';
import { makeStyles, mergeClasses, Spinner, tokens } from '@fluentui/react-components';
import {
  ArrowSync16Regular,
  CircleOff16Regular,
  ClockAlarm16Regular,
  DocumentArrowDown16Regular,
  ErrorCircle16Regular,
  PlugConnected16Regular,
  PlugDisconnected16Regular,
} from '@fluentui/react-icons';
import type { SourceState } from '../../../../electron/contract';
import { stateReceivedAt } from './data';

const useStyles = makeStyles({
  root: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, whiteSpace: 'nowrap' },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  warn: { color: tokens.colorPaletteDarkOrangeForeground1 },
  bad: { color: tokens.colorPaletteRedForeground1 },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** Seconds left until the next attempt, counting down from when the state arrived. */
function useCountdown(state: SourceState): number | undefined {
  const [now, setNow] = useState(() => Date.now());
  const counting =
    (state.status === 'reconnecting' ||
      state.status === 'refused' ||
      state.status === 'timed-out' ||
      state.status === 'error') &&
    state.retryInSec !== undefined;
  useEffect(() => {
    if (!counting) return;
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, [counting]);
  if (!counting) return undefined;
  const at = stateReceivedAt(state) ?? now;
  return Math.max(0, Math.ceil(state.retryInSec! - (now - at) / 1000));
}

/** A source's state with an icon: connected, reconnecting in N s (live), refused, timed out, following, disabled. */
export function SourceStateCell({ state, testId }: { state: SourceState; testId?: string }) {
  const styles = useStyles();
  const left = useCountdown(state);
  let icon: ReactElement;
  let text: string;
  let tone: keyof typeof styles;
  switch (state.status) {
    case 'connected':
      [icon, text, tone] = [<PlugConnected16Regular />, 'Connected', 'ok'];
      break;
    case 'following':
      [icon, text, tone] = [<DocumentArrowDown16Regular />, 'Following', 'ok'];
      break;
    case 'connecting':
      [icon, text, tone] = [<Spinner size="extra-tiny" />, 'Connecting…', 'muted'];
      break;
    case 'reconnecting':
      [icon, text, tone] = [
        <ArrowSync16Regular />,
        left === undefined ? 'Reconnecting…' : left > 0 ? `Reconnecting in ${left} s` : 'Reconnecting now…',
        'warn',
      ];
      break;
    case 'refused':
      [icon, text, tone] = [<PlugDisconnected16Regular />, 'Refused', 'bad'];
      break;
    case 'timed-out':
      [icon, text, tone] = [<ClockAlarm16Regular />, 'Timed out', 'bad'];
      break;
    case 'disabled':
      [icon, text, tone] = [<CircleOff16Regular />, 'Disabled', 'muted'];
      break;
    default:
      [icon, text, tone] = [<ErrorCircle16Regular />, 'Error', 'bad'];
  }
  if (state.status !== 'reconnecting' && left !== undefined)
    text += left > 0 ? ` · retry in ${left} s` : ' · retrying…';
  return (
    <span
      className={mergeClasses(styles.root, styles[tone])}
      title={state.message}
      data-testid={testId}
      data-status={state.status}
    >
      {icon}
      {text}
    </span>
  );
}
