import { ConnectionProfile } from '../../../../electron/contract';

/** The editor's working copy of a profile: every engine's fields, the port as typed. */
export interface ProfileForm {
  id: string;
  name: string;
  engine: ConnectionProfile['engine'];
  file: string;
  demo: boolean;
  host: string;
  port: string;
  database: string;
  user: string;
  ssl: boolean;
}
export type ProfileField = 'name' | 'file' | 'host' | 'port' | 'database' | 'user' | 'password';
export const PROFILE_FIELDS: readonly ProfileField[] = ['name', 'file', 'host', 'port', 'database', 'user', 'password'];
export type ProfileErrors = Partial<Record<ProfileField, string>>;

export const ENGINE_LABELS: Record<ConnectionProfile['engine'], string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

/** A new profile (no id yet: main gives it one when it is saved). */
export function emptyProfileForm(engine: ConnectionProfile['engine']): ProfileForm {
  return {
    id: '',
    name: '',
    engine,
    file: '',
    demo: false,
    host: '',
    port: '5432',
    database: 'ccm',
    user: '',
    ssl: false,
  };
}

export function toProfileForm(p: ConnectionProfile): ProfileForm {
  const base = emptyProfileForm(p.engine);
  if (p.engine === 'sqlite') return { ...base, id: p.id, name: p.name, file: p.file, demo: p.demo };
  return {
    ...base,
    id: p.id,
    name: p.name,
    host: p.host,
    port: String(p.port),
    database: p.database,
    user: p.user,
    ssl: p.ssl,
  };
}

const FALLBACK: ProfileErrors = {
  name: 'Name is required',
  file: 'File is required',
  host: 'Host is required',
  port: 'port must be 1–65535',
  database: 'Database is required',
  user: 'User is required',
};

/** Checks the form with the contract's ConnectionProfile schema; one message per field. */
export function parseProfileForm(
  f: ProfileForm,
): { ok: true; profile: ConnectionProfile } | { ok: false; errors: ProfileErrors } {
  const typedPort = f.port.trim();
  const candidate =
    f.engine === 'sqlite'
      ? { id: f.id, name: f.name, engine: 'sqlite' as const, file: f.file, demo: f.demo }
      : {
          id: f.id,
          name: f.name,
          engine: 'postgres' as const,
          host: f.host,
          port: /^\d+$/.test(typedPort) ? Number(typedPort) : Number.NaN,
          database: f.database,
          user: f.user,
          ssl: f.ssl,
        };
  const result = ConnectionProfile.safeParse(candidate);
  if (result.success) return { ok: true, profile: result.data };
  const errors: ProfileErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as ProfileField | undefined;
    if (!field || !(field in FALLBACK) || errors[field]) continue;
    errors[field] = issue.message.startsWith('Invalid') ? FALLBACK[field] : issue.message;
  }
  return { ok: false, errors };
}

/** Dirty = the form differs from the saved profile (a new profile always is). */
export function isProfileDirty(f: ProfileForm, saved: ConnectionProfile | null): boolean {
  if (!saved) return true;
  const parsed = parseProfileForm(f);
  if (!parsed.ok) return true;
  return JSON.stringify(parsed.profile) !== JSON.stringify(ConnectionProfile.parse(saved));
}

/** Where a profile points, never with a password: the file, or user@host:port/database. */
export function targetOf(p: ConnectionProfile): string {
  if (p.engine === 'sqlite') return p.file;
  return `${p.user}@${p.host}:${p.port}/${p.database}${p.ssl ? ' (SSL)' : ''}`;
}
