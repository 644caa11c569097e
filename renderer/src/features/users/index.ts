import { People20Regular } from '@fluentui/react-icons';
import { defineFeature } from '../../areas/feature';
import { usersTabs } from './tabs';

export { openUserTab } from './openUserTab';

/** Users: the user list and User Properties. */
export const feature = defineFeature({
  name: 'users',
  area: {
    id: 'users',
    label: 'Users',
    description:
      'Create and edit users and their agent logons — Logon ID, External Logon ID, Personal Directory Number and ' +
      'user type — and keep them synchronized with the directory.',
    available: true,
    icon: People20Regular,
  },
  tabs: usersTabs,
});
