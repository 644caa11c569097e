/**
 * The typed API between main and the renderer. Pure TypeScript + zod: no node:*, no
 * electron (lint-enforced). Preload and renderer build their clients from this object;
 * main's router registers one channel per method from it.
 */
import { appService } from './services/app';
import { auditService } from './services/audit';
import { authService } from './services/auth';
import { connectionsService } from './services/connections';
import { dbService } from './services/db';
import { logsService } from './services/logs';
import { prefsService } from './services/prefs';
import { tenantsService } from './services/tenants';
import { traceService } from './services/trace';
import { usersService } from './services/users';
import { objectTagsService } from './services/objectTags';
import { dispatchService } from './services/dispatch';
import { responseFilesService } from './services/responseFiles';
import { ssoService } from './services/sso';
import { alarmsService } from './services/alarms';
import { snmpServersService } from './services/snmpServers';
import { systemParametersService } from './services/systemParameters';
import { emailService } from './services/email';
import { webManagerService } from './services/webManager';
import { genesysService } from './services/genesys';
import { userSyncService } from './services/userSync';

export const contract = {
  app: appService,
  prefs: prefsService,
  auth: authService,
  connections: connectionsService,
  tenants: tenantsService,
  users: usersService,
  audit: auditService,
  db: dbService,
  logs: logsService,
  trace: traceService,
  objectTags: objectTagsService,
  dispatch: dispatchService,
  responseFiles: responseFilesService,
  sso: ssoService,
  alarms: alarmsService,
  snmpServers: snmpServersService,
  systemParameters: systemParametersService,
  email: emailService,
  webManager: webManagerService,
  genesys: genesysService,
  userSync: userSyncService,
} as const;

export type Contract = typeof contract;
export type ServiceName = keyof Contract;

export * from './define';
export * from './envelope';
export * from './permissions';
export * from './client';
export * from './services/app';
export * from './services/prefs';
export * from './services/auth';
export * from './services/connections';
export * from './services/tenants';
export * from './services/users';
export * from './services/audit';
export * from './services/db';
export * from './services/logs';
export * from './services/trace';
export * from './services/objectTags';
export * from './services/dispatch';
export * from './services/responseFiles';
export * from './services/sso';
export * from './services/alarms';
export * from './services/snmpServers';
export * from './services/systemParameters';
export * from './services/email';
export * from './services/webManager';
export * from './services/genesys';
export * from './services/userSync';
