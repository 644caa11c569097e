import type { LogFilter, Severity } from '../../../../electron/contract';
import { parseLocalDateTime } from './format';

/** The viewer's filter as its toolbar holds it (text fields as typed). */
export interface ViewerFilterForm {
  /** Empty: every severity (and plain lines without one). */
  readonly severities: readonly Severity[];
  /** Empty: every source. */
  readonly sourceIds: readonly string[];
  readonly include: string;
  readonly exclude: string;
  readonly regex: boolean;
  readonly caseSensitive: boolean;
  /** `datetime-local` values. */
  readonly from: string;
  readonly to: string;
}

export const EMPTY_VIEWER_FILTER: ViewerFilterForm = {
  severities: [],
  sourceIds: [],
  include: '',
  exclude: '',
  regex: false,
  caseSensitive: false,
  from: '',
  to: '',
};

export type FilterField = 'include' | 'exclude' | 'search' | 'from' | 'to';
export type FilterErrors = Partial<Record<FilterField, string>>;

/** Why a pattern is not a valid regular expression (the engine's words), or null. */
export function regexError(pattern: string, caseSensitive: boolean): string | null {
  try {
    new RegExp(pattern, caseSensitive ? '' : 'i');
    return null;
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    // "Invalid regular expression: /(a/i: Unterminated group" → "Unterminated group"
    const m = /: ([^:]+)$/.exec(text);
    return `Invalid regex: ${m ? m[1] : text}`;
  }
}

/**
 * The form as main's LogFilter, and what is wrong with it. A field in error is not sent:
 * the caller keeps the last valid filter until the errors are fixed.
 */
export function toLogFilter(form: ViewerFilterForm): { filter: LogFilter; errors: FilterErrors } {
  const errors: FilterErrors = {};
  const filter: LogFilter = { regex: form.regex, caseSensitive: form.caseSensitive };
  if (form.severities.length > 0) filter.severities = [...form.severities];
  if (form.sourceIds.length > 0) filter.sourceIds = [...form.sourceIds];
  for (const field of ['include', 'exclude'] as const) {
    const text = form[field];
    if (!text) continue;
    const bad = form.regex ? regexError(text, form.caseSensitive) : null;
    if (bad) errors[field] = bad;
    else filter[field] = text;
  }
  const from = parseLocalDateTime(form.from);
  const to = parseLocalDateTime(form.to);
  if (form.from && from === undefined) errors.from = 'Enter a date and time.';
  if (form.to && to === undefined) errors.to = 'Enter a date and time.';
  if (from !== undefined && to !== undefined && to < from) errors.to = 'The end of the time range is before its start.';
  else {
    if (from !== undefined) filter.from = from;
    if (to !== undefined) filter.to = to + (form.to.length <= 16 ? 59_999 : 999); // the whole minute / second typed
  }
  return { filter, errors };
}

/** True when the form filters anything out. */
export function isFiltered(form: ViewerFilterForm): boolean {
  return (
    form.severities.length > 0 ||
    form.sourceIds.length > 0 ||
    !!form.include ||
    !!form.exclude ||
    !!form.from ||
    !!form.to
  );
}
