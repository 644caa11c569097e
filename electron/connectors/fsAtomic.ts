import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ServiceError } from '../ipc/errors';

/** A filesystem error as a cause in words (for UNAVAILABLE), or null when it is not about the folder or disk. */
export function fsCause(err: unknown, dir: string): string | null {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return `the folder ${dir} no longer exists (was it removed?)`;
    case 'EACCES':
    case 'EPERM':
      return `the folder ${dir} cannot be written (it is read-only or its permissions forbid it)`;
    case 'EROFS':
      return `the folder ${dir} is on a read-only file system`;
    case 'ENOSPC':
      return `the disk holding ${dir} is full`;
    case 'EDQUOT':
      return `the disk quota for ${dir} is used up`;
    case 'EIO':
      return `the disk holding ${dir} reported an I/O error`;
    default:
      return null;
  }
}

/**
 * A folder the console keeps its files in (the user data folder). It remembers which
 * folder it created or found, so a folder removed — or removed and created again, empty,
 * by something else — while the console runs is refused instead of "saved" into.
 */
export class DataFolder {
  private identity: { dev: number; ino: number };
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    const st = statSync(dir);
    this.identity = { dev: st.dev, ino: st.ino };
  }

  /** Throws UNAVAILABLE naming the cause when the folder is gone or replaced. */
  check(what: string): void {
    const st = statSync(this.dir, { throwIfNoEntry: false });
    if (!st || st.dev !== this.identity.dev || st.ino !== this.identity.ino) {
      throw new ServiceError(
        'UNAVAILABLE',
        `Could not save ${what}: the folder ${this.dir} was removed while the console was running. Nothing was ` +
          `saved; restart the console.`,
      );
    }
  }

  /** writeFileAtomic into this folder, after checking it is still the same folder. */
  write(file: string, data: string, what: string): void {
    this.check(what);
    writeFileAtomic(file, data, what);
  }
}

/**
 * Writes a file so that a crash or power cut leaves the old content or the new, never a
 * mix or nothing: a temporary file in the same folder, fsync, rename over the file,
 * fsync the folder. Any failure is UNAVAILABLE with the cause ("the folder … cannot be
 * written"), and the old file stays as it was.
 */
export function writeFileAtomic(file: string, data: string, what: string): void {
  const dir = dirname(file);
  const tmp = join(dir, `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(tmp, 'wx', 0o600);
    try {
      const buf = Buffer.from(data, 'utf8');
      let off = 0;
      while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
    try {
      const dfd = openSync(dir, 'r');
      try {
        fsyncSync(dfd);
      } finally {
        closeSync(dfd);
      }
    } catch {
      // Folders cannot be opened for fsync on Windows; the rename is still atomic there.
    }
  } catch (err) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // the folder itself is the problem
    }
    const cause = fsCause(err, dir);
    if (cause === null) throw err;
    throw new ServiceError('UNAVAILABLE', `Could not save ${what}: ${cause}. Nothing was saved.`);
  }
}
