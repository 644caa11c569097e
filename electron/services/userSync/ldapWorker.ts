import { parentPort, workerData } from 'node:worker_threads';
import { DirectoryError } from './directory';
import { addDirectoryCa, readAdGroup } from './ldapReader';
import { setDirectoryDnsServers } from './locate';
import type { LdapWorkerInput, LdapWorkerMessage } from './ldapOffMain';

/**
 * The directory reader's worker (built to out/main/userSyncLdapWorker.cjs): one read of an Active Directory
 * group per worker. ldapts decodes every search entry here, and its garbage stays in this thread's heap, so
 * main only receives compact pages of { syncId, attrs } (ldapOffMain.ts). "cancel" aborts the read.
 */
const port = parentPort!;
const input = workerData as LdapWorkerInput;
for (const pem of input.ca) addDirectoryCa(pem);
setDirectoryDnsServers(input.dnsServers);
const ac = new AbortController();
port.on('message', (m) => {
  if (m === 'cancel') ac.abort();
});
const send = (m: LdapWorkerMessage) => port.postMessage(m);
readAdGroup(input.target, input.attributes, {
  signal: ac.signal,
  onBatch: (entries) => send({ kind: 'batch', entries }),
})
  .then(() => send({ kind: 'done' }))
  .catch((e: unknown) =>
    send({
      kind: 'error',
      reason: e instanceof DirectoryError ? e.reason : 'directory',
      message: e instanceof Error ? e.message : String(e),
    }),
  );
