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
    available: true,
  },
  {
    id: 'objectTags',
    label: 'Object Tags',
    description:
      'Maintain Object Tags and their assignments to Service Accesses, Service Groups, Agents and Dialed Numbers, the tenant’s Dialed Numbers, and a Lookup of what a script reading the tables finds.',
    available: true,
  },
  {
    id: 'dispatch',
    label: 'Dispatch Groups',
    description:
      'Set up Service Groups for manual (dispatch) routing, their Dispatch queue and Personal Call Routing to the agent’s Personal Directory Number.',
    available: true,
  },
  {
    id: 'responseFiles',
    label: 'Response Files',
    description:
      'Edit the canned responses (response files) that e-mail, chat and SMS agents insert: groups, texts and Src files, replaceable identifiers, and a preview as the agent sees it.',
    available: true,
  },
  {
    id: 'sso',
    label: 'Single Sign-On',
    description:
      'Single sign-on: SAML 2.0 for Agent Portal Web (service providers, identity providers from metadata, tenants, response tester), the OpenID Connect identity provider the console signs in through, and Circuit sign-on.',
    available: true,
  },
  {
    id: 'alarms',
    label: 'Alarms',
    description: 'Receive SNMP traps from the contact-center servers and work through them in an alarm browser.',
    available: true,
  },
  {
    id: 'logs',
    label: 'Logs',
    description:
      'Follow live SocketManager trace logs from the servers, filter them and keep a buffer for troubleshooting.',
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

export const AREA_BY_ID: Readonly<Record<Area, AreaDef>> = Object.fromEntries(
  AREA_LIST.map((a) => [a.id, a]),
) as Record<Area, AreaDef>;
