import type { LaunchOptions } from '../cli/flags';
import type { AppInfo } from '../contract';
import type { SecretStore } from '../connectors/keychain/secretStore';
import type { EventBus } from '../ipc/events';
import type { Logger } from '../log/logger';
import type { Notices } from './app/appService';
import type { AuthService } from './auth/authService';
import type { Session } from './auth/session';
import type { DataContext } from './data/dataContext';
import type { ProfilesStore } from './data/profilesStore';

/** What startCore hands every feature service: pick what you need. */
export interface ServiceDeps {
  readonly data: DataContext;
  readonly bus: EventBus;
  readonly log: Logger;
  readonly secrets: SecretStore;
  readonly session: Session;
  readonly auth: AuthService;
  readonly notices: Notices;
  readonly profiles: ProfilesStore;
  readonly launchOptions: LaunchOptions;
  readonly userDataDir: string;
  /** Product name, version, run mode and platform (the app feature serves them). */
  readonly info: AppInfo;
  /** What only the Electron window can do (electron/window/desktop.ts); absent in browser mode and tests. */
  readonly desktop?: DesktopPort;
}

/** Electron-only capabilities, injected by electron/main.ts: services never import `electron`. */
export interface DesktopPort {
  /** A desktop notification (silently nothing where the system has no notification service). */
  notify(title: string, body: string): void;
}
