import { readFileSync } from 'node:fs';
import { defineFeature } from '../feature';
import { createEmailService } from './emailService';
import { emailMigration } from './migrations/014_email';
import { emailOAuthMigration } from './migrations/020_email_oauth';
import { emailRateMigration } from './migrations/021_email_rate';
import { emailO365SmtpMigration } from './migrations/026_email_o365_smtp';
import { emailMarkProxyMigration } from './migrations/032_email_mark_proxy';
import { createEmailOAuth } from './oauth';
import { createOutgoing } from './outgoing';
import { createAlarmRules } from './alarmRules';
import './schema';

/**
 * Extra CA certificates the mail connections trust besides the system's (a private CA of an
 * on-premises mail server; the tests' CA): a PEM file named by CCM_EXTRA_CA_FILE, read at each
 * Test so a changed file applies without a restart.
 */
function extraCa(): string[] | undefined {
  const file = process.env.CCM_EXTRA_CA_FILE;
  if (!file) return undefined;
  try {
    return [readFileSync(file, 'utf8')];
  } catch {
    return undefined;
  }
}

/**
 * E-mail: the e-mail servers and destinations of each tenant (passwords in the keychain), their
 * connection Test, the Outgoing e-mail settings and the durable outgoing-mail queue, whose sender
 * (each row retried 30 s after a failure) stops in dispose.
 */
export const emailFeature = defineFeature({
  name: 'email',
  start: (deps) => {
    const oauth = createEmailOAuth(deps);
    const outgoing = createOutgoing(deps, { ca: extraCa, oauth });
    const rules = createAlarmRules(deps, {
      submit: outgoing.submit,
      kick: () => outgoing.queue.kick(),
      isSender: outgoing.isSender,
      reportingServer: outgoing.reportingServer,
      // Browser mode: the links in the alarm e-mails open the console's page (set once it listens).
      linkOrigin: () => (deps.info.mode === 'browser' ? (process.env.CCM_CONSOLE_ORIGIN ?? null) : null),
    });
    outgoing.queue.start();
    rules.start();
    return {
      impl: {
        ...createEmailService(deps, { ca: extraCa, oauth }),
        ...oauth.methods,
        ...outgoing.methods,
        ...rules.methods,
      },
      /** For the features that generate mail: queued only when outgoing e-mail is configured and enabled. */
      runtime: { submit: outgoing.submit },
      dispose: async () => {
        oauth.stop();
        rules.stop();
        await outgoing.queue.stop();
      },
    };
  },
  migrations: {
    '014_email': emailMigration,
    '020_email_oauth': emailOAuthMigration,
    '021_email_rate': emailRateMigration,
    '026_email_o365_smtp': emailO365SmtpMigration,
    '032_email_mark_proxy': emailMarkProxyMigration,
  },
});
