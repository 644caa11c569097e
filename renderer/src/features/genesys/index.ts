import { CloudSync20Regular } from '@fluentui/react-icons';
import { defineFeature } from '../../areas/feature';
import { genesysObjects } from './objectSections';
import { genesysTabs } from './tabs';

/** Genesys Cloud: the tenant's pairing with a Genesys Cloud organization and the one-way synchronization to it. */
export const feature = defineFeature({
  name: 'genesys',
  area: {
    id: 'genesys',
    label: 'Genesys Cloud',
    description:
      'Genesys Cloud for PureConnect: the organization this tenant is paired with, what synchronizes to it ' +
      '(users, workgroups, skills, wrap-up codes), the status of each record and the integration’s health.',
    available: true,
    icon: CloudSync20Regular,
  },
  tabs: genesysTabs,
  objects: genesysObjects,
});
