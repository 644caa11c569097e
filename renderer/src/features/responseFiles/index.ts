import { DocumentBulletList20Regular } from '@fluentui/react-icons';
import { defineFeature } from '../../areas/feature';
import { responseFilesTabs } from './tabs';

export { openResponseFileTab } from './openResponseFileTab';

/** Response Files: the canned responses of e-mail, chat and SMS agents. */
export const feature = defineFeature({
  name: 'responseFiles',
  area: {
    id: 'responseFiles',
    label: 'Response Files',
    description:
      'Edit the canned responses (response files) that e-mail, chat and SMS agents insert: groups, texts and Src ' +
      'files, replaceable identifiers, and a preview as the agent sees it.',
    available: true,
    icon: DocumentBulletList20Regular,
  },
  tabs: responseFilesTabs,
});
