import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * Path rules shared by the features that read local files for the user (response-file Src
 * files, followed log files): where a path really points (symbolic links resolved), whether
 * it stays inside a folder, and the console's own files that are never read for anyone.
 */

const caseless = process.platform === 'win32' || process.platform === 'darwin';
const fold = (p: string) => (caseless ? p.toLowerCase() : p);

/** True when `child` is `parent` or inside it (both absolute, already resolved). */
export function isInside(child: string, parent: string): boolean {
  const rel = relative(fold(parent), fold(child));
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * The real path of `p` with every symbolic link resolved. A path that does not exist (yet) is
 * resolved as far as it exists, and the rest appended: a link in a parent folder still counts.
 */
export async function realpathLoose(p: string): Promise<string> {
  const abs = resolve(p);
  const rest: string[] = [];
  let at = abs;
  for (;;) {
    try {
      const real = await realpath(at);
      return rest.length ? join(real, ...rest.reverse()) : real;
    } catch {
      const up = dirname(at);
      if (up === at) return abs;
      rest.push(basename(at));
      at = up;
    }
  }
}

/**
 * The console's own files: its user-data folder (preferences, connection profiles, log
 * sources, its own log, the embedded database) and any SQLite database file a profile uses.
 * Nothing the user points at may read these, whoever they are.
 */
export interface ConsoleFiles {
  userDataDir: string;
  /** Database files (SQLite) outside the user-data folder; their -wal/-shm/-journal files too. */
  databaseFiles: () => string[];
}

/** Why `real` (a real path) is one of the console's own files, or null. */
export async function consoleFileReason(real: string, own: ConsoleFiles): Promise<string | null> {
  const dataDir = await realpathLoose(own.userDataDir);
  if (isInside(real, dataDir)) return 'it is inside the console’s own data folder';
  for (const f of own.databaseFiles()) {
    const db = await realpathLoose(f);
    for (const suffix of ['', '-wal', '-shm', '-journal'])
      if (fold(real) === fold(db + suffix)) return 'it is the console’s database';
  }
  return null;
}
