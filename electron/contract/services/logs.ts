import { z } from 'zod';
import { method, service } from '../define';
import { canRead, canWrite } from '../permissions';

/**
 * Live log sources (SocketManager-style lines over TCP, or a followed local file) and the
 * viewer's windows onto the merged store. The store lives in main; the renderer asks for
 * windows of a filtered view by index, so it never holds more than a screenful.
 */

/** Normalised severity. Words map directly; numeric 0–9 levels follow MiCC's LogLevel: 0 = errors … 3+ = everything. */
export const Severity = z.enum(['error', 'warning', 'info', 'debug', 'trace']);
export type Severity = z.infer<typeof Severity>;

/**
 * File log sources read only inside an administrator-kept list of folders (by default the MiCC
 * Enterprise log folders), never inside the console's own data folder (SECURITY.md, log
 * sources). The lexical part of the rule lives here so the form, the contract and main agree;
 * main then resolves symbolic links (the real path must still be inside an allowed folder) and
 * refuses the console's data folder.
 */
const DRIVE = /^[A-Za-z]:[\\/]/;
const isAbsoluteAnywhere = (p: string) => DRIVE.test(p) || p.startsWith('\\\\') || p.startsWith('/');
/** Segments of a path, `\` and `/` alike (Windows paths are compared without case by main). */
const segments = (p: string) => p.split(/[\\/]+/).filter((x) => x !== '' && x !== '.');

/** Why a file or folder path is not acceptable as written (absolute, no `..`, no NUL), or null. */
export function logPathProblem(path: string, what: 'file' | 'folder' = 'file'): string | null {
  if (path.includes('\0')) return 'The path contains a NUL character.';
  if (!isAbsoluteAnywhere(path)) {
    return what === 'file'
      ? 'Enter the full path of the log file (for example C:\\Program Files\\…\\Log\\UserSync.csv).'
      : 'Enter the full path of the folder.';
  }
  if (segments(path).includes('..')) return 'The path may not contain “..”: write it without climbing out of a folder.';
  return null;
}

const LogFilePath = z
  .string()
  .trim()
  .min(1, 'Path is required')
  .max(4096)
  .superRefine((p, ctx) => {
    const problem = logPathProblem(p);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const LogFolderPath = z
  .string()
  .trim()
  .min(1, 'Folder is required')
  .max(4096)
  .superRefine((p, ctx) => {
    const problem = logPathProblem(p, 'folder');
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const AllowedLogFolders = z.object({
  /** Folders file sources may be in. */
  folders: z.array(z.string()),
  /** The installation's defaults (the MiCC Enterprise log folders on this platform). */
  defaults: z.array(z.string()),
  /** True while the defaults apply (never changed, or reset). */
  isDefault: z.boolean(),
});
export type AllowedLogFolders = z.infer<typeof AllowedLogFolders>;

export const SourceStatus = z.enum([
  'disabled',
  'connecting',
  'connected',
  'reconnecting',
  'refused',
  'timed-out',
  'following',
  'error',
]);

export const LogSourceSpec = z.discriminatedUnion('kind', [
  z.object({
    id: z.string(),
    kind: z.literal('tcp'),
    name: z.string().trim().min(1, 'Name is required').max(100),
    host: z.string().trim().min(1, 'Host is required').max(255),
    port: z.number().int().min(1, 'Port must be 1–65535').max(65535, 'Port must be 1–65535'),
    /** e.g. cs.exe, Router Service — shown when a line does not name its component. */
    component: z.string().trim().max(100).default(''),
    enabled: z.boolean().default(true),
    colour: z
      .string()
      .regex(/^#[0-9a-f]{6}$/i, 'Colour must be #rrggbb')
      .optional(),
  }),
  z.object({
    id: z.string(),
    kind: z.literal('file'),
    name: z.string().trim().min(1, 'Name is required').max(100),
    /** Inside an allowed folder (allowedFolders), never in the console's own data folder. */
    path: LogFilePath,
    component: z.string().trim().max(100).default(''),
    enabled: z.boolean().default(true),
    colour: z
      .string()
      .regex(/^#[0-9a-f]{6}$/i, 'Colour must be #rrggbb')
      .optional(),
  }),
]);
export type LogSourceSpec = z.infer<typeof LogSourceSpec>;

export const SourceState = z.object({
  status: SourceStatus,
  /** Reconnecting: seconds until the next attempt. */
  retryInSec: z.number().optional(),
  message: z.string().optional(),
  lines: z.number().int(),
  bytes: z.number().int(),
  /** Lines longer than the limit, cut and counted. */
  cutLines: z.number().int(),
  /** Lines with invalid UTF-8, replaced with U+FFFD and counted. */
  invalidUtf8Lines: z.number().int(),
});
export type SourceState = z.infer<typeof SourceState>;

export const SourceView = z.object({ spec: LogSourceSpec, colour: z.string(), state: SourceState });
export type SourceView = z.infer<typeof SourceView>;

export const StoreStats = z.object({
  lines: z.number().int(),
  bytes: z.number().int(),
  capacityBytes: z.number().int(),
  /** Oldest lines dropped because the store was full. */
  dropped: z.number().int(),
});
export type StoreStats = z.infer<typeof StoreStats>;

export const LogFilter = z.object({
  severities: z.array(Severity).optional(),
  sourceIds: z.array(z.string()).optional(),
  /** Filter in: only lines matching. */
  include: z.string().max(1000).optional(),
  /** Filter out: drop lines matching. */
  exclude: z.string().max(1000).optional(),
  regex: z.boolean().default(false),
  caseSensitive: z.boolean().default(false),
  /** Time range, ms since epoch (line time, or receive time for plain lines). */
  from: z.number().optional(),
  to: z.number().optional(),
});
export type LogFilter = z.infer<typeof LogFilter>;

export const LogLine = z.object({
  /** Stable sequence number of the line in the store (survives re-filtering, not eviction). */
  seq: z.number().int(),
  time: z.number(),
  /** False for a plain (unstructured) line: time is its receive time. */
  structured: z.boolean(),
  severity: Severity.nullable(),
  /** The level as written: a word, or 0–9. */
  level: z.string(),
  sourceId: z.string(),
  component: z.string(),
  thread: z.string(),
  message: z.string(),
  /** The whole line as received (after cutting / UTF-8 repair). */
  text: z.string(),
  cut: z.boolean(),
  /** A continuation line (stack trace, wrapped message) of the entry the source's previous structured line started. */
  continuation: z.boolean().optional(),
  /** Its time is earlier than the previous line of its source: shown where it arrived, and marked (as lnav does). */
  outOfOrder: z.boolean().optional(),
});
export type LogLine = z.infer<typeof LogLine>;

export const logsService = service({
  methods: {
    sources: method({
      args: z.object({}),
      result: z.object({ version: z.number().int(), sources: z.array(SourceView), stats: StoreStats }),
      permission: canRead('logs'),
      summary: 'Log sources with their connection state, and the store’s figures',
    }),
    saveSource: method({
      args: z.object({ expectedVersion: z.number().int(), source: LogSourceSpec }),
      result: z.object({ version: z.number().int(), sources: z.array(SourceView), stats: StoreStats }),
      permission: canWrite('logs'),
      summary:
        'Add or change a source (TCP or followed file); connects when enabled. Host administrators only ' +
        '(installation-wide); a file must be inside an allowed folder',
    }),
    removeSource: method({
      args: z.object({ expectedVersion: z.number().int(), id: z.string() }),
      result: z.object({ version: z.number().int(), sources: z.array(SourceView), stats: StoreStats }),
      permission: canWrite('logs'),
      summary: 'Remove a source (its lines stay in the store). Host administrators only',
    }),
    allowedFolders: method({
      args: z.object({}),
      result: AllowedLogFolders,
      permission: canRead('logs'),
      summary: 'The folders file log sources may be in',
    }),
    setAllowedFolders: method({
      args: z.object({ folders: z.array(LogFolderPath).max(50, 'At most 50 folders').nullable() }),
      result: AllowedLogFolders,
      permission: canWrite('logs'),
      summary:
        'Change the folders file log sources may be in (null: the defaults). Host administrators only; sources ' +
        'outside them stop',
    }),
    setCapacity: method({
      args: z.object({ megabytes: z.number().int().min(1, 'at least 1 MB').max(4096, 'at most 4096 MB') }),
      result: StoreStats,
      permission: canWrite('logs'),
      summary: 'Resize the in-memory store (dropping the oldest lines if it shrinks)',
    }),
    clear: method({ args: z.object({}), result: StoreStats, permission: canWrite('logs'), summary: 'Empty the store' }),
    /** Opens (or replaces) a filtered view; returns its id and how many lines match now. */
    openView: method({
      args: z.object({ viewId: z.string().max(100).optional(), filter: LogFilter }),
      result: z.object({ viewId: z.string(), total: z.number().int() }),
      permission: canRead('logs'),
      summary: 'Filter the merged store into a view',
    }),
    closeView: method({
      args: z.object({ viewId: z.string() }),
      result: z.object({}),
      permission: canRead('logs'),
      summary: 'Forget a view',
    }),
    window: method({
      args: z.object({ viewId: z.string(), offset: z.number().int().min(0), count: z.number().int().min(1).max(2000) }),
      result: z.object({ total: z.number().int(), offset: z.number().int(), lines: z.array(LogLine) }),
      permission: canRead('logs'),
      summary: 'Lines [offset, offset+count) of a view',
    }),
    find: method({
      args: z.object({
        viewId: z.string(),
        /** Where to start, included: 'next' looks at from, from+1 …; 'previous' at from, from-1 … */
        from: z.number().int().min(0),
        direction: z.enum(['next', 'previous']),
        what: z.enum(['error', 'warning', 'match']),
        /** For 'match': the text or regex to find (highlight search), with the view's regex/case flags. */
        text: z.string().max(1000).optional(),
        regex: z.boolean().default(false),
        caseSensitive: z.boolean().default(false),
      }),
      result: z.object({ index: z.number().int().nullable() }),
      permission: canRead('logs'),
      summary: 'Index in the view of the next/previous error, warning or match',
    }),
    exportText: method({
      args: z.object({
        viewId: z.string(),
        offset: z.number().int().min(0).optional(),
        count: z.number().int().min(1).optional(),
        seqs: z.array(z.number().int()).max(100_000).optional(),
      }),
      result: z.object({ text: z.string(), lines: z.number().int() }),
      permission: canRead('logs'),
      summary: 'The view (or a range, or chosen lines) as text, one line each as received',
    }),
  },
  events: {
    /**
     * At most a few times a second: how the store and the views grew. `lines` is the store's
     * line count now, `dropped` the running count of lines dropped because it was full.
     */
    appended: z.object({
      lines: z.number().int(),
      dropped: z.number().int(),
      views: z.array(
        z.object({
          viewId: z.string(),
          total: z.number().int(),
          /**
           * The first index of the view whose line may have changed since the previous event:
           * the old total when lines were only appended; lower when a lagging source's older
           * lines were merged in by time, 0 when the oldest lines were dropped.
           */
          from: z.number().int().optional(),
          /**
           * Lines that entered the view since it opened (never decreases): a paused viewer's "N new lines" once the
           * store is full and total stands still.
           */
          arrived: z.number().int().optional(),
        }),
      ),
    }),
    /** A source's state changed (connected, reconnecting in N s, refused …). */
    sourceState: z.object({ id: z.string(), state: SourceState }),
  },
});
