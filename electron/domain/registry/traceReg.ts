import { traceWarnings, type TraceSettings, type TraceWarning } from '../../contract';
import { parseRegText, writeRegText, type RegProblem, type RegWriteSection } from './regFile';
import {
  defaultTraceSettings,
  EXECUTABLE_NAME,
  LOG_LEVELS,
  TRACE_DEFAULTS,
  TRACE_KEYS,
  TRACE_VALUES,
  traceKeyOf,
  type TraceKey,
} from './traceKeys';

/**
 * Trace settings ↔ a .reg file with the seed's HKLM paths.
 *
 * Export: every value the editor owns, including those at their default, so importing the
 * file on a server puts it exactly in the state the console shows. DisableWSDL off is
 * written as 0 (the same as the value being absent), so the file also turns it back off.
 * Per-executable SocketManager values are written in the editor's order.
 *
 * Import (decisions, see docs in traceRegFromText):
 * - Only the four keys of the seed. Any other key is refused, each named with its line —
 *   including empty parent keys that a regedit export of a whole branch contains, since
 *   importing the file would create them.
 * - [-key] (deleting a key) is refused: "deleting keys is not supported".
 * - Under a known key only the seed's values (any case); under SocketManager also any
 *   "<name>.exe" (a per-executable level). Other names, and the default value @, are refused.
 * - Only dword: data; text or hex data for a known value is refused naming the value.
 * - "Value"=- (deleting a value) means what the services do when the value is absent: the
 *   seed's default (LogLevel 2, LogonWSTimeout 30000, Trace 0, DisableWSDL off); for a
 *   per-executable value it removes that executable's row (Trace applies to it again).
 * - Values the file does not mention keep the current settings: a file with only the
 *   SocketManager key changes only SocketManager. A file that sets none of the trace
 *   values is refused (there is nothing to import).
 * - Ranges: LogLevel 0–3, DisableWSDL 0 or 1; Trace, LogonWSTimeout and executable levels
 *   are any DWORD (the seed gives no other limit). A value given twice: the last one wins,
 *   as in regedit.
 */
export function traceSettingsToReg(server: string, settings: TraceSettings): string {
  const warnings = traceWarnings(settings);
  const sections: RegWriteSection[] = [
    {
      path: TRACE_KEYS.seclogonws,
      values: [
        {
          name: 'LogLevel',
          dword: settings.seclogonws.logLevel,
          comment: `LogLevel ${settings.seclogonws.logLevel} = ${LOG_LEVELS[settings.seclogonws.logLevel]}`,
        },
        {
          name: 'LogonWSTimeout',
          dword: settings.seclogonws.logonWsTimeoutMs,
          comment: 'milliseconds to wait for the Web Service to initialize',
        },
      ],
    },
    {
      path: TRACE_KEYS.secreportws,
      values: [
        {
          name: 'LogLevel',
          dword: settings.secreportws.logLevel,
          comment: `LogLevel ${settings.secreportws.logLevel} = ${LOG_LEVELS[settings.secreportws.logLevel]}`,
        },
      ],
    },
    {
      path: TRACE_KEYS.socketManager,
      values: [
        { name: 'Trace', dword: settings.socketManager.trace },
        ...settings.socketManager.executables.map((e) => ({ name: e.name.trim(), dword: e.level })),
      ],
    },
    {
      path: TRACE_KEYS.wcf,
      comments: ['DisableWSDL: restart the MiCC Enterprise services for the setting to take effect.'],
      values: [{ name: 'DisableWSDL', dword: settings.disableWsdl ? 1 : 0 }],
    },
  ];
  return writeRegText({
    comments: [
      `Trace levels for server ${server}, written by Contact Center Console.`,
      'Import on that server (double-click, or: reg import <file>).',
      ...warnings.map((w) => `WARNING: ${w.message}`),
    ],
    sections,
  });
}

const describeKey = (k: TraceKey) =>
  ({ seclogonws: 'SeCLogonWS', secreportws: 'SeCReportWS', socketManager: 'SocketManager', wcf: 'Parameters (WCF)' })[
    k
  ];

export type TraceImport =
  | {
      ok: true;
      settings: TraceSettings;
      warnings: TraceWarning[];
      /** How many values the file set. */ applied: number;
    }
  | { ok: false; problems: RegProblem[] };

/** Reads .reg text onto `current` (see the rules at the top of this file). Never throws. */
export function traceSettingsFromReg(text: string, current: TraceSettings = defaultTraceSettings()): TraceImport {
  const parsed = parseRegText(text);
  if (!parsed.ok) return parsed;
  const problems: RegProblem[] = [];
  const next: TraceSettings = structuredClone(current);
  let applied = 0;
  const execs = next.socketManager.executables;

  for (const section of parsed.doc.sections) {
    if (section.delete) {
      problems.push({ line: section.line, message: `[-${section.path}]: deleting keys is not supported.` });
      continue;
    }
    const key = traceKeyOf(section.path);
    if (!key) {
      problems.push({
        line: section.line,
        message:
          `Unknown key [${section.path}]: this console edits only the trace keys of MiCC Enterprise Advanced ` +
          `Configurations › Registry Keys.`,
      });
      continue;
    }
    for (const v of section.values) {
      const where = `${describeKey(key)} ${v.name === null ? '(Default)' : v.name}`;
      if (v.name === null) {
        problems.push({
          line: v.line,
          message:
            `[${section.path}] has a default value (@); this console sets only ` +
            `${TRACE_VALUES[key].join(', ')}${key === 'socketManager' ? ' and <executable>.exe levels' : ''}.`,
        });
        continue;
      }
      const known = (TRACE_VALUES[key] as readonly string[]).find((n) => n.toLowerCase() === v.name!.toLowerCase());
      const executable =
        !known && key === 'socketManager' && EXECUTABLE_NAME.test(v.name.trim()) ? v.name.trim() : null;
      if (!known && !executable) {
        problems.push({
          line: v.line,
          message:
            `Unknown value "${v.name}" under [${section.path}]: this console sets only ` +
            `${TRACE_VALUES[key].join(', ')}${key === 'socketManager' ? EXECUTABLE_LEVELS : ''}.`,
        });
        continue;
      }
      if (v.data.kind !== 'dword' && v.data.kind !== 'delete') {
        const got = v.data.kind === 'string' ? 'text' : `${v.data.type}: data`;
        problems.push({ line: v.line, message: `${where} must be a DWORD (dword:xxxxxxxx), not ${got}.` });
        continue;
      }
      const value = v.data.kind === 'dword' ? v.data.value : null; // null: the file deletes the value
      if (executable) {
        const at = execs.findIndex((e) => e.name.trim().toLowerCase() === executable.toLowerCase());
        if (value === null) {
          if (at >= 0) execs.splice(at, 1);
        } else if (at >= 0) execs[at] = { name: executable, level: value };
        else execs.push({ name: executable, level: value });
        applied++;
        continue;
      }
      const field = `${key}.${known}`;
      switch (field) {
        case 'seclogonws.LogLevel':
        case 'secreportws.LogLevel': {
          const level = value ?? TRACE_DEFAULTS.seclogonws.logLevel;
          if (level > 3) {
            problems.push({
              line: v.line,
              message: `${where} is 0–3 (0 = ${LOG_LEVELS[0]} … 3 = ${LOG_LEVELS[3]}); the file sets ${level}.`,
            });
            continue;
          }
          if (key === 'seclogonws') next.seclogonws.logLevel = level;
          else next.secreportws.logLevel = level;
          break;
        }
        case 'seclogonws.LogonWSTimeout':
          next.seclogonws.logonWsTimeoutMs = value ?? TRACE_DEFAULTS.seclogonws.logonWsTimeoutMs;
          break;
        case 'socketManager.Trace':
          next.socketManager.trace = value ?? TRACE_DEFAULTS.socketManager.trace;
          break;
        case 'wcf.DisableWSDL':
          if (value !== null && value > 1) {
            problems.push({
              line: v.line,
              message: `${where} is 0 or 1 (1 = the WSDL of the WCF services is disabled); the file sets ${value}.`,
            });
            continue;
          }
          next.disableWsdl = value === 1;
          break;
      }
      applied++;
    }
  }
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.line - b.line) };
  if (applied === 0) {
    return {
      ok: false,
      problems: [
        {
          line: 1,
          message:
            'The file sets none of the trace values (SeCLogonWS, SeCReportWS, SocketManager, DisableWSDL): nothing ' +
            'to import.',
        },
      ],
    };
  }
  return { ok: true, settings: next, warnings: traceWarnings(next), applied };
}

/** One message listing every problem, a line each ("Line 12: …"), at most `max` of them. */
export function describeRegProblems(problems: readonly RegProblem[], max = 30): string {
  const lines = problems.slice(0, max).map((p) => `Line ${p.line}: ${p.message}`);
  if (problems.length > max) lines.push(`… and ${problems.length - max} more.`);
  return `The .reg file was not imported:\n${lines.join('\n')}`;
}

/** "<server>-trace.reg" with the characters Windows refuses in file names replaced. */
export function traceRegFileName(server: string): string {
  const safe =
    server
      .trim()
      // eslint-disable-next-line no-control-regex -- Windows refuses control characters in file names
      .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')
      .replace(/[. ]+$/, '') || 'server';
  return `${safe}-trace.reg`;
}

/** What SocketManager sets besides its own values (the problem messages name it). */
const EXECUTABLE_LEVELS = ' and <executable>.exe levels (e.g. cs.exe)';
