import { Mail20Regular } from '@fluentui/react-icons';
import { defineFeature } from '../../areas/feature';
import { emailTabs } from './tabs';

/** System › Outgoing e-mail and Alarms › Alarm e-mails: the E-mail area's views opened from those areas. */
export { openAlarmEmails, openOutgoingEmail } from './tabs';

/** E-mail: the e-mail servers (IMAP and SMTP accounts) and destinations of the tenant. */
export const feature = defineFeature({
  name: 'email',
  area: {
    id: 'email',
    label: 'E-mail',
    description:
      'E-mail servers (IMAP and SMTP accounts, up to five per tenant) and the destinations that use them, with a ' +
      'connection test that names what failed.',
    available: true,
    icon: Mail20Regular,
  },
  tabs: emailTabs,
});
