import type { ReactElement } from 'react';
import { CompoundButton, makeStyles, tokens } from '@fluentui/react-components';
import {
  Call20Regular,
  Certificate20Regular,
  Cloud20Regular,
  DatabasePlugConnected20Regular,
  DocumentSearch20Regular,
  ArrowDownload20Regular,
  Wrench20Regular,
  Globe20Regular,
  GlobeShield20Regular,
  Mail20Regular,
  PersonKey20Regular,
  PeopleList20Regular,
  Record20Regular,
  Timer20Regular,
  History20Regular,
  Info20Regular,
  Options20Regular,
  PersonLock20Regular,
  ShieldKeyhole20Regular,
  WindowConsole20Regular,
} from '@fluentui/react-icons';
import type { AuthStatus } from '../../../../electron/contract';
import { canRead } from '../../data/permissions';
import { useAuthStatus } from '../../data/queries';
import { Page } from '../../ui/Page';
import { openConnectionManager } from '../connections';
import { openHotfix, openSystemParameters, openWebInstallation } from '../systemParameters';
import { openOutgoingEmail } from '../email';
import { openPolicyTab, openSystemTab } from './openSystemTab';

const useStyles = makeStyles({
  section: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  list: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))',
    gap: tokens.spacingHorizontalM,
  },
  button: { justifyContent: 'flex-start', textAlign: 'left', height: '100%', maxWidth: 'none' },
});

interface Entry {
  id: string;
  title: string;
  text: string;
  icon: ReactElement;
  /** Shown only when the user's type allows it (main refuses anyway). */
  visible(status: AuthStatus): boolean;
  open(status: AuthStatus): void;
}

const always = () => true;

const SERVER: readonly Entry[] = [
  {
    id: 'passwordPolicy',
    title: 'Password management',
    text: 'Lockout after failed logons, password reuse, expiry and its warning — for the tenant you work in.',
    icon: <ShieldKeyhole20Regular />,
    visible: (s) => canRead(s.user?.permissions, 'system') && s.tenant !== null,
    open: (s) => s.tenant && openPolicyTab(s.tenant),
  },
  {
    id: 'accounts',
    title: 'Accounts',
    text: 'Locked accounts: why, when and from which host. Unlock them, or lock a user.',
    icon: <PersonLock20Regular />,
    visible: (s) => canRead(s.user?.permissions, 'users'),
    open: () => openSystemTab('accounts'),
  },
  {
    id: 'audit',
    title: 'Audit',
    text: 'Who changed what and when, sign-ins and locks; filter and export as CSV.',
    icon: <History20Regular />,
    visible: (s) => canRead(s.user?.permissions, 'system'),
    open: () => openSystemTab('audit'),
  },
  {
    id: 'connections',
    title: 'Connections',
    text: 'The server databases this console connects to: profiles, Test Connection, Connect.',
    icon: <DatabasePlugConnected20Regular />,
    visible: always,
    open: () => openConnectionManager(),
  },
];

/** System parameters: the proxy (installation-wide) and the tenant's numbering, sign-in and customer authentication. */
const PARAMETERS: readonly Entry[] = [
  {
    id: 'proxy',
    title: 'Proxy settings',
    text: 'HTTP/HTTPS and SOCKS proxies for the console’s own internet connections, with a Test.',
    icon: <GlobeShield20Regular />,
    visible: (s) => canRead(s.user?.permissions, 'system'),
    open: () => openSystemParameters('proxy'),
  },
  {
    id: 'outgoingEmail',
    title: 'Outgoing e-mail',
    text: 'The installation’s SMTP or Office 365 sender, its proxy, and the queue of outgoing messages.',
    icon: <Mail20Regular />,
    visible: (s) => canRead(s.user?.permissions, 'email'),
    open: () => openOutgoingEmail(),
  },
  {
    id: 'numbering',
    title: 'Numbering plan',
    text: 'Internal number patterns, country code and prefixes; see how a number is treated.',
    icon: <Call20Regular />,
    visible: (s) => canRead(s.user?.permissions, 'system') && s.tenant !== null,
    open: () => openSystemParameters('numbering'),
  },
  {
    id: 'userAuth',
    title: 'Users authentication settings',
    text: 'Authentication authorities in order, remembered sign-in and the inactivity timeout.',
    icon: <Timer20Regular />,
    visible: (s) => canRead(s.user?.permissions, 'system') && s.tenant !== null,
    open: () => openSystemParameters('userAuth'),
  },
  {
    id: 'customerAuth',
    title: 'Customer authentication',
    text: 'Number to call, agent reserve time and Send DN from Agent; export as a .reg file.',
    icon: <PersonKey20Regular />,
    visible: (s) => canRead(s.user?.permissions, 'system') && s.tenant !== null,
    open: () => openSystemParameters('customerAuth'),
  },
  {
    id: 'wsdl',
    title: 'WSDL suppression',
    text: 'Check whether a web service’s web.config stops IIS serving its WSDL.',
    icon: <DocumentSearch20Regular />,
    visible: (s) => canRead(s.user?.permissions, 'system'),
    open: () => openSystemParameters('wsdl'),
  },
  {
    id: 'webInstallation',
    title: 'Web installation',
    text: 'Customer folders for the client download page: edit, check, import and export Setup.config.',
    icon: <ArrowDownload20Regular />,
    visible: (s) => canRead(s.user?.permissions, 'system') && s.tenant !== null,
    open: () => openWebInstallation(),
  },
  {
    id: 'hotfix',
    title: 'Hotfix',
    text: 'The MiCCEHotFixInstaller command line, its exit codes and its log.',
    icon: <Wrench20Regular />,
    visible: (s) => canRead(s.user?.permissions, 'system'),
    open: () => openHotfix(),
  },
  {
    id: 'callRecording',
    title: 'MiVoice Call Recording',
    text: 'External recording, Voice Recording option and MiVCR rule, support DLL versions, Record Calls privileges.',
    icon: <Record20Regular />,
    visible: (s) => canRead(s.user?.permissions, 'system') && s.tenant !== null,
    open: () => openSystemParameters('callRecording'),
  },
  {
    id: 'agentDataAccess',
    title: 'Agent data access',
    text: 'Which agents an agent sees in skill assignment, contacts, Force, Monitor and Assist.',
    icon: <PeopleList20Regular />,
    visible: (s) => canRead(s.user?.permissions, 'system') && s.tenant !== null,
    open: () => openSystemParameters('agentDataAccess'),
  },
  {
    id: 'ciscoTelephony',
    title: 'Cisco IP Telephony',
    text: 'Cisco UCM addresses, the AXL Application User and its roles, Test, and the server certificate.',
    icon: <Call20Regular />,
    visible: (s) => canRead(s.user?.permissions, 'system') && s.tenant !== null,
    open: () => openSystemParameters('ciscoTelephony'),
  },
  {
    id: 'secureCertificate',
    title: 'Secure communications certificate',
    text: 'The installation’s certificate for secure SIP and RDP with Cisco UCM: download it, regenerate it.',
    icon: <Certificate20Regular />,
    visible: (s) => canRead(s.user?.permissions, 'system'),
    open: () => openSystemParameters('secureCertificate'),
  },
  {
    id: 'cloudAuth',
    title: 'Cloud services authentication data',
    text: 'The Client ID and Client secret that authenticate this installation to the cloud services.',
    icon: <Cloud20Regular />,
    visible: (s) => canRead(s.user?.permissions, 'system'),
    open: () => openSystemParameters('cloudAuth'),
  },
  {
    id: 'webServer',
    title: 'Web server settings',
    text: 'The base URL that makes this installation reachable; default https://<computer name>.',
    icon: <Globe20Regular />,
    visible: (s) => canRead(s.user?.permissions, 'system'),
    open: () => openSystemParameters('webServer'),
  },
];

const CONSOLE: readonly Entry[] = [
  {
    id: 'preferences',
    title: 'Preferences',
    text: 'Theme, start area, confirmations, date format, log buffer.',
    icon: <Options20Regular />,
    visible: always,
    open: () => openSystemTab('preferences'),
  },
  {
    id: 'launchOptions',
    title: 'Launch options',
    text: 'The command-line flags the console was started with.',
    icon: <WindowConsole20Regular />,
    visible: always,
    open: () => openSystemTab('launchOptions'),
  },
  {
    id: 'about',
    title: 'About',
    text: 'Product, version, run mode and platform.',
    icon: <Info20Regular />,
    visible: always,
    open: () => openSystemTab('about'),
  },
];

/** The System area's home: the tenant's security settings, the server connection, and the console itself. */
export function SystemHome() {
  const styles = useStyles();
  const status = useAuthStatus().data;
  const group = (title: string, entries: readonly Entry[]) => {
    const shown = status ? entries.filter((e) => e.visible(status)) : [];
    if (shown.length === 0) return null;
    return (
      <>
        <h3 className={styles.section}>{title}</h3>
        <div className={styles.list}>
          {shown.map((e) => (
            <CompoundButton
              key={e.id}
              className={styles.button}
              icon={e.icon}
              secondaryContent={e.text}
              data-testid={`system-open-${e.id}`}
              onClick={() => status && e.open(status)}
            >
              {e.title}
            </CompoundButton>
          ))}
        </div>
      </>
    );
  };
  return (
    <Page title="System" subtitle="Security and connections of the server, and the console itself.">
      {group('Server', SERVER)}
      {group('System parameters', PARAMETERS)}
      {group('This console', CONSOLE)}
    </Page>
  );
}
