import { ShieldKeyhole20Regular } from '@fluentui/react-icons';
import { defineFeature } from '../../areas/feature';
import { ssoTabs } from './tabs';

/** Single Sign-On: SAML 2.0 for Agent Portal Web, the OpenID Connect provider, Circuit sign-on. */
export const feature = defineFeature({
  name: 'sso',
  area: {
    id: 'sso',
    label: 'Single Sign-On',
    description:
      'Single sign-on: SAML 2.0 for Agent Portal Web (service providers, identity providers from metadata, ' +
      'tenants, response tester), the OpenID Connect identity provider the console signs in through, and Circuit ' +
      'sign-on.',
    available: true,
    icon: ShieldKeyhole20Regular,
  },
  tabs: ssoTabs,
});
