import type { TraceSettings } from '../../contract';

/**
 * The registry keys and values of seed 001 that the trace-levels editor owns, with the
 * paths exactly as the seed prints them. Registry paths and value names ignore case (the
 * seed itself writes "SEC" in REGISTRY KEYS and "SeC" in WCF SERVICES for the same key),
 * so lookups compare lower-cased paths, and the export writes each path as the seed does.
 */
export const HKLM = 'HKEY_LOCAL_MACHINE';

/** REGISTRY KEYS: "…under the \SOFTWARE\Wow6432Node\Mitel\SEC\Common\Parameters\Services\ subkey." */
const SERVICES = `${HKLM}\\SOFTWARE\\Wow6432Node\\Mitel\\SEC\\Common\\Parameters\\Services`;

export const TRACE_KEYS = {
  seclogonws: `${SERVICES}\\SeCLogonWS`,
  secreportws: `${SERVICES}\\SeCReportWS`,
  /** REGISTRY KEYS: "…under the \SOFTWARE\Wow6432Node\Mitel\SocketManager\ subkey." */
  socketManager: `${HKLM}\\SOFTWARE\\Wow6432Node\\Mitel\\SocketManager`,
  /** WCF SERVICES: "Key: HKEY_LOCAL_MACHINE\SOFTWARE\Wow6432Node\Mitel\SeC\Common\Parameters". */
  wcf: `${HKLM}\\SOFTWARE\\Wow6432Node\\Mitel\\SeC\\Common\\Parameters`,
} as const;
export type TraceKey = keyof typeof TRACE_KEYS;

/** The value names under each key, spelled as the seed spells them. */
export const TRACE_VALUES = {
  seclogonws: ['LogLevel', 'LogonWSTimeout'],
  secreportws: ['LogLevel'],
  socketManager: ['Trace'],
  wcf: ['DisableWSDL'],
} as const satisfies Record<TraceKey, readonly string[]>;

/** What the services use when a value is absent: the seed's defaults (DisableWSDL absent = WSDL on). */
export const TRACE_DEFAULTS: TraceSettings = Object.freeze({
  seclogonws: { logLevel: 2, logonWsTimeoutMs: 30000 },
  secreportws: { logLevel: 2 },
  socketManager: { trace: 0, executables: [] },
  disableWsdl: false,
}) as TraceSettings;

/** A fresh copy of the defaults (safe to change). */
export const defaultTraceSettings = (): TraceSettings => structuredClone(TRACE_DEFAULTS);

/** The seed's words for LogLevel. */
export const LOG_LEVELS = [
  'Log errors only',
  'Log errors and warnings',
  'Log errors, warning and status',
  'Log all events',
] as const;

/** Comparable form of a key path: lower case, no trailing backslash. */
export const keyId = (path: string) => path.trim().replace(/\\+$/, '').toLowerCase();

/** Which of our keys a path is (any case), or null. */
export function traceKeyOf(path: string): TraceKey | null {
  const id = keyId(path);
  for (const k of Object.keys(TRACE_KEYS) as TraceKey[]) if (keyId(TRACE_KEYS[k]) === id) return k;
  return null;
}

/** A per-executable SocketManager value: "<name of the executable>", e.g. cs.exe. */
export const EXECUTABLE_NAME = /^[^\\/:*?"<>|]+\.exe$/i;
