import { NO_PARAMS, tabKind, tabView } from '../../shell/tabs/kinds';
import { openTab } from '../../shell/tabs/openTab';
import type { Tab } from '../../shell/tabs/store';
import { useAuthStatus } from '../../data/queries';
import { canWrite } from '../../data/permissions';
import { Page } from '../../ui/Page';
import { AlarmRulesView } from './AlarmRulesView';
import { useEmailLive } from './data';
import { EmailHome } from './EmailHome';
import { OutgoingView } from './OutgoingView';

/** The area's home tab (servers and destinations). */
export const emailHomeTab = tabKind('email', NO_PARAMS);
/** System › Outgoing e-mail: the same view as the E-mail area's section, as a page of the System area. */
export const outgoingEmailTab = tabKind('email.outgoing', NO_PARAMS);
/** Alarms › Alarm e-mails: the alarm e-mail rules, as a page of the Alarms area. */
export const alarmEmailsTab = tabKind('email.alarmRules', NO_PARAMS);

function OutgoingEmailPage(_props: { tab: Tab }) {
  useEmailLive();
  const status = useAuthStatus().data;
  return (
    <Page
      title="Outgoing e-mail"
      help="email"
      subtitle="The installation's SMTP or Office 365 sender, its proxy, and the queue of messages waiting to go out."
      wide
    >
      <OutgoingView writable={canWrite(status?.user?.permissions, 'email')} hostAdmin={!!status?.user?.hostAdmin} />
    </Page>
  );
}

function AlarmEmailsPage(_props: { tab: Tab }) {
  useEmailLive();
  const status = useAuthStatus().data;
  return (
    <Page
      title="Alarm e-mails"
      help="email"
      subtitle="Rules that mail the matching alarms to their recipients, one digest message per interval."
      wide
    >
      <AlarmRulesView writable={canWrite(status?.user?.permissions, 'email')} />
    </Page>
  );
}

/** Opens System › Outgoing e-mail. */
export const openOutgoingEmail = () =>
  openTab(outgoingEmailTab, {}, { key: outgoingEmailTab.kind, title: 'Outgoing e-mail', area: 'system' });
/** Opens Alarms › Alarm e-mails. */
export const openAlarmEmails = () =>
  openTab(alarmEmailsTab, {}, { key: alarmEmailsTab.kind, title: 'Alarm e-mails', area: 'alarms' });

/** Tab kinds of the email area with their views (the area's home tab kind is 'email'). */
export const emailTabs = [
  tabView(emailHomeTab, EmailHome),
  tabView(outgoingEmailTab, OutgoingEmailPage),
  tabView(alarmEmailsTab, AlarmEmailsPage),
] as const;
