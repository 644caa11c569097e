import { createInterface } from 'node:readline';
import { startMsIdentity } from '../../electron/testing/msIdentity';
import { APP, AZ_TENANT, SECRET, asGraph, directories } from './userSyncDirectories';

/**
 * bench:sync's Microsoft Graph stand-in, in a process of its own: prints one JSON line (its base URLs and CA)
 * when it listens; on the stdin line "second" it switches the tenant to the second directory (1 % changed,
 * 1 % new, 1 % gone) and prints "ok". Ends on SIGTERM.
 */
async function main() {
  const dirs = directories();
  const ms = await startMsIdentity({
    tenants: [
      {
        id: AZ_TENANT,
        apps: [
          { clientId: APP, secret: SECRET, permissions: ['User.Read.All', 'Group.Read.All', 'GroupMember.Read.All'] },
        ],
        users: dirs.first.map(asGraph),
        groups: [{ id: 'g-top', displayName: 'MICCE Users', members: dirs.first.map((u) => u.guid!) }],
      },
    ],
  });
  process.stdout.write(
    `${JSON.stringify({ loginBaseUrl: ms.loginBaseUrl, graphBaseUrl: ms.graphBaseUrl, caPem: ms.caPem })}\n`,
  );
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line !== 'second') return;
    const tenant = ms.tenant(AZ_TENANT);
    tenant.users.splice(0, tenant.users.length, ...dirs.second.map(asGraph));
    tenant.groups.splice(0, tenant.groups.length, {
      id: 'g-top',
      displayName: 'MICCE Users',
      members: dirs.second.map((u) => u.guid!),
    });
    process.stdout.write('ok\n');
  });
  process.once('SIGTERM', () => void ms.stop().finally(() => process.exit(0)));
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
