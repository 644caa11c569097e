import { createRequire } from 'node:module';

const load = createRequire(__filename);

/**
 * A package required the first time it is used rather than when main starts. For packages only some
 * consoles ever need (pg with a SQLite database, undici without outbound HTTPS, the SAML and OpenID
 * libraries without single sign-on): each costs tens of milliseconds of require before the sign-in form
 * can show (docs/PERFORMANCE.md, bench:start). Types come from an `import type` of the same package.
 */
export function lazyRequire<T>(id: string): () => T {
  let mod: T | undefined;
  return () => (mod ??= load(id) as T);
}
