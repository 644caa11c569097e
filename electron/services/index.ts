import { join } from 'node:path';
import { contract, type AppInfo, type Principal } from '../contract';
import type { LaunchOptions } from '../cli/flags';
import { toLaunchOptionsView } from '../cli/flags';
import { createKeychainStore, type SecretStore } from '../connectors/keychain/secretStore';
import { EventBus } from '../ipc/events';
import { createRouter, type Router } from '../ipc/router';
import { createLogger, type Logger } from '../log/logger';
import { createAppService, Notices } from './app/appService';
import { createAuditService } from './audit/auditService';
import { AuthService } from './auth/authService';
import { Session } from './auth/session';
import { revalidatingRouter } from './auth/guard';
import { createConnectionsService } from './data/connectionsService';
import { DataContext } from './data/dataContext';
import { ProfilesStore } from './data/profilesStore';
import { startLogs } from './logs';
import { createPrefsService } from './prefs/prefsService';
import { PrefsStore } from './prefs/prefsStore';
import { startCriticalAlarmNotifier } from './prefs/criticalAlarmNotifier';
import { createTenantsService } from './tenants/tenantsService';
import { createTraceService } from './trace/traceService';
import { createUsersService } from './users/usersService';
import { startObjectTags } from './objectTags';
import { startDispatch } from './dispatch';
import { startResponseFiles } from './responseFiles';
import { startSso } from './sso';
import { startAlarms } from './alarms';
import { startSnmpServers } from './snmpServers';
import type { DesktopPort, ServiceDeps } from './deps';

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
  const prefs = new PrefsStore(userDataDir);
  const secrets = options.secrets ?? createKeychainStore();
  const profiles = new ProfilesStore(userDataDir);
  const data = new DataContext(
    profiles,
    secrets,
    { host: launchOptions.brokerName, port: launchOptions.brokerPort },
    bus,
    log,
  );
  const session = new Session();
  const tenantId =
    launchOptions.tenantId !== undefined && /^\d+$/.test(launchOptions.tenantId)
      ? Number(launchOptions.tenantId)
      : undefined;
  const auth = new AuthService(data, session, bus, log, {
    logonId: launchOptions.user,
    password: launchOptions.password,
    tenantId,
    stdLogin: launchOptions.stdLogin,
  });

  log.info('console starting', { mode: options.info.mode, version: options.info.version, userDataDir });
  if (launchOptions.reset) {
    prefs.clear();
    notices.raise('info', 'User preferences were reset (/reset).');
    log.info('user preferences reset by /reset');
  }
  if (launchOptions.ignoredSwitches.length > 0) {
    log.info('ignored Chromium/Electron switches', { switches: launchOptions.ignoredSwitches });
  }
  if (launchOptions.tenantId !== undefined && tenantId === undefined) {
    notices.raise(
      'warning',
      `/tenantid:${launchOptions.tenantId} is not a tenant ID (a number); choose the tenant on the sign-in form.`,
    );
  }

  const logs = startLogs({ userDataDir, bus, log, profiles });
  const deps: ServiceDeps = { data, bus, log, secrets, session, auth, notices, profiles, launchOptions, userDataDir, desktop: options.desktop };
  const objectTags = startObjectTags(deps);
  const dispatch = startDispatch(deps);
  const responseFiles = startResponseFiles(deps);
  const sso = startSso(deps);
  const alarms = startAlarms(deps);
  const snmpServers = startSnmpServers(deps, {
    mib: () => alarms.runtime.mib,
    listener: () => alarms.runtime.settings,
  });
  const stopCriticalNotifier = startCriticalAlarmNotifier(bus, prefs, {
    listenerNotifies: () => alarms.runtime.settings?.notifyDesktop === true,
    show: options.desktop?.notify,
  });
  const router = revalidatingRouter(
    createRouter(
      contract,
      {
        app: createAppService({ info: options.info, launchOptions: toLaunchOptionsView(launchOptions), notices }),
        prefs: createPrefsService(prefs, bus),
        auth: auth.impl(),
        connections: createConnectionsService({ profiles, secrets, data, session }),
        tenants: createTenantsService(data),
        users: createUsersService(data),
        audit: createAuditService(data),
        db: {},
        logs: logs.impl(),
        trace: createTraceService(data),
        objectTags: objectTags.impl(),
        dispatch: dispatch.impl(),
        responseFiles: responseFiles.impl(),
        sso: sso.impl(),
        alarms: alarms.impl(),
        snmpServers: snmpServers.impl(),
      },
      log,
    ),
    auth,
    session,
  );

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
      await logs.dispose();
      await objectTags.dispose();
      await dispatch.dispose();
      await responseFiles.dispose();
      await sso.dispose();
      await alarms.dispose();
      await snmpServers.dispose();
      stopCriticalNotifier();
      await data.disconnect();
      bus.flush();
      bus.dispose();
      log.info('console stopped');
    },
  };
}
