import { z } from 'zod';
import { method, service } from '../define';
import { PUBLIC } from '../permissions';
import { ConsoleRoute } from './consoleLink';

export const RunMode = z.enum(['electron', 'browser']);

export const AppInfo = z.object({
  productName: z.string(),
  version: z.string(),
  mode: RunMode,
  platform: z.string(),
  /** Why the console runs in browser mode, when it does (one line). */
  browserModeReason: z.string().optional(),
});
export type AppInfo = z.infer<typeof AppInfo>;

/**
 * The parsed command line as the renderer may see it. The password never leaves main:
 * only whether one was given.
 */
export const LaunchOptionsView = z.object({
  user: z.string().optional(),
  passwordGiven: z.boolean(),
  webServer: z.object({ host: z.string(), port: z.number().int() }).optional(),
  stdLogin: z.boolean(),
  brokerName: z.string().optional(),
  brokerPort: z.number().int().optional(),
  tenantId: z.string().optional(),
  reset: z.boolean(),
  logFile: z.string().optional(),
  /** Chromium/Electron switches that were passed and ignored. */
  ignoredSwitches: z.array(z.string()),
});
export type LaunchOptionsView = z.infer<typeof LaunchOptionsView>;

export const Notice = z.object({
  level: z.enum(['info', 'warning', 'error']),
  text: z.string(),
  at: z.string(), // ISO time
});
export type Notice = z.infer<typeof Notice>;

export const appService = service({
  methods: {
    getInfo: method({
      args: z.object({}),
      result: AppInfo,
      permission: PUBLIC,
      summary: 'Product, version and run mode',
    }),
    getLaunchOptions: method({
      args: z.object({}),
      result: LaunchOptionsView,
      permission: PUBLIC,
      summary: 'The command-line flags the console was started with (no password)',
    }),
    getNotices: method({
      args: z.object({}),
      result: z.array(Notice),
      permission: PUBLIC,
      summary: 'Notices raised since start (e.g. preferences reset by /reset)',
    }),
  },
  events: {
    notice: Notice,
    /** Electron: the user closed the window while a tab is dirty; the renderer asks Save / Don't Save / Cancel. */
    closeRequested: z.object({}),
    /** A console link was opened (ccm:// in the desktop application): the route, already validated. */
    openLink: ConsoleRoute,
  },
});
