import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../connectors/db/schema';

/** The seed's example (seed 001, E-MAIL, CHAT AND SMS RESPONSE FILES, FORMAT), not used by any service group yet. */
const SEED_EXAMPLE = `<?xml version="1.0" encoding="utf-8"?>
<ResponseFile>
  <Response Name="Simple Response with Description" Description="This is a plain text response with a description">This is the response</Response>
  <Response Name="Response with a replacement" Description="This is a plain text response with replaceable identifier">This is the agent name: $Agent.Name$</Response>
  <Response Name="Multiline Response" Description="This is a multiline response with encoded CRLFs">Response Line 1&#x0d;&#x0a;Response Line 2</Response>
  <Group Name="Group 1">
    <Response Name="Response in Group 1">This is the response</Response>
    <Group Name="Group 2 Inside Group 1">
      <Response Name="Response in Group 2">This is the response</Response>
    </Group>
  </Group>
  <Group Name="Group 3" Expanded="true">
    <Response Name="Response in Group 3" Description="This response is in a group that is expanded by default">This is the response</Response>
  </Group>
</ResponseFile>
`;

/**
 * Demo data for the responseFiles feature, run inside seedDemo's transaction after the base demo
 * (tenants, users, groups, tags, service groups) exists. The base demo already has "Standard
 * replies", used by the e-mail, chat and SMS groups.
 */
export async function seedResponseFilesDemo(
  tx: Transaction<Database> | Kysely<Database>,
  tenantId: number,
  at: string,
): Promise<void> {
  await tx
    .insertInto('response_file')
    .values({
      tenant_id: tenantId,
      name: 'Format example',
      content: SEED_EXAMPLE,
      location: null,
      updated_at: at,
      updated_by: 'setup',
    })
    .execute();
}
