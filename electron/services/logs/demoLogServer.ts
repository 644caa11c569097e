import { createServer, type Server, type Socket } from 'node:net';

/**
 * A demo log source: one TCP port per MiCC Enterprise component on 127.0.0.1, each serving
 * SocketManager-style lines (docs/LOG-PROTOCOL.md) — a short backlog on connect, then a few
 * lines a second with warnings and errors sprinkled in, a stack trace after some errors
 * (plain lines), and the odd banner. Started in-process with the embedded demo database,
 * or standalone with `npm run demo:logs`.
 */

export const DEMO_BASE_PORT = 47301;

export interface DemoComponent {
  /** As it appears in the line, e.g. cs.exe. */
  component: string;
  description: string;
  /** Numeric (SocketManager trace 0–9) or word levels. */
  numericLevels: boolean;
  threads: number[];
  info: string[];
  debug: string[];
  warnings: string[];
  errors: string[];
  stack: string[];
}

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
const ip = () => `10.20.${1 + Math.floor(Math.random() * 3)}.${10 + Math.floor(Math.random() * 200)}`;
const n = (lo: number, hi: number) => lo + Math.floor(Math.random() * (hi - lo + 1));
const hex = (digits: number) =>
  Math.floor(Math.random() * 16 ** digits)
    .toString(16)
    .toUpperCase()
    .padStart(digits, '0');
const agents = ['sharpka', 'jdoe', 'mlee', 'agent1023', 'agent1047', 'supervisor', 'tech', 'admin'];
const groups = ['Sales', 'Support', 'Billing', 'Escalation'];

/** Fills {ip} {n} {few} {sec} {ms} {hex} {agent} {group} {port} placeholders. */
function fill(template: string): string {
  return template
    .replace(/\{ip\}/g, ip)
    .replace(/\{n\}/g, () => String(n(1, 9999)))
    .replace(/\{few\}/g, () => String(n(0, 12)))
    .replace(/\{sec\}/g, () => String(n(5, 240)))
    .replace(/\{attempt\}/g, () => String(n(1, 4)))
    .replace(/\{ms\}/g, () => String(n(120, 4800)))
    .replace(/\{hex\}/g, () => hex(6))
    .replace(/\{agent\}/g, () => pick(agents))
    .replace(/\{group\}/g, () => pick(groups))
    .replace(/\{port\}/g, () => String(n(49152, 65535)));
}

export const DEMO_COMPONENTS: readonly DemoComponent[] = [
  {
    component: 'cs.exe',
    description: 'Configuration Service',
    numericLevels: true,
    threads: [1844, 2210, 3316, 4092],
    info: [
      'SocketManager: Accepted connection from {ip}:{port} (socket 0x{hex})',
      'SocketManager: Connection {ip}:{port} closed by peer after {n} messages',
      'Client Configuration Manager@WS-{n} logged on as {agent}',
      'Loaded configuration for tenant 1 (Demo Contact Center) in {ms} ms',
      'Object tag cache refreshed: {n} tags, {n} mappings',
      'Saved user {agent} (version {few}) for Configuration Manager@WS-{n}',
    ],
    debug: [
      'SocketManager: send queue to RouterService.exe: {n} bytes pending',
      'SocketManager: heartbeat from BrokerService.exe ({ip})',
      'Registry HKLM\\SOFTWARE\\Wow6432Node\\Mitel\\SocketManager\\cs.exe = 9',
      'Dispatch queue poll: {few} items',
    ],
    warnings: [
      'Slow response from Broker: {ms} ms',
      'SocketManager: receive buffer 80% full on socket 0x{hex}',
      'Response file import skipped {few} rows with unknown Service Group',
    ],
    errors: [
      'Database query timed out after 30000 ms (cc_user page, tenant 1)',
      'SocketManager: connection to {ip}:3310 refused (Broker)',
      'Failed to save Dialed Number 5{n}: duplicate Dialed Number',
    ],
    stack: [
      '   at Mitel.MiCC.ConfigService.Data.UserRepository.Page(Int32 tenantId, PageRequest request)',
      '   at Mitel.MiCC.ConfigService.Handlers.UsersHandler.Handle(Message msg) in ' +
        'C:\\Build\\CS\\Handlers\\UsersHandler.cs:line 214',
      '   at Mitel.SocketManager.Dispatcher.Run()',
    ],
  },
  {
    component: 'RouterService.exe',
    description: 'Router Service',
    numericLevels: false,
    threads: [512, 768, 1024],
    info: [
      'Route request for call 0x{hex} on Dialed Number 5000: Service Group {group}, queue position {few}',
      'Agent {agent} state changed: Available -> Busy (call 0x{hex})',
      'Agent {agent} state changed: Wrap-up -> Available',
      'Personal call routed to {agent} (Personal Directory Number 2{n})',
      'Service Access granted for {agent} to Service Group {group}',
    ],
    debug: [
      'BVD update: {group} waiting={few} longest={sec}s',
      'PBX event CALL_DELIVERED 0x{hex} from MiVoice Business {ip}',
      'Dispatch queue length {few}',
    ],
    warnings: [
      'Service Group {group}: no agents logged on; overflow to Voicemail',
      'Call 0x{hex} waited {sec} s, above the Service Group threshold',
      'PBX link latency {ms} ms',
    ],
    errors: [
      'Lost connection to MiVoice Business {ip}:3999 (ECONNRESET); reconnecting',
      'Route request for call 0x{hex} failed: no Dialed Number 5{n}',
    ],
    stack: [
      '   at Mitel.MiCC.Router.Pbx.Link.Read() in C:\\Build\\Router\\Pbx\\Link.cs:line 98',
      '   at Mitel.MiCC.Router.Pbx.Link.Pump()',
    ],
  },
  {
    component: 'AgentService.exe',
    description: 'Agent Service',
    numericLevels: false,
    threads: [88, 132],
    info: [
      'UserSync: synchronization started (Azure AD, group CC-Agents)',
      'UserSync: ADD {agent}{n} SyncID {hex}-{hex}',
      'UserSync: UPDATE {agent} SyncID {hex}-{hex}',
      'UserSync: synchronization finished: {few} added, {few} updated, 0 deleted',
      'Agent {agent} logged on at extension 4{n}',
    ],
    debug: ['Graph API GET /groups/CC-Agents/members page {few}', 'Token cache hit for tenant 1'],
    warnings: [
      'UserSync: Logon ID {agent} already exists; using {agent}1',
      'Agent {agent} has no External Logon ID; single sign-on will not find it',
    ],
    errors: [
      'UserSync: Graph API request failed: 401 Unauthorized (token expired)',
      'UserSync: ERROR could not undelete user {agent}: record locked',
    ],
    stack: [
      '   at Mitel.MiCC.AgentService.Sync.GraphClient.Get(String path)',
      '   at Mitel.MiCC.AgentService.Sync.UserSync.Run()',
    ],
  },
  {
    component: 'SeCLogonWS',
    description: 'Logon Web Service',
    numericLevels: false,
    threads: [7, 9, 11],
    info: [
      'Logon request for {agent} from {ip}',
      'Logon succeeded for {agent} from {ip}',
      'Single sign-on logon for {agent}@contoso.com',
    ],
    debug: ['LogonWSTimeout 30000 ms', 'Session {hex} renewed'],
    warnings: ['Failed logon attempt {attempt} of 5 for {agent} from {ip}'],
    errors: ['Account {agent} locked after too many failed logon attempts (host {ip})'],
    stack: [],
  },
];

const pad = (v: number, w = 2) => String(v).padStart(w, '0');
export function formatTime(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
  );
}

const WORDS = { error: 'ERROR', warning: 'WARN', info: 'INFO', debug: 'DEBUG' } as const;
const DIGITS = { error: '0', warning: '1', info: '2', debug: '5' } as const;

/** One event of a component: its line, and for some errors a stack trace (plain lines). */
export function demoLines(c: DemoComponent, time: number): string[] {
  const r = Math.random();
  const kind = r < 0.04 ? 'error' : r < 0.12 ? 'warning' : r < 0.7 ? 'info' : 'debug';
  const text = fill(
    pick(kind === 'error' ? c.errors : kind === 'warning' ? c.warnings : kind === 'info' ? c.info : c.debug),
  );
  const level = c.numericLevels ? DIGITS[kind] : WORDS[kind];
  const lines = [`${formatTime(time)} ${level} ${c.component} [${pick(c.threads)}] ${text}`];
  if (kind === 'error' && c.stack.length > 0 && Math.random() < 0.6) lines.push(...c.stack);
  if (Math.random() < 0.005) lines.push(`---- ${c.component} (${c.description}) SocketManager trace level 9 ----`);
  return lines;
}

export interface DemoLogServer {
  readonly endpoints: ReadonlyArray<{ component: string; description: string; host: string; port: number }>;
  close(): Promise<void>;
}

/**
 * Starts one server per component on host (127.0.0.1), ports basePort, basePort+1 … (0: any
 * free ports). `linesPerSecond` is per connection.
 */
export async function startDemoLogServer(
  options: { host?: string; basePort?: number; linesPerSecond?: number; backlog?: number } = {},
): Promise<DemoLogServer> {
  const host = options.host ?? '127.0.0.1';
  const base = options.basePort ?? DEMO_BASE_PORT;
  const rate = options.linesPerSecond ?? 3;
  const backlog = options.backlog ?? 40;
  const servers: Server[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const serve = (c: DemoComponent, socket: Socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    // History: the last few minutes.
    const gaps = Array.from({ length: backlog }, () => 2000 + Math.random() * 6000);
    let t = Date.now() - gaps.reduce((a, b) => a + b, 0);
    const history: string[] = [];
    let previous = t;
    for (const [i, gap] of gaps.entries()) {
      // One line written late by a buffering thread: its time is earlier than the line before it
      // (the viewer marks it and keeps it where it arrived, as lnav does).
      if (i === Math.max(1, backlog - 10))
        history.push(
          `${formatTime(previous - 1500)} ${c.numericLevels ? '2' : 'INFO'} ${c.component} [${c.threads[0]}] ` +
            'Statistics: buffered counters written late',
        );
      history.push(...demoLines(c, t));
      previous = t;
      t += gap;
    }
    socket.write(history.join('\r\n') + '\r\n');
    const next = () => {
      const t = setTimeout(
        () => {
          timers.delete(t);
          if (socket.destroyed) return;
          socket.write(demoLines(c, Date.now()).join('\r\n') + '\r\n');
          next();
        },
        (1000 / rate) * (0.3 + Math.random() * 1.4),
      );
      t.unref?.();
      timers.add(t);
    };
    next();
  };

  try {
    for (let i = 0; i < DEMO_COMPONENTS.length; i++) {
      const c = DEMO_COMPONENTS[i]!;
      const server = createServer((s) => serve(c, s));
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(base === 0 ? 0 : base + i, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      server.unref();
    }
  } catch (err) {
    for (const s of servers) s.close();
    throw err;
  }

  return {
    endpoints: servers.map((s, i) => {
      const address = s.address();
      return {
        component: DEMO_COMPONENTS[i]!.component,
        description: DEMO_COMPONENTS[i]!.description,
        host,
        port: typeof address === 'object' && address ? address.port : 0,
      };
    }),
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const s of sockets) s.destroy();
      await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
    },
  };
}
