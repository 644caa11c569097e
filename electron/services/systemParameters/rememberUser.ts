import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../connectors/db/schema';

/**
 * Users Authentication Settings › Remember logged-in user: the last Logon ID (and its tenant) signed in
 * on this installation, in the console's user data folder (not a secret: the sign-in form shows it).
 * Remembered only while the tenant's setting is on; off, the stored name is removed.
 */
export interface RememberedUser {
  logonId: string;
  tenantId: number;
}

export const rememberedUserFile = (userDataDir: string) => join(userDataDir, 'remembered-user.json');

export function createRememberedUser(
  userDataDir: string,
  k: () => Kysely<Database>,
  rememberOn: (tenantId: number) => Promise<boolean>,
) {
  const file = rememberedUserFile(userDataDir);
  const clear = () => rm(file, { force: true });
  const read = async (): Promise<RememberedUser | null> => {
    try {
      const v = JSON.parse(await readFile(file, 'utf8')) as Partial<RememberedUser>;
      return typeof v.logonId === 'string' && v.logonId.length <= 50 && Number.isInteger(v.tenantId)
        ? { logonId: v.logonId, tenantId: v.tenantId! }
        : null;
    } catch {
      return null; // none, or unreadable: nothing remembered
    }
  };
  return {
    clear,
    /** The name the sign-in form starts with; null when none, or the tenant turned the setting off (then cleared). */
    async remembered(): Promise<RememberedUser | null> {
      const r = await read();
      if (!r) return null;
      const tenant = await k().selectFrom('tenant').select('id').where('id', '=', r.tenantId).executeTakeFirst();
      if (!tenant || !(await rememberOn(r.tenantId))) {
        await clear();
        return null;
      }
      return r;
    },
    /** After a sign-in: remember it when the tenant's setting is on, else forget whatever was remembered. */
    async signedIn(logonId: string, tenantId: number): Promise<void> {
      if (!(await rememberOn(tenantId))) return clear();
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, JSON.stringify({ logonId, tenantId }), { mode: 0o600 });
    },
    /** The tenant saved the setting off: a name remembered for it is removed now. */
    async settingSaved(tenantId: number, on: boolean): Promise<void> {
      if (on) return;
      const r = await read();
      if (r && r.tenantId === tenantId) await clear();
    },
  };
}
