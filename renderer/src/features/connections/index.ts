import { defineFeature } from '../../areas/feature';
import { ConnectionManagerDialog } from './ConnectionManagerDialog';

export { openConnectionManager } from './store';

/** Connections: the Connection manager dialog, one for the whole window (sign-in screen, System area). */
export const feature = defineFeature({
  name: 'connections',
  tabs: [],
  windows: [ConnectionManagerDialog],
});
