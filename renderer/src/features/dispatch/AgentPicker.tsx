import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Combobox, Option } from '@fluentui/react-components';
import { ccm, unwrap } from '../../api/client';
import { useDebounced } from '../../ui/useDebounced';

/** Type to find an agent (searched in main: tenants hold up to 100,000 users). */
export function AgentPicker(props: {
  value: { id: number; logonId: string } | null;
  onChange(a: { id: number; logonId: string; name: string } | null): void;
  testId: string;
  placeholder?: string;
}) {
  const [text, setText] = useState(props.value?.logonId ?? '');
  const search = useDebounced(text, 200);
  const q = useQuery({
    queryKey: ['dispatch', 'agentSearch', search],
    queryFn: () => unwrap(ccm.dispatch.agentsPage({ search: search.trim() || undefined, limit: 20, offset: 0 })),
  });
  return (
    <Combobox
      freeform
      value={text}
      placeholder={props.placeholder ?? 'Logon ID or name'}
      data-testid={props.testId}
      onChange={(e) => setText(e.target.value)}
      onOptionSelect={(_, d) => {
        const a = q.data?.rows.find((r) => String(r.id) === d.optionValue);
        if (a) {
          setText(a.logonId);
          props.onChange({ id: a.id, logonId: a.logonId, name: a.name });
        }
      }}
    >
      {q.data?.rows.map((r) => (
        <Option key={r.id} value={String(r.id)} text={r.logonId}>
          {`${r.logonId} — ${r.name}${r.directoryNumber ? ` (${r.directoryNumber})` : ''}`}
        </Option>
      ))}
    </Combobox>
  );
}
