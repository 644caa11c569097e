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
}

export const EMPTY_ALARM_FILTER: AlarmFilterForm = { severities: [], source: '', text: '', from: '', to: '', category: '', ack: 'all', includeCleared: false };

const toIso = (local: string): string | undefined => {
  if (!local) return undefined;
  const t = new Date(local).getTime();
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
};

/** The form as main's filter: empty fields left out, local times as UTC ISO. */
export function toAlarmFilter(f: AlarmFilterForm): AlarmFilter {
  const out: AlarmFilter = {};
  if (f.severities.length > 0) out.severities = f.severities;
  if (f.source.trim()) out.source = f.source.trim();
  if (f.text.trim()) out.text = f.text.trim();
  const from = toIso(f.from);
  const to = toIso(f.to);
  if (from) out.from = from;
  if (to) out.to = to;
  if (f.category) out.category = f.category;
  if (f.ack !== 'all') out.ack = f.ack;
  if (f.includeCleared) out.includeCleared = true;
  return out;
}

/** "Fail to connect to Broker.\r\n" as one line: control characters shown, not acted on. */
export const oneLine = (s: string) => s.replace(/\r?\n$/, '').replace(/\r/g, '\\r').replace(/\n/g, '\\n');
