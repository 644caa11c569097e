import type { EventConfig } from './eventConfig';
import { MICC_BASE_OID } from './trap';

const IC_BASE = '1.3.6.1.4.1.311.1.13.1'; // Microsoft's default BaseEnterpriseOID (Interaction Center servers keep it)
const LINK = '$A|ifIndex|$1'; // linkDown/linkUp: ifIndex is the first varbind in the v1 and the v2c form alike

/**
 * Event configuration shipped for what servers really send, set up as seed 001 tells
 * OpenView users to: "Log and display in category: Application Alert Alarms", Event Log
 * Message "$1". An empty name means the MIB names the trap, else "Event <n> from <source>".
 *
 * - Every MiCC Enterprise event (BaseEnterpriseOID 1.3.6.1.4.1.193.132.5.1, with or without
 *   the event-source suffix, plain or 32-bit event IDs, v1 or forwarded as v2c/v3): the event
 *   text, the severity of the event ID's severity bits. More specific rows (e.g.
 *   1.3.6.1.4.1.193.132.5.1.0.3000 for event 3000) win over it.
 * - Correlation: a Cleared event's clear key is the dedupe key of the problem it resolves.
 */
export const DEFAULT_EVENT_CONFIGS: Omit<EventConfig, 'id'>[] = [
  {
    oidPattern: `${MICC_BASE_OID}.*`,
    name: '',
    category: 'Application Alert Alarms',
    severity: 'Normal',
    severityFromEvent: true,
    messageFormat: '$1',
    dedupeKey: '',
    clearKey: '',
  },
  // Genesys Cloud Bridge on a CIC server (seed 004, Event IDs 47000/47001), any base or source.
  {
    oidPattern: '1.3.6.1.4.1.*.0.47000',
    name: 'Genesys Cloud connection lost',
    category: 'Application Alert Alarms',
    severity: 'Critical',
    severityFromEvent: false,
    messageFormat: '$1',
    dedupeKey: '$A|genesys-cloud',
    clearKey: '',
  },
  {
    oidPattern: '1.3.6.1.4.1.*.0.47001',
    name: 'Genesys Cloud connection restored',
    category: 'Application Alert Alarms',
    severity: 'Cleared',
    severityFromEvent: false,
    messageFormat: '$1',
    dedupeKey: '',
    clearKey: '$A|genesys-cloud',
  },
  {
    oidPattern: `${IC_BASE}.*`,
    name: '',
    category: 'Application Alert Alarms',
    severity: 'Normal',
    severityFromEvent: true,
    messageFormat: '$1',
    dedupeKey: '',
    clearKey: '',
  },
  {
    oidPattern: '1.3.6.1.6.3.1.1.5.5',
    name: 'authenticationFailure',
    category: 'Security Alarms',
    severity: 'Warning',
    severityFromEvent: false,
    messageFormat: '$1',
    dedupeKey: '$A|auth',
    clearKey: '',
  },
  {
    oidPattern: '1.3.6.1.6.3.1.1.5.1',
    name: '',
    category: 'Status Alarms',
    severity: 'Normal',
    severityFromEvent: false,
    messageFormat: 'Cold start of $A',
    dedupeKey: '',
    clearKey: '',
  },
  {
    oidPattern: '1.3.6.1.6.3.1.1.5.2',
    name: '',
    category: 'Log only',
    severity: 'Normal',
    severityFromEvent: false,
    messageFormat: 'Warm start of $A',
    dedupeKey: '',
    clearKey: '',
  },
  {
    oidPattern: '1.3.6.1.6.3.1.1.5.3',
    name: '',
    category: 'Status Alarms',
    severity: 'Major',
    severityFromEvent: false,
    messageFormat: 'Link down on $A (ifIndex $1)',
    dedupeKey: LINK,
    clearKey: '',
  },
  {
    oidPattern: '1.3.6.1.6.3.1.1.5.4',
    name: '',
    category: 'Status Alarms',
    severity: 'Cleared',
    severityFromEvent: false,
    messageFormat: 'Link up on $A (ifIndex $1)',
    dedupeKey: '',
    clearKey: LINK,
  },
];

/** The rows migration 007 shipped with numbers no server sends (010 removes them where unchanged). */
export const INVENTED_OID_PATTERNS = [1, 2, 3, 4, 5].map((n) => `${MICC_BASE_OID}.0.${n}`);
