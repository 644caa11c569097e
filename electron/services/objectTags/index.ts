import { defineFeature } from '../feature';
import { seedObjectTagsDemo } from './demo';
import { usersObjectTagsMigration } from './migrations/003_users_object_tags';
import { createObjectTagsService } from './objectTagsService';
import './schema';

// For other features (they import a feature only through its index.ts).
export { removeTagAssignmentsOf } from './cleanup';

/** The objectTags feature (issue 4): plain request/response, nothing running in the background. */
export const objectTagsFeature = defineFeature({
  name: 'objectTags',
  start: ({ data }) => ({ impl: createObjectTagsService(data) }),
  migrations: { '003_users_object_tags': usersObjectTagsMigration },
  demo: seedObjectTagsDemo,
});
