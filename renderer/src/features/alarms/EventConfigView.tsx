import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
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
  Select,
  Switch,
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
  ALARM_SEVERITIES,
  AlarmEventConfigInput,
  type AlarmEventConfigRow,
} from '../../../../electron/contract/services/alarms';
import { ccm } from '../../api/client';
import { HostAdminOnly } from './HostAdminOnly';
import { canWrite } from '../../data/permissions';
import { useAuthStatus } from '../../data/queries';
import type { Tab } from '../../shell/tabs/store';
import type { AlarmEventsTabParams } from './openAlarmsTab';
import { Page } from '../../ui/Page';
import { confirm, useCommand } from '../../ui/kit';
import { Loaded } from './Loaded';
import { alarmKeys, useAlarmsLive, useEventConfigs } from './data';
import { SeverityBadge } from './AlarmBrowser';

const useStyles = makeStyles({
  table: { tableLayout: 'fixed', width: '100%' },
  cell: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  col: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  surface: { maxWidth: '640px' },
});

const CATEGORIES = [
  'Application Alert Alarms',
  'Status Alarms',
  'Security Alarms',
  'Hardware Alarms',
  'Log only',
  'Ignore',
];
type Draft = { id: number | null; version: number; config: AlarmEventConfigInput };
const blank = (oid = ''): Draft => ({
  id: null,
  version: 0,
  config: {
    oidPattern: oid,
    name: '',
    category: 'Application Alert Alarms',
    severity: 'Warning',
    severityFromEvent: false,
    messageFormat: '$1',
    dedupeKey: '',
    clearKey: '',
  },
});

/** Alarms › Event configuration: what each trap becomes (OpenView's Event Configuration; snmptt EVENT/FORMAT). */
export function EventConfigView({ tab }: { tab: Tab<AlarmEventsTabParams> }) {
  const styles = useStyles();
  const configs = useEventConfigs();
  useAlarmsLive();
  const qc = useQueryClient();
  // Installation-wide settings: a host administrator's (the service refuses anyone else).
  const me = useAuthStatus().data?.user;
  const writable = canWrite(me?.permissions, 'alarms') && me?.hostAdmin === true;
  const [draft, setDraft] = useState<Draft | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const oidParam = tab.params.oid;

  // "Configure this trap…" from the unknown bucket opens here with the OID filled in.
  useEffect(() => {
    if (!oidParam || !writable) return;
    void ccm.alarms.translate({ oids: [oidParam] }).then((env) => {
      const d = blank(oidParam);
      if (env.ok && env.value[0] !== oidParam) d.config.name = env.value[0]!;
      setDraft(d);
    });
  }, [oidParam, writable]);

  const remove = async (row: AlarmEventConfigRow) => {
    const ok = await confirm({
      title: `Delete the configuration of ${row.name}?`,
      body: `Traps with the OID ${row.oidPattern} then land in the Unknown traps bucket. Alarms already stored stay.`,
      danger: true,
      confirmLabel: 'Delete',
      testId: 'event-delete-dialog',
    });
    if (!ok) return;
    const env = await ccm.alarms.deleteEventConfig({ id: row.id, expectedVersion: row.version });
    setNotice(env.ok ? `Deleted the configuration of ${row.name}.` : env.error.message);
    void qc.invalidateQueries({ queryKey: alarmKeys.configs });
  };

  return (
    <Page
      wide
      title="Event configuration"
      help="event-mib"
      subtitle={
        'Per trap OID (* = any sub-identifiers): name, category (or Log only / Ignore), severity, message ' +
        '($1…$n, $*, $A source), deduplication key and, for Cleared events, the key of the problem they clear.'
      }
      actions={
        writable ? (
          <Button icon={<Add20Regular />} data-testid="events-new" onClick={() => setDraft(blank())}>
            New
          </Button>
        ) : (
          <HostAdminOnly />
        )
      }
    >
      {notice && (
        <MessageBar>
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      <Loaded query={configs} what="event configuration">
        <Table size="small" className={styles.table} data-testid="events-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell style={{ width: '22%' }}>Trap</TableHeaderCell>
              <TableHeaderCell style={{ width: '16%' }}>Name</TableHeaderCell>
              <TableHeaderCell style={{ width: '14%' }}>Category</TableHeaderCell>
              <TableHeaderCell style={{ width: 84 }}>Severity</TableHeaderCell>
              <TableHeaderCell>Message</TableHeaderCell>
              <TableHeaderCell style={{ width: '15%' }}>Dedupe / clear key</TableHeaderCell>
              <TableHeaderCell style={{ width: 76 }} />
            </TableRow>
          </TableHeader>
          <TableBody>
            {(configs.data ?? []).map((c) => (
              <TableRow key={c.id} data-testid="events-row">
                <TableCell className={styles.cell} title={c.oidPattern}>
                  <div>{c.oidName}</div>
                  <div className={styles.mono}>{c.oidPattern}</div>
                </TableCell>
                <TableCell className={styles.cell}>
                  {c.name || (
                    <span className={styles.mono}>
                      {c.oidName.includes('.') ? 'Event <n> from <source>' : c.oidName}
                    </span>
                  )}
                </TableCell>
                <TableCell className={styles.cell}>{c.category}</TableCell>
                <TableCell>
                  {c.severityFromEvent ? <Text size={200}>from event</Text> : <SeverityBadge severity={c.severity} />}
                </TableCell>
                <TableCell className={`${styles.cell} ${styles.mono}`}>{c.messageFormat}</TableCell>
                <TableCell className={styles.cell} data-testid="events-key">
                  {c.clearKey ? (
                    <span className={styles.mono}>clears {c.clearKey}</span>
                  ) : c.dedupeKey ? (
                    <span className={styles.mono}>{c.dedupeKey}</span>
                  ) : (
                    <Text size={200}>source + event</Text>
                  )}
                </TableCell>
                <TableCell>
                  {writable && (
                    <>
                      <Button
                        size="small"
                        appearance="subtle"
                        icon={<Edit16Regular />}
                        aria-label={`Edit ${c.name}`}
                        onClick={() =>
                          setDraft({
                            id: c.id,
                            version: c.version,
                            config: {
                              oidPattern: c.oidPattern,
                              name: c.name,
                              category: c.category,
                              severity: c.severity,
                              severityFromEvent: c.severityFromEvent,
                              messageFormat: c.messageFormat,
                              dedupeKey: c.dedupeKey,
                              clearKey: c.clearKey,
                            },
                          })
                        }
                      />
                      <Button
                        size="small"
                        appearance="subtle"
                        icon={<Delete16Regular />}
                        aria-label={`Delete ${c.name}`}
                        onClick={() => void remove(c)}
                      />
                    </>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Loaded>
      {draft && <EventConfigDialog draft={draft} onClose={(msg) => (setDraft(null), msg && setNotice(msg))} />}
    </Page>
  );
}

function EventConfigDialog({ draft, onClose }: { draft: Draft; onClose(msg?: string): void }) {
  const styles = useStyles();
  const [c, setC] = useState(draft.config);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const saveCommand = useCommand(
    (config: AlarmEventConfigInput) =>
      ccm.alarms.saveEventConfig({ id: draft.id, expectedVersion: draft.version, config }),
    {
      invalidates: [alarmKeys.configs],
      onError: (e) => setErrors({ [e.field ?? '_']: e.message }),
      onSuccess: (saved) => onClose(`Saved ${saved.name}. New traps follow it at once.`),
    },
  );
  const busy = saveCommand.busy;
  const set = <K extends keyof AlarmEventConfigInput>(k: K, v: AlarmEventConfigInput[K]) =>
    setC((x) => ({ ...x, [k]: v }));
  const save = async () => {
    const parsed = AlarmEventConfigInput.safeParse(c);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    await saveCommand.run(parsed.data);
  };
  const err = (k: string) => errors[k];
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>{draft.id === null ? 'New event configuration' : `Edit ${draft.config.name}`}</DialogTitle>
          <DialogContent className={styles.col}>
            {errors._ && <Text style={{ color: tokens.colorPaletteRedForeground1 }}>{errors._}</Text>}
            <Field
              label="Trap OID"
              required
              hint={
                '1.3.6.1.4.1.193.132.5.1.0.3000 (MiCC Enterprise event 3000, in any of its forms), a MIB name ' +
                '(linkDown), or a pattern such as 1.3.6.1.4.1.*.0.47000'
              }
              validationMessage={err('oidPattern')}
            >
              <Input value={c.oidPattern} data-testid="event-oid" onChange={(_, d) => set('oidPattern', d.value)} />
            </Field>
            <Field
              label="Name"
              hint="Empty: the MIB's name, or Event <n> from <source> for a Windows event"
              validationMessage={err('name')}
            >
              <Input value={c.name} data-testid="event-name" onChange={(_, d) => set('name', d.value)} />
            </Field>
            <Field
              label="Log and display in category"
              hint="Log only: stored, not shown as an alarm. Ignore: dropped (counted)."
              validationMessage={err('category')}
            >
              <Input
                value={c.category}
                list="alarm-categories"
                data-testid="event-category"
                onChange={(_, d) => set('category', d.value)}
              />
              <datalist id="alarm-categories">
                {CATEGORIES.map((x) => (
                  <option key={x} value={x} />
                ))}
              </datalist>
            </Field>
            <Field label="Severity" validationMessage={err('severity')}>
              <Select
                value={c.severity}
                data-testid="event-severity"
                onChange={(_, d) => set('severity', d.value as AlarmEventConfigInput['severity'])}
              >
                {ALARM_SEVERITIES.map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </Select>
            </Field>
            <Switch
              label="Severity from the Windows event ID (Error → Major, Warning → Warning, else Normal)"
              checked={c.severityFromEvent === true}
              data-testid="event-severity-from-event"
              onChange={(_, d) => set('severityFromEvent', d.checked)}
            />
            <Field
              label="Event log message"
              hint="$1…$n: the n-th varbind; $*: all of them; $A: source; $N: name; $E: Windows event number"
              validationMessage={err('messageFormat')}
            >
              <Input
                value={c.messageFormat}
                data-testid="event-format"
                onChange={(_, d) => set('messageFormat', d.value)}
              />
            </Field>
            <Field
              label="Deduplication key"
              hint={
                'Repeats with the same key fold into one alarm (Corr). Empty: the same source and the same event ' +
                '(a Windows event in any of its forms: plain, with its source, or with severity bits). Which event ' +
                'clears which: Correlation rules.'
              }
              validationMessage={err('dedupeKey')}
            >
              <Input value={c.dedupeKey} data-testid="event-dedupe" onChange={(_, d) => set('dedupeKey', d.value)} />
            </Field>
            <Field
              label="Clear key"
              hint="For Cleared events: the deduplication key of the problem this resolves, e.g. $A|genesys-cloud."
              validationMessage={err('clearKey')}
            >
              <Input value={c.clearKey} data-testid="event-clear" onChange={(_, d) => set('clearKey', d.value)} />
            </Field>
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={busy} data-testid="event-save" onClick={() => void save()}>
              Save
            </Button>
            <Button onClick={() => onClose()}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
