import { TextBulletListSquare20Regular } from '@fluentui/react-icons';
import { defineFeature } from '../../areas/feature';
import { logsTabs } from './tabs';

/** Logs: live SocketManager trace logs, their viewers, and the servers' trace levels. */
export const feature = defineFeature({
  name: 'logs',
  area: {
    id: 'logs',
    label: 'Logs',
    description:
      'Follow live SocketManager trace logs from the servers, filter them and keep a buffer for troubleshooting.',
    available: true,
    icon: TextBulletListSquare20Regular,
  },
  tabs: logsTabs,
});
