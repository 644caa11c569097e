import { defineFeature } from '../feature';
import { createConnectionsService } from './connectionsService';

export { DataContext } from './dataContext';
export { ProfilesStore, DEMO_PROFILE_ID } from './profilesStore';

/**
 * Connections: the database profiles and the one the console uses. This folder also holds the
 * DataContext (the open database, shared by every feature through the deps); hence the folder's
 * name is data, not connections.
 */
export const connectionsFeature = defineFeature({
  name: 'connections',
  start: ({ profiles, secrets, data, session }) => ({
    impl: createConnectionsService({ profiles, secrets, data, session }),
  }),
});

/** The db contract part has no methods, only the db.changed event the DataContext emits. */
export const dbFeature = defineFeature({
  name: 'db',
  start: () => ({ impl: {} }),
});
