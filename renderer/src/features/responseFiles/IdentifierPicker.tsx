import { useMemo, useState } from 'react';
import {
  Badge,
  Button,
  Input,
  makeStyles,
  Popover,
  PopoverSurface,
  PopoverTrigger,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Search16Regular } from '@fluentui/react-icons';
import type { IdentifierInfo } from '../../../../electron/contract';
import { useIdentifiers } from './data';

const useStyles = makeStyles({
  surface: {
    width: '520px',
    maxHeight: '420px',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  list: { overflowY: 'auto', display: 'flex', flexDirection: 'column' },
  item: {
    display: 'grid',
    gridTemplateColumns: '170px 1fr',
    gap: tokens.spacingHorizontalS,
    textAlign: 'left',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: 'none',
    background: 'none',
    borderRadius: tokens.borderRadiusMedium,
    cursor: 'pointer',
    color: tokens.colorNeutralForeground1,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  meaning: { display: 'flex', flexDirection: 'column', gap: '2px', fontSize: tokens.fontSizeBase200 },
  off: { opacity: 0.6 },
});

/**
 * "Insert identifier": every identifier of the seed's table with its meaning and where it
 * applies. Those that do not apply to the media of the service groups using the file are
 * marked (they can still be inserted: the file may serve other media later).
 */
export function IdentifierPicker(props: { media: string[]; disabled?: boolean; onPick(id: IdentifierInfo): void }) {
  const styles = useStyles();
  const ids = useIdentifiers();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const list = useMemo(
    () =>
      (ids.data ?? []).filter(
        (d) => !q || `${d.name} ${d.replacement} ${d.appliesTo}`.toLowerCase().includes(q.toLowerCase()),
      ),
    [ids.data, q],
  );
  return (
    <Popover open={open} onOpenChange={(_, d) => setOpen(d.open)} positioning="below-end" trapFocus>
      <PopoverTrigger disableButtonEnhancement>
        <Button size="small" disabled={props.disabled} data-testid="rf-insert-identifier">
          Insert identifier…
        </Button>
      </PopoverTrigger>
      <PopoverSurface className={styles.surface} data-testid="rf-identifier-picker">
        <Input
          size="small"
          contentBefore={<Search16Regular />}
          placeholder="Find an identifier"
          value={q}
          onChange={(_, d) => setQ(d.value)}
          aria-label="Find an identifier"
        />
        <div className={styles.list} role="listbox" aria-label="Replaceable identifiers">
          {list.map((d) => {
            const notFor = props.media.filter((m) => !(d.media as string[]).includes(m));
            return (
              <button
                key={d.name}
                type="button"
                role="option"
                aria-selected={false}
                className={styles.item}
                data-testid={`rf-identifier-${d.name}`}
                onClick={() => {
                  props.onPick(d);
                  setOpen(false);
                }}
              >
                <span className={styles.code}>${d.name}$</span>
                <span className={styles.meaning}>
                  <span>{d.replacement}</span>
                  <span>
                    <Badge size="small" appearance="tint" color={notFor.length ? 'warning' : 'informative'}>
                      {d.appliesTo}
                    </Badge>
                    {notFor.length > 0 && (
                      <Text size={200}> not replaced for {notFor.join(', ')} groups using this file</Text>
                    )}
                  </span>
                </span>
              </button>
            );
          })}
          {list.length === 0 && <Text>No identifier matches “{q}”.</Text>}
        </div>
      </PopoverSurface>
    </Popover>
  );
}
