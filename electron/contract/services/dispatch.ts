import { service } from '../define';

/** Service groups, service accesses, dispatch settings, personal call routing, phone agent logon (issue 5). */
export const dispatchService = service({
  methods: {},
  events: {},
});
