import { randomUUID } from 'node:crypto';
import type { ConnectionProfile, ConnectionsDoc, connectionsService as connectionsContract } from '../../contract';
import { KeychainUnavailableError, type SecretStore } from '../../connectors/keychain/secretStore';
import { ServiceError } from '../../ipc/errors';
import type { ServiceImpl } from '../../ipc/router';
import type { Session } from '../auth/session';
import { passwordKey, type DataContext } from './dataContext';
import { parsePostgresUrl } from './pgUrl';
import type { ProfilesStore } from './profilesStore';
import { testConnection } from './testConnection';

/**
 * The connection manager: named profiles in a file, their passwords in the keychain.
 * With no keychain a password is refused outright — never written anywhere else.
 */
export function createConnectionsService(deps: { profiles: ProfilesStore; secrets: SecretStore; data: DataContext; session: Session }): ServiceImpl<typeof connectionsContract> {
  const { profiles, secrets, data } = deps;
  let keychain: { at: number; value: ConnectionsDoc['keychain'] } | null = null;

  const keychainState = async (): Promise<ConnectionsDoc['keychain']> => {
    if (keychain && Date.now() - keychain.at < 30_000) return keychain.value;
    const a = await secrets.available();
    keychain = { at: Date.now(), value: a.ok ? { ok: true } : { ok: false, reason: a.reason } };
    return keychain.value;
  };

  const doc = async (): Promise<ConnectionsDoc> => {
    const f = profiles.read();
    const kc = await keychainState();
    const views = await Promise.all(
      f.profiles.map(async (profile) => {
        let passwordSet = false;
        if (profile.engine === 'postgres' && kc.ok) passwordSet = await secrets.has(passwordKey(profile.id)).catch(() => false);
        const o = data.overrideFor(profile);
        const overriddenBy = o ? [o.host !== undefined ? `/brokername:${o.host}` : '', o.port !== undefined ? `/brokerport:${o.port}` : ''].filter(Boolean).join(' ') : undefined;
        return overriddenBy ? { profile, passwordSet, overriddenBy } : { profile, passwordSet };
      }),
    );
    return { version: f.version, selectedId: f.selectedId, profiles: views, keychain: kc };
  };

  const storePassword = async (id: string, password: string) => {
    try {
      await secrets.set(passwordKey(id), password);
    } catch (err) {
      keychain = null;
      if (err instanceof KeychainUnavailableError) throw new ServiceError('UNAVAILABLE', `${err.message}`, 'password');
      throw err;
    }
  };

  const save = async (expectedVersion: number, profile: ConnectionProfile, password?: string) => {
    const withId = { ...profile, id: profile.id || randomUUID() };
    if (password !== undefined && password !== '') {
      if (withId.engine !== 'postgres') throw new ServiceError('INVALID', 'An embedded SQLite database has no password.', 'password');
      await storePassword(withId.id, password); // first: no profile is saved if the keychain refuses
    }
    profiles.upsert(expectedVersion, withId);
    return doc();
  };

  return {
    list: () => doc(),
    save: ({ expectedVersion, profile, password }) => save(expectedVersion, profile, password),
    async addFromUrl({ expectedVersion, name, url }) {
      const parsed = parsePostgresUrl(url, name);
      return save(expectedVersion, parsed.profile, parsed.password ?? undefined);
    },
    async remove({ expectedVersion, id }) {
      if (data.status().profileId === id && data.status().state === 'connected') {
        throw new ServiceError('INVALID', 'This is the connection in use: connect to another one first.');
      }
      profiles.remove(expectedVersion, id);
      await secrets.clear(passwordKey(id)).catch(() => {});
      return doc();
    },
    async clearPassword({ id }) {
      if (!profiles.get(id)) throw new ServiceError('NOT_FOUND', 'No such connection profile.');
      await secrets.clear(passwordKey(id));
      return doc();
    },
    async test({ profile, password }) {
      return testConnection(await data.targetFor(profile, password || undefined));
    },
    async connect({ id }) {
      deps.session.signOut();
      return data.connect(id);
    },
  };
}
