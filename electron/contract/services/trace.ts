import { z } from 'zod';
import { method, service } from '../define';
import { canRead, canWrite } from '../permissions';

/**
 * Trace levels per server: the registry values of seed 001, REGISTRY KEYS and WCF
 * SERVICES. Paths (HKEY_LOCAL_MACHINE):
 *   SOFTWARE\Wow6432Node\Mitel\SEC\Common\Parameters\Services\SeCLogonWS  LogLevel, LogonWSTimeout
 *   SOFTWARE\Wow6432Node\Mitel\SEC\Common\Parameters\Services\SeCReportWS LogLevel
 *   SOFTWARE\Wow6432Node\Mitel\SocketManager                               Trace, <executable>.exe
 *   (DisableWSDL: the path the seed's WCF SERVICES section gives)
 */
const Dword = z.number().int().min(0).max(0xffffffff);

export const TraceSettings = z.object({
  seclogonws: z.object({
    logLevel: z.number().int().min(0, 'LogLevel is 0–3').max(3, 'LogLevel is 0–3'),
    logonWsTimeoutMs: Dword,
  }),
  secreportws: z.object({ logLevel: z.number().int().min(0, 'LogLevel is 0–3').max(3, 'LogLevel is 0–3') }),
  socketManager: z.object({
    trace: Dword,
    /** Per-executable levels: a value named after the executable, e.g. cs.exe = 9. */
    executables: z
      .array(
        z.object({
          name: z
            .string()
            .trim()
            .regex(/^[^\\/:*?"<>|]+\.exe$/i, 'an executable name such as cs.exe'),
          level: Dword,
        }),
      )
      // Registry value names ignore case: cs.exe and CS.EXE are one value. (Added by the trace issue.)
      .superRefine((rows, ctx) => {
        const seen = new Set<string>();
        rows.forEach((r, i) => {
          const key = r.name.trim().toLowerCase();
          if (seen.has(key))
            ctx.addIssue({
              code: 'custom',
              path: [i, 'name'],
              message: `${r.name.trim()} is listed twice (value names ignore case)`,
            });
          seen.add(key);
        });
      }),
  }),
  disableWsdl: z.boolean(),
});
export type TraceSettings = z.infer<typeof TraceSettings>;

export const TraceDoc = z.object({
  server: z.string(),
  version: z.number().int(),
  settings: TraceSettings,
  /** Levels high enough to cost performance, each with a reminder to turn it back down. */
  warnings: z.array(z.object({ field: z.string(), message: z.string() })),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type TraceDoc = z.infer<typeof TraceDoc>;

export interface TraceWarning {
  /** The setting's path in TraceSettings, e.g. "seclogonws.logLevel", "socketManager.executables.0.level". */
  field: string;
  message: string;
}

/**
 * Levels high enough to cost performance, each with the reminder to turn it back down after
 * collecting the logs. Pure, so main (TraceDoc.warnings, importReg) and the editor (live, as
 * the user types) give the same warnings. (Added by the trace issue.)
 * - LogLevel 3 is "Log all events" (seed 001, REGISTRY KEYS); 2 is the default.
 * - SocketManager Trace above 0 and any per-executable value above 0 switch the SocketManager
 *   log on ("This value indicates whether the SocketManager logging will be enabled. Default
 *   is 0"; "adding a value … enables the SocketManager log for the executable"): every
 *   message between the MiCC Enterprise components is then written to disk. The seed gives no
 *   scale for the levels, so the console does not guess that a low one is cheap: any level
 *   that switches the log on is warned about. An executable at 0 switches it off (it overrides
 *   Trace) and is not warned about.
 */
export function traceWarnings(s: TraceSettings): TraceWarning[] {
  const out: TraceWarning[] = [];
  const logLevel = (field: string, service: string, what: string, level: number) => {
    if (level >= 3) {
      out.push({
        field,
        message:
          `${service} LogLevel is ${level} (Log all events): logging every event costs the ${what} ` +
          `performance. Set it back to 2 (Log errors, warning and status, the default) after collecting the logs.`,
      });
    }
  };
  logLevel('seclogonws.logLevel', 'SeCLogonWS', 'Logon Web Service', s.seclogonws.logLevel);
  logLevel('secreportws.logLevel', 'SeCReportWS', 'Report Web Service', s.secreportws.logLevel);
  if (s.socketManager.trace > 0) {
    out.push({
      field: 'socketManager.trace',
      message:
        `SocketManager Trace is ${s.socketManager.trace}: every MiCC Enterprise service and application ` +
        `logs its TCP/IP communication, which costs performance. Set it back to 0 (the default) after collecting ` +
        `the logs.`,
    });
  }
  s.socketManager.executables.forEach((e, i) => {
    if (e.level > 0) {
      out.push({
        field: `socketManager.executables.${i}.level`,
        message:
          `The SocketManager log is on for ${e.name.trim()} (level ${e.level}), which costs that component ` +
          `performance. Set it to 0 or remove the value after collecting the logs.`,
      });
    }
  });
  return out;
}

const Server = z.string().trim().min(1, 'Server is required').max(255);

export const traceService = service({
  methods: {
    servers: method({
      args: z.object({}),
      result: z.array(z.string()),
      permission: canRead('logs'),
      summary: 'Servers with trace settings',
    }),
    get: method({
      args: z.object({ server: Server }),
      result: TraceDoc,
      permission: canRead('logs'),
      summary: 'A server’s trace levels (defaults when never saved)',
    }),
    save: method({
      args: z.object({ server: Server, expectedVersion: z.number().int(), settings: TraceSettings }),
      result: TraceDoc,
      permission: canWrite('logs'),
      summary: 'Save a server’s trace levels (refused when stale). Host administrators only: installation-wide',
    }),
    exportReg: method({
      args: z.object({ server: Server }),
      result: z.object({ fileName: z.string(), text: z.string() }),
      permission: canRead('logs'),
      summary: 'A Windows .reg file with the manual’s HKLM paths',
    }),
    importReg: method({
      args: z.object({ server: Server, text: z.string().max(1_000_000) }),
      result: z.object({
        settings: TraceSettings,
        warnings: z.array(z.object({ field: z.string(), message: z.string() })),
      }),
      permission: canRead('logs'),
      summary:
        'Parse a .reg file into settings (refusing keys and values it does not know, saying which); the editor ' +
        'then saves',
    }),
  },
  events: {},
});
