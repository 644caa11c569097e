/**
 * Electron entry: parse the command line, harden the session, serve the renderer from
 * app://, register the IPC router and open the window. Everything else lives in
 * services/ and runs the same in browser mode.
 */
import { app, dialog, Menu, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { exitOnFlagProblems } from './cli/exit';
import { registerIpc } from './ipc/electronIpc';
import { PRODUCT_NAME } from './paths';
import { startCore } from './services';
import { runAdSync } from './services/userSync';
import { electronDesktop } from './window/desktop';
import { desktopIdpOpener } from './window/idpWindow';
import { version } from './version';
import { registerAppScheme, serveRenderer } from './window/appProtocol';
import { createMainWindow } from './window/createWindow';
import { registerConsoleLinks } from './window/consoleLinks';
import { buildMenu } from './window/menu';
import type { ConsoleRoute } from './contract/services/consoleLink';
import { hardenSessionAndContents } from './window/security';

// process.defaultApp: started as `electron <app>` (argv[1] is the app path), not packaged.
const launchOptions = exitOnFlagProblems(process.argv.slice(process.defaultApp ? 2 : 1), (kind, text) => {
  if (kind === 'error' && app.isPackaged) dialog.showErrorBox(PRODUCT_NAME, text);
});

// The packaged app is production: events are no longer checked against their schemas (ipc/events.ts).
if (app.isPackaged) process.env.NODE_ENV ??= 'production';

app.enableSandbox();
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | null = null;
  // ccm:// links (alarm e-mails): the route goes to the renderer once its page has loaded.
  let emitLink: ((route: ConsoleRoute) => void) | null = null;
  const linkQueue: ConsoleRoute[] = [];
  const links = registerConsoleLinks((route) => (emitLink ? emitLink(route) : linkQueue.push(route)));
  app.on('second-instance', (_event, argv) => {
    links.secondInstance(argv);
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  void app.whenReady().then(() => {
    const core = startCore({
      launchOptions,
      userDataDir: app.getPath('userData'),
      info: { productName: PRODUCT_NAME, version, mode: 'electron', platform: process.platform },
      echoLog: !app.isPackaged,
      desktop: electronDesktop,
    });
    if (launchOptions.adSync) {
      // /adsync: one user synchronization without a window, then the exit code (for Task Scheduler).
      void runAdSync(core, (line) => console.log(line)).then(async (code) => {
        await core.dispose();
        app.exit(code);
      });
      return;
    }
    hardenSessionAndContents();
    serveRenderer(join(__dirname, '..', 'renderer'));
    registerIpc(
      core.router,
      core.bus,
      () => win?.webContents ?? null,
      () => core.principal(),
    );
    Menu.setApplicationMenu(buildMenu(!app.isPackaged));
    win = createMainWindow(() => core.bus.emit('app.closeRequested', {}));
    // Seed 001: holding SHIFT while the application starts forces the conventional logon
    // (like /stdlogin). Keys reach main before the page; only the first seconds count.
    core.auth.desktop = true;
    core.auth.idpOpener = desktopIdpOpener(() => win);
    const shiftUntil = Date.now() + 4000;
    win.webContents.on('before-input-event', (_e, input) => {
      if (input.shift && Date.now() < shiftUntil && !core.session.current) core.auth.forceStandardLogon();
    });
    win.webContents.once('did-finish-load', () => {
      emitLink = (route) => core.bus.emit('app.openLink', route);
      for (const r of linkQueue.splice(0)) emitLink(r);
    });
    win.on('closed', () => (win = null));
    app.on('window-all-closed', () => {
      void core.dispose().finally(() => app.quit());
    });
  });
}
