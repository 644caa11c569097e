import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import dgram from 'node:dgram';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendTrap } from '../../connectors/snmp/sender';
import { DEFAULT_EVENT_CONFIGS } from '../../domain/alarms/defaults';
import type { MappedTrap } from '../../domain/alarms/eventConfig';
import { MICC_BASE_OID, windowsEnterprise } from '../../domain/alarms/trap';
import { createReceiver, type Receiver } from './receiverHost';

// The receiver worker as it ships: built by Vite to a .cjs like scripts/build.mjs does, then
// driven through the same host the runtime uses, over real UDP on 127.0.0.1.
describe('trap receiver worker (built)', () => {
  let out: string;
  let receiver: Receiver;
  let port = 0;
  const got: MappedTrap[] = [];
  beforeAll(async () => {
    const root = resolve(__dirname, '../../..');
    mkdirSync(join(root, '.out'), { recursive: true });
    out = mkdtempSync(join(root, '.out', 'alarms-worker-test-'));
    await build({
      configFile: false,
      logLevel: 'warn',
      root,
      ssr: { external: ['electron'] },
      build: {
        ssr: true,
        target: 'node20',
        outDir: out,
        minify: false,
        rollupOptions: {
          input: { alarmsReceiver: resolve(__dirname, 'receiverWorker.ts') },
          external: ['electron', /^node:/],
          output: { format: 'cjs', entryFileNames: '[name].cjs' },
        },
      },
    });
    receiver = createReceiver(
      {
        listener: {
          address: '127.0.0.1',
          port: 0,
          communities: ['public'],
          acceptAnyHost: true,
          acceptHosts: [],
          v3Users: [],
          engineId: '800000c10400',
        },
        configs: DEFAULT_EVENT_CONFIGS.map((c, i) => ({ ...c, id: i + 1 })),
        mibs: [],
      },
      { mapped: (b) => got.push(...b), dropLog: () => {} },
      join(out, 'alarmsReceiver.cjs'),
    );
    const bound = await receiver.start();
    port = bound.port;
    expect(bound.recvBufferBytes).toBeGreaterThanOrEqual(4 * 1024 * 1024);
  }); // vitest.config.ts hookTimeout (120 s): room for a loaded machine
  afterAll(async () => {
    await receiver?.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('receives, acknowledges informs, maps, refuses and counts off the main thread', async () => {
    const broker = `${windowsEnterprise(MICC_BASE_OID, 'Router Service')}.0.${0xc0000000 + 3000}`;
    await sendTrap({
      host: '127.0.0.1',
      port,
      version: 'v2c',
      community: 'public',
      trapOid: broker,
      uptime: 4711,
      varbinds: [{ oid: `${MICC_BASE_OID}.9999.1.0`, type: 'OctetString', value: 'Fail to connect to Broker.\r\n' }],
    });
    expect(
      (
        await sendTrap({
          host: '127.0.0.1',
          port,
          version: 'v2c',
          inform: true,
          timeoutMs: 30_000, // a ceiling for the acknowledgement, room for a loaded machine (default 2 s)
          community: 'public',
          trapOid: '1.3.6.1.6.3.1.1.5.1',
          varbinds: [],
        })
      ).acknowledged,
    ).toBe(true);
    await sendTrap({ host: '127.0.0.1', port, version: 'v2c', community: 'nope', trapOid: broker, varbinds: [] });
    const s = dgram.createSocket('udp4');
    s.send(Buffer.from('not snmp'), port, '127.0.0.1');
    const end = Date.now() + 10_000;
    while ((got.length < 3 || receiver.counts().received < 4) && Date.now() < end)
      await new Promise((r) => setTimeout(r, 50));
    s.close();
    expect(got.map((m) => [m.name, m.message])).toEqual([
      ['Event 3000 from Router Service', 'Fail to connect to Broker.'],
      ['coldStart', 'Cold start of 127.0.0.1'],
      ['authenticationFailure', 'Refused an SNMP v2c packet from 127.0.0.1: its community name is not accepted.'],
    ]);
    expect(got[0]!.trap.varbinds[0]).toMatchObject({
      oid: `${MICC_BASE_OID}.9999.1.0`,
      value: 'Fail to connect to Broker.\r\n',
    });
    // Across the thread boundary: sysUpTime and the Windows event (severity bits) ride along.
    expect(got[0]!.trap).toMatchObject({
      uptime: 4711,
      windowsEvent: { eventCode: 3000, severity: 'Error', source: 'Router Service' },
    });
    expect(got[0]!.severity).toBe('Major');
    expect(receiver.counts()).toMatchObject({
      received: 4,
      decoded: 2,
      dropped: { 'unknown-community': 1, 'not-ber': 1 },
    });
  });
});
