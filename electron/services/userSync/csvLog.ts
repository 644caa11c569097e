import { appendFile, mkdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { CSV_FILE_NAME, type CsvLocation, type SyncAction } from '../../contract';
import { ServiceError } from '../../ipc/errors';

/**
 * UserSync.csv (AUDIT LOG): one line per change,
 * "<Date/Time>","<Action>","<SyncID>","<RecID>","<LogonID>","<FirstName>","<LastName>","<ExternalLogonID>","<Comment>"
 * with the local date and time as YYYY-MM-DD HH:MM:SS, every value quoted (quotes doubled), CRLF line ends (a
 * Windows text file, as the service writes it). Where: a plain .csv file name (CSV_FILE_NAME) in the console's logs
 * folder (<userData>/logs, blank folder) or in one of the folders a host administrator allowed for log files
 * (Logs › Allowed folders) — a caller's path never reaches the file system otherwise (csvFile).
 */
export const USER_SYNC_CSV = 'UserSync.csv';
export const consoleLogsFolder = (userDataDir: string) => join(userDataDir, 'logs');
export const userSyncCsvPath = (userDataDir: string) => join(consoleLogsFolder(userDataDir), USER_SYNC_CSV);

const fold = (p: string) => (process.platform === 'win32' ? p.toLowerCase() : p);
/**
 * The file UserSync.csv is appended to, or a refusal naming the field: the folder must be blank or exactly one of
 * `allowed` (compared resolved, without case on Windows), the name a plain .csv file name.
 */
export function csvFile(userDataDir: string, allowed: string[], loc: CsvLocation): string {
  if (!CSV_FILE_NAME.test(loc.fileName) || basename(loc.fileName) !== loc.fileName)
    throw new ServiceError(
      'INVALID',
      'File name: a plain file name ending in .csv (no folder, no “..”).',
      'settings.csv.fileName',
    );
  if (!loc.folder) return join(consoleLogsFolder(userDataDir), loc.fileName);
  const folder = allowed.find((f) => fold(resolve(f)) === fold(resolve(loc.folder)));
  if (!folder)
    throw new ServiceError(
      'FORBIDDEN',
      `Folder: ${loc.folder} is not one of the folders a host administrator allowed for log files ` +
        `(${allowed.join('; ') || 'none'}); leave it blank for the console's logs folder.`,
      'settings.csv.folder',
    );
  return join(resolve(folder), loc.fileName);
}

export interface CsvRow {
  at: Date;
  action: SyncAction;
  syncId: string;
  recId: number | null;
  logonId: string;
  firstName: string;
  lastName: string;
  externalLogonId: string | null;
  comment: string;
}

const two = (n: number) => String(n).padStart(2, '0');
export const csvTime = (d: Date) =>
  `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ` +
  `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
// Control characters (a directory value with a line break) become spaces: one change, one line.
const q = (v: string | number | null) =>
  `"${String(v ?? '')
    .replace(/[\r\n\t]/g, ' ')
    .replace(/"/g, '""')}"`;

export function csvLine(r: CsvRow): string {
  return (
    [csvTime(r.at), r.action, r.syncId, r.recId, r.logonId, r.firstName, r.lastName, r.externalLogonId, r.comment]
      .map(q)
      .join(',') + '\r\n'
  );
}

export async function appendCsv(file: string, rows: CsvRow[]): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true });
  for (let i = 0; i < rows.length; i += 5000)
    await appendFile(
      file,
      rows
        .slice(i, i + 5000)
        .map(csvLine)
        .join(''),
    );
}
