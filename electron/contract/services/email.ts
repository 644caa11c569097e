import { z } from 'zod';
import { method, service } from '../define';
import { canRead, canWrite } from '../permissions';

/**
 * E-mail: the e-mail servers (IMAP + SMTP accounts) and destinations of a tenant (Multiple
 * e-mails per tenant: at most five servers per tenant; the same account must not be used by two
 * tenants). Passwords and tokens live in the OS keychain only, bound to the host and port they
 * were entered for; the lists say "set / not set".
 */

export const MAX_EMAIL_SERVERS_PER_TENANT = 5;

const NO_CONTROL = /^\P{Cc}*$/u;
/** A host name or IP address (no scheme, no port). */
export const MailHost = z
  .string()
  .trim()
  .min(1, 'Host name is required')
  .max(255, 'Host name is at most 255 characters')
  .regex(/^[A-Za-z0-9.:_[\]-]+$/, 'a host name or IP address');
const Port = z.number().int().min(1, 'Port is 1–65535').max(65535, 'Port is 1–65535');
const Account = z.string().trim().max(255, 'User name is at most 255 characters').regex(NO_CONTROL, 'one line');

/** One address: local@domain, no display name, no spaces (what the From and To of a message take). */
export const EmailAddress = z
  .string()
  .trim()
  .min(1, 'E-mail address is required')
  .max(254, 'an e-mail address is at most 254 characters')
  .regex(
    /^[^\s@<>()[\],;:"\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/,
    {
      message: 'a valid e-mail address such as support@example.com',
    },
  );
const OptionalAddress = z.union([z.literal(''), EmailAddress]);

export const IMAP_AUTH = ['password', 'oauth'] as const;
export const SMTP_AUTH = ['none', 'password', 'oauth'] as const;

export const ImapSettings = z.object({
  host: MailHost,
  /** Blank: 993 with SSL, 143 without. */
  port: Port.nullable(),
  useSsl: z.boolean(),
  auth: z.enum(IMAP_AUTH),
  /** The account (mandatory for both password and OAuth: the mailbox signed in to). */
  userName: Account.min(1, 'User name is required'),
  /** 0 = no limit. */
  maxSessions: z.number().int().min(0, 'Maximum IMAP sessions is 0–100').max(100, 'Maximum IMAP sessions is 0–100'),
});
export type ImapSettings = z.infer<typeof ImapSettings>;

export const SmtpSettings = z.object({
  host: MailHost,
  port: Port,
  useSsl: z.boolean(),
  /** The server the E-mail Reports feature sends through. */
  reporting: z.boolean(),
  auth: z.enum(SMTP_AUTH),
  /** Only with "Use settings below" or OAuth. */
  userName: Account,
});
export type SmtpSettings = z.infer<typeof SmtpSettings>;

/** The Azure app registration (Microsoft 365): single tenant, public client flows allowed. */
export const OAuthApp = z.object({
  tenantId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.-]{1,100}$/, 'Directory (tenant) ID: a GUID or a domain such as contoso.onmicrosoft.com'),
  clientId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,100}$/, 'Application (client) ID: the GUID from the app registration'),
  /** The Microsoft identity platform (another one for sovereign clouds): <authority>/<tenant>/oauth2/v2.0/… */
  authority: z
    .string()
    .trim()
    .regex(
      /^https:\/\/[A-Za-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._~-]+)*\/?$/,
      'Authority: an https URL such as https://login.microsoftonline.com',
    )
    .default('https://login.microsoftonline.com'),
});
export type OAuthApp = z.infer<typeof OAuthApp>;

export const EmailServerInput = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'Email Server Name is required')
      .max(100, 'Email Server Name is at most 100 characters')
      .regex(NO_CONTROL, 'one line'),
    imap: ImapSettings.nullable(),
    smtp: SmtpSettings.nullable(),
    oauth: OAuthApp.nullable(),
    heartbeatAddress: OptionalAddress,
    /** Messages per hour, 0 = no limit. */
    rateLimitPerHour: z.number().int().min(0, 'Message rate limit is 0 or more').max(1_000_000),
  })
  .superRefine((s, ctx) => {
    if (!s.imap && !s.smtp)
      ctx.addIssue({
        code: 'custom',
        path: ['imap'],
        message: 'An e-mail server needs IMAP settings, SMTP settings or both',
      });
    if (s.smtp) {
      if (s.smtp.auth === 'none' && s.smtp.userName !== '')
        ctx.addIssue({
          code: 'custom',
          path: ['smtp', 'userName'],
          message: 'User name is only for “Use settings below” or OAuth authentication',
        });
      if (s.smtp.auth !== 'none' && s.smtp.userName === '')
        ctx.addIssue({ code: 'custom', path: ['smtp', 'userName'], message: 'User name is required' });
    }
    if ((s.imap?.auth === 'oauth' || s.smtp?.auth === 'oauth') && !s.oauth)
      ctx.addIssue({
        code: 'custom',
        path: ['oauth'],
        message: 'OAuth needs the Directory (tenant) ID and Application (client) ID of the app registration',
      });
  });
export type EmailServerInput = z.infer<typeof EmailServerInput>;

/** The port used when IMAP's port is blank. */
export const imapPortOf = (imap: Pick<ImapSettings, 'port' | 'useSsl'>) => imap.port ?? (imap.useSsl ? 993 : 143);

export const EmailServerRow = z.object({
  id: z.number().int(),
  version: z.number().int(),
  server: EmailServerInput,
  imapPasswordSet: z.boolean(),
  smtpPasswordSet: z.boolean(),
  imapTokenSet: z.boolean(),
  smtpTokenSet: z.boolean(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type EmailServerRow = z.infer<typeof EmailServerRow>;

const Password = z.string().min(1, 'Password is required').max(256, 'a password is at most 256 characters');
/** A password with its confirmation; both or neither. */
const PasswordPair = z.object({ password: Password, confirm: z.string().max(256) }).superRefine((p, ctx) => {
  if (p.password !== p.confirm)
    ctx.addIssue({ code: 'custom', path: ['confirm'], message: 'Confirm Password does not match Password' });
});

export const EmailDestinationInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Destination Name is required')
    .max(100, 'Destination Name is at most 100 characters')
    .regex(NO_CONTROL, 'one line'),
  address: EmailAddress,
  description: z.string().max(500, 'Description is at most 500 characters'),
  fromText: z.string().max(100, 'From Text is at most 100 characters').regex(NO_CONTROL, 'one line'),
  monitored: z.boolean(),
  outgoing: z.boolean(),
  serverId: z.number().int().nullable(),
});
export type EmailDestinationInput = z.infer<typeof EmailDestinationInput>;

export const EmailDestinationRow = z.object({
  id: z.number().int(),
  version: z.number().int(),
  destination: EmailDestinationInput,
  serverName: z.string().nullable(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type EmailDestinationRow = z.infer<typeof EmailDestinationRow>;

/** What a connection test names when it fails. */
export const MAIL_FAILURES = [
  'dns',
  'refused',
  'timeout',
  'tls-certificate',
  'tls-hostname',
  'tls-protocol',
  'authentication',
  'mailbox',
  'sessions',
  'from-refused',
  'no-secret',
  'other',
] as const;
export const MailFailure = z.enum(MAIL_FAILURES);
export type MailFailure = z.infer<typeof MailFailure>;

export const MailTestStep = z.object({ step: z.string(), ok: z.boolean(), detail: z.string() });
export const MailTestOutcome = z.object({
  protocol: z.enum(['imap', 'smtp']),
  target: z.string(),
  ok: z.boolean(),
  failure: MailFailure.nullable(),
  message: z.string(),
  steps: z.array(MailTestStep),
  elapsedMs: z.number(),
});
export type MailTestOutcome = z.infer<typeof MailTestOutcome>;

// ---------------------------------------------------------------- Outgoing e-mail and the queue

export const OUTGOING_PROTOCOLS = ['smtp', 'office365'] as const;
export const OUTGOING_PROXY = ['none', 'system'] as const;
export const O365_DEFAULT_AUTHORITY = 'https://login.microsoftonline.com';
/** Office 365's SMTP submission endpoint (sovereign clouds: e.g. smtp.office365.us). */
export const O365_DEFAULT_SMTP = { host: 'smtp.office365.com', port: 587 } as const;

/** The TLS a port implies: 465 implicit TLS, 587 STARTTLS required, else STARTTLS when the server offers it. */
export const outgoingTlsOf = (port: number): 'implicit' | 'starttls' | 'opportunistic' =>
  port === 465 ? 'implicit' : port === 587 ? 'starttls' : 'opportunistic';

export const OutgoingSettings = z
  .object({
    enabled: z.boolean(),
    protocol: z.enum(OUTGOING_PROTOCOLS),
    /** The From of every message (Office 365: the dedicated sender account). */
    fromAddress: OptionalAddress,
    host: z.string().trim().max(255, 'Server Name is at most 255 characters'),
    port: Port,
    useAuth: z.boolean(),
    userName: Account,
    clientId: z.string().trim().max(100),
    tenantId: z.string().trim().max(100),
    /** Sovereign clouds: another authority than login.microsoftonline.com. */
    authority: z
      .string()
      .trim()
      .regex(
        /^https:\/\/[A-Za-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._~-]*)*$/,
        'an https URL such as https://login.microsoftonline.com',
      ),
    /** Office 365: the SMTP endpoint the access token is presented to (465: implicit TLS, else STARTTLS required). */
    o365SmtpHost: z
      .string()
      .trim()
      .max(255, 'SMTP server is at most 255 characters')
      .regex(/^[A-Za-z0-9.:_[\]-]+$/, 'a host name or IP address such as smtp.office365.com')
      .default(O365_DEFAULT_SMTP.host),
    o365SmtpPort: Port.default(O365_DEFAULT_SMTP.port),
    /**
     * Proxy: 'system' = the SMTP connections go through the System Parameters proxy (SOCKS when
     * set, else the HTTP/HTTPS proxy's CONNECT; its bypass list applies); 'none' = direct.
     */
    proxy: z.enum(OUTGOING_PROXY).default('none'),
  })
  .superRefine((s, ctx) => {
    if (s.enabled && s.fromAddress === '')
      ctx.addIssue({ code: 'custom', path: ['fromAddress'], message: 'Email From Address is required' });
    if (s.protocol === 'smtp') {
      if (s.enabled && s.host === '')
        ctx.addIssue({ code: 'custom', path: ['host'], message: 'Server Name is required' });
      if (s.host !== '' && !/^[A-Za-z0-9.:_[\]-]+$/.test(s.host))
        ctx.addIssue({ code: 'custom', path: ['host'], message: 'a host name or IP address' });
      if (s.useAuth && s.userName === '')
        ctx.addIssue({ code: 'custom', path: ['userName'], message: 'Username is required with authentication' });
    } else {
      if (!/^[A-Za-z0-9-]{1,100}$/.test(s.clientId))
        ctx.addIssue({ code: 'custom', path: ['clientId'], message: 'Application (client) ID is required' });
      if (!/^[A-Za-z0-9.-]{1,100}$/.test(s.tenantId))
        ctx.addIssue({ code: 'custom', path: ['tenantId'], message: 'Directory (tenant) ID is required' });
    }
  });
export type OutgoingSettings = z.infer<typeof OutgoingSettings>;

export const OutgoingRow = z.object({
  version: z.number().int(),
  settings: OutgoingSettings,
  /** Saved with a server once: before that no message is generated. */
  configured: z.boolean(),
  passwordSet: z.boolean(),
  clientSecretSet: z.boolean(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type OutgoingRow = z.infer<typeof OutgoingRow>;

export const QueueRow = z.object({
  id: z.number().int(),
  messageId: z.string(),
  createdAt: z.string(),
  origin: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
  state: z.enum(['queued', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  nextAttemptAt: z.string(),
  /** The tenant's Reporting e-mail server it goes out through; null: Outgoing e-mail. */
  serverId: z.number().int().nullable(),
  /** Why a due message waits: "rate limit: next slot at <time>"; null otherwise. */
  waitReason: z.string().nullable(),
});
export type QueueRow = z.infer<typeof QueueRow>;

// ---------------------------------------------------------------- Alarm e-mails

/** Severities in increasing order (the alarms' own list without Cleared). */
export const ALARM_RULE_SEVERITIES = ['Normal', 'Warning', 'Minor', 'Major', 'Critical'] as const;

export const AlarmRuleInput = z.object({
  name: z.string().trim().min(1, 'Name is required').max(100).regex(NO_CONTROL, 'one line'),
  enabled: z.boolean(),
  /** Alarms of this severity or higher. */
  minSeverity: z.enum(ALARM_RULE_SEVERITIES),
  /** '' = any category. */
  category: z.string().trim().max(100),
  /** Source address pattern, * matches any run of characters; '' = any source. */
  sourcePattern: z
    .string()
    .trim()
    .max(255)
    .regex(/^[A-Za-z0-9.:*_-]*$/, 'a host or address pattern such as 10.1.* (letters, digits, . : - _ and *)'),
  recipients: z.array(EmailAddress).min(1, 'at least one recipient').max(50),
  /** One message per interval, listing every matching alarm of the interval. */
  digestSeconds: z
    .number()
    .int()
    .min(10, 'Digest interval is 10–86400 seconds')
    .max(86400, 'Digest interval is 10–86400 seconds'),
});
export type AlarmRuleInput = z.infer<typeof AlarmRuleInput>;

export const AlarmRuleRow = z.object({
  id: z.number().int(),
  version: z.number().int(),
  rule: AlarmRuleInput,
  lastRunAt: z.string().nullable(),
  /** The tenant the rule was made in: its digests go through that tenant's Reporting server, if any. */
  tenantId: z.number().int().nullable(),
});
export type AlarmRuleRow = z.infer<typeof AlarmRuleRow>;

/** The device authorization grant of one server and protocol (RFC 8628). Never carries a token. */
export const OAUTH_STATES = ['NONE', 'PENDING', 'COMPLETE', 'EXPIRED', 'DECLINED', 'ERROR', 'CANCELLED'] as const;
export const OAuthStatus = z.object({
  serverId: z.number().int(),
  protocol: z.enum(['imap', 'smtp']),
  state: z.enum(OAUTH_STATES),
  /** PENDING: what the user enters at verificationUri. */
  userCode: z.string().nullable(),
  verificationUri: z.string().nullable(),
  expiresAt: z.string().nullable(),
  /** ERROR / DECLINED: the identity platform's text (AADSTS…). */
  message: z.string().nullable(),
  /** A refresh token is stored for the server's current authority, tenant and client. */
  tokenSet: z.boolean(),
});
export type OAuthStatus = z.infer<typeof OAuthStatus>;

export const emailService = service({
  methods: {
    listServers: method({
      args: z.object({}),
      result: z.array(EmailServerRow),
      permission: canRead('email'),
      summary: 'E-mail servers of the working tenant (passwords only as set / not set)',
    }),
    saveServer: method({
      args: z.object({
        id: z.number().int().nullable(),
        expectedVersion: z.number().int(),
        server: EmailServerInput,
        /** Only when entered; omitted keeps the stored one (for the same host and port). */
        imapPassword: PasswordPair.optional(),
        smtpPassword: PasswordPair.optional(),
        /** Copy: the server whose stored passwords the new one takes when none is entered. */
        copyOf: z.number().int().optional(),
      }),
      result: EmailServerRow,
      permission: canWrite('email'),
      summary: 'Add, change or copy an e-mail server (at most five per tenant; an account belongs to one tenant)',
    }),
    deleteServer: method({
      args: z.object({ id: z.number().int(), expectedVersion: z.number().int() }),
      result: z.object({ ok: z.boolean() }),
      permission: canWrite('email'),
      summary: 'Delete an e-mail server (refused while a destination uses it) and its keychain entries',
    }),
    testServer: method({
      args: z.object({ id: z.number().int(), protocol: z.enum(['imap', 'smtp']) }),
      result: MailTestOutcome,
      // Write: it uses the stored password and signs in to the server.
      permission: canWrite('email'),
      summary: 'Connect to the server and sign in (IMAP: SELECT INBOX; SMTP: MAIL FROM, no message sent)',
    }),
    listDestinations: method({
      args: z.object({}),
      result: z.array(EmailDestinationRow),
      permission: canRead('email'),
      summary: 'E-mail destinations of the working tenant',
    }),
    saveDestination: method({
      args: z.object({
        id: z.number().int().nullable(),
        expectedVersion: z.number().int(),
        destination: EmailDestinationInput,
        /** Copy: the destination copied (the copy needs another name and another address). */
        copyOf: z.number().int().optional(),
      }),
      result: EmailDestinationRow,
      permission: canWrite('email'),
      summary: 'Add, change or copy an e-mail destination',
    }),
    deleteDestination: method({
      args: z.object({ id: z.number().int(), expectedVersion: z.number().int() }),
      result: z.object({ ok: z.boolean() }),
      permission: canWrite('email'),
      summary: 'Delete an e-mail destination',
    }),
    getOutgoing: method({
      args: z.object({}),
      result: OutgoingRow,
      permission: canRead('email'),
      summary: 'The Outgoing e-mail settings of the installation (secrets only as set / not set)',
    }),
    saveOutgoing: method({
      args: z.object({
        expectedVersion: z.number().int(),
        settings: OutgoingSettings,
        password: PasswordPair.optional(),
        clientSecret: z.string().min(1).max(512).optional(),
      }),
      result: OutgoingRow,
      permission: canWrite('email'),
      summary: 'Save the Outgoing e-mail settings (host administrators; secrets to the keychain)',
    }),
    testOutgoing: method({
      args: z.object({ to: EmailAddress, via: z.enum(['direct', 'queue']) }),
      result: z.object({
        ok: z.boolean(),
        queued: z.boolean(),
        messageId: z.string().nullable(),
        response: z.string(),
      }),
      permission: canWrite('email'),
      summary: 'Send a test message now (direct) or through the queue',
    }),
    listQueue: method({
      args: z.object({}),
      result: z.object({ rows: z.array(QueueRow), total: z.number().int() }),
      permission: canRead('email'),
      summary: 'The outgoing-mail queue: state, attempts, last error (the first 500)',
    }),
    retryQueue: method({
      args: z.object({ id: z.number().int().optional() }),
      result: z.object({ count: z.number().int() }),
      permission: canWrite('email'),
      summary: 'Retry now: one queued message, or all',
    }),
    listAlarmRules: method({
      args: z.object({}),
      result: z.array(AlarmRuleRow),
      permission: canRead('email'),
      summary: 'Alarm e-mail rules',
    }),
    saveAlarmRule: method({
      args: z.object({ id: z.number().int().nullable(), expectedVersion: z.number().int(), rule: AlarmRuleInput }),
      result: AlarmRuleRow,
      permission: canWrite('email'),
      summary: 'Add or change an alarm e-mail rule',
    }),
    deleteAlarmRule: method({
      args: z.object({ id: z.number().int(), expectedVersion: z.number().int() }),
      result: z.object({ ok: z.boolean() }),
      permission: canWrite('email'),
      summary: 'Delete an alarm e-mail rule',
    }),
    testAlarmRule: method({
      args: z.object({ id: z.number().int() }),
      result: z.object({ queued: z.boolean(), alarms: z.number().int() }),
      permission: canWrite('email'),
      summary: 'Send the rule’s digest now (the matching alarms of the last interval)',
    }),
    oauthStart: method({
      args: z.object({ id: z.number().int(), protocol: z.enum(['imap', 'smtp']) }),
      result: OAuthStatus,
      permission: canWrite('email'),
      summary: 'Get Code: start the device authorization grant for the saved server (the sign-in is polled in main)',
    }),
    oauthStatus: method({
      args: z.object({ id: z.number().int(), protocol: z.enum(['imap', 'smtp']) }),
      result: OAuthStatus,
      // Write: the user code lets whoever enters it grant the mailbox.
      permission: canWrite('email'),
      summary: 'The device-code sign-in of a server: user code, verification URL, PENDING / COMPLETE / …',
    }),
    oauthCancel: method({
      args: z.object({ id: z.number().int(), protocol: z.enum(['imap', 'smtp']) }),
      result: OAuthStatus,
      permission: canWrite('email'),
      summary: 'Stop waiting for the device-code sign-in',
    }),
    oauthForget: method({
      args: z.object({ id: z.number().int(), protocol: z.enum(['imap', 'smtp']) }),
      result: OAuthStatus,
      permission: canWrite('email'),
      summary: 'Forget: remove the stored refresh token (and the access token in memory)',
    }),
    discardQueued: method({
      args: z.object({ id: z.number().int() }),
      result: z.object({ ok: z.boolean() }),
      permission: canWrite('email'),
      summary: 'Discard a queued message (it is not sent)',
    }),
  },
  events: {
    /** A device-code sign-in changed state (no code, no token: oauthStatus gives the code to a writer). */
    oauthProgress: z.object({
      tenantId: z.number().int(),
      serverId: z.number().int(),
      protocol: z.enum(['imap', 'smtp']),
      state: z.enum(OAUTH_STATES),
    }),
  },
});
