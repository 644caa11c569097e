import type { CustomerAuth } from '../../contract';
import { CRLF, REG_HEADER_V5, formatDword, quoteRegString } from '../../domain/registry';

/**
 * Customer Authentication as SeCCfg keeps it (Agent Service tab › Customer Authentication),
 * exported as a .reg file like the trace-level editor's. The manual names the SeCCfg fields but
 * not their registry key; the console writes them under the SeC Common Parameters key the
 * manual uses for the other SeCCfg-era values (REGISTRY KEYS; WCF SERVICES), in the Services
 * subkey for the Agent Service, with value names from the field labels. Check the key on a
 * MiCC Enterprise server before importing (the file says so).
 */
export const CUSTOMER_AUTH_KEY =
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Mitel\\SEC\\Common\\Parameters\\Services\\AgentService';
export const CUSTOMER_AUTH_VALUES = {
  numberToCall: 'NumberToCallForAuthentication',
  maxReserveSeconds: 'MaximumTimeToReserveAgent',
  sendDnFromAgent: 'SendDNFromAgent',
} as const;

export function customerAuthToReg(tenantName: string, s: CustomerAuth): string {
  const line = (t: string) => `; ${t.replace(/[\r\n]+/g, ' ')}`;
  return (
    [
      REG_HEADER_V5,
      '',
      line(`Customer Authentication for tenant ${tenantName}, written by Contact Center Console.`),
      line(
        'SeCCfg › Agent Service › Customer Authentication. Import on the MiCC Enterprise server (reg import <file>).',
      ),
      line('The manual does not name this key: check it on the server before importing.'),
      '',
      `[${CUSTOMER_AUTH_KEY}]`,
      line('Number to Call for Authentication: the BVD of the authentication service access'),
      `${quoteRegString(CUSTOMER_AUTH_VALUES.numberToCall)}=${quoteRegString(s.numberToCall.trim())}`,
      line('Maximum Time to Reserve Agent, seconds'),
      `${quoteRegString(CUSTOMER_AUTH_VALUES.maxReserveSeconds)}=${formatDword(s.maxReserveSeconds)}`,
      `${quoteRegString(CUSTOMER_AUTH_VALUES.sendDnFromAgent)}=${formatDword(s.sendDnFromAgent ? 1 : 0)}`,
      '',
    ].join(CRLF) + CRLF
  );
}

export const customerAuthRegFileName = (tenantName: string) =>
  `customer-authentication-${tenantName.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 60) || 'tenant'}.reg`;
