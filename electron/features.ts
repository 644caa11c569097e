/**
 * Main's one list of features (docs/ARCHITECTURE.md, "How a feature plugs in"). Adding a
 * feature = its folder under electron/services/ (index.ts exporting one MainFeature) plus one
 * line here; its contract part is the one line in electron/contract/index.ts, its screens the
 * one line in renderer/src/features.ts. Order = start order (a feature after those it needs);
 * shutdown runs in reverse. The demo seeders run in this order too.
 */
import type { ServiceName } from './contract';
import { coreMigrations } from './connectors/db/migrate';
import { joinMigrations, type DbParts } from './connectors/db/parts';
import { alarmsFeature } from './services/alarms';
import { appFeature } from './services/app';
import { auditFeature } from './services/audit';
import { authFeature } from './services/auth';
import { connectionsFeature, dbFeature } from './services/data';
import { dispatchFeature } from './services/dispatch';
import { logsFeature } from './services/logs';
import { objectTagsFeature } from './services/objectTags';
import { prefsFeature } from './services/prefs';
import { responseFilesFeature } from './services/responseFiles';
import { snmpServersFeature } from './services/snmpServers';
import { systemParametersFeature } from './services/systemParameters';
import { emailFeature } from './services/email';
import { genesysFeature } from './services/genesys';
import { ssoFeature } from './services/sso';
import { tenantsFeature } from './services/tenants';
import { traceFeature } from './services/trace';
import { usersFeature } from './services/users';
import { userSyncFeature } from './services/userSync';
import { webManagerFeature } from './services/webManager';

export const mainFeatures = [
  appFeature,
  prefsFeature,
  authFeature,
  connectionsFeature,
  tenantsFeature,
  usersFeature,
  auditFeature,
  dbFeature,
  logsFeature,
  traceFeature,
  objectTagsFeature,
  dispatchFeature,
  responseFilesFeature,
  ssoFeature,
  alarmsFeature,
  snmpServersFeature,
  systemParametersFeature,
  emailFeature,
  webManagerFeature,
  genesysFeature,
  userSyncFeature,
] as const;

/** The database parts of the features: every migration (core + each feature's) and the demo seeders. */
export const mainDbParts: DbParts = {
  migrations: joinMigrations(coreMigrations, ...mainFeatures.map((f) => f.migrations)),
  demo: mainFeatures.flatMap((f) => (f.demo ? [f.demo] : [])),
};

// Compile-time check: the list names every contract service exactly once.
type Twice<L extends readonly unknown[], Seen = never> = L extends readonly [{ name: infer N }, ...infer Rest]
  ? (N extends Seen ? N : never) | Twice<Rest, Seen | N>
  : never;
type Missing = Exclude<ServiceName, (typeof mainFeatures)[number]['name']>;
type Duplicated = Twice<typeof mainFeatures>;
type FeatureListCheck = [Missing, Duplicated] extends [never, never]
  ? true
  : { missing: Missing; listedTwice: Duplicated };
const _listCheck: FeatureListCheck = true;
