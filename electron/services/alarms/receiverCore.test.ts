import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendTrap } from '../../connectors/snmp/sender';
import { DEFAULT_EVENT_CONFIGS } from '../../domain/alarms/defaults';
import type { EventConfig, MappedTrap } from '../../domain/alarms/eventConfig';
import { MICC_BASE_OID, windowsEnterprise } from '../../domain/alarms/trap';
import { ReceiverCore } from './receiverCore';

// Saving the event configuration reconfigures the receiver (AlarmsRuntime.reloadConfig): the
// next trap must be mapped by the saved configuration, whatever the receiver remembered from
// the same event before. Real UDP on 127.0.0.1, the same event as v1 and as a v2c forward.
describe('receiver: a saved event configuration applies to the next trap', () => {
  const configs: EventConfig[] = DEFAULT_EVENT_CONFIGS.map((c, i) => ({ ...c, id: i + 1 }));
  const got: MappedTrap[] = [];
  let core: ReceiverCore;
  let port = 0;
  beforeAll(async () => {
    core = new ReceiverCore(
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
        configs,
        mibs: [],
      },
      { mapped: (b) => got.push(...b), dropLog: () => {} },
    );
    port = (await core.start()).port;
  });
  afterAll(() => core?.close());

  const ent = windowsEnterprise(MICC_BASE_OID, 'Router Service');
  const send = async (version: 'v1' | 'v2c') => {
    const n = got.length;
    await sendTrap({
      host: '127.0.0.1',
      port,
      version,
      community: 'public',
      trapOid: `${ent}.0.${0xc0000000 + 3000}`,
      agentAddr: '10.20.1.11',
      varbinds: [{ oid: `${MICC_BASE_OID}.9999.1.0`, type: 'OctetString', value: 'Fail to connect to Broker.\r\n' }],
    });
    const end = Date.now() + 10_000;
    while (got.length === n && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    return got[n]!;
  };

  it('maps by the configuration in force when the trap arrives', async () => {
    for (const v of ['v1', 'v2c'] as const)
      expect(await send(v)).toMatchObject({
        name: 'Event 3000 from Router Service',
        category: 'Application Alert Alarms',
        severity: 'Major',
        message: 'Fail to connect to Broker.',
      });
    const saved: EventConfig = {
      id: 900,
      oidPattern: `${MICC_BASE_OID}.0.3000`,
      name: 'Broker unreachable',
      category: 'Broker Alarms',
      severity: 'Critical',
      severityFromEvent: false,
      messageFormat: 'Broker: $1',
      dedupeKey: '',
      clearKey: '',
    };
    core.reconfigure([...configs, saved], []);
    for (const v of ['v1', 'v2c'] as const)
      expect(await send(v)).toMatchObject({
        configId: 900,
        name: 'Broker unreachable',
        category: 'Broker Alarms',
        severity: 'Critical',
        message: 'Broker: Fail to connect to Broker.',
      });
    // Every configuration removed: the event is an unknown trap again, still named and with its text.
    core.reconfigure([], []);
    expect(await send('v1')).toMatchObject({
      configId: null,
      category: 'Unknown traps',
      name: 'Event 3000 from Router Service',
      message: 'Fail to connect to Broker.',
    });
  });
});
