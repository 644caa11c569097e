import { defineFeature } from '../../areas/feature';
import { userSyncTabs } from './tabs';

export { openUserSyncTab } from './tabs';

/** Users › User Synchronization (no area of its own: it belongs to Users). */
export const feature = defineFeature({
  name: 'userSync',
  tabs: userSyncTabs,
});
