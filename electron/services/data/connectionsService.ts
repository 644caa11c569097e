import { randomUUID } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ConnectionProfile, ConnectionsDoc, connectionsService as connectionsContract } from '../../contract';
import { KeychainUnavailableError, type SecretStore } from '../../connectors/keychain/secretStore';
import { ServiceError } from '../../ipc/errors';
import type { CallContext, ServiceImpl } from '../../ipc/router';
import type { Session } from '../auth';
import { endpointChanges, endpointLabel, passwordKey, type DataContext } from './dataContext';
import { parsePostgresUrl } from './pgUrl';
import type { ProfilesStore } from './profilesStore';
import { testConnection } from './testConnection';

/**
 * The connection manager: named profiles in a file, their passwords in the keychain.
 * With no keychain a password is refused outright — never written anywhere else.
 */
export function createConnectionsService(deps: {
  profiles: ProfilesStore;
  secrets: SecretStore;
  data: DataContext;
  session: Session;
}): ServiceImpl<typeof connectionsContract> {
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
        if (profile.engine === 'postgres' && kc.ok)
          passwordSet = await secrets.has(passwordKey(profile.id)).catch(() => false);
        const o = data.overrideFor(profile);
        const overriddenBy = o
          ? [o.host !== undefined ? `/brokername:${o.host}` : '', o.port !== undefined ? `/brokerport:${o.port}` : '']
              .filter(Boolean)
              .join(' ')
          : undefined;
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

  /**
   * Changing the profiles needs a signed-in user whose type grants System read-write, on a
   * database other than the embedded demo (its accounts are published in the README, so
   * anyone could sign in there). The one exception is the first server connection of a
   * fresh install: while no PostgreSQL profile exists, anyone may ADD a profile — never
   * change or remove an existing one — so the sign-in screen can reach the shared database.
   */
  const requireSystemWrite = (ctx: CallContext, what: string, opts: { firstProfile?: boolean } = {}) => {
    if (opts.firstProfile && !profiles.read().profiles.some((p) => p.engine === 'postgres')) return;
    const p = ctx.principal;
    if (!p.signedIn)
      throw new ServiceError('NOT_SIGNED_IN', `Sign in first: ${what} needs a user with System read-write.`);
    const held = p.permissions.system ?? 'none';
    if (held !== 'write')
      throw new ServiceError(
        'FORBIDDEN',
        `Your user type grants ${held === 'none' ? 'no' : held} access to system; ${what} needs read-write.`,
      );
    if (onDemo()) {
      throw new ServiceError(
        'FORBIDDEN',
        `${what[0]!.toUpperCase()}${what.slice(1)} needs a user with System read-write on a server database; the ` +
          `embedded demo's accounts do not count.`,
      );
    }
  };

  /** The connection in use is the embedded demo (or a SQLite profile on the demo's file). */
  const onDemo = () => {
    const id = data.status().profileId;
    const inUse = id ? profiles.get(id) : undefined;
    if (!inUse || inUse.engine !== 'sqlite') return false;
    return inUse.demo || sameFile(inUse.file, profiles.demoProfile().file);
  };

  const save = async (ctx: CallContext, expectedVersion: number, profile: ConnectionProfile, password?: string) => {
    const existing = profile.id ? profiles.get(profile.id) : undefined;
    if (profile.id && !existing)
      throw new ServiceError(
        'NOT_FOUND',
        'No such connection profile: it was deleted in another window. Reload the connections.',
        'profile.id',
      );
    requireSystemWrite(ctx, existing ? 'changing a connection profile' : 'adding a connection profile', {
      firstProfile: !existing,
    });
    const typed = password !== undefined && password !== '';
    if (existing && existing.engine === 'postgres' && !typed) {
      const changed = profile.engine === 'postgres' ? endpointChanges(existing, profile) : ['engine'];
      if (changed.length > 0 && (await secrets.has(passwordKey(existing.id)).catch(() => false))) {
        throw new ServiceError(
          'INVALID',
          `Type the password again: the saved one is only sent to ${endpointLabel(existing)} ` +
            `(${changed.join(', ')} changed). Or clear the password first.`,
          'password',
        );
      }
    }
    const withId = { ...profile, id: profile.id || randomUUID() };
    if (typed) {
      if (withId.engine !== 'postgres')
        throw new ServiceError('INVALID', 'An embedded SQLite database has no password.', 'password');
      await storePassword(withId.id, password); // first: no profile is saved if the keychain refuses
    }
    profiles.upsert(expectedVersion, withId);
    return doc();
  };

  return {
    list: () => doc(),
    save: ({ expectedVersion, profile, password }, ctx) => save(ctx, expectedVersion, profile, password),
    async addFromUrl({ expectedVersion, name, url }, ctx) {
      const parsed = parsePostgresUrl(url, name);
      return save(ctx, expectedVersion, parsed.profile, parsed.password ?? undefined);
    },
    async remove({ expectedVersion, id }, ctx) {
      requireSystemWrite(ctx, 'deleting a connection profile');
      if (data.status().profileId === id && data.status().state === 'connected') {
        throw new ServiceError('INVALID', 'This is the connection in use: connect to another one first.');
      }
      profiles.remove(expectedVersion, id);
      await secrets.clear(passwordKey(id)).catch(() => {});
      return doc();
    },
    async clearPassword({ id }, ctx) {
      requireSystemWrite(ctx, 'clearing a connection password');
      if (!profiles.get(id)) throw new ServiceError('NOT_FOUND', 'No such connection profile.');
      await secrets.clear(passwordKey(id));
      return doc();
    },
    async test({ profile, password }) {
      const { target, withheld } = await data.resolveTarget(profile, password || undefined);
      if (withheld) throw new ServiceError('INVALID', withheld, 'password');
      return testConnection(target, data.dbParts.migrations);
    },
    async connect({ id, password }) {
      deps.session.signOut();
      return data.connect(id, password || undefined);
    },
  };
}

function sameFile(a: string, b: string): boolean {
  const real = (f: string) => {
    try {
      return realpathSync(f);
    } catch {
      return resolve(f);
    }
  };
  return real(a) === real(b);
}
