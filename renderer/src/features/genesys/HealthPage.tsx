import { useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from '@fluentui/react-components';
import { ArrowClockwise16Regular, Copy16Regular, TextBulletListLtr16Regular } from '@fluentui/react-icons';
import type { HealthItem } from '../../../../electron/contract';
import { HelpLink } from '../../ui/kit';
import { QueryState } from '../../ui/QueryState';
import { useDateFormat } from '../../ui/useDateFormat';
import { copyText, useHealth } from './data';
import { useGenesysStyles } from './GenesysHome';

/** Integration Health: Health Item, State, Last Update; Refresh; Details (Severity, Time, Message) with Copy. */
export function HealthPage() {
  const s = useGenesysStyles();
  const fmt = useDateFormat();
  const q = useHealth();
  const [selected, setSelected] = useState<HealthItem['item']>('API Health');
  const [details, setDetails] = useState(false);
  const item = q.data?.items.find((i) => i.item === selected);
  return (
    <section className={s.section} aria-label="Integration Health">
      <div className={s.toolbar}>
        <Button
          icon={<ArrowClockwise16Regular />}
          onClick={() => void q.refetch()}
          data-testid="genesys-health-refresh"
        >
          Refresh
        </Button>
        <Button
          icon={<TextBulletListLtr16Regular />}
          disabled={!item}
          onClick={() => setDetails(true)}
          data-testid="genesys-health-details"
        >
          Details
        </Button>
        <Text className={s.hint}>
          {'Select a health item, then Details. A lost connection also raises the “Genesys Cloud connection lost” ' +
            'alarm. '}
          <HelpLink id="genesys-health" />
        </Text>
      </div>
      <QueryState isPending={q.isPending} error={q.error} what="the integration health" />
      {q.data && (
        <Table size="small" aria-label="Integration Health" data-testid="genesys-health">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Health Item</TableHeaderCell>
              <TableHeaderCell>State</TableHeaderCell>
              <TableHeaderCell>Last Update</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {q.data.items.map((i) => (
              <TableRow
                key={i.item}
                onClick={() => setSelected(i.item)}
                aria-selected={i.item === selected}
                appearance={i.item === selected ? 'brand' : 'none'}
                data-testid={`genesys-health-${i.item.replace(/\s+/g, '-')}`}
                style={{ cursor: 'pointer' }}
              >
                <TableCell>{i.item}</TableCell>
                <TableCell>{i.state}</TableCell>
                <TableCell>{i.lastUpdate ? fmt(i.lastUpdate) : '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {details && item && <DetailsDialog item={item} onClose={() => setDetails(false)} />}
    </section>
  );
}

function DetailsDialog({ item, onClose }: { item: HealthItem; onClose: () => void }) {
  const fmt = useDateFormat();
  const [copied, setCopied] = useState<number | null>(null);
  const [sel, setSel] = useState(0);
  const line = (d: HealthItem['details'][number]) => `${d.severity}\t${fmt(d.time)}\t${d.message}`;
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface style={{ maxWidth: 880 }}>
        <DialogBody>
          <DialogTitle>Genesys Cloud Sync Details — {item.item}</DialogTitle>
          <DialogContent>
            {item.details.length === 0 ? (
              <Text>No messages.</Text>
            ) : (
              <div style={{ maxHeight: 360, overflowY: 'auto' }}>
                <Table size="small" aria-label="Details" data-testid="genesys-details">
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell style={{ width: 90 }}>Severity</TableHeaderCell>
                      <TableHeaderCell style={{ width: 170 }}>Time</TableHeaderCell>
                      <TableHeaderCell>Message</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {item.details.map((d, i) => (
                      <TableRow
                        key={i}
                        onClick={() => setSel(i)}
                        appearance={i === sel ? 'brand' : 'none'}
                        style={{ cursor: 'pointer' }}
                      >
                        <TableCell>{d.severity}</TableCell>
                        <TableCell>{fmt(d.time)}</TableCell>
                        <TableCell>
                          <Text size={200}>{d.message}</Text>
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
            )}
          </DialogContent>
          <DialogActions>
            <Button
              icon={<Copy16Regular />}
              disabled={item.details.length === 0}
              data-testid="genesys-details-copy"
              onClick={async () => {
                const d = item.details[sel];
                if (d && (await copyText(line(d)))) setCopied(sel);
              }}
            >
              {copied === sel ? 'Copied' : 'Copy'}
            </Button>
            <Button onClick={onClose}>Close</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
