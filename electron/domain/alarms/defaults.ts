import type { EventConfig } from './eventConfig';
import { MICC_BASE_OID } from './trap';

const N = `${MICC_BASE_OID}.0`; // secCCEvents notifications (MICC-ENTERPRISE-EVENT-MIB)

/**
 * Event configuration shipped for the MiCC Enterprise Event MIB and the standard traps, set
 * up as seed 001 tells OpenView users to: "Log and display in category: Application Alert
 * Alarms", Event Log Message "$1". Resolutions clear their problems by key.
 */
export const DEFAULT_EVENT_CONFIGS: Omit<EventConfig, 'id'>[] = [
  { oidPattern: `${N}.1`, name: 'secBrokerConFailed', category: 'Application Alert Alarms', severity: 'Major', messageFormat: '$1', dedupeKey: '$A|broker', clearKey: '' },
  { oidPattern: `${N}.2`, name: 'secRouterOASConLost', category: 'Application Alert Alarms', severity: 'Critical', messageFormat: '$1', dedupeKey: '$A|router-oas', clearKey: '' },
  { oidPattern: `${N}.3`, name: 'secRouterOASConRestored', category: 'Application Alert Alarms', severity: 'Cleared', messageFormat: '$1', dedupeKey: '', clearKey: '$A|router-oas' },
  { oidPattern: `${N}.4`, name: 'secServiceStopped', category: 'Application Alert Alarms', severity: 'Major', messageFormat: '$1', dedupeKey: '$A|service|$3', clearKey: '' },
  { oidPattern: `${N}.5`, name: 'secServiceStarted', category: 'Application Alert Alarms', severity: 'Cleared', messageFormat: '$1', dedupeKey: '', clearKey: '$A|service|$3' },
  // Windows event-to-trap translator, any base/source: Genesys Cloud Bridge (seed 004, Event IDs 47000/47001).
  { oidPattern: '1.3.6.1.4.1.*.0.47000', name: 'Genesys Cloud connection lost', category: 'Application Alert Alarms', severity: 'Critical', messageFormat: '$1', dedupeKey: '$A|genesys-cloud', clearKey: '' },
  { oidPattern: '1.3.6.1.4.1.*.0.47001', name: 'Genesys Cloud connection restored', category: 'Application Alert Alarms', severity: 'Cleared', messageFormat: '$1', dedupeKey: '', clearKey: '$A|genesys-cloud' },
  { oidPattern: '1.3.6.1.6.3.1.1.5.5', name: 'authenticationFailure', category: 'Security Alarms', severity: 'Warning', messageFormat: '$1', dedupeKey: '$A|auth', clearKey: '' },
  { oidPattern: '1.3.6.1.6.3.1.1.5.1', name: 'coldStart', category: 'Status Alarms', severity: 'Normal', messageFormat: 'Cold start of $A', dedupeKey: '', clearKey: '' },
  { oidPattern: '1.3.6.1.6.3.1.1.5.2', name: 'warmStart', category: 'Log only', severity: 'Normal', messageFormat: 'Warm start of $A', dedupeKey: '', clearKey: '' },
];
