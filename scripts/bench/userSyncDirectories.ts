import type { MsUser } from '../../electron/testing/msIdentity';
import { manyUsers, type DirectoryUser } from '../../electron/testing/slapd';

/** bench:sync's directories, shared by the bench and its Graph stand-in process (graph-standin.cjs). */
export const USERS = Number(process.env.BENCH_SYNC_USERS ?? 100_000);
export const AZ_TENANT = '0cd345fc-e1fe-4f99-a378-4317172ad9c2';
export const APP = 'f96bcece-3db3-4445-ac2a-32b9c66f761e';
export const SECRET = 'bench-Secret-1';

/** The two directories: `first` all new, `second` with 1 % changed (the first), 1 % gone (the last), 1 % new. */
export function directories(): { first: DirectoryUser[]; second: DirectoryUser[] } {
  const first = manyUsers(USERS);
  const pct = Math.max(1, Math.floor(USERS / 100));
  const changed = first.slice(0, USERS - pct).map((u, i) => (i < pct ? { ...u, sn: `${u.sn}-changed` } : u));
  return { first, second: [...changed, ...manyUsers(USERS + pct).slice(USERS)] };
}

export const asGraph = (u: DirectoryUser): MsUser => ({
  id: u.guid!,
  userPrincipalName: u.upn ?? `${u.uid}@example.test`,
  givenName: u.givenName ?? null,
  surname: u.sn ?? null,
  mail: u.mail ?? null,
  businessPhones: u.telephoneNumber ? [u.telephoneNumber] : [],
});
