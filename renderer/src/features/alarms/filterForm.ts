import type { AlarmFilter, AlarmSeverity } from '../../../../electron/contract/services/alarms';

export interface AlarmFilterForm {
  severities: AlarmSeverity[];
  source: string;
  text: string;
  /** datetime-local values (local time), '' = open */
  from: string;
  to: string;
  category: string;
  ack: 'all' | 'acknowledged' | 'unacknowledged';
  includeCleared: boolean;
  /** '' any time, a preset ("last 15 minutes" …) or 'custom' (From/To). */
  preset: '' | TimePresetId | 'custom';
}

export const TIME_PRESETS = [
  { id: '15m', label: 'Last 15 minutes', ms: 15 * 60_000 },
  { id: '1h', label: 'Last hour', ms: 60 * 60_000 },
  { id: '24h', label: 'Last 24 hours', ms: 24 * 60 * 60_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 24 * 60 * 60_000 },
] as const;
export type TimePresetId = (typeof TIME_PRESETS)[number]['id'];

export const EMPTY_ALARM_FILTER: AlarmFilterForm = {
  severities: [],
  source: '',
  text: '',
  from: '',
  to: '',
  category: '',
  ack: 'all',
  includeCleared: false,
  preset: '',
};

const toIso = (local: string): string | undefined => {
  if (!local) return undefined;
  const t = new Date(local).getTime();
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
};

/**
 * The form as main's filter: empty fields left out, local times as UTC ISO. A preset is "from
 * now minus its span", with now rounded down to the minute so the filter (a query key) only
 * moves once a minute. Otherwise From/To (the browser clears them when another preset is chosen).
 */
export function toAlarmFilter(f: AlarmFilterForm, now: number = Date.now()): AlarmFilter {
  const out: AlarmFilter = {};
  if (f.severities.length > 0) out.severities = f.severities;
  if (f.source.trim()) out.source = f.source.trim();
  if (f.text.trim()) out.text = f.text.trim();
  const preset = TIME_PRESETS.find((p) => p.id === f.preset);
  if (preset) {
    out.from = new Date(Math.floor(now / 60_000) * 60_000 - preset.ms).toISOString();
  } else {
    const from = toIso(f.from);
    const to = toIso(f.to);
    if (from) out.from = from;
    if (to) out.to = to;
  }
  if (f.category) out.category = f.category;
  if (f.ack !== 'all') out.ack = f.ack;
  if (f.includeCleared) out.includeCleared = true;
  return out;
}

/** "Fail to connect to Broker.\r\n" as one line: control characters shown, not acted on. */
export const oneLine = (s: string) =>
  s
    .replace(/\r?\n$/, '')
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n');
