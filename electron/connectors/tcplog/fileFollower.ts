import { watch, type FSWatcher } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';

export type FileStatus = 'following' | 'error';

export interface FileFollowerOptions {
  path: string;
  /** A chunk of the file (the buffer is reused after the call returns: copy what you keep). */
  onData(chunk: Buffer): void;
  /** The file was truncated or replaced: what was read so far has ended (an unterminated last line is complete). */
  onEnd(): void;
  onStatus(status: FileStatus, message: string): void;
  /** How often to stat the file besides fs.watch (which is not reliable on every file system). */
  pollMs?: number;
  chunkBytes?: number;
  /**
   * Asked before every open (the first, after a rotation, while waiting for a missing file):
   * the real path to open, or why the file may not be read (then it is not opened, and the
   * source shows the reason). Log sources use it to keep files inside the allowed folders
   * even when a link is changed after the source was saved.
   */
  guard?: () => Promise<{ open: string } | { refusal: string }>;
}

/**
 * Follows a local log file (UserSync.csv, MiCCEHotFixInstaller.log …) like `tail -F`: reads
 * it from the start — so its history shows — then whatever is appended. A file that shrinks
 * was truncated (read again from the start); a file whose identity (inode) changed was
 * rotated (the old one is read to its end, then the new one from the start). A missing
 * file is waited for.
 */
export class FileFollower {
  private fh: FileHandle | null = null;
  private ino = -1;
  private dev = -1;
  private position = 0;
  private watcher: FSWatcher | null = null;
  private pollTimer: ReturnType<typeof setInterval> | null = null;
  private running = false;
  private again = false;
  private stopped = true;
  private buffer: Buffer;
  private lastStatus = '';

  constructor(private readonly options: FileFollowerOptions) {
    this.buffer = Buffer.allocUnsafe(options.chunkBytes ?? 256 * 1024);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.pollTimer = setInterval(() => this.kick(), this.options.pollMs ?? 1000);
    this.pollTimer.unref?.();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
    this.unwatch();
    const fh = this.fh;
    this.fh = null;
    await fh?.close().catch(() => {});
  }

  private status(status: FileStatus, message: string): void {
    if (this.stopped) return;
    const key = `${status}|${message}`;
    if (key === this.lastStatus) return;
    this.lastStatus = key;
    this.options.onStatus(status, message);
  }

  private unwatch(): void {
    try {
      this.watcher?.close();
    } catch {
      // already closed
    }
    this.watcher = null;
  }

  /** Runs one pass (open / check / read to the end); passes never overlap. */
  private kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.pass()
      .catch((err: NodeJS.ErrnoException) => {
        this.status('error', `Cannot read ${this.options.path}: ${err.code ?? err.message}`);
      })
      .finally(() => {
        this.running = false;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async pass(): Promise<void> {
    const { path } = this.options;
    if (!this.fh) {
      let target = path;
      if (this.options.guard) {
        const g = await this.options.guard();
        if ('refusal' in g) {
          this.status('error', g.refusal);
          return;
        }
        target = g.open;
      }
      if (this.stopped) return;
      try {
        this.fh = await open(target, 'r');
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        this.status(
          'error',
          code === 'ENOENT' ? `${path} does not exist (yet); waiting for it` : `Cannot open ${path}: ${code}`,
        );
        return;
      }
      if (this.stopped) return this.stop();
      const st = await this.fh.stat();
      this.ino = st.ino;
      this.dev = st.dev;
      this.position = 0;
      this.status('following', `Following ${path}`);
      try {
        this.watcher = watch(path, { persistent: false }, () => this.kick());
        this.watcher.on('error', () => this.unwatch());
      } catch {
        // polling alone still follows the file
      }
    }
    const fh = this.fh;
    const size = (await fh.stat()).size;
    if (size < this.position) {
      // Truncated in place: start over.
      this.options.onEnd();
      this.position = 0;
      this.status('following', `${path} was truncated; reading it again from the start`);
    }
    await this.readToEnd(fh);

    // Rotated: the name now points at another file. Finish the old one, then open the new one.
    const current = await stat(path).catch(() => null);
    if (!current || current.ino !== this.ino || current.dev !== this.dev) {
      await this.readToEnd(fh);
      this.options.onEnd();
      this.unwatch();
      this.fh = null;
      await fh.close().catch(() => {});
      if (current) {
        this.status('following', `${path} was replaced (rotated); reading the new file`);
        this.again = true;
      } else {
        this.status('error', `${path} was removed; waiting for it`);
      }
    }
  }

  private async readToEnd(fh: FileHandle): Promise<void> {
    for (;;) {
      if (this.stopped || this.fh !== fh) return;
      const { bytesRead } = await fh.read(this.buffer, 0, this.buffer.length, this.position);
      if (bytesRead <= 0) return;
      let chunk = this.buffer.subarray(0, bytesRead);
      // A UTF-8 byte order mark at the very start is not part of the first line.
      if (this.position === 0 && bytesRead >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf)
        chunk = chunk.subarray(3);
      this.position += bytesRead;
      if (chunk.length > 0) this.options.onData(chunk);
    }
  }
}
