import { CalendarSettings, type CalendarDoc } from '../../../../electron/contract';

/** The Exchange Calendar form: the settings and a secret typed now ('' = keep the stored one). */
export type CalendarForm = CalendarSettings & { clientSecret: string };
export type CalendarValue = { settings: CalendarSettings; clientSecret?: string };
export type CalendarErrors = Partial<Record<keyof CalendarForm, string>>;

export const calendarValueOf = (doc: CalendarDoc): CalendarValue => ({ settings: doc.settings });
export const toCalendarForm = (v: CalendarValue): CalendarForm => ({
  ...v.settings,
  clientSecret: v.clientSecret ?? '',
});

/** Runs the contract's schema: one message per field. */
export function parseCalendarForm(
  f: CalendarForm,
): { ok: true; value: CalendarValue } | { ok: false; errors: CalendarErrors } {
  const { clientSecret, ...settings } = f;
  const r = CalendarSettings.safeParse(settings);
  if (!r.success) {
    const errors: CalendarErrors = {};
    for (const issue of r.error.issues) {
      const k = issue.path[0] as keyof CalendarForm | undefined;
      if (k && !errors[k]) errors[k] = issue.message;
    }
    return { ok: false, errors };
  }
  return { ok: true, value: { settings: r.data, ...(clientSecret ? { clientSecret } : {}) } };
}

export function isCalendarDirty(f: CalendarForm, saved: CalendarValue): boolean {
  if (f.clientSecret !== '') return true;
  const p = parseCalendarForm(f);
  return !p.ok || JSON.stringify(p.value.settings) !== JSON.stringify(saved.settings);
}
