import { Preferences, type Area, type PermissionSet } from '../../../../../electron/contract';
import { canRead, visibleAreas } from '../../../data/permissions';

/** The editor's working copy: like Preferences, but the number field keeps what was typed. */
export type PrefsForm = Omit<Preferences, 'logBufferKLines'> & { logBufferKLines: string };
export type PrefsField = keyof Preferences;
export type FieldErrors = Partial<Record<PrefsField, string>>;

export const FIELD_LABELS: Readonly<Record<PrefsField, string>> = {
  theme: 'Theme',
  startArea: 'Start area',
  confirmDestructive: 'Confirm destructive actions',
  dateFormat: 'Date and time format',
  logBufferKLines: 'Log buffer',
  alarmBadge: 'Critical alarms: count on Alarms',
  alarmTitle: 'Critical alarms: count in the window title',
  alarmDesktop: 'Critical alarms: desktop notification',
};

/** What to say when zod's own message is a generic "Invalid input…". */
const FALLBACK: Readonly<Record<PrefsField, string>> = {
  theme: 'Choose System, Light or Dark.',
  startArea: 'Choose one of the areas.',
  confirmDestructive: 'Choose on or off.',
  dateFormat: 'Choose Locale or ISO 8601.',
  logBufferKLines: 'Enter a whole number of thousand lines.',
  alarmBadge: 'Choose on or off.',
  alarmTitle: 'Choose on or off.',
  alarmDesktop: 'Choose on or off.',
};

export const toForm = (p: Preferences): PrefsForm => ({ ...p, logBufferKLines: String(p.logBufferKLines) });

const capitalize = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** Checks the form with the contract's schema; errors are keyed by field, one message each. */
export function parseForm(form: PrefsForm): { ok: true; value: Preferences } | { ok: false; errors: FieldErrors } {
  const typed = form.logBufferKLines.trim();
  const candidate = { ...form, logBufferKLines: /^[+-]?\d+(\.\d+)?$/.test(typed) ? Number(typed) : Number.NaN };
  const result = Preferences.safeParse(candidate);
  if (result.success) return { ok: true, value: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as PrefsField | undefined;
    if (!field || !(field in FIELD_LABELS) || errors[field]) continue;
    errors[field] = issue.message.startsWith('Invalid') ? FALLBACK[field] : `${capitalize(issue.message)}.`;
  }
  return { ok: false, errors };
}

/** Dirty = the form says something other than the saved preferences. */
export function isFormDirty(form: PrefsForm, saved: Preferences): boolean {
  const parsed = parseForm(form);
  if (!parsed.ok) return true;
  const v = parsed.value;
  return (Object.keys(saved) as PrefsField[]).some((k) => v[k] !== saved[k]);
}

/**
 * What of the preferences applies to the signed-in user (everyone opens this page, from the user
 * menu): the Critical alarm notices only to those who see Alarms, the log buffer only to those who
 * see Logs. Hidden fields keep their saved values (the preferences are this computer's, shared by
 * whoever signs in on it).
 */
export function applicablePrefs(perms: PermissionSet | undefined): { alarms: boolean; logs: boolean } {
  return { alarms: canRead(perms, 'alarms'), logs: canRead(perms, 'logs') };
}

export interface StartAreaChoice {
  readonly id: Area;
  readonly label: string;
}

/**
 * The start areas to offer: the areas the user sees. The saved one stays listed when the user does
 * not see it (another user of this computer chose it), marked, with what opens instead.
 */
export function startAreaChoices(
  all: readonly StartAreaChoice[],
  perms: PermissionSet | undefined,
  current: Area,
): { choices: StartAreaChoice[]; unavailable: { current: string; instead: string | null } | null } {
  const visible = visibleAreas(all, perms);
  if (visible.some((a) => a.id === current)) return { choices: visible, unavailable: null };
  const saved = all.find((a) => a.id === current);
  const label = saved?.label ?? current;
  return {
    choices: [{ id: current, label: `${label} (not available to you)` }, ...visible],
    unavailable: { current: label, instead: visible[0]?.label ?? null },
  };
}
