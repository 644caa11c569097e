import { Settings20Regular } from '@fluentui/react-icons';
import { defineFeature } from '../../areas/feature';
import { systemTabs } from './tabs';

/** System: password management, accounts, audit, connections, preferences, launch options, About. */
export const feature = defineFeature({
  name: 'system',
  area: {
    id: 'system',
    label: 'System',
    description:
      'Password management, locked accounts and the audit log of the tenant; the server connections; and the ' +
      'console itself: preferences, launch options, version.',
    available: true,
    icon: Settings20Regular,
  },
  tabs: systemTabs,
});
