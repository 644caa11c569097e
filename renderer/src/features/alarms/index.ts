import { Alert20Regular } from '@fluentui/react-icons';
import { defineFeature } from '../../areas/feature';
import { alarmsTabs } from './tabs';

/** Alarms: SNMP traps from the contact-center servers in an alarm browser. */
export const feature = defineFeature({
  name: 'alarms',
  area: {
    id: 'alarms',
    label: 'Alarms',
    description: 'Receive SNMP traps from the contact-center servers and work through them in an alarm browser.',
    available: true,
    icon: Alert20Regular,
  },
  tabs: alarmsTabs,
});
