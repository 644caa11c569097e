import type { Preferences, Severity } from '../../../../electron/contract';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** "2026-01-31 14:05:09.123" in local time (ISO 8601's order, with milliseconds as logs need them). */
export function isoLocalMs(d: Date): string {
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
  );
}

/** A log time formatter per the dateFormat preference: ISO 8601, or the locale's date and time with milliseconds. */
export function logTimeFormatter(format: Preferences['dateFormat'], locale?: string): (ms: number) => string {
  if (format === 'iso') return (ms) => isoLocalMs(new Date(ms));
  const f = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    fractionalSecondDigits: 3,
  });
  return (ms) => f.format(ms);
}

/** logs-YYYYMMDD-HHmm.log, local time. */
export function logExportName(now: Date): string {
  return (
    `logs-${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}` +
    `${pad(now.getMinutes())}.log`
  );
}

/** 1536 → "1.5 KB"; binary units as memory is counted. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

export const formatCount = (n: number) => n.toLocaleString('en-US');

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'debug', 'trace'];

export const SEVERITY_LABEL: Readonly<Record<Severity, string>> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Info',
  debug: 'Debug',
  trace: 'Trace',
};

/**
 * `datetime-local` value ("2026-01-31T14:05" or with seconds) → ms since epoch in local time; undefined when empty or
 * invalid.
 */
export function parseLocalDateTime(value: string): number | undefined {
  if (!value) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, f] = m;
  const date = new Date(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s ?? 0),
    Number((f ?? '0').padEnd(3, '0')),
  );
  return Number.isNaN(date.getTime()) ? undefined : date.getTime();
}

/** ms since epoch → a `datetime-local` value with seconds, local time. */
export function toLocalDateTime(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:` +
    `${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  );
}
