import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Combobox, Option } from '@fluentui/react-components';
import { useDebounced } from '../useDebounced';

export interface PickedAgent {
  id: number;
  logonId: string;
  name: string;
  directoryNumber?: string | null;
}

/**
 * Type to find an agent: `find` searches in main (tenants hold up to 100,000 users), through the
 * method the feature may call (Dispatch's agent page, System parameters' department search).
 */
export function AgentPicker(props: {
  value: { id: number; logonId: string } | null;
  onChange(a: PickedAgent | null): void;
  /** Names the search in the query cache, e.g. 'dispatch'. */
  scope: string;
  find(search: string | undefined): Promise<PickedAgent[]>;
  testId: string;
  placeholder?: string;
  /** Empty the box after a pick (adding to a list rather than choosing one). */
  clearOnPick?: boolean;
  disabled?: boolean;
}) {
  const [text, setText] = useState(props.value?.logonId ?? '');
  const search = useDebounced(text, 200);
  const q = useQuery({
    queryKey: [props.scope, 'agentSearch', search],
    queryFn: () => props.find(search.trim() || undefined),
  });
  return (
    <Combobox
      freeform
      value={text}
      disabled={props.disabled}
      placeholder={props.placeholder ?? 'Logon ID or name'}
      data-testid={props.testId}
      onChange={(e) => setText(e.target.value)}
      onOptionSelect={(_, d) => {
        const a = q.data?.find((r) => String(r.id) === d.optionValue);
        if (a) {
          setText(props.clearOnPick ? '' : a.logonId);
          props.onChange(a);
        }
      }}
    >
      {q.data?.map((r) => (
        <Option key={r.id} value={String(r.id)} text={r.logonId}>
          {`${r.logonId} — ${r.name}${r.directoryNumber ? ` (${r.directoryNumber})` : ''}`}
        </Option>
      ))}
    </Combobox>
  );
}
