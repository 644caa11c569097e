import type { AuditFilter } from '../../../../../electron/contract';

/** The filter bar as typed: '' = no filter; dates as an <input type="date"> gives them (YYYY-MM-DD, local). */
export interface AuditFilterForm {
  tenantId: string;
  actor: string;
  action: string;
  objectType: string;
  from: string;
  to: string;
  text: string;
}

export const EMPTY_AUDIT_FILTER: AuditFilterForm = {
  tenantId: '',
  actor: '',
  action: '',
  objectType: '',
  from: '',
  to: '',
  text: '',
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local midnight of a YYYY-MM-DD, plus `days`, as the ISO instant main compares `at` with. */
function localDay(value: string, days: number): string | undefined {
  const m = DATE.exec(value);
  if (!m) return undefined;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/**
 * The contract's AuditFilter: blanks left out, "from" = the start of that local day, "to" =
 * the last millisecond of that local day (both inclusive, as main compares).
 */
export function toAuditFilter(f: AuditFilterForm): AuditFilter {
  const out: AuditFilter = {};
  const tenant = Number(f.tenantId);
  if (f.tenantId !== '' && Number.isInteger(tenant)) out.tenantId = tenant;
  if (f.actor.trim()) out.actor = f.actor.trim();
  if (f.action) out.action = f.action;
  if (f.objectType.trim()) out.objectType = f.objectType.trim();
  const from = localDay(f.from, 0);
  if (from) out.from = from;
  const nextDay = localDay(f.to, 1);
  if (nextDay) out.to = new Date(new Date(nextDay).getTime() - 1).toISOString();
  if (f.text.trim()) out.text = f.text.trim();
  return out;
}

/** before/after JSON in one short line: "locked: false, reason: failed-attempts". */
export function summarizeJson(json: string | null): string {
  if (json === null || json === '') return '';
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return json;
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(', ');
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Pretty JSON for the expanded row (the text itself when it is not JSON). */
export function prettyJson(json: string | null): string {
  if (json === null || json === '') return '';
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}
