import { TraceSettings, traceWarnings, type TraceWarning } from '../../../../../electron/contract';

/**
 * The trace-levels editor's working copy: numbers as typed, executables as rows with a
 * stable id (for React keys while rows are added and removed). Validation is the contract's
 * TraceSettings schema; errors are keyed by the schema's path ("seclogonws.logLevel",
 * "socketManager.executables.1.name"), the same paths main names in its answers.
 */
export interface ExecutableRow {
  readonly id: number;
  readonly name: string;
  readonly level: string;
}

export interface TraceForm {
  readonly logonLogLevel: string;
  readonly logonTimeoutMs: string;
  readonly reportLogLevel: string;
  readonly trace: string;
  readonly executables: readonly ExecutableRow[];
  readonly disableWsdl: boolean;
}

export type TraceErrors = Record<string, string>;

/** The seed's words (REGISTRY KEYS): "Valid values are: 0= Log errors only …". */
export const LOG_LEVEL_OPTIONS = [
  { value: '0', label: '0 = Log errors only' },
  { value: '1', label: '1 = Log errors and warnings' },
  { value: '2', label: '2 = Log errors, warning and status' },
  { value: '3', label: '3 = Log all events' },
] as const;

/** The registry paths as seed 001 prints them (REGISTRY KEYS; WCF SERVICES writes "SeC"). */
export const TRACE_PATHS = {
  seclogonws: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Mitel\\SEC\\Common\\Parameters\\Services\\SeCLogonWS',
  secreportws: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Mitel\\SEC\\Common\\Parameters\\Services\\SeCReportWS',
  socketManager: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Mitel\\SocketManager',
  wcf: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Mitel\\SeC\\Common\\Parameters',
} as const;

let nextRowId = 1;
export const newExecutableRow = (name = '', level = ''): ExecutableRow => ({ id: nextRowId++, name, level });

export const toTraceForm = (s: TraceSettings): TraceForm => ({
  logonLogLevel: String(s.seclogonws.logLevel),
  logonTimeoutMs: String(s.seclogonws.logonWsTimeoutMs),
  reportLogLevel: String(s.secreportws.logLevel),
  trace: String(s.socketManager.trace),
  executables: s.socketManager.executables.map((e) => newExecutableRow(e.name, String(e.level))),
  disableWsdl: s.disableWsdl,
});

const WHOLE = /^\s*\d+\s*$/;
const toNumber = (typed: string) => (WHOLE.test(typed) ? Number(typed.trim()) : Number.NaN);

/** A form field's path → the message when what was typed is not a whole number. */
const numberPaths = (f: TraceForm): Array<[string, string]> => [
  ['seclogonws.logonWsTimeoutMs', f.logonTimeoutMs],
  ['socketManager.trace', f.trace],
  ...f.executables.map((e, i): [string, string] => [`socketManager.executables.${i}.level`, e.level]),
];

/** The contract's rule in the form's words (its DWORD has no message of its own). */
function messageOf(issue: { code: string; message: string; maximum?: unknown; minimum?: unknown }): string {
  if (issue.code === 'too_big' && Number(issue.maximum) === 0xffffffff) return 'At most 4294967295 (a DWORD)';
  if (issue.code === 'too_small' && Number(issue.minimum) === 0) return 'Cannot be negative (a DWORD is 0–4294967295)';
  return issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
}

/** Checks the form with the contract's TraceSettings schema: one message per field path. */
export function parseTraceForm(f: TraceForm): { ok: true; value: TraceSettings } | { ok: false; errors: TraceErrors } {
  const errors: TraceErrors = {};
  for (const [path, typed] of numberPaths(f)) {
    if (!WHOLE.test(typed))
      errors[path] = typed.trim() === '' ? 'Required: a whole number (0–4294967295)' : 'A whole number (0–4294967295)';
  }
  const candidate = {
    seclogonws: { logLevel: toNumber(f.logonLogLevel), logonWsTimeoutMs: toNumber(f.logonTimeoutMs) },
    secreportws: { logLevel: toNumber(f.reportLogLevel) },
    socketManager: {
      trace: toNumber(f.trace),
      executables: f.executables.map((e) => ({ name: e.name, level: toNumber(e.level) })),
    },
    disableWsdl: f.disableWsdl,
  };
  const result = TraceSettings.safeParse(candidate);
  if (result.success && Object.keys(errors).length === 0) return { ok: true, value: result.data };
  for (const issue of result.error?.issues ?? []) {
    const path = issue.path.map(String).join('.');
    if (!errors[path]) errors[path] = messageOf(issue as never);
  }
  return { ok: false, errors };
}

/** Dirty = the form says something other than the saved settings (an invalid form always is). */
export function isTraceDirty(f: TraceForm, saved: TraceSettings): boolean {
  const parsed = parseTraceForm(f);
  return !parsed.ok || JSON.stringify(parsed.value) !== JSON.stringify(TraceSettings.parse(saved));
}

/** The live warnings of what the form says now (none while it is invalid). */
export function formWarnings(f: TraceForm): TraceWarning[] {
  const parsed = parseTraceForm(f);
  return parsed.ok ? traceWarnings(parsed.value) : [];
}

/** "45000" → "45 seconds" — the timeout in the seed's own second unit. */
export function describeMs(typed: string): string | null {
  if (!WHOLE.test(typed)) return null;
  const ms = Number(typed.trim());
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} second${s === 1 ? '' : 's'}`;
}
