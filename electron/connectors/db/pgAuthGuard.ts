import type pg from 'pg';
import { lazyRequire } from '../lazyRequire';

const pgModule = lazyRequire<typeof pg>('pg');

/**
 * Thrown (before anything is sent) when a PostgreSQL server asks for the password in a
 * way that exposes it on a connection without verified TLS: `password` (cleartext) or
 * `md5` (a salted hash a listener can replay or crack offline). SCRAM-SHA-256 proves the
 * password without sending it, so it is allowed on any connection.
 */
export class InsecureAuthError extends Error {
  readonly code = 'CCM_INSECURE_AUTH';
  constructor(
    readonly method: 'cleartext' | 'md5',
    where: string,
  ) {
    super(
      `Refused: the server at ${where} asked for the password ` +
        `${method === 'cleartext' ? 'in cleartext' : 'as an MD5 hash'} on a connection without TLS; the password was ` +
        `not sent. ` +
        'Turn on SSL for this connection (the server certificate is verified) or set the server to scram-sha-256.',
    );
    this.name = 'InsecureAuthError';
  }
}

type AuthAsked = 'cleartext' | 'md5' | 'sasl' | null;

/** The parts of pg's Client this guard uses (not in @types/pg). */
interface ClientInternals {
  connection: NodeJS.EventEmitter & { stream?: { destroy(): void } };
  password: string | null | undefined | (() => string | undefined | Promise<string | undefined>);
}

/**
 * A pg Client class for one target that refuses cleartext and MD5 password authentication
 * unless the connection is TLS with certificate verification (the engine always sets
 * `rejectUnauthorized: true` when SSL is on, and pg then refuses a server without TLS).
 *
 * How: pg asks for the password through `client.password` when (and only when) the server's
 * AuthenticationRequest arrives, and it calls a function there lazily. The connection's
 * `authentication*` events fire first (our listeners are added in the constructor, before pg
 * attaches its own in connect()), so the function knows which method was asked for and throws
 * instead of answering; pg turns the throw into a connection error and nothing is written.
 */
export function guardedClientClass(target: {
  host: string;
  port: number;
  ssl?: boolean | undefined;
}): typeof pg.Client {
  const where = `${target.host}:${target.port}`;
  const tls = target.ssl === true;
  return class GuardedClient extends pgModule().Client {
    constructor(config?: string | pg.ClientConfig) {
      super(config);
      const self = this as unknown as ClientInternals;
      let asked: AuthAsked = null;
      self.connection.on('authenticationCleartextPassword', () => (asked = 'cleartext'));
      self.connection.on('authenticationMD5Password', () => (asked = 'md5'));
      self.connection.on('authenticationSASL', () => (asked = 'sasl'));
      const secret = self.password;
      self.password = async () => {
        if (!tls && (asked === 'cleartext' || asked === 'md5')) {
          // pg reports the throw as the connection's error; then hang up (pg-pool does not
          // end a client that failed to connect).
          setImmediate(() => self.connection.stream?.destroy());
          throw new InsecureAuthError(asked, where);
        }
        const value = typeof secret === 'function' ? await secret() : secret;
        return value ?? undefined;
      };
    }
  };
}
