/**
 * Sample values an agent's client would fill in, for the response-file preview (REPLACEABLE
 * IDENTIFIERS IN RESPONSE FILES AND KB RESPONSES). Shared (electron/shared): main's tests and the
 * renderer's preview form start from the same values.
 */
export interface SampleValues {
  agentName: string;
  agentFirstName: string;
  agentLastName: string;
  agentChatName: string;
  customerName: string;
  customerEmail: string;
  subject: string;
  fromName: string;
  fromAddress: string;
  smsFrom: string;
  serviceGroupName: string;
  serviceGroupEmail: string;
  callId: string;
  /** ISO-8601 times. */
  received: string;
  now: string;
}

export const DEFAULT_SAMPLES: SampleValues = {
  agentName: 'Alex Agent',
  agentFirstName: 'Alex',
  agentLastName: 'Agent',
  agentChatName: 'Alex',
  customerName: 'John Smith',
  customerEmail: 'john.smith@company.com',
  subject: 'Question about my invoice',
  fromName: 'John Smith',
  fromAddress: 'john.smith@company.com',
  smsFrom: '+16135550123',
  serviceGroupName: 'Support E-mail',
  serviceGroupEmail: 'support@demo.example',
  callId: '4F2A-0001',
  received: '2026-03-05T14:30:00.000Z',
  now: '2026-03-05T14:45:00.000Z',
};

/**
 * The preview form's first values: the defaults with the service group of the file's first use,
 * the contact received 15 minutes before `now`.
 */
export function previewSamples(serviceGroupName: string, now: Date): SampleValues {
  return {
    ...DEFAULT_SAMPLES,
    serviceGroupName,
    received: new Date(now.getTime() - 15 * 60_000).toISOString(),
    now: now.toISOString(),
  };
}
