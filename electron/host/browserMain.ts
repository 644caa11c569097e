/**
 * Browser mode entry (plain Node): the same services and contract as the Electron
 * window, served to any browser on 127.0.0.1 with a per-run token. `npm start` runs
 * this where Electron cannot start; `--browser` forces it.
 */
import { join } from 'node:path';
import { exitOnFlagProblems } from '../cli/exit';
import { PRODUCT_NAME, defaultUserDataDir } from '../paths';
import { startCore } from '../services';
import { runAdSync } from '../services/userSync';
import { gatedRouter } from './gate';
import { startHost } from './server';
import { version } from '../version';

async function main() {
  const launchOptions = exitOnFlagProblems(process.argv.slice(2));
  const reason = process.env.CCM_BROWSER_REASON || '--browser was given';
  const core = startCore({
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
    const code = await runAdSync(core, (line) => console.log(line));
    await core.dispose();
    process.exit(code);
  }
  let host;
  try {
    host = await startHost({
      router: gatedRouter(core.router, core.ready),
      bus: core.bus,
      log: core.log,
      staticDir: join(__dirname, '..', 'renderer'),
      port: launchOptions.port ?? 0,
      principal: () => core.principal(),
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
    await core.dispose();
    process.exit(1);
  }
  // The URL is printed before the database is ready (first run: while the demo database is created), so the
  // sign-in form shows meanwhile; with /user: it waits, so the page opens signed in.
  if (launchOptions.user !== undefined) await core.ready;
  core.log.info('browser mode listening', { origin: host.origin });
  // The links in alarm e-mails point at this page (#/alarms/<id>).
  process.env.CCM_CONSOLE_ORIGIN = host.origin;
  console.log(`Browser mode: ${reason}.`);
  console.log(`${PRODUCT_NAME} is running. Open: ${host.url}`);
  // Said once start-up is done (the database connected, or why not; first run: the demo database created).
  void core.ready.then(() =>
    console.log(`Ready: ${core.data.status().state === 'connected' ? 'connected' : 'not connected'}.`),
  );

  const stop = () => {
    void host
      .close()
      .then(() => core.dispose())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
