import type { ConnectionProfile } from '../../contract';
import { ServiceError } from '../../ipc/errors';

/**
 * postgres://user[:password]@host[:port]/database[?sslmode=require] → a profile and the
 * password, which the caller sends to the keychain (never into connections.json).
 */
export function parsePostgresUrl(raw: string, name: string): { profile: ConnectionProfile; password: string | null } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ServiceError('INVALID', 'url: not a valid URL (postgres://user:password@host:5432/database).', 'url');
  }
  if (!/^postgres(ql)?:$/i.test(url.protocol))
    throw new ServiceError('INVALID', 'url: must start with postgres:// or postgresql://', 'url');
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  const user = decodeURIComponent(url.username);
  if (!url.hostname) throw new ServiceError('INVALID', 'url: the host is missing.', 'url');
  if (!database) throw new ServiceError('INVALID', 'url: the database name is missing (…/database).', 'url');
  if (!user) throw new ServiceError('INVALID', 'url: the user is missing (postgres://user@…).', 'url');
  const port = url.port ? Number(url.port) : 5432;
  const sslmode = url.searchParams.get('sslmode');
  return {
    profile: {
      id: '',
      name,
      engine: 'postgres',
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port,
      database,
      user,
      ssl: sslmode === 'require' || sslmode === 'verify-full' || sslmode === 'verify-ca',
    },
    password: url.password ? decodeURIComponent(url.password) : null,
  };
}
