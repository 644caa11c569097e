// One file per feature so parallel work does not collide in one object.
import { samples as core } from './core';
import { samples as users } from './users';
import { samples as objectTags } from './objectTags';
import { samples as dispatch } from './dispatch';
import { samples as responseFiles } from './responseFiles';
import { samples as sso } from './sso';
import { samples as alarms } from './alarms';
import { samples as snmpServers } from './snmpServers';

export const sampleArgs: Record<string, unknown> = {
  ...core,
  ...users,
  ...objectTags,
  ...dispatch,
  ...responseFiles,
  ...sso,
  ...alarms,
  ...snmpServers,
};
