import { app } from 'electron';
import { resolve } from 'node:path';
import {
  CONSOLE_SCHEME,
  consoleLinkInArgv,
  parseConsoleLink,
  type ConsoleRoute,
} from '../contract/services/consoleLink';

/**
 * The `ccm://` scheme (links in the alarm e-mails): registers the application as its handler
 * and hands each link's route — parsed by contract/services/consoleLink.ts, nothing else gets through —
 * to `open`. macOS delivers links with `open-url`; Windows and Linux start the application with
 * the link as an argument (the first instance's command line, then `second-instance`). Must be
 * called before app is ready (open-url can fire at launch).
 */
export function registerConsoleLinks(open: (route: ConsoleRoute) => void): {
  secondInstance(argv: readonly string[]): void;
} {
  // Started as `electron <app>` (development): the handler must name the app path too.
  if (process.defaultApp) {
    if (process.argv.length >= 2)
      app.setAsDefaultProtocolClient(CONSOLE_SCHEME, process.execPath, [resolve(process.argv[1]!)]);
  } else app.setAsDefaultProtocolClient(CONSOLE_SCHEME);

  let ready = false;
  const pending: ConsoleRoute[] = [];
  const deliver = (route: ConsoleRoute | null) => {
    if (!route) return;
    if (ready) open(route);
    else pending.push(route);
  };
  app.on('open-url', (event, url) => {
    event.preventDefault();
    deliver(parseConsoleLink(url));
  });
  void app.whenReady().then(() => {
    ready = true;
    deliver(consoleLinkInArgv(process.argv));
    for (const r of pending.splice(0)) open(r);
  });
  return { secondInstance: (argv) => deliver(consoleLinkInArgv(argv)) };
}
