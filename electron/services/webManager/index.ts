import { defineFeature } from '../feature';
import { usersFeature } from '../users';
import { seedWebManagerDemo } from './demo';
import { webManagerMigration } from './migrations/015_web_manager';
import { virtualAgentUserGuard } from './virtualAgentGuard';
import { createWebManagerService } from './webManagerService';
import './schema';

export { secretKeys } from './webManagerService';

/**
 * Web Manager: Virtual Agents, REST SDK clients, CLIP numbers, Exchange Calendar. No running
 * parts: a Test opens its own HTTP requests (through outboundFetch) and ends with them. Needs
 * users for its user-save guard (virtualAgentGuard.ts).
 */
export const webManagerFeature = defineFeature({
  name: 'webManager',
  needs: [usersFeature],
  start: (deps, features) => {
    // A virtual agent cannot be given what Virtual Agents do not support (checked in the user's save).
    features.runtimeOf(usersFeature).addSaveGuard(virtualAgentUserGuard);
    return { impl: createWebManagerService(deps) };
  },
  migrations: { '015_web_manager': webManagerMigration },
  demo: seedWebManagerDemo,
});
