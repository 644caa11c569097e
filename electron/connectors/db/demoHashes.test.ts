import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from '../../domain/password/hash';
import { DEMO_PASSWORD_HASHES } from './demoHashes';
import { DEMO_ACCOUNTS } from './demoSeed';

describe('the demo accounts’ password hashes made ahead of time', () => {
  it('has one per demo account, each verifying with that account’s password at today’s parameters', async () => {
    expect(Object.keys(DEMO_PASSWORD_HASHES).sort()).toEqual(Object.keys(DEMO_ACCOUNTS).sort());
    const stale: string[] = [];
    for (const [key, account] of Object.entries(DEMO_ACCOUNTS)) {
      const hash = DEMO_PASSWORD_HASHES[key as keyof typeof DEMO_PASSWORD_HASHES];
      const ok = (await verifyPassword(account.password, hash)) && !needsRehash(hash);
      if (!ok) stale.push(`  ${key}: '${await hashPassword(account.password)}',`);
    }
    // A changed password or raised HASH_PARAMS: paste these lines into demoHashes.ts.
    expect(stale, `demoHashes.ts is stale; new lines:\n${stale.join('\n')}`).toEqual([]);
  }, 60_000);

  it('salts every account separately (the two "Admin#2026" accounts do not share a hash)', () => {
    const salts = Object.values(DEMO_PASSWORD_HASHES).map((h) => h.split('$')[3]);
    expect(new Set(salts).size).toBe(salts.length);
  });
});
