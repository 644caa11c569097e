import { connect, type Socket } from 'node:net';

/** What a connection is doing; `retryInSec` is set while waiting for the next attempt. */
export type TcpStatus = 'connecting' | 'connected' | 'reconnecting' | 'refused' | 'timed-out' | 'error';

export interface TcpStatusInfo {
  status: TcpStatus;
  retryInSec?: number;
  message?: string;
}

export interface TcpLogClientOptions {
  host: string;
  port: number;
  /** No answer to the connect within this long: 'timed-out'. */
  connectTimeoutMs?: number;
  /** Backoff between attempts: initial, doubling up to max, ± jitter (a fraction). */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  jitter?: number;
  /** A chunk as read from the socket (the callee copies what it keeps; the buffer may be reused). */
  onData(chunk: Buffer): void;
  /** The stream ended (closed or failed after connecting): an unterminated last line is complete now. */
  onEnd(): void;
  onStatus(info: TcpStatusInfo): void;
  /** For tests: a source of randomness for the jitter. */
  random?: () => number;
}

/**
 * A log stream client: connects to host:port, hands every chunk to onData, and reconnects
 * with exponential backoff (1 s doubling to 30 s, ±20 % jitter) whenever the connection is
 * refused, times out, fails or closes. The backoff starts over after a connection succeeds.
 */
export class TcpLogClient {
  private socket: Socket | null = null;
  private connectTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private stopped = true;
  private info: TcpStatusInfo = { status: 'connecting' };
  private readonly connectTimeoutMs: number;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly jitter: number;

  constructor(private readonly options: TcpLogClientOptions) {
    this.connectTimeoutMs = options.connectTimeoutMs ?? 5000;
    this.initialBackoffMs = options.initialBackoffMs ?? 1000;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.jitter = options.jitter ?? 0.2;
  }

  get status(): TcpStatusInfo {
    return this.info;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.attempt = 0;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimers();
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.removeAllListeners();
      s.on('error', () => {});
      s.destroy();
    }
  }

  private clearTimers(): void {
    if (this.connectTimer) clearTimeout(this.connectTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.connectTimer = this.retryTimer = null;
  }

  private setStatus(info: TcpStatusInfo): void {
    this.info = info;
    this.options.onStatus(info);
  }

  /** Next delay: initial × 2^attempt, capped, with jitter. */
  nextDelayMs(): number {
    const base = Math.min(this.maxBackoffMs, this.initialBackoffMs * 2 ** Math.min(this.attempt, 30));
    const rnd = this.options.random ?? Math.random;
    const delay = base * (1 + this.jitter * (2 * rnd() - 1));
    return Math.max(50, Math.min(Math.round(delay), Math.round(this.maxBackoffMs * (1 + this.jitter))));
  }

  private connect(): void {
    const { host, port } = this.options;
    this.setStatus({ status: 'connecting' });
    let connected = false;
    let lastError: NodeJS.ErrnoException | null = null;
    let timedOut = false;
    const socket = connect({ host, port });
    this.socket = socket;
    socket.setNoDelay(true);
    this.connectTimer = setTimeout(() => {
      timedOut = true;
      socket.destroy();
    }, this.connectTimeoutMs);

    socket.on('connect', () => {
      connected = true;
      if (this.connectTimer) clearTimeout(this.connectTimer);
      this.connectTimer = null;
      this.attempt = 0;
      socket.setKeepAlive(true, 30_000);
      this.setStatus({ status: 'connected', message: `Connected to ${host}:${port}` });
    });
    socket.on('data', (chunk: Buffer) => this.options.onData(chunk));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      lastError = err;
    });
    socket.on('close', () => {
      if (this.connectTimer) clearTimeout(this.connectTimer);
      this.connectTimer = null;
      if (this.socket !== socket || this.stopped) return;
      this.socket = null;
      if (connected) this.options.onEnd();
      const delay = this.nextDelayMs();
      this.attempt++;
      const retryInSec = Math.max(1, Math.round(delay / 1000));
      const err = lastError as NodeJS.ErrnoException | null;
      if (connected) {
        const why = err ? ` (${err.code ?? err.message})` : '';
        this.setStatus({
          status: 'reconnecting',
          retryInSec,
          message: `${host}:${port} closed the connection${why}; reconnecting in ${retryInSec} s`,
        });
      } else if (timedOut) {
        this.setStatus({
          status: 'timed-out',
          retryInSec,
          message:
            `No answer from ${host}:${port} within ${Math.round(this.connectTimeoutMs / 100) / 10} s; ` +
            `retrying in ${retryInSec} s`,
        });
      } else if (err?.code === 'ECONNREFUSED') {
        this.setStatus({
          status: 'refused',
          retryInSec,
          message: `${host}:${port} refused the connection; retrying in ${retryInSec} s`,
        });
      } else {
        const what =
          err?.code === 'ENOTFOUND' || err?.code === 'EAI_AGAIN'
            ? `Host ${host} not found`
            : `Cannot connect to ${host}:${port}: ${err?.code ?? err?.message ?? 'closed'}`;
        this.setStatus({ status: 'error', retryInSec, message: `${what}; retrying in ${retryInSec} s` });
      }
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        if (!this.stopped) this.connect();
      }, delay);
    });
  }
}
