import type { LaunchOptionsView } from '../../../../../electron/contract';

export interface FlagRow {
  /** The flag as typed on the command line (seed 001, Application command line parameters). */
  readonly flag: string;
  readonly meaning: string;
  /** What was given; "not given" when absent. Never a password. */
  readonly value: string;
  readonly given: boolean;
}

const NOT_GIVEN = 'not given';
const text = (v: string | number | undefined) => (v === undefined ? NOT_GIVEN : String(v));
const onOff = (v: boolean) => (v ? 'given' : NOT_GIVEN);

/** The launch options as table rows, in the order the seed lists the flags. */
export function launchOptionRows(lo: LaunchOptionsView): FlagRow[] {
  return [
    { flag: '/user:<LoginID>', meaning: 'User Logon ID', value: text(lo.user), given: lo.user !== undefined },
    {
      flag: '/password:<Password>',
      meaning: 'User password (kept in the main process, never shown)',
      value: onOff(lo.passwordGiven),
      given: lo.passwordGiven,
    },
    {
      flag: '/webserver:<WebServer[:Port]>',
      meaning: 'Overrides the Web server and port',
      value: lo.webServer ? `${lo.webServer.host}:${lo.webServer.port}` : NOT_GIVEN,
      given: lo.webServer !== undefined,
    },
    {
      flag: '/stdlogin',
      meaning: 'Conventional login with Logon ID and password, bypassing single sign-on',
      value: onOff(lo.stdLogin),
      given: lo.stdLogin,
    },
    {
      flag: '/brokername:<ServerName>',
      meaning: 'Machine where the Broker service is located',
      value: text(lo.brokerName),
      given: lo.brokerName !== undefined,
    },
    {
      flag: '/brokerport:<Port>',
      meaning: 'Port used to connect to the Broker service',
      value: text(lo.brokerPort),
      given: lo.brokerPort !== undefined,
    },
    {
      flag: '/tenantid:<TenantID>',
      meaning: 'Tenant to use',
      value: text(lo.tenantId),
      given: lo.tenantId !== undefined,
    },
    { flag: '/reset', meaning: 'Resets all user preferences', value: onOff(lo.reset), given: lo.reset },
    {
      flag: '/logfile:<LogFileName>',
      meaning: 'Overrides the name of the application log file',
      value: text(lo.logFile),
      given: lo.logFile !== undefined,
    },
  ];
}
