import { GlobeDesktop20Regular } from '@fluentui/react-icons';
import { defineFeature } from '../../areas/feature';
import { webManagerTabs } from './tabs';

/** Web Manager: Virtual Agents, REST SDK clients, CLIP for outgoing calls, Exchange Calendar. */
export const feature = defineFeature({
  name: 'webManager',
  area: {
    id: 'webManager',
    label: 'Web Manager',
    description:
      'Virtual Agents (Dialogflow, Dialogflow V2 and Connector profiles, their agents, actions and speech), REST SDK ' +
      'clients, CLIP numbers for outgoing calls and the Exchange Calendar integration.',
    available: true,
    icon: GlobeDesktop20Regular,
  },
  tabs: webManagerTabs,
});
