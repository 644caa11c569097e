import { service } from '../define';

/** Single sign-on: SAML 2.0 service and identity providers, OpenID Connect, Circuit (issue 7). */
export const ssoService = service({
  methods: {},
  events: {},
});
