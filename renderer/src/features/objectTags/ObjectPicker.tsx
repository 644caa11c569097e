import { useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Combobox, Option, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import type { PickableObjectType } from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import { useDebounced } from '../../ui/useDebounced';
import { otKeys, useOtContext } from './data';

const useStyles = makeStyles({
  picker: { minWidth: '260px', width: '340px', maxWidth: '100%' },
  detail: { color: tokens.colorNeutralForeground3, marginLeft: tokens.spacingHorizontalS },
});

const NOUN: Record<PickableObjectType, string> = {
  serviceAccess: 'service access',
  serviceGroup: 'service group',
  agent: 'agent',
  dialedNumber: 'dialed number',
  scheduler: 'scheduler',
  playMessage: 'play message',
};

/**
 * A searchable picker of the tenant's objects of one kind. It asks main for at most 50
 * matches of what was typed (agents can be 100,000: never a full dropdown), and shows the
 * chosen object's name, read once by ID when the picker opens on an existing value.
 */
export function ObjectPicker(props: {
  objectType: PickableObjectType;
  /** The chosen object's ID, or null. */
  value: number | null;
  onChange(id: number | null, name: string | null): void;
  disabled?: boolean;
  testId: string;
  'aria-label'?: string;
}) {
  const styles = useStyles();
  const { tenantId } = useOtContext();
  const queryClient = useQueryClient();
  const [text, setText] = useState<string | null>(null); // null: not typing, show the chosen name
  const term = useDebounced((text ?? '').trim(), 200);
  const [open, setOpen] = useState(false);
  const found = useQuery({
    queryKey: otKeys.search(tenantId, props.objectType, term),
    queryFn: () => unwrap(ccm.objectTags.searchObjects({ objectType: props.objectType, search: term, limit: 50 })),
    enabled: open && !props.disabled,
    placeholderData: keepPreviousData,
  });
  const chosen = useQuery({
    queryKey: otKeys.object(tenantId, props.objectType, props.value ?? 0),
    queryFn: () => unwrap(ccm.objectTags.getObject({ objectType: props.objectType, id: props.value! })),
    enabled: props.value !== null,
  });
  const chosenName =
    props.value === null
      ? ''
      : (chosen.data?.name ?? (chosen.isPending ? `ID ${props.value}` : `ID ${props.value} (not found)`));
  const rows = found.data?.rows ?? [];

  return (
    <Combobox
      className={styles.picker}
      freeform
      disabled={props.disabled}
      aria-label={props['aria-label']}
      placeholder={`Type to find ${/^[aeiou]/.test(NOUN[props.objectType]) ? 'an' : 'a'} ${NOUN[props.objectType]}…`}
      value={text ?? chosenName}
      selectedOptions={props.value === null ? [] : [String(props.value)]}
      data-testid={props.testId}
      onOpenChange={(_, d) => {
        setOpen(d.open);
        if (!d.open) setText(null);
      }}
      onChange={(e) => {
        setText(e.target.value);
        setOpen(true);
      }}
      onOptionSelect={(_, d) => {
        setText(null);
        if (!d.optionValue) return;
        const row = rows.find((r) => String(r.id) === d.optionValue);
        // the chosen name is known: show it at once rather than after reading it back by ID
        if (row) queryClient.setQueryData(otKeys.object(tenantId, props.objectType, row.id), row);
        props.onChange(Number(d.optionValue), row?.name ?? d.optionText ?? null);
      }}
      expandIcon={found.isFetching ? <Spinner size="extra-tiny" /> : undefined}
    >
      {rows.map((r) => (
        <Option key={r.id} value={String(r.id)} text={r.name} data-testid={`${props.testId}-option-${r.id}`}>
          {r.name}
          {r.detail && <span className={styles.detail}>{r.detail}</span>}
        </Option>
      ))}
      {found.data && rows.length === 0 && (
        <Option key="none" value="" text="" disabled>
          {`No ${NOUN[props.objectType]} matches “${term}”.`}
        </Option>
      )}
      {found.data?.more && (
        <Option key="more" value="" text="" disabled>
          More match: type more to narrow the list.
        </Option>
      )}
    </Combobox>
  );
}
