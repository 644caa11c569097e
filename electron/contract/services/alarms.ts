import { service } from '../define';

/** SNMP trap listener, MIBs, event configuration and the alarm browser (issue 8). */
export const alarmsService = service({
  methods: {},
  events: {},
});
