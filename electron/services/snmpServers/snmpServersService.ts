import { hostname, networkInterfaces } from 'node:os';
import type { Kysely, Selectable } from 'kysely';
import {
  MICC_BASE_ENTERPRISE_OID,
  SnmpAgentConfig,
  type SnmpServerInput,
  type SnmpQueryResult,
  type SnmpServerRow,
  type snmpServersService as Contract,
} from '../../contract/services/snmpServers';
import type { Database } from '../../connectors/db/schema';
import { transact, updateVersioned } from '../../connectors/db/unitOfWork';
import {
  agentGet,
  agentGetNext,
  agentWalk,
  AgentQueryError,
  OID_TEXT,
  type AgentTarget,
  type AgentVarbind,
} from '../../connectors/snmp/agentQuery';
import type { AuthProtocol, PrivProtocol, SecurityLevel } from '../../connectors/snmp/trapListener';
import { hexPairs } from '../../domain/alarms/eventConfig';
import type { MibIndex } from '../../domain/alarms/mib';
import {
  eventsFromEvntcmd,
  eventsToEvntcmd,
  serverCnfFileName,
  serverConfigToReg,
  serverConfigWarnings,
  serverRegFileName,
} from '../../domain/alarms/serverConfig';
import { encodeRegFile } from '../../domain/registry';
import { ServiceError, staleVersionError } from '../../ipc/errors';
import type { ServiceImpl } from '../../ipc/router';
import type { ServiceDeps } from '../deps';
import { actorOf, identityOf } from '../scope';

type Row = Selectable<Database['snmp_server']>;

export interface SnmpServersOptions {
  /** The loaded MIBs (shipped + imported) that name query results. */
  mib: () => MibIndex;
  /** Listener settings: its port (for the port-162 warning) and its communities (the template's trap community). */
  listener: () => { port: number; communities: string[] } | null;
  /** At most this many agent requests at once (each holds a UDP socket). */
  maxConcurrent?: number;
}

/**
 * Keychain entry of a server's query secret. The host and port are part of the name, so a
 * secret is only ever read back for the host and port it was entered for: a server whose host
 * changes has no secret until one is entered for the new host (and the old entries are removed).
 */
export const agentSecretKey = (id: number, host: string, port: number, which: 'community' | 'auth' | 'priv') =>
  `snmp-agent:${id}:${host.trim().toLowerCase()}:${port}:${which}`;

const SYS = {
  sysDescr: '1.3.6.1.2.1.1.1.0',
  sysContact: '1.3.6.1.2.1.1.4.0',
  sysLocation: '1.3.6.1.2.1.1.6.0',
  sysUpTime: '1.3.6.1.2.1.1.3.0',
} as const;

/** Subtrees under which names start (snmputil's "system.sysDescr.0" starts below mib-2). */
const NAME_ROOTS = new Set(['1.3.6.1.2.1', '1.3.6.1.4.1', '1.3.6.1.6.3', '1.3.6.1.6.3.1', '1.3.6.1.2', '1.3.6.1']);

/** system.sysDescr.0, interfaces.ifTable.ifEntry.ifDescr.1: the known names from below mib-2 down. */
export function qualifiedName(mib: MibIndex, oid: string): string {
  const hit = mib.lookup(oid);
  if (!hit) return oid;
  const parts = [hit.rest ? `${hit.node.name}.${hit.rest}` : hit.node.name];
  let cur = hit.node.oid;
  for (let depth = 0; depth < 8; depth++) {
    const dot = cur.lastIndexOf('.');
    if (dot < 0) break;
    cur = cur.slice(0, dot);
    if (NAME_ROOTS.has(cur) || cur.split('.').length <= 5) break;
    const node = mib.byOid.get(cur);
    if (!node) break;
    parts.unshift(node.name);
  }
  return parts.join('.');
}

function consoleHosts(): string[] {
  const out = [hostname()];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (!a.internal && a.family === 'IPv4') out.push(a.address);
  }
  return out;
}

const isUniqueViolation = (err: unknown) => {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || /UNIQUE constraint failed/i.test(e?.message ?? '');
};

function toInput(r: Row): SnmpServerInput {
  return {
    name: r.name,
    host: r.host,
    port: r.port,
    snmpVersion: r.snmp_version as SnmpServerInput['snmpVersion'],
    v3User: r.v3_user,
    v3Level: r.v3_level as SnmpServerInput['v3Level'],
    v3AuthProtocol: r.v3_auth_protocol as SnmpServerInput['v3AuthProtocol'],
    v3PrivProtocol: r.v3_priv_protocol as SnmpServerInput['v3PrivProtocol'],
    timeoutMs: r.timeout_ms,
    retries: r.retries,
    agent: SnmpAgentConfig.parse(JSON.parse(r.agent_config)),
  };
}

const columns = (s: SnmpServerInput) => ({
  name: s.name,
  host: s.host,
  port: s.port,
  snmp_version: s.snmpVersion,
  v3_user: s.v3User,
  v3_level: s.v3Level,
  v3_auth_protocol: s.v3AuthProtocol,
  v3_priv_protocol: s.v3PrivProtocol,
  timeout_ms: s.timeoutMs,
  retries: s.retries,
  agent_config: JSON.stringify(s.agent),
});

/** Where a failed agent request points in the server's settings. */
function fieldOf(err: AgentQueryError, t: AgentTarget): string | undefined {
  if (err.code === 'timeout') return t.version === 'v3' ? 'host' : 'community';
  if (err.code === 'host') return 'host';
  if (err.code === 'authentication') {
    if (/Unknown User Name/i.test(err.message)) return 'v3User';
    if (/Decryption/i.test(err.message)) return 'privKey';
    if (/Unsupported Security Level/i.test(err.message)) return 'v3Level';
    return 'authKey';
  }
  if (err.code === 'noSuchName' || err.code === 'authorization') return 'oids';
  return undefined;
}

export function createSnmpServersService(deps: ServiceDeps, opts: SnmpServersOptions): ServiceImpl<typeof Contract> {
  const { data, secrets, log } = deps;
  const k = (): Kysely<Database> => data.require().kysely;
  const maxConcurrent = opts.maxConcurrent ?? 4;
  let inFlight = 0;

  const find = async (id: number): Promise<Row> => {
    const r = (await k().selectFrom('snmp_server').selectAll().where('id', '=', id).executeTakeFirst()) as
      Row | undefined;
    if (!r)
      throw new ServiceError('NOT_FOUND', `Server ${id} does not exist (another console may have deleted it).`, 'id');
    return r;
  };
  const has = (key: string) => secrets.has(key).catch(() => false);
  const toRow = async (r: Row): Promise<SnmpServerRow> => ({
    id: r.id,
    version: r.version,
    server: toInput(r),
    communitySet: await has(agentSecretKey(r.id, r.host, r.port, 'community')),
    authKeySet: await has(agentSecretKey(r.id, r.host, r.port, 'auth')),
    privKeySet: await has(agentSecretKey(r.id, r.host, r.port, 'priv')),
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  });
  const clearAll = async (id: number, host: string, port: number) => {
    for (const w of ['community', 'auth', 'priv'] as const)
      await secrets.clear(agentSecretKey(id, host, port, w)).catch(() => {});
  };

  /** The request target with the secrets stored for exactly this row's host and port. */
  const targetOf = async (r: Row): Promise<AgentTarget> => {
    const base = { host: r.host, port: r.port, timeoutMs: r.timeout_ms, retries: r.retries };
    const get = async (which: 'community' | 'auth' | 'priv') => {
      try {
        return await secrets.get(agentSecretKey(r.id, r.host, r.port, which));
      } catch (err) {
        throw new ServiceError(
          'UNAVAILABLE',
          `The OS keychain is not available, so the stored ${which === 'community' ? 'community' : 'SNMPv3 key'} ` +
            `cannot be read: ${err instanceof Error ? err.message : String(err)}`,
          which === 'community' ? 'community' : `${which}Key`,
        );
      }
    };
    const where = `${r.host}:${r.port}`;
    if (r.snmp_version !== 'v3') {
      const community = await get('community');
      if (!community)
        throw new ServiceError(
          'INVALID',
          `No community is stored for ${where}: enter the community in ${r.name}'s settings.`,
          'community',
        );
      return { ...base, version: r.snmp_version as 'v1' | 'v2c', community };
    }
    const level = r.v3_level as SecurityLevel;
    const authKey = level === 'noAuthNoPriv' ? undefined : await get('auth');
    const privKey = level === 'authPriv' ? await get('priv') : undefined;
    if (level !== 'noAuthNoPriv' && !authKey)
      throw new ServiceError(
        'INVALID',
        `No SNMPv3 authentication key is stored for ${r.v3_user} at ${where}: enter it in ${r.name}'s settings.`,
        'authKey',
      );
    if (level === 'authPriv' && !privKey)
      throw new ServiceError(
        'INVALID',
        `No SNMPv3 privacy key is stored for ${r.v3_user} at ${where}: enter it in ${r.name}'s settings.`,
        'privKey',
      );
    return {
      ...base,
      version: 'v3',
      user: {
        name: r.v3_user,
        level,
        authProtocol: r.v3_auth_protocol as AuthProtocol,
        authKey: authKey ?? undefined,
        privProtocol: r.v3_priv_protocol as PrivProtocol,
        privKey: privKey ?? undefined,
      },
    };
  };

  const named = (vbs: AgentVarbind[]): SnmpQueryResult[] => {
    const mib = opts.mib();
    return vbs.map((v) => ({
      oid: v.oid,
      name: qualifiedName(mib, v.oid),
      type: v.type,
      value: v.value,
      hex: v.hex === true,
      exception: v.exception ?? null,
    }));
  };

  const request = async <T>(r: Row, fn: (t: AgentTarget) => Promise<T>): Promise<T> => {
    const t = await targetOf(r);
    if (inFlight >= maxConcurrent)
      throw new ServiceError(
        'UNAVAILABLE',
        `${inFlight} agent requests are already running; try again when one has finished.`,
        undefined,
        { rule: 'max_concurrent', limit: maxConcurrent },
      );
    inFlight++;
    try {
      return await fn(t);
    } catch (err) {
      if (err instanceof AgentQueryError) {
        log.info('snmp agent request failed', { server: r.name, host: r.host, port: r.port, code: err.code });
        throw new ServiceError(
          err.code === 'timeout' || err.code === 'host' ? 'UNAVAILABLE' : 'INVALID',
          err.message,
          fieldOf(err, t),
        );
      }
      throw err;
    } finally {
      inFlight--;
    }
  };

  return {
    async list() {
      const rows = (await k().selectFrom('snmp_server').selectAll().orderBy('name').execute()) as Row[];
      return Promise.all(rows.map(toRow));
    },

    async template() {
      const listener = opts.listener();
      const me = hostname();
      return {
        name: '',
        host: '',
        port: 161,
        snmpVersion: 'v2c',
        v3User: '',
        v3Level: 'authPriv',
        v3AuthProtocol: 'sha',
        v3PrivProtocol: 'aes',
        timeoutMs: 2000,
        retries: 1,
        agent: {
          contact: '',
          location: '',
          physical: false,
          datalink: false,
          internet: false,
          trapCommunities: [{ community: listener?.communities[0] ?? 'public', destinations: [me] }],
          sendAuthenticationTraps: true,
          acceptedCommunities: [],
          acceptAnyHost: false,
          permittedManagers: ['localhost', me],
          baseEnterpriseOid: MICC_BASE_ENTERPRISE_OID,
          events: [],
        },
      };
    },

    async save({ id, expectedVersion, server, community, authKey, privKey }, ctx) {
      const identity = identityOf(ctx);
      const db = data.require();
      const givesSecret = community !== undefined || authKey !== undefined || privKey !== undefined;
      if (givesSecret) {
        const ok = await secrets.available();
        if (!ok.ok)
          throw new ServiceError(
            'UNAVAILABLE',
            `The OS keychain is not available, so the secrets cannot be stored (nothing was saved): ${ok.reason}`,
            community !== undefined ? 'community' : 'authKey',
          );
      }
      let saved: { id: number; before: Row | undefined };
      try {
        saved = await transact(db, actorOf(ctx), data, async (w) => {
          let rowId: number;
          let before: Row | undefined;
          if (id === null) {
            if (expectedVersion !== 0)
              throw staleVersionError(
                `The version you supplied [${expectedVersion}] does not match: a new server starts at version 0.`,
                { expectedVersion, version: 0 },
              );
            const ins = await w.tx
              .insertInto('snmp_server')
              .values({ ...columns(server), updated_at: w.now, updated_by: w.actor.logonId })
              .returning('id')
              .executeTakeFirstOrThrow();
            rowId = Number(ins.id);
          } else {
            before = (await w.tx.selectFrom('snmp_server').selectAll().where('id', '=', id).executeTakeFirst()) as
              Row | undefined;
            if (!before)
              throw new ServiceError(
                'NOT_FOUND',
                `Server ${id} does not exist (another console may have deleted it).`,
                'id',
              );
            await updateVersioned(w, 'snmp_server', { column: 'id', value: id }, expectedVersion, columns(server));
            rowId = id;
          }
          w.audit({
            tenantId: identity.tenantId,
            action: before ? 'update' : 'create',
            objectType: 'snmp-server',
            objectId: String(rowId),
            objectName: server.name,
            before: before ? toInput(before) : undefined,
            // Which secrets changed, never the secrets.
            after: {
              ...server,
              communityChanged: community !== undefined,
              authKeyChanged: authKey !== undefined,
              privKeyChanged: privKey !== undefined,
            },
          });
          w.changed('snmp_server', null, rowId);
          return { id: rowId, before };
        });
      } catch (err) {
        if (isUniqueViolation(err))
          throw new ServiceError(
            'CONFLICT',
            `A server named ${server.name} already exists (names ignore case).`,
            'name',
            { rule: 'duplicate' },
          );
        throw err;
      }
      // A secret belongs to the host and port it was entered for: moving the server forgets them.
      const b = saved.before;
      if (b && (b.host.trim().toLowerCase() !== server.host.trim().toLowerCase() || b.port !== server.port))
        await clearAll(saved.id, b.host, b.port);
      try {
        if (community !== undefined)
          await secrets.set(agentSecretKey(saved.id, server.host, server.port, 'community'), community);
        if (authKey !== undefined)
          await secrets.set(agentSecretKey(saved.id, server.host, server.port, 'auth'), authKey);
        if (privKey !== undefined)
          await secrets.set(agentSecretKey(saved.id, server.host, server.port, 'priv'), privKey);
      } catch (err) {
        throw new ServiceError(
          'UNAVAILABLE',
          `The server was saved, but the OS keychain refused the secret: ` +
            `${err instanceof Error ? err.message : String(err)}`,
          community !== undefined ? 'community' : 'authKey',
        );
      }
      return toRow(await find(saved.id));
    },

    async delete({ id, expectedVersion }, ctx) {
      const identity = identityOf(ctx);
      const r = await find(id);
      await transact(data.require(), actorOf(ctx), data, async (w) => {
        const res = await w.tx
          .deleteFrom('snmp_server')
          .where('id', '=', id)
          .where('version', '=', expectedVersion)
          .executeTakeFirst();
        if (Number(res.numDeletedRows) !== 1) {
          throw staleVersionError(
            `The version you supplied [${expectedVersion}] does not match the current version [${r.version}]: ` +
              `${r.updated_by} changed ${r.name} at ${r.updated_at}. Reload first.`,
            {
              expectedVersion: expectedVersion,
              version: Number(r.version),
              updatedBy: r.updated_by,
              updatedAt: `${r.updated_at}`,
            },
          );
        }
        w.audit({
          tenantId: identity.tenantId,
          action: 'delete',
          objectType: 'snmp-server',
          objectId: String(id),
          objectName: r.name,
          before: toInput(r),
        });
        w.changed('snmp_server', null, id);
      });
      await clearAll(id, r.host, r.port);
      return { ok: true };
    },

    async query({ id, operation, oids, maxRows }) {
      const r = await find(id);
      const mib = opts.mib();
      const numeric = oids.map((o, i) => {
        const oid = OID_TEXT.test(o) ? o.replace(/^\./, '') : mib.oidOf(o);
        if (!oid)
          throw new ServiceError(
            'INVALID',
            `${o} is neither a numeric OID (1.3.6.1.2.1.1.1.0) nor a name in the loaded MIBs.`,
            `oids.${i}`,
          );
        return oid;
      });
      if (operation === 'walk' && numeric.length !== 1)
        throw new ServiceError('INVALID', 'A walk starts at one OID.', 'oids');
      const started = Date.now();
      const out = await request(r, async (t) => {
        if (operation === 'get') return { varbinds: await agentGet(t, numeric), truncated: false };
        if (operation === 'getNext') return { varbinds: await agentGetNext(t, numeric), truncated: false };
        return agentWalk(t, numeric[0]!, maxRows ?? 200);
      });
      return {
        target: `${r.host}:${r.port}`,
        results: named(out.varbinds),
        truncated: out.truncated,
        elapsedMs: Date.now() - started,
      };
    },

    async check({ id }) {
      const r = await find(id);
      const started = Date.now();
      const vbs = await request(r, (t) => agentGet(t, Object.values(SYS)));
      const results = named(vbs);
      const value = (oid: string) => {
        const v = vbs.find((x) => x.oid === oid);
        // Bytes that are not text read as the trap details show them: [hex 0a ff …].
        return v && !v.exception ? (v.hex ? `[hex ${hexPairs(v.value)}]` : v.value) : null;
      };
      return {
        target: `${r.host}:${r.port}`,
        sysDescr: value(SYS.sysDescr),
        sysContact: value(SYS.sysContact),
        sysLocation: value(SYS.sysLocation),
        sysUpTime: value(SYS.sysUpTime),
        results,
        elapsedMs: Date.now() - started,
      };
    },

    async preview({ server }) {
      const name = server.name || server.host || 'server';
      const regText = serverConfigToReg(name, server.agent);
      return {
        regFileName: serverRegFileName(name),
        regText,
        regBase64: Buffer.from(encodeRegFile(regText)).toString('base64'),
        cnfFileName: serverCnfFileName(name),
        cnfText: eventsToEvntcmd(name, server.agent.events, server.host || name),
        warnings: serverConfigWarnings(server.agent, {
          listenerPort: opts.listener()?.port ?? null,
          consoleHosts: consoleHosts(),
        }),
      };
    },

    async parseEventFile({ text }) {
      const r = eventsFromEvntcmd(text);
      if (!r.ok)
        throw new ServiceError('INVALID', r.problems.map((p) => `Line ${p.line}: ${p.message}`).join('\n'), 'text');
      if (r.events.length > 2000)
        throw new ServiceError('INVALID', `The file lists ${r.events.length} events; at most 2000.`, 'text', {
          rule: 'max_items',
          limit: 2000,
        });
      return { events: r.events };
    },
  };
}
