import { join } from 'node:path';
import { contract, type AppInfo } from '../contract';
import type { LaunchOptions } from '../cli/flags';
import { toLaunchOptionsView } from '../cli/flags';
import { EventBus } from '../ipc/events';
import { createRouter, type Router } from '../ipc/router';
import { createLogger, type Logger } from '../log/logger';
import { createAppService, Notices } from './app/appService';
import { createPrefsService } from './prefs/prefsService';
import { PrefsStore } from './prefs/prefsStore';

export interface Core {
  readonly router: Router;
  readonly bus: EventBus;
  readonly log: Logger;
  readonly notices: Notices;
  readonly launchOptions: LaunchOptions;
  dispose(): void;
}

/**
 * Starts main's services the same way for both run modes (Electron window or browser
 * mode): the transports differ, the services and the contract do not.
 */
export function startCore(options: {
  launchOptions: LaunchOptions;
  userDataDir: string;
  info: AppInfo;
  echoLog?: boolean;
}): Core {
  const { launchOptions, userDataDir } = options;
  const log = createLogger(launchOptions.logFile ?? join(userDataDir, 'logs', 'console.log'), { echo: options.echoLog });
  const bus = new EventBus();
  const notices = new Notices(bus);
  const prefs = new PrefsStore(userDataDir);

  log.info('console starting', { mode: options.info.mode, version: options.info.version, userDataDir });
  if (launchOptions.reset) {
    prefs.clear();
    notices.raise('info', 'User preferences were reset (/reset).');
    log.info('user preferences reset by /reset');
  }
  if (launchOptions.ignoredSwitches.length > 0) {
    log.info('ignored Chromium/Electron switches', { switches: launchOptions.ignoredSwitches });
  }

  const router = createRouter(
    contract,
    {
      app: createAppService({ info: options.info, launchOptions: toLaunchOptionsView(launchOptions), notices }),
      prefs: createPrefsService(prefs, bus),
    },
    log,
  );

  return {
    router,
    bus,
    log,
    notices,
    launchOptions,
    dispose() {
      bus.flush();
      bus.dispose();
      log.info('console stopped');
    },
  };
}
