import { z } from 'zod';
import { method, service } from '../define';
import { AREAS, PUBLIC } from '../permissions';

/**
 * The console's own user preferences (per OS user, stored by main in the user data
 * folder). `/reset` on the command line resets them (seed 001, Agent parameters).
 */
export const Preferences = z.object({
  theme: z.enum(['system', 'light', 'dark']),
  /** The area opened when the console starts. */
  startArea: z.enum(AREAS),
  /** Ask before destructive actions (delete, bulk changes). */
  confirmDestructive: z.boolean(),
  /** How dates and times are shown: the user's locale, or ISO 8601. */
  dateFormat: z.enum(['locale', 'iso']),
  /** Lines kept per log viewer, in thousands. */
  logBufferKLines: z.number().int().min(10, 'at least 10 (thousand lines)').max(5000, 'at most 5000 (thousand lines)'),
  /** A new Critical alarm anywhere in the console: a count on the Alarms navigation item, */
  alarmBadge: z.boolean().default(true),
  /** the count in the window title, */
  alarmTitle: z.boolean().default(true),
  /** and a desktop notification (in a browser, once the user allowed notifications). */
  alarmDesktop: z.boolean().default(true),
});
export type Preferences = z.infer<typeof Preferences>;

export const PreferencesDoc = z.object({ version: z.number().int().nonnegative(), value: Preferences });
export type PreferencesDoc = z.infer<typeof PreferencesDoc>;

export const prefsService = service({
  methods: {
    get: method({ args: z.object({}), result: PreferencesDoc, permission: PUBLIC, summary: 'Read the preferences' }),
    save: method({
      args: z.object({ expectedVersion: z.number().int().nonnegative(), value: Preferences }),
      result: PreferencesDoc,
      permission: PUBLIC,
      summary: 'Save the preferences (refused when another window saved first)',
    }),
    reset: method({ args: z.object({}), result: PreferencesDoc, permission: PUBLIC, summary: 'Back to defaults' }),
  },
  events: {
    changed: PreferencesDoc,
  },
});
