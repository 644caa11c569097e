/**
 * Browser mode entry (plain Node): the same services and contract as the Electron
 * window, served to any browser on 127.0.0.1 with a per-run token. `npm start` runs
 * this where Electron cannot start; `--browser` forces it.
 */
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';
import { exitOnFlagProblems } from '../cli/exit';
import { PRODUCT_NAME, defaultUserDataDir } from '../paths';
import type * as BrowserCore from './browserCore';
import { startHost } from './server';
import { version } from '../version';
// Only light modules above: everything else (browserCore.ts) is loaded after the host listens.

const requireHere = createRequire(__filename);
/** The services' largest packages (docs/PERFORMANCE.md, bench:start): 15–110 ms of require each. */
const HEAVY = ['zod', 'kysely', 'better-sqlite3', 'net-snmp', 'saxes', 'nodemailer', '@xmldom/xmldom', 'xml-crypto'];

/** Requires HEAVY one per event-loop turn: between two of them the host answers what the page asked. */
async function preload(): Promise<void> {
  for (const id of HEAVY) {
    requireHere(id);
    await new Promise((r) => setImmediate(r));
  }
}

async function main() {
  // Node ≥ 22.1 keeps V8's compiled code of main's modules between runs (a no-op on Node 20): the services'
  // require below is about a third compilation.
  (Module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  const launchOptions = exitOnFlagProblems(process.argv.slice(2));
  const reason = process.env.CCM_BROWSER_REASON || '--browser was given';
  const start = (m: typeof BrowserCore) =>
    m.startCore({
      launchOptions,
      userDataDir: defaultUserDataDir(),
      info: {
        productName: PRODUCT_NAME,
        version,
        mode: 'browser',
        platform: process.platform,
        browserModeReason: reason,
      },
    });
  if (launchOptions.adSync) {
    // Headless: one synchronization, no server, then the exit code.
    const m = await import('./browserCore');
    const core = start(m);
    const code = await m.runAdSync(core, (line) => console.log(line));
    await core.dispose();
    process.exit(code);
  }
  // The host listens first. main's services are ~0.5 s of synchronous require on a 2-core machine, during
  // which this process serves nothing. So their largest packages are required one per event-loop turn as soon
  // as the host listens (the page's HTML and scripts are served between two of them), and the services
  // themselves (~0.2 s in one piece) once the page has its script: Chromium parses and runs the renderer while
  // Node requires the rest. Every call waits for the core (auth.status too). If no page asks within 1 s of
  // the packages (nobody opened it yet), the services are loaded anyway.
  type Loaded = { m: typeof BrowserCore; core: ReturnType<typeof start> };
  let done!: (loaded: Loaded) => void;
  const loaded = new Promise<Loaded>((resolve) => (done = resolve));
  const hostCore = loaded.then(({ m, core }) => m.hostCoreOf(core));
  let packagesDone!: () => void;
  const packages = new Promise<void>((resolve) => (packagesDone = resolve));
  const failed = (err: unknown) => {
    const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
    console.error(`Could not start ${PRODUCT_NAME}: ${text}`);
    process.exit(1);
  };
  let loading = false;
  let fallback: NodeJS.Timeout | undefined;
  const load = () => {
    if (loading) return;
    loading = true;
    clearTimeout(fallback);
    packages
      .then(() => import('./browserCore'))
      .then((m) => done({ m, core: start(m) }))
      .catch(failed);
  };
  let host;
  try {
    host = await startHost({
      core: hostCore,
      staticDir: join(__dirname, '..', 'renderer'),
      port: launchOptions.port ?? 0,
      onPageScriptsSent: load,
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const port = launchOptions.port ?? 0;
    if (code === 'EADDRINUSE')
      console.error(
        `Port ${port} is already in use on 127.0.0.1: pick another with --port N, or leave --port out to use a ` +
          `free one.`,
      );
    else if (code === 'EACCES')
      console.error(
        `Not allowed to listen on port ${port}: ports below 1024 need privileges; use --port with a port above 1024.`,
      );
    else console.error(`Could not start browser mode: ${String(err)}`);
    process.exit(1);
  }
  preload()
    .then(() => {
      packagesDone();
      if (!loading) fallback = setTimeout(load, 1000);
    })
    .catch(failed);
  // The links in alarm e-mails point at this page (#/alarms/<id>).
  process.env.CCM_CONSOLE_ORIGIN = host.origin;
  if (launchOptions.user !== undefined) {
    // /user: the page opens signed in, so the URL is printed once the sign-in is done.
    load();
    await (
      await loaded
    ).core.ready;
  }
  console.log(`Browser mode: ${reason}.`);
  console.log(`${PRODUCT_NAME} is running. Open: ${host.url}`);
  const origin = host.origin;
  void loaded.then(({ core }) => {
    core.log.info('browser mode listening', { origin });
    // Said once start-up is done (the database connected, or why not; first run: the demo database created).
    void core.ready.then(() =>
      console.log(`Ready: ${core.data.status().state === 'connected' ? 'connected' : 'not connected'}.`),
    );
  });

  const stop = () => {
    void host
      .close()
      .then(() => {
        load();
        return loaded;
      })
      .then(({ core }) => core.dispose())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
