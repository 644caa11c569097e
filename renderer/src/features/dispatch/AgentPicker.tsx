import { ccm, unwrap } from '../../api/client';
import { AgentPicker as KitAgentPicker, type PickedAgent } from '../../ui/kit/AgentPicker';

const find = async (search: string | undefined): Promise<PickedAgent[]> =>
  (await unwrap(ccm.dispatch.agentsPage({ search, limit: 20, offset: 0 }))).rows;

/** The kit's agent picker over Dispatch's agent page. */
export function AgentPicker(props: {
  value: { id: number; logonId: string } | null;
  onChange(a: PickedAgent | null): void;
  testId: string;
  placeholder?: string;
}) {
  return <KitAgentPicker {...props} scope="dispatch" find={find} />;
}
