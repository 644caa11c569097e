import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LogSourceSpec } from '../../contract';
import { ServiceError, staleVersionError } from '../../ipc/errors';

export const DEFAULT_CAPACITY_MB = 64;

const FileShape = z.object({
  version: z.number().int(),
  sources: z.array(z.unknown()),
  capacityMB: z.number().int().min(1).max(4096).optional(),
  /** The demo sources were added once (a user who removes them does not get them back). */
  demoSeeded: z.boolean().optional(),
  /** Folders file sources may be in, as a host administrator set them; absent = the defaults. */
  allowedFolders: z.array(z.string()).max(50).nullable().optional(),
});

export interface SourcesDoc {
  version: number;
  sources: LogSourceSpec[];
  capacityMB: number;
  demoSeeded: boolean;
  /** Null: the defaults (defaultLogFolders). */
  allowedFolders: string[] | null;
}

/**
 * Where MiCC Enterprise writes the logs a technician follows (seed 001: <InstallDir>\Services\Bin\Log
 * holds UserSync.csv; the hotfix installer logs under %USERPROFILE%\AppData\Local\Mitel\MiCC
 * Enterprise; seed 002: the Application Suite logs under …\StonevoiceAS\Var\Log). The seeds give
 * no default <InstallDir>; the standard one, under Program Files (x86)\Mitel\MiCC Enterprise, is
 * used. Elsewhere than Windows (the console's browser mode on a Linux or macOS machine, where a
 * log collector may gather MiCC logs) the default is /var/log/micc.
 */
export function defaultLogFolders(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  if (platform !== 'win32') return ['/var/log/micc'];
  const x86 = env['ProgramFiles(x86)'] ?? 'C:\\Program Files (x86)';
  const local = env.LOCALAPPDATA ?? `${env.USERPROFILE ?? 'C:\\Users\\Default'}\\AppData\\Local`;
  return [
    `${x86}\\Mitel\\MiCC Enterprise\\Services\\Bin\\Log`,
    `${local}\\Mitel\\MiCC Enterprise`,
    `${x86}\\StonevoiceAS\\Var\\Log`,
  ];
}

/**
 * Log source definitions in <userData>/log-sources.json, with a version for optimistic saves
 * (two windows cannot silently overwrite each other), like connections.json. The store's
 * size is kept here too; it is a workstation setting and does not move the version.
 */
export class SourcesFile {
  readonly file: string;
  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, 'log-sources.json');
  }

  exists(): boolean {
    try {
      readFileSync(this.file);
      return true;
    } catch {
      return false;
    }
  }

  read(): SourcesDoc {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      return { version: 0, sources: [], capacityMB: DEFAULT_CAPACITY_MB, demoSeeded: false, allowedFolders: null };
    }
    const shape = FileShape.safeParse(raw);
    if (!shape.success)
      return { version: 0, sources: [], capacityMB: DEFAULT_CAPACITY_MB, demoSeeded: false, allowedFolders: null };
    // A hand-edited file keeps the sources that are still valid.
    const sources = shape.data.sources.flatMap((s) => {
      const one = LogSourceSpec.safeParse(s);
      return one.success ? [one.data] : [];
    });
    return {
      version: shape.data.version,
      sources,
      capacityMB: shape.data.capacityMB ?? DEFAULT_CAPACITY_MB,
      demoSeeded: shape.data.demoSeeded ?? false,
      allowedFolders: shape.data.allowedFolders ?? null,
    };
  }

  /** Adds (empty or unknown id) or replaces a source; refuses a stale version and a duplicate name. */
  upsert(expectedVersion: number, spec: LogSourceSpec): { doc: SourcesDoc; spec: LogSourceSpec } {
    const doc = this.checkVersion(expectedVersion);
    const clash = doc.sources.find((s) => s.id !== spec.id && s.name.toLowerCase() === spec.name.toLowerCase());
    if (clash) {
      throw new ServiceError('INVALID', `A log source named "${spec.name}" already exists.`, 'source.name', {
        rule: 'duplicate',
        holder: { kind: 'log_source', id: clash.id, name: clash.name },
      });
    }
    const saved: LogSourceSpec = { ...spec, id: spec.id || randomUUID() };
    const sources = doc.sources.some((s) => s.id === saved.id)
      ? doc.sources.map((s) => (s.id === saved.id ? saved : s))
      : [...doc.sources, saved];
    return { doc: this.write({ ...doc, version: doc.version + 1, sources }), spec: saved };
  }

  remove(expectedVersion: number, id: string): SourcesDoc {
    const doc = this.checkVersion(expectedVersion);
    if (!doc.sources.some((s) => s.id === id)) throw new ServiceError('NOT_FOUND', 'No such log source.');
    return this.write({ ...doc, version: doc.version + 1, sources: doc.sources.filter((s) => s.id !== id) });
  }

  /** The allowed folders (null: back to the defaults); a workstation setting like the store size. */
  setAllowedFolders(folders: string[] | null): SourcesDoc {
    return this.write({ ...this.read(), allowedFolders: folders });
  }

  setCapacity(capacityMB: number): SourcesDoc {
    return this.write({ ...this.read(), capacityMB });
  }

  /** Adds the demo sources once. */
  seedDemo(sources: LogSourceSpec[]): SourcesDoc {
    const doc = this.read();
    if (doc.demoSeeded) return doc;
    const have = new Set(doc.sources.map((s) => s.id));
    return this.write({
      ...doc,
      version: doc.version + 1,
      sources: [...doc.sources, ...sources.filter((s) => !have.has(s.id))],
      demoSeeded: true,
    });
  }

  private checkVersion(expected: number): SourcesDoc {
    const doc = this.read();
    if (doc.version !== expected) {
      throw staleVersionError(
        `The version you supplied [${expected}] does not match the current version [${doc.version}]: the log ` +
          `sources were changed in another window. Reload them.`,
        { expectedVersion: expected, version: doc.version },
      );
    }
    return doc;
  }

  private write(doc: SourcesDoc): SourcesDoc {
    const { allowedFolders, ...rest } = doc;
    writeFileSync(`${this.file}.tmp`, JSON.stringify(allowedFolders ? { ...rest, allowedFolders } : rest, null, 2));
    renameSync(`${this.file}.tmp`, this.file);
    return doc;
  }
}
