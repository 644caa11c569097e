import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConnectionProfile } from '../../contract';
import { ServiceError, staleVersionError } from '../../ipc/errors';
import { DataFolder } from '../../connectors/fsAtomic';

const File = z.object({
  version: z.number().int(),
  selectedId: z.string().nullable(),
  profiles: z.array(ConnectionProfile),
});
type File = z.infer<typeof File>;

export const DEMO_PROFILE_ID = 'embedded-demo';

/**
 * Connection profiles in <userData>/connections.json. Never a password: those go to the
 * keychain under `connection:<id>` (see SECURITY.md). The first run gets one profile, the
 * embedded demo database in the user data folder.
 */
export class ProfilesStore {
  private readonly file: string;
  private readonly folder: DataFolder;
  constructor(private readonly dir: string) {
    this.folder = new DataFolder(dir);
    this.file = join(dir, 'connections.json');
  }

  demoProfile(): Extract<ConnectionProfile, { engine: 'sqlite' }> {
    return {
      id: DEMO_PROFILE_ID,
      name: 'Embedded demo',
      engine: 'sqlite',
      file: join(this.dir, 'demo.sqlite'),
      demo: true,
    };
  }

  read(): File {
    try {
      const parsed = File.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // first run, or an unreadable file: start from the demo profile
    }
    return { version: 0, selectedId: DEMO_PROFILE_ID, profiles: [this.demoProfile()] };
  }

  get(id: string): ConnectionProfile | undefined {
    return this.read().profiles.find((p) => p.id === id);
  }

  selected(): ConnectionProfile | undefined {
    const f = this.read();
    return f.profiles.find((p) => p.id === f.selectedId) ?? f.profiles[0];
  }

  /** Adds (a new or empty id) or replaces a profile. Returns the saved profile. */
  upsert(expectedVersion: number, profile: ConnectionProfile): { file: File; profile: ConnectionProfile } {
    const f = this.checkVersion(expectedVersion);
    const clash = f.profiles.find((p) => p.name.toLowerCase() === profile.name.toLowerCase() && p.id !== profile.id);
    if (clash)
      throw new ServiceError('INVALID', `A connection named "${profile.name}" already exists.`, 'name', {
        rule: 'duplicate',
        holder: { kind: 'connection', id: clash.id, name: clash.name },
      });
    const saved = { ...profile, id: profile.id || randomUUID() };
    const profiles = f.profiles.some((p) => p.id === saved.id)
      ? f.profiles.map((p) => (p.id === saved.id ? saved : p))
      : [...f.profiles, saved];
    return { file: this.write({ ...f, profiles }), profile: saved };
  }

  remove(expectedVersion: number, id: string): File {
    const f = this.checkVersion(expectedVersion);
    if (!f.profiles.some((p) => p.id === id)) throw new ServiceError('NOT_FOUND', 'No such connection profile.');
    if (f.profiles.length === 1) throw new ServiceError('INVALID', 'The last connection profile cannot be deleted.');
    const profiles = f.profiles.filter((p) => p.id !== id);
    return this.write({ ...f, profiles, selectedId: f.selectedId === id ? (profiles[0]?.id ?? null) : f.selectedId });
  }

  select(id: string): File {
    const f = this.read();
    if (!f.profiles.some((p) => p.id === id)) throw new ServiceError('NOT_FOUND', 'No such connection profile.');
    return this.write({ ...f, selectedId: id });
  }

  private checkVersion(expected: number): File {
    // A removed folder reads as the first-run file: say what is wrong, not CONFLICT.
    this.folder.check('the connection profiles');
    const f = this.read();
    if (f.version !== expected) {
      throw staleVersionError(
        `The version you supplied [${expected}] does not match the current version [${f.version}]: the connections ` +
          `were changed in another window. Reload them.`,
        { expectedVersion: expected, version: f.version },
      );
    }
    return f;
  }

  private write(f: File): File {
    const next = { ...f, version: f.version + 1 };
    // Atomic and durable; a removed or read-only folder is UNAVAILABLE, never a lost "ok".
    this.folder.write(this.file, JSON.stringify(next, null, 2), 'the connection profiles');
    return next;
  }
}
