import { join } from 'node:path';
import { contract, type AppInfo, type MethodSpec, type Principal } from '../contract';
import type { LaunchOptions } from '../cli/flags';
import { createKeychainStore, type SecretStore } from '../connectors/keychain/secretStore';
import { mainDbParts, mainFeatures } from '../features';
import { EventBus } from '../ipc/events';
import { createRouter, type Router } from '../ipc/router';
import { createLogger, type Logger } from '../log/logger';
import { Notices } from './app';
import { AuthService, Session, revalidatingRouter, tenantIdFlag } from './auth';
import { DataContext, ProfilesStore } from './data';
import type { DesktopPort, ServiceDeps } from './deps';
import { checkFeatureList, startFeatures } from './feature';

export interface Core {
  readonly router: Router;
  readonly bus: EventBus;
  readonly log: Logger;
  readonly notices: Notices;
  readonly launchOptions: LaunchOptions;
  readonly data: DataContext;
  readonly session: Session;
  readonly auth: AuthService;
  /** Resolves once the selected database is connected (or failed) and /user: sign-in ran. */
  readonly ready: Promise<void>;
  principal(): Principal;
  dispose(): Promise<void>;
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
  secrets?: SecretStore;
  /** Electron only (electron/window/desktop.ts). */
  desktop?: DesktopPort;
  /** Tests may skip connecting at start. */
  connect?: boolean;
}): Core {
  const { launchOptions, userDataDir } = options;
  const log = createLogger(launchOptions.logFile ?? join(userDataDir, 'logs', 'console.log'), {
    echo: options.echoLog,
  });
  const bus = new EventBus();
  const notices = new Notices(bus);
  checkFeatureList(mainFeatures, Object.keys(contract));
  const secrets = options.secrets ?? createKeychainStore();
  const profiles = new ProfilesStore(userDataDir);
  const data = new DataContext(
    profiles,
    secrets,
    { host: launchOptions.brokerName, port: launchOptions.brokerPort },
    bus,
    log,
    mainDbParts,
  );
  const session = new Session();
  const tenantId = tenantIdFlag(launchOptions);
  const auth = new AuthService(data, session, bus, log, {
    logonId: launchOptions.user,
    password: launchOptions.password,
    tenantId,
    stdLogin: launchOptions.stdLogin,
  });

  log.info('console starting', { mode: options.info.mode, version: options.info.version, userDataDir });
  if (launchOptions.ignoredSwitches.length > 0) {
    log.info('ignored Chromium/Electron switches', { switches: launchOptions.ignoredSwitches });
  }

  const deps: ServiceDeps = {
    data,
    bus,
    log,
    secrets,
    session,
    auth,
    notices,
    profiles,
    launchOptions,
    userDataDir,
    info: options.info,
    desktop: options.desktop,
  };
  // The features (electron/features.ts) in list order: /reset (prefs) and the /tenantid: warning
  // (auth) are raised here, in that order.
  const started = startFeatures(mainFeatures, deps);
  const router = revalidatingRouter(createRouter(contract, started.impls, log), auth, session, (service, method) => {
    const services: Record<string, { methods: Record<string, MethodSpec> }> = contract;
    return Object.hasOwn(services, service) && services[service]!.methods[method]?.stopsRunningWork === true;
  });

  const ready =
    options.connect === false
      ? Promise.resolve()
      : data.connect().then(async (state) => {
          if (state.state === 'error' && state.message) notices.raise('error', state.message);
          await auth.startupSignIn();
        });

  return {
    router,
    bus,
    log,
    notices,
    launchOptions,
    data,
    session,
    auth,
    ready,
    principal: () => session.principal(),
    async dispose() {
      await ready.catch(() => {});
      await started.dispose();
      await data.disconnect();
      bus.flush();
      bus.dispose();
      log.info('console stopped');
    },
  };
}
