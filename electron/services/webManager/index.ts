import { defineFeature } from '../feature';
import { seedWebManagerDemo } from './demo';
import { webManagerMigration } from './migrations/015_web_manager';
import { createWebManagerService } from './webManagerService';
import './schema';

export { secretKeys } from './webManagerService';

/**
 * Web Manager: Virtual Agents, REST SDK clients, CLIP numbers, Exchange Calendar. No running
 * parts: a Test opens its own HTTP requests (through outboundFetch) and ends with them.
 */
export const webManagerFeature = defineFeature({
  name: 'webManager',
  start: (deps) => ({ impl: createWebManagerService(deps) }),
  migrations: { '015_web_manager': webManagerMigration },
  demo: seedWebManagerDemo,
});
