import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Add20Regular, Delete16Regular, Edit16Regular } from '@fluentui/react-icons';
import {
  CorrelationInput,
  type CorrelationMatch,
  type CorrelationRow,
} from '../../../../electron/contract/services/alarms';
import { ccm, unwrap } from '../../api/client';
import { canWrite } from '../../data/permissions';
import { useAuthStatus } from '../../data/queries';
import { Page } from '../../ui/Page';
import { confirm, useCommand } from '../../ui/kit';
import { alarmKeys, useAlarmsLive } from './data';
import { HostAdminOnly } from './HostAdminOnly';
import { Loaded } from './Loaded';

const useStyles = makeStyles({
  table: { tableLayout: 'fixed', width: '100%' },
  cell: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  muted: { color: tokens.colorNeutralForeground3 },
  col: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  surface: { maxWidth: '640px' },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  position: { width: '80px' },
  match: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

const correlationKey = ['alarms', 'correlations'] as const;
const useCorrelations = () =>
  useQuery({ queryKey: correlationKey, queryFn: () => unwrap(ccm.alarms.correlations({})) });

type Draft = {
  original: CorrelationRow | null;
  clears: string;
  cleared: string;
  on: 'source' | 'varbind';
  position: string;
};

const matchText = (m: CorrelationMatch | null) =>
  !m
    ? 'keys set in Event configuration'
    : m.on === 'source'
      ? 'the same source'
      : `the same source and the same value of $${m.position}`;

/** An event of a rule: its name (or MIB name) over its OID pattern. */
function EventCell({ e }: { e: CorrelationRow['clears'] }) {
  const styles = useStyles();
  return (
    <TableCell className={styles.cell} title={e.oidPattern}>
      <div>{e.name || e.oidName}</div>
      <div className={styles.mono}>{e.oidPattern}</div>
    </TableCell>
  );
}

/**
 * Alarms › Correlation rules: which event clears which open alarm, matched on the same source or
 * the same source and the same value of one varbind (ifIndex for linkDown/linkUp). A rule is the
 * two events' keys in the event configuration, so it holds for every form of the events.
 */
export function CorrelationView() {
  const styles = useStyles();
  const rules = useCorrelations();
  useAlarmsLive();
  const qc = useQueryClient();
  const me = useAuthStatus().data?.user;
  // Event configuration is installation-wide: a host administrator's (the service refuses anyone else).
  const writable = canWrite(me?.permissions, 'alarms') && me?.hostAdmin === true;
  const [draft, setDraft] = useState<Draft | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);

  const label = (r: CorrelationRow) =>
    `${r.clears.name || r.clears.oidName} clears ${r.cleared.name || r.cleared.oidName}`;
  const remove = async (r: CorrelationRow) => {
    const ok = await confirm({
      title: `Delete the rule “${label(r)}”?`,
      body:
        `${r.clears.name || r.clears.oidName} then no longer clears alarms: it is only logged (Log only). Open ` +
        `alarms stay open until someone clears them.`,
      danger: true,
      confirmLabel: 'Delete',
      testId: 'correlation-delete-dialog',
      confirmTestId: 'correlation-delete-confirm',
    });
    if (!ok) return;
    const env = await ccm.alarms.deleteCorrelation({
      clearsId: r.clears.id,
      clearsVersion: r.clears.version,
      clearedId: r.cleared.id,
      clearedVersion: r.cleared.version,
    });
    setNotice(env.ok ? { ok: true, text: `Deleted the rule “${label(r)}”.` } : { ok: false, text: env.error.message });
    void qc.invalidateQueries({ queryKey: alarmKeys.all });
  };

  return (
    <Page
      wide
      title="Correlation rules"
      subtitle={
        'A resolution event clears the open alarm of its problem event, matched on the same source, or on the ' +
        'same source and the same value of one varbind. Each rule holds for SNMPv1 and SNMPv2c/v3 alike.'
      }
      actions={
        writable ? (
          <Button
            icon={<Add20Regular />}
            data-testid="correlation-new"
            onClick={() => setDraft({ original: null, clears: '', cleared: '', on: 'source', position: '1' })}
          >
            New rule
          </Button>
        ) : (
          <HostAdminOnly />
        )
      }
    >
      {notice && (
        <MessageBar intent={notice.ok ? 'success' : 'error'} data-testid="correlation-notice">
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      <Loaded query={rules} what="correlation rules">
        <Table size="small" className={styles.table} data-testid="correlation-table" aria-label="Correlation rules">
          <TableHeader>
            <TableRow>
              <TableHeaderCell style={{ width: '28%' }}>Resolution event</TableHeaderCell>
              <TableHeaderCell style={{ width: 60 }} />
              <TableHeaderCell style={{ width: '28%' }}>Problem event</TableHeaderCell>
              <TableHeaderCell>Matched on</TableHeaderCell>
              <TableHeaderCell style={{ width: 76 }} />
            </TableRow>
          </TableHeader>
          <TableBody>
            {(rules.data ?? []).map((r) => (
              <TableRow key={`${r.clears.id}-${r.cleared.id}`} data-testid="correlation-row">
                <EventCell e={r.clears} />
                <TableCell className={styles.muted}>clears</TableCell>
                <EventCell e={r.cleared} />
                <TableCell>
                  <div className={styles.match}>
                    <span data-testid="correlation-match">{matchText(r.match)}</span>
                    {r.shipped && (
                      <Badge appearance="outline" size="small" title="As the console comes, not changed since">
                        default
                      </Badge>
                    )}
                  </div>
                </TableCell>
                <TableCell>
                  {writable && r.match && (
                    <>
                      <Button
                        size="small"
                        appearance="subtle"
                        icon={<Edit16Regular />}
                        aria-label={`Edit ${label(r)}`}
                        data-testid="correlation-edit"
                        onClick={() =>
                          setDraft({
                            original: r,
                            clears: r.clears.oidPattern,
                            cleared: r.cleared.oidPattern,
                            on: r.match!.on,
                            position: r.match!.on === 'varbind' ? String(r.match!.position) : '1',
                          })
                        }
                      />
                      <Button
                        size="small"
                        appearance="subtle"
                        icon={<Delete16Regular />}
                        aria-label={`Delete ${label(r)}`}
                        data-testid="correlation-delete"
                        onClick={() => void remove(r)}
                      />
                    </>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {(rules.data ?? []).length === 0 && <Text className={styles.muted}>No correlation rules.</Text>}
      </Loaded>
      {draft && (
        <CorrelationDialog
          draft={draft}
          onClose={(text) => {
            setDraft(null);
            if (text) setNotice({ ok: true, text });
          }}
        />
      )}
    </Page>
  );
}

function CorrelationDialog({ draft, onClose }: { draft: Draft; onClose(text?: string): void }) {
  const styles = useStyles();
  const [d, setD] = useState(draft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const o = draft.original;
  const saveCommand = useCommand(
    (rule: CorrelationInput) =>
      ccm.alarms.saveCorrelation({
        original: o
          ? {
              clearsId: o.clears.id,
              clearsVersion: o.clears.version,
              clearedId: o.cleared.id,
              clearedVersion: o.cleared.version,
            }
          : null,
        rule,
      }),
    {
      invalidates: [alarmKeys.all],
      onError: (e) => setErrors({ [e.field ?? '_']: e.message }),
      onSuccess: () => onClose('Rule saved. New traps follow it at once.'),
    },
  );
  const save = async () => {
    const parsed = CorrelationInput.safeParse({
      clears: d.clears.trim(),
      cleared: d.cleared.trim(),
      match: d.on === 'source' ? { on: 'source' } : { on: 'varbind', position: Number(d.position) },
    });
    if (!parsed.success) {
      setErrors(
        Object.fromEntries(
          parsed.error.issues.map((i) => [
            i.path[0] === 'match' ? 'position' : String(i.path[0]),
            i.path[0] === 'clears' || i.path[0] === 'cleared'
              ? i.message.replace(/^Trap OID:/, i.path[0] === 'clears' ? 'Resolution event:' : 'Problem event:')
              : i.message,
          ]),
        ),
      );
      return;
    }
    await saveCommand.run(parsed.data);
  };
  const hint =
    'A trap OID (1.3.6.1.4.1.193.132.5.1.0.3011 = MiCC Enterprise event 3011 in any of its forms), a MIB name ' +
    '(linkUp), or a pattern such as 1.3.6.1.4.1.*.0.47001';
  return (
    <Dialog open onOpenChange={(_, x) => !x.open && onClose()}>
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>{o ? 'Edit correlation rule' : 'New correlation rule'}</DialogTitle>
          <DialogContent className={styles.col}>
            {errors._ && (
              <Text style={{ color: tokens.colorPaletteRedForeground1 }} data-testid="correlation-error">
                {errors._}
              </Text>
            )}
            <Field label="Resolution event" required hint={hint} validationMessage={errors.clears}>
              <Input
                value={d.clears}
                data-testid="correlation-clears"
                onChange={(_, x) => setD({ ...d, clears: x.value })}
              />
            </Field>
            <Field
              label="clears the open alarm of the problem event"
              required
              hint="For example 1.3.6.1.4.1.193.132.5.1.0.3010, linkDown, or 1.3.6.1.4.1.*.0.47000"
              validationMessage={errors.cleared}
            >
              <Input
                value={d.cleared}
                data-testid="correlation-cleared"
                onChange={(_, x) => setD({ ...d, cleared: x.value })}
              />
            </Field>
            <Field label="Matched on" validationMessage={errors.position}>
              <RadioGroup
                value={d.on}
                data-testid="correlation-on"
                onChange={(_, x) => setD({ ...d, on: x.value as Draft['on'] })}
              >
                <Radio value="source" label="The same source" />
                <Radio value="varbind" label="The same source and the same value of a varbind" />
              </RadioGroup>
              {d.on === 'varbind' && (
                <div className={styles.row}>
                  <Text>Varbind $</Text>
                  <Input
                    className={styles.position}
                    inputMode="numeric"
                    aria-label="Varbind position"
                    value={d.position}
                    data-testid="correlation-position"
                    onChange={(_, x) => setD({ ...d, position: x.value })}
                  />
                  <Text size={200} className={styles.muted}>
                    $1 is the first after sysUpTime and snmpTrapOID (ifIndex for linkDown and linkUp).
                  </Text>
                </div>
              )}
            </Field>
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              disabled={saveCommand.busy}
              data-testid="correlation-save"
              onClick={() => void save()}
            >
              Save
            </Button>
            <Button onClick={() => onClose()}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
