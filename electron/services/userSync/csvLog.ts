import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SyncAction } from '../../contract';

/**
 * UserSync.csv (AUDIT LOG): one line per change,
 * "<Date/Time>","<Action>","<SyncID>","<RecID>","<LogonID>","<FirstName>","<LastName>","<ExternalLogonID>","<Comment>"
 * with the local date and time as YYYY-MM-DD HH:MM:SS, every value quoted (quotes doubled), CRLF line ends (a
 * Windows text file, as the service writes it). Appended under the user-data folder; the file name is fixed, so
 * nothing from the database or the directory chooses where the console writes.
 */
export const USER_SYNC_CSV = 'UserSync.csv';
export const userSyncCsvPath = (userDataDir: string) => join(userDataDir, USER_SYNC_CSV);

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
  for (let i = 0; i < rows.length; i += 5000)
    await appendFile(
      file,
      rows
        .slice(i, i + 5000)
        .map(csvLine)
        .join(''),
    );
}
