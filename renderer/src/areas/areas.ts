import type { Area } from '../../../electron/contract';

/** One area of the console as the navigation shows it (order = navigation order). */
export interface AreaDef {
  readonly id: Area;
  readonly label: string;
  /** One sentence: what the area does (or will do), in the seeds' words. */
  readonly description: string;
  /** False while the area is still an empty state. */
  readonly available: boolean;
}

export const AREA_LIST: readonly AreaDef[] = [
  {
    id: 'users',
    label: 'Users',
    description:
      'Create and edit users and their agent logons — Logon ID, External Logon ID, Personal Directory Number and user type — and keep them synchronized with the directory.',
    available: false,
  },
  {
    id: 'objectTags',
    label: 'Object Tags',
    description:
      'Maintain Object Tags and their mappings to Dialed Numbers, Service Groups and Service Accesses, so reports and BVDs follow the right objects.',
    available: false,
  },
  {
    id: 'dispatch',
    label: 'Dispatch Groups',
    description:
      'Set up Service Groups for manual (dispatch) routing, their Dispatch queue and Personal Call Routing to the agent’s Personal Directory Number.',
    available: false,
  },
  {
    id: 'responseFiles',
    label: 'Response Files',
    description:
      'Import, check and apply response files that create or change many users, Object Tags and Service Groups in one step.',
    available: false,
  },
  {
    id: 'sso',
    label: 'Single Sign-On',
    description:
      'Configure SAML 2.0 single sign-on: the service provider, the identity provider’s metadata and certificate, and the tenant it applies to.',
    available: false,
  },
  {
    id: 'alarms',
    label: 'Alarms',
    description: 'Receive SNMP traps from the contact-center servers and work through them in an alarm browser.',
    available: false,
  },
  {
    id: 'logs',
    label: 'Logs',
    description: 'Follow live SocketManager trace logs from the servers, filter them and keep a buffer for troubleshooting.',
    available: true,
  },
  {
    id: 'system',
    label: 'System',
    description:
      'Password management, locked accounts and the audit log of the tenant; the server connections; and the console itself: preferences, launch options, version.',
    available: true,
  },
];

export const AREA_BY_ID: Readonly<Record<Area, AreaDef>> = Object.fromEntries(AREA_LIST.map((a) => [a.id, a])) as Record<
  Area,
  AreaDef
>;
