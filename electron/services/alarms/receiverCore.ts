import {
  TrapListener,
  V3_AUTH_FAILURES,
  type DropReason,
  type ListenerConfig,
  type RefusalReason,
} from '../../connectors/snmp/trapListener';
import { EventMatcher, IGNORE, mapTrap, type EventConfig, type MappedTrap } from '../../domain/alarms/eventConfig';
import type { MibIndex } from '../../domain/alarms/mib';
import { AUTH_FAILURE_OID, type Trap } from '../../domain/alarms/trap';
import { indexFor } from './mibs';

export interface ReceiverSetup {
  listener: ListenerConfig;
  configs: EventConfig[];
  mibs: { fileName: string; text: string }[];
}

export interface ReceiverCounts {
  received: number;
  decoded: number;
  ignored: number;
  dropped: Record<string, number>;
}

export interface ReceiverOut {
  /** Mapped traps, in arrival order, a few batches a second. */
  mapped(batch: MappedTrap[]): void;
  /** A dropped packet worth a log line (at most one a second per reason); never the packet itself. */
  dropLog(source: string, reason: string, detail: string): void;
  /** An authenticated SNMPv3 message was accepted: for the replay cache in the database. */
  v3Seen?(seen: V3Seen): void;
}

export type V3Seen = { digest: string; engineId: string; boots: number; time: number; at: number };

const BATCH = 2000;
const BATCH_MS = 25;

/**
 * Listener + event configuration: packets in, mapped traps out in batches. Runs in the
 * receiver worker thread (receiverWorker.ts) in the built console, in-process otherwise.
 */
export class ReceiverCore {
  private listener: TrapListener | null = null;
  private matcher: EventMatcher;
  private mib: MibIndex;
  private pending: MappedTrap[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly lastDropLog = new Map<string, number>();
  readonly counts: ReceiverCounts = { received: 0, decoded: 0, ignored: 0, dropped: {} };

  constructor(
    private readonly setup: ReceiverSetup,
    private readonly out: ReceiverOut,
  ) {
    this.matcher = new EventMatcher(setup.configs);
    this.mib = indexFor(setup.mibs).index;
  }

  async start(): Promise<{ address: string; port: number; recvBufferBytes: number }> {
    const l = new TrapListener(this.setup.listener, {
      trap: (t) => this.onTrap(t),
      refused: (source, reason, version) => this.onRefused(source, reason, version),
      dropped: (source, reason, detail) => this.onDropped(source, reason, detail),
      v3Accepted: (seen) => this.out.v3Seen?.(seen),
    });
    const bound = await l.start();
    this.listener = l;
    return { ...bound, recvBufferBytes: l.recvBufferBytes };
  }

  reconfigure(configs: EventConfig[], mibs: { fileName: string; text: string }[]): void {
    this.matcher = new EventMatcher(configs);
    this.mib = indexFor(mibs).index;
  }

  async close(): Promise<void> {
    await this.listener?.close();
    this.listener = null;
    this.flush();
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.out.mapped(batch);
  }

  private push(m: MappedTrap): void {
    this.pending.push(m);
    if (this.pending.length >= BATCH) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), BATCH_MS);
  }

  private onTrap(t: Trap): void {
    this.counts.received++;
    this.counts.decoded++;
    const m = mapTrap(t, this.matcher, this.mib);
    if (m.category === IGNORE) {
      this.counts.ignored++;
      return;
    }
    this.push(m);
  }

  private onRefused(source: string, reason: RefusalReason, version: string): void {
    this.counts.received++;
    this.counts.dropped[reason] = (this.counts.dropped[reason] ?? 0) + 1;
    // Shown as an authentication-failure event, as the Windows SNMP service does (seed 001).
    // The refused community is never repeated: it may be a mistyped real one.
    const why =
      reason === 'unknown-community'
        ? 'its community name is not accepted'
        : 'the host is not on the list of accepted hosts';
    this.authFailure(source, version, why);
  }

  /** An authenticationFailure event for a refused packet (never the community or a key). */
  private authFailure(source: string, version: string, why: string): void {
    const trap: Trap = {
      receivedAt: new Date().toISOString(),
      source,
      version: version === 'v1' || version === 'v2c' || version === 'v3' ? version : 'v2c',
      kind: 'trap',
      trapOid: AUTH_FAILURE_OID,
      uptime: null,
      varbinds: [
        {
          oid: '1.3.6.1.4.1.193.132.5.1.100.1',
          type: 'OctetString',
          value: `Refused an SNMP ${version} packet from ${source}: ${why}.`,
        },
      ],
    };
    const m = mapTrap(trap, this.matcher, this.mib);
    if (m.category !== IGNORE) this.push(m);
  }

  private onDropped(source: string, reason: DropReason, detail: string): void {
    this.counts.received++;
    this.counts.dropped[reason] = (this.counts.dropped[reason] ?? 0) + 1;
    // A wrong key, an unknown user or a security level below the user's is what a wrong community is for v1/v2c.
    if ((V3_AUTH_FAILURES as readonly string[]).includes(reason)) this.authFailure(source, 'v3', detail);
    const now = Date.now();
    if (now - (this.lastDropLog.get(reason) ?? 0) > 1000) {
      this.lastDropLog.set(reason, now);
      this.out.dropLog(source, reason, detail);
    }
  }
}
