import type { Preferences } from '../../../electron/contract';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** "2026-01-31 14:05:09" in local time: ISO 8601's order, readable. */
export function isoLocal(d: Date): string {
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  );
}

/** A timestamp from main as the user's preference says (their locale, or ISO 8601); '' for none. */
export function formatDateTime(
  iso: string | null | undefined,
  format: Preferences['dateFormat'],
  locale?: string,
): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return format === 'iso' ? isoLocal(d) : d.toLocaleString(locale);
}

/** audit-YYYYMMDD-HHmm.csv, local time. */
export function auditCsvName(now: Date): string {
  return (
    `audit-${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}` +
    `${pad(now.getMinutes())}.csv`
  );
}
