import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Preferences, PreferencesDoc } from '../../contract';
import { staleVersionError } from '../../ipc/errors';
import { DataFolder } from '../../connectors/fsAtomic';

export const DEFAULT_PREFERENCES: Preferences = {
  theme: 'system',
  startArea: 'users',
  confirmDestructive: true,
  dateFormat: 'locale',
  logBufferKLines: 200,
  alarmBadge: true,
  alarmTitle: true,
  alarmDesktop: true,
};

/**
 * The console's user preferences in <userData>/preferences.json, with a version so two
 * windows (or two browser tabs) cannot silently overwrite each other.
 */
export class PrefsStore {
  readonly file: string;
  private readonly folder: DataFolder;
  constructor(dir: string) {
    this.folder = new DataFolder(dir);
    this.file = join(dir, 'preferences.json');
  }

  read(): PreferencesDoc {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      return { version: 0, value: { ...DEFAULT_PREFERENCES } };
    }
    // A hand-edited or older file keeps what is still valid and takes defaults for the rest.
    const doc = PreferencesDoc.safeParse(raw);
    if (doc.success) return doc.data;
    const partial = (raw as { value?: Record<string, unknown>; version?: number }) ?? {};
    const value = { ...DEFAULT_PREFERENCES };
    for (const key of Object.keys(DEFAULT_PREFERENCES) as Array<keyof Preferences>) {
      const one = Preferences.shape[key].safeParse(partial.value?.[key]);
      if (one.success) (value as Record<string, unknown>)[key] = one.data;
    }
    return { version: Number.isInteger(partial.version) ? Number(partial.version) : 0, value };
  }

  save(expectedVersion: number, value: Preferences): PreferencesDoc {
    // A removed folder reads as defaults (version 0): say what is wrong, not CONFLICT.
    this.folder.check('the preferences');
    const current = this.read();
    if (current.version !== expectedVersion) {
      throw staleVersionError(
        `The version you supplied [${expectedVersion}] does not match the current version [${current.version}]: ` +
          `the preferences were saved from another window. Reload them or overwrite.`,
        { expectedVersion, version: current.version },
      );
    }
    return this.write({ version: current.version + 1, value });
  }

  /** /reset on the command line, or the Reset button: back to defaults. */
  reset(): PreferencesDoc {
    const current = this.read();
    return this.write({ version: current.version + 1, value: { ...DEFAULT_PREFERENCES } });
  }

  /** Removes the file (used by /reset at start-up before any window reads it). */
  clear(): void {
    rmSync(this.file, { force: true });
  }

  private write(doc: PreferencesDoc): PreferencesDoc {
    // Atomic and durable (temp file, fsync, rename); a removed or read-only folder is UNAVAILABLE, never a lost "ok".
    this.folder.write(this.file, JSON.stringify(doc, null, 2), 'the preferences');
    return doc;
  }
}
