import { PeopleQueue20Regular } from '@fluentui/react-icons';
import { defineFeature } from '../../areas/feature';
import { dispatchTabs } from './tabs';

export { openServiceGroupTab } from './openServiceGroupTab';

/** Dispatch Groups: service groups for manual routing, their queue and Personal Call Routing. */
export const feature = defineFeature({
  name: 'dispatch',
  area: {
    id: 'dispatch',
    label: 'Dispatch Groups',
    description:
      'Set up Service Groups for manual (dispatch) routing, their Dispatch queue and Personal Call Routing to the ' +
      'agent’s Personal Directory Number.',
    available: true,
    icon: PeopleQueue20Regular,
  },
  tabs: dispatchTabs,
});
