import { connect, createServer, type Server } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { testCa, type TestCertificate } from './testCa';

let server: Server | undefined;
afterEach(() => server?.close());

async function handshake(cert: TestCertificate): Promise<string> {
  server = createServer({ cert: cert.certPem, key: cert.keyPem }, (s) => s.end());
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', ca: testCa().caPem });
    socket.once('secureConnect', () => {
      socket.destroy();
      resolve('ok');
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

describe('test CA', () => {
  it('signs a server certificate for localhost that a client trusting the CA accepts', async () => {
    expect(await handshake(testCa().server)).toBe('ok');
  });
  it('gives a hostname mismatch and an unknown issuer for the two bad certificates', async () => {
    expect(await handshake(testCa().wrongHost)).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    server?.close();
    expect(await handshake(testCa().untrusted)).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });
});
