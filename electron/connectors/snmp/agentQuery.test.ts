import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentGet, agentGetNext, agentWalk, AgentQueryError, formatTimeTicks, type AgentTarget } from './agentQuery';
import { startSnmpd, type TestSnmpd } from './testSnmpd';

const SYS_DESCR = '1.3.6.1.2.1.1.1.0';
const SYS_UPTIME = '1.3.6.1.2.1.1.3.0';
const SYS_CONTACT = '1.3.6.1.2.1.1.4.0';
const SYS_LOCATION = '1.3.6.1.2.1.1.6.0';

let agent: TestSnmpd;
beforeAll(async () => {
  agent = await startSnmpd();
});
afterAll(async () => {
  await agent?.stop();
});

const v2c = (over: Partial<AgentTarget> = {}): AgentTarget =>
  ({
    host: '127.0.0.1',
    port: agent.port,
    timeoutMs: 1500,
    retries: 1,
    version: 'v2c',
    community: agent.community,
    ...over,
  }) as AgentTarget;
const v3 = (over: Partial<{ authKey: string; privKey: string; name: string }> = {}): AgentTarget => ({
  host: '127.0.0.1',
  port: agent.port,
  timeoutMs: 1500,
  retries: 0,
  version: 'v3',
  user: {
    name: over.name ?? agent.user.name,
    level: 'authPriv',
    authProtocol: 'sha',
    authKey: over.authKey ?? agent.user.authKey,
    privProtocol: 'aes',
    privKey: over.privKey ?? agent.user.privKey,
  },
});

const failure = async (p: Promise<unknown>): Promise<AgentQueryError> => {
  try {
    await p;
  } catch (err) {
    if (err instanceof AgentQueryError) return err;
    throw err;
  }
  throw new Error('expected the query to fail');
};

describe('agent check against a real snmpd on 127.0.0.1', () => {
  it('v2c GET reads sysDescr, sysContact, sysLocation and sysUpTime', async () => {
    const vbs = await agentGet(v2c(), [SYS_DESCR, SYS_CONTACT, SYS_LOCATION, SYS_UPTIME]);
    expect(vbs.map((v) => v.oid)).toEqual([SYS_DESCR, SYS_CONTACT, SYS_LOCATION, SYS_UPTIME]);
    expect(vbs[0]).toMatchObject({ type: 'OctetString', value: agent.sys.descr });
    expect(vbs[1]!.value).toBe(agent.sys.contact);
    expect(vbs[2]!.value).toBe(agent.sys.location);
    expect(vbs[3]!.type).toBe('TimeTicks');
    expect(vbs[3]!.value).toMatch(/^\(\d+\) \d+:\d\d:\d\d\.\d\d$/);
  });

  it('v1 GET works with the same community', async () => {
    const [vb] = await agentGet(v2c({ version: 'v1' }), [SYS_LOCATION]);
    expect(vb!.value).toBe(agent.sys.location);
  });

  it('GETNEXT .1.3 answers system.sysDescr.0, as in the seed’s snmputil example', async () => {
    const [vb] = await agentGetNext(v2c(), ['.1.3']);
    expect(vb).toMatchObject({ oid: SYS_DESCR, value: agent.sys.descr });
  });

  it('WALK of system stays in the subtree and stops at the bound, saying so', async () => {
    const all = await agentWalk(v2c(), '1.3.6.1.2.1.1', 1000);
    expect(all.truncated).toBe(false);
    expect(all.varbinds.length).toBeGreaterThan(6);
    expect(all.varbinds.every((v) => v.oid.startsWith('1.3.6.1.2.1.1.'))).toBe(true);
    expect(all.varbinds[0]!.oid).toBe(SYS_DESCR);
    const few = await agentWalk(v2c(), '1.3.6.1.2.1.1', 3);
    expect(few).toMatchObject({ truncated: true });
    expect(few.varbinds.map((v) => v.oid)).toEqual(all.varbinds.slice(0, 3).map((v) => v.oid));
  });

  it('v1 WALK (GETNEXT) also stops at the end of the subtree', async () => {
    const r = await agentWalk(v2c({ version: 'v1' }), '1.3.6.1.2.1.1.9.1.2', 500);
    expect(r.varbinds.length).toBeGreaterThan(0);
    expect(r.varbinds.every((v) => v.oid.startsWith('1.3.6.1.2.1.1.9.1.2.'))).toBe(true);
  });

  it('v3 authPriv user reads sysLocation', async () => {
    const [vb] = await agentGet(v3(), [SYS_LOCATION]);
    expect(vb!.value).toBe(agent.sys.location);
  });

  it('v3 with a wrong authentication key is an authentication error that says Wrong Digest and not the key', async () => {
    const err = await failure(agentGet(v3({ authKey: 'not-the-right-key' }), [SYS_LOCATION]));
    expect(err.code).toBe('authentication');
    expect(err.message).toMatch(/Wrong Digest/);
    expect(err.message).not.toContain('not-the-right-key');
  });

  it('v3 with an unknown user is an authentication error naming the user', async () => {
    const err = await failure(agentGet(v3({ name: 'nobody' }), [SYS_LOCATION]));
    expect(err.code).toBe('authentication');
    expect(err.message).toMatch(/Unknown User Name/);
    expect(err.message).toContain('nobody');
  });

  it('a v3 user the agent knows but gives no access is an authorization error that names the user, not a timeout', async () => {
    const u = agent.noAccessUser;
    const err = await failure(agentGet(v3(u), [SYS_LOCATION]));
    expect(err.code).toBe('authorization');
    expect(err.message).toMatch(/refused the request \(authorizationError\): this user may not read that object/);
    expect(err.message).not.toContain(u.authKey);
  });

  it('noSuchObject (v2c) is an exception on the varbind, not an error', async () => {
    const [vb] = await agentGet(v2c(), ['1.3.6.1.2.1.1.99.0']);
    expect(vb).toMatchObject({ oid: '1.3.6.1.2.1.1.99.0', exception: 'noSuchObject' });
  });

  it('noSuchName (v1) is an error with its code', async () => {
    const err = await failure(agentGet(v2c({ version: 'v1' }), ['1.3.6.1.2.1.1.99.0']));
    expect(err.code).toBe('noSuchName');
    expect(err.message).toMatch(/noSuchName/);
  });

  it('a wrong community times out (agents drop it silently) and the message says to check the community, without quoting it', async () => {
    const err = await failure(
      agentGet(v2c({ community: 'wrong-secret-community', timeoutMs: 300, retries: 1 }), [SYS_DESCR]),
    );
    expect(err.code).toBe('timeout');
    expect(err.message).toMatch(/after 2 tries of 300 ms/);
    expect(err.message).toMatch(/community/);
    expect(err.message).not.toContain('wrong-secret-community');
  });

  it('a closed port times out', async () => {
    const closed = await import('node:dgram').then(async (dgram) => {
      const s = dgram.createSocket('udp4');
      await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
      const p = s.address().port;
      await new Promise<void>((r) => s.close(() => r()));
      return p;
    });
    const err = await failure(agentGet(v2c({ port: closed, timeoutMs: 200, retries: 0 }), [SYS_DESCR]));
    expect(err.code).toBe('timeout');
    expect(err.message).toContain(`127.0.0.1:${closed}`);
    expect(err.message).toMatch(/after 1 try of 200 ms/);
  });

  it('an unresolvable host name is a host error', async () => {
    const err = await failure(agentGet(v2c({ host: 'no-such-host.invalid' }), [SYS_DESCR]));
    expect(err.code).toBe('host');
  });
});

describe('agent check values: bytes that are not UTF-8 against text that looks like hex (real snmpd)', () => {
  let latin: TestSnmpd;
  beforeAll(async () => {
    // sysLocation "Café" written in Latin-1: the agent returns the byte E9, not UTF-8. sysContact is text
    // that happens to be hex digits.
    latin = await startSnmpd({ sys: { location: 'Caf\u00e9', contact: 'c0ffee' }, confEncoding: 'latin1' });
  });
  afterAll(async () => {
    await latin?.stop();
  });
  it('flags the bytes as hex and leaves the hex-looking text as text', async () => {
    const [contact, location] = await agentGet(
      { host: '127.0.0.1', port: latin.port, timeoutMs: 1500, retries: 1, version: 'v2c', community: latin.community },
      [SYS_CONTACT, SYS_LOCATION],
    );
    expect(contact).toEqual({ oid: SYS_CONTACT, type: 'OctetString', value: 'c0ffee' });
    expect(location).toEqual({ oid: SYS_LOCATION, type: 'OctetString', value: '436166e9', hex: true });
  });
});

describe('formatTimeTicks', () => {
  it('prints like snmpget', () => {
    expect(formatTimeTicks(150)).toBe('(150) 0:00:01.50');
    expect(formatTimeTicks(8_640_000 + 366_100)).toBe('(9006100) 1 day, 1:01:01.00');
  });
});
