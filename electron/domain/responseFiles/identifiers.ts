import type { SampleValues } from '../../shared/identifierSamples';

export { DEFAULT_SAMPLES, type SampleValues } from '../../shared/identifierSamples';

/**
 * REPLACEABLE IDENTIFIERS IN RESPONSE FILES AND KB RESPONSES (seed 001), the whole table.
 * `appliesTo` is the seed's column word for word; `media` is what it means for the three
 * media that use response files.
 */
export type RfMedia = 'email' | 'chat' | 'sms';
export const MEDIA: readonly RfMedia[] = ['email', 'chat', 'sms'];
export const MEDIA_LABEL: Record<RfMedia, string> = { email: 'e-mail', chat: 'chat', sms: 'SMS' };

export interface IdentifierDef {
  /** Without the dollar signs, e.g. "Agent.Name". */
  name: string;
  replacement: string;
  appliesTo: 'Incoming E-mail/SMS, Chat' | 'Incoming E-mail' | 'Incoming E-mail/SMS' | 'All' | 'Chat';
  media: readonly RfMedia[];
}

const A = {
  'Incoming E-mail/SMS, Chat': ['email', 'sms', 'chat'],
  'Incoming E-mail': ['email'],
  'Incoming E-mail/SMS': ['email', 'sms'],
  All: ['email', 'chat', 'sms'],
  Chat: ['chat'],
} as const satisfies Record<IdentifierDef['appliesTo'], readonly RfMedia[]>;

const def = (name: string, replacement: string, appliesTo: IdentifierDef['appliesTo']): IdentifierDef => ({
  name,
  replacement,
  appliesTo,
  media: A[appliesTo],
});

export const IDENTIFIERS: readonly IdentifierDef[] = [
  def('CallID', 'Unique Identifier', 'Incoming E-mail/SMS, Chat'),
  def('Subject', 'E-mail subject', 'Incoming E-mail'),
  def('From', 'Sender name and address. For example, John Smith (john.smith@company.com)', 'Incoming E-mail/SMS'),
  def(
    'From.Name',
    'Sender name. If the name is not available, the sender address will be used. For SMS, the sender address will be ' +
      'used.',
    'Incoming E-mail/SMS',
  ),
  def('From.Address', 'Sender address', 'Incoming E-mail/SMS'),
  def('Date', 'Current date formatted using the short date format of the current locale', 'All'),
  def('Time', 'Current time formatted using the short time format of the current locale', 'All'),
  def(
    'Received',
    'Date and time the e-mail, SMS or chat was received formatted using the short date and short time formats of the ' +
      'current locale',
    'Incoming E-mail/SMS, Chat',
  ),
  def(
    'Received.Date',
    'Date the e-mail, SMS or chat was received formatted using the short date format of the current locale',
    'Incoming E-mail/SMS, Chat',
  ),
  def(
    'Received.Time',
    'Time the e-mail, SMS or chat was received formatted using the short time format of the current locale',
    'Incoming E-mail/SMS, Chat',
  ),
  def('ServiceGroup', 'Service group name', 'All'),
  def('ServiceGroup.Name', 'Service group name', 'All'),
  def('ServiceGroup.Email', 'E-mail address configured for service group', 'Chat'),
  def('Agent', 'Agent name', 'All'),
  def('Agent.Name', 'Agent name', 'All'),
  def('Agent.FirstName', 'Agent first name, if defined', 'All'),
  def('Agent.LastName', 'Agent last name, if defined', 'All'),
  def('Agent.ChatName', 'Agent Chat Display Name, if defined. Otherwise, set to agent name.', 'All'),
  def('Customer', 'Customer name', 'Chat'),
  def('Customer.Name', 'Customer name', 'Chat'),
  def('Customer.Email', 'Customer e-mail address', 'Chat'),
];

export const IDENTIFIER_BY_NAME: ReadonlyMap<string, IdentifierDef> = new Map(IDENTIFIERS.map((d) => [d.name, d]));

/**
 * What looks like an identifier: `$` + a dotted word + `$`. Amounts ("$5 and $10") and lone
 * dollar signs do not match because the word must start with a letter and hold no spaces.
 */
export const IDENTIFIER_PATTERN = /\$([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*)\$/g;

export interface IdentifierUse {
  name: string;
  index: number;
}

export function findIdentifiers(text: string): IdentifierUse[] {
  const out: IdentifierUse[] = [];
  for (const m of text.matchAll(IDENTIFIER_PATTERN)) out.push({ name: m[1]!, index: m.index });
  return out;
}

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** The closest known identifier, for "did you mean" (case-insensitive match first, then at most 2 edits). */
export function suggestIdentifier(name: string): string | null {
  const lower = name.toLowerCase();
  const same = IDENTIFIERS.find((d) => d.name.toLowerCase() === lower);
  if (same) return same.name;
  let best: string | null = null;
  let bestD = 3;
  for (const d of IDENTIFIERS) {
    const dist = distance(lower, d.name.toLowerCase());
    if (dist < bestD) [best, bestD] = [d.name, dist];
  }
  return best;
}

/**
 * The value of each identifier for one media, or undefined where the seed does not apply it
 * (the agent then sees the identifier as written). Dates use the short formats of `locale`.
 */
export function identifierValues(
  media: RfMedia,
  s: SampleValues,
  locale: string,
  timeZone?: string,
): Map<string, string> {
  const date = (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeZone }).format(new Date(iso));
  const time = (iso: string) => new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(new Date(iso));
  const sender = media === 'sms' ? s.smsFrom : s.fromAddress;
  const fromName = media === 'sms' ? s.smsFrom : s.fromName || s.fromAddress;
  const all: Record<string, string> = {
    CallID: s.callId,
    Subject: s.subject,
    From: media === 'sms' ? s.smsFrom : s.fromName ? `${s.fromName} (${s.fromAddress})` : s.fromAddress,
    'From.Name': fromName,
    'From.Address': sender,
    Date: date(s.now),
    Time: time(s.now),
    Received: `${date(s.received)} ${time(s.received)}`,
    'Received.Date': date(s.received),
    'Received.Time': time(s.received),
    ServiceGroup: s.serviceGroupName,
    'ServiceGroup.Name': s.serviceGroupName,
    'ServiceGroup.Email': s.serviceGroupEmail,
    Agent: s.agentName,
    'Agent.Name': s.agentName,
    'Agent.FirstName': s.agentFirstName,
    'Agent.LastName': s.agentLastName,
    'Agent.ChatName': s.agentChatName || s.agentName,
    Customer: s.customerName,
    'Customer.Name': s.customerName,
    'Customer.Email': s.customerEmail,
  };
  const out = new Map<string, string>();
  for (const d of IDENTIFIERS) if (d.media.includes(media)) out.set(d.name, all[d.name]!);
  return out;
}

/** Replaces the identifiers that apply; others stay as written. `escape` for HTML sources. */
export function replaceIdentifiers(text: string, values: Map<string, string>, escape?: (s: string) => string): string {
  return text.replace(IDENTIFIER_PATTERN, (whole, name: string) => {
    const v = values.get(name);
    return v === undefined ? whole : escape ? escape(v) : v;
  });
}
