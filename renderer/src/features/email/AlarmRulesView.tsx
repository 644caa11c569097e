import { useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textarea,
} from '@fluentui/react-components';
import { Add16Regular, Delete16Regular, Edit16Regular, Send16Regular } from '@fluentui/react-icons';
import { ALARM_RULE_SEVERITIES, type AlarmRuleInput, type AlarmRuleRow } from '../../../../electron/contract';
import { ccm } from '../../api/client';
import { QueryState } from '../../ui/QueryState';
import { serverErrors, useCommand } from '../../ui/kit';
import { useDateFormat } from '../../ui/useDateFormat';
import { emailKeys, useAlarmRules, useEmailDestinations } from './data';
import { ErrorBar, useConfirmDelete, useEmailStyles } from './ui';

/**
 * Alarm e-mails: rules (severity or higher, category, source pattern) → recipients, with a
 * digest interval — one message per interval lists every matching alarm with a link back.
 */
export function AlarmRulesView({ writable }: { writable: boolean }) {
  const s = useEmailStyles();
  const fmt = useDateFormat();
  const rules = useAlarmRules();
  const [editing, setEditing] = useState<{ row: AlarmRuleRow | null } | null>(null);
  const [note, setNote] = useState<{ intent: 'success' | 'warning'; text: string } | null>(null);
  const confirmDelete = useConfirmDelete();
  const testCmd = useCommand((id: number) => ccm.email.testAlarmRule({ id }), {
    onSuccess: (v) =>
      setNote(
        v.queued
          ? {
              intent: 'success',
              text: `Sent now: one message listing ${v.alarms} alarm${v.alarms === 1 ? '' : 's'} of the last interval.`,
            }
          : { intent: 'warning', text: 'Nothing was sent: outgoing e-mail is not configured or not enabled.' },
      ),
  });
  const remove = (r: AlarmRuleRow) =>
    void confirmDelete({
      title: 'Delete alarm e-mail rule?',
      body: `Delete the rule ${r.rule.name}? Its recipients get no more alarm e-mails from it.`,
      remove: () => ccm.email.deleteAlarmRule({ id: r.id, expectedVersion: r.version }),
    });
  return (
    <section className={s.section} aria-label="Alarm e-mails">
      <span className={s.hint}>
        Alarms of a severity or higher, of a category and from matching sources are sent to the recipients as one
        message per digest interval, each alarm with a link that opens it in the console.
      </span>
      <div className={s.toolbar}>
        {writable && (
          <Button
            icon={<Add16Regular />}
            appearance="primary"
            data-testid="email-rule-add"
            onClick={() => setEditing({ row: null })}
          >
            Add Rule
          </Button>
        )}
      </div>
      {note && (
        <MessageBar intent={note.intent} data-testid="email-rule-note">
          <MessageBarBody>{note.text}</MessageBarBody>
        </MessageBar>
      )}
      <ErrorBar error={testCmd.error} />
      <QueryState isPending={rules.isPending} error={rules.error} what="the alarm e-mail rules" />
      {rules.data && rules.data.length === 0 && <div className={s.empty}>No alarm e-mail rule yet.</div>}
      {rules.data && rules.data.length > 0 && (
        <Table size="small" aria-label="Alarm e-mail rules" data-testid="email-rule-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell style={{ width: 70 }}>Enabled</TableHeaderCell>
              <TableHeaderCell>Severity</TableHeaderCell>
              <TableHeaderCell>Category</TableHeaderCell>
              <TableHeaderCell>Source</TableHeaderCell>
              <TableHeaderCell>Recipients</TableHeaderCell>
              <TableHeaderCell style={{ width: 80 }}>Digest</TableHeaderCell>
              <TableHeaderCell>Last digest</TableHeaderCell>
              <TableHeaderCell style={{ width: 120 }} />
            </TableRow>
          </TableHeader>
          <TableBody>
            {rules.data.map((r) => (
              <TableRow key={r.id} data-testid={`email-rule-row-${r.rule.name}`}>
                <TableCell>{r.rule.name}</TableCell>
                <TableCell>{r.rule.enabled ? 'Yes' : 'No'}</TableCell>
                <TableCell>{r.rule.minSeverity} or higher</TableCell>
                <TableCell>{r.rule.category || 'Any'}</TableCell>
                <TableCell className={s.mono}>{r.rule.sourcePattern || 'Any'}</TableCell>
                <TableCell className={s.mono}>{r.rule.recipients.join(', ')}</TableCell>
                <TableCell>{intervalText(r.rule.digestSeconds)}</TableCell>
                <TableCell>{r.lastRunAt ? fmt(r.lastRunAt) : '—'}</TableCell>
                <TableCell>
                  {writable && (
                    <div className={s.toolbar}>
                      <Button
                        size="small"
                        icon={<Send16Regular />}
                        aria-label={`Test ${r.rule.name}`}
                        title="Test: send the digest of the last interval now"
                        disabled={testCmd.busy}
                        data-testid={`email-rule-test-${r.rule.name}`}
                        onClick={() => {
                          setNote(null);
                          void testCmd.run(r.id);
                        }}
                      />
                      <Button
                        size="small"
                        icon={<Edit16Regular />}
                        aria-label={`Edit ${r.rule.name}`}
                        onClick={() => setEditing({ row: r })}
                      />
                      <Button
                        size="small"
                        icon={<Delete16Regular />}
                        aria-label={`Delete ${r.rule.name}`}
                        onClick={() => remove(r)}
                      />
                    </div>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {editing && <RuleDialog row={editing.row} onClose={() => setEditing(null)} />}
    </section>
  );
}

const intervalText = (sec: number) =>
  sec % 3600 === 0 ? `${sec / 3600} h` : sec % 60 === 0 ? `${sec / 60} min` : `${sec} s`;

const FIELDS = ['name', 'enabled', 'minSeverity', 'category', 'sourcePattern', 'recipients', 'digestSeconds'];

/** Where main's refusal goes: the field it names (a recipient's index → the recipients box). */
function placeError(error: Parameters<typeof serverErrors>[0]) {
  const placed = serverErrors(error, { fields: FIELDS, prefixes: ['rule'], lastSegment: false });
  const shape = placed.error;
  if (shape && placed.message !== undefined && /^rule\.recipients\./.test(shape.field ?? ''))
    return { fields: { recipients: shape.message } as Record<string, string>, general: null };
  return { fields: placed.fields as Record<string, string>, general: placed.message !== undefined ? shape : null };
}

const splitAddresses = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((a) => a.trim())
    .filter(Boolean);

function RuleDialog({ row, onClose }: { row: AlarmRuleRow | null; onClose: () => void }) {
  const s = useEmailStyles();
  const dests = useEmailDestinations();
  const [r, setR] = useState<AlarmRuleInput>(
    () =>
      row?.rule ?? {
        name: '',
        enabled: true,
        minSeverity: 'Major',
        category: '',
        sourcePattern: '',
        recipients: [],
        digestSeconds: 300,
      },
  );
  const [recipients, setRecipients] = useState(() => (row?.rule.recipients ?? []).join('\n'));
  const [digest, setDigest] = useState(() => String(row?.rule.digestSeconds ?? 300));
  const saveCmd = useCommand((v: Parameters<typeof ccm.email.saveAlarmRule>[0]) => ccm.email.saveAlarmRule(v), {
    invalidates: [emailKeys.all],
  });
  const errs = placeError(saveCmd.error);
  const field = (name: string) => {
    const message = errs.fields[name];
    return message
      ? {
          validationState: 'error' as const,
          validationMessage: { children: message, 'data-testid': `email-rule-${name}-error` },
        }
      : {};
  };
  const set =
    <K extends keyof AlarmRuleInput>(k: K) =>
    (v: AlarmRuleInput[K]) => {
      setR((x) => ({ ...x, [k]: v }));
      if (errs.fields[k] !== undefined) saveCmd.reset();
    };
  const save = async () => {
    const ok = await saveCmd.run({
      id: row?.id ?? null,
      expectedVersion: row?.version ?? 0,
      rule: { ...r, recipients: splitAddresses(recipients), digestSeconds: Number(digest) },
    });
    if (ok) onClose();
  };
  const outgoing = (dests.data ?? []).filter((d) => d.destination.address);
  return (
    <Dialog open onOpenChange={(_, o) => !o.open && onClose()}>
      <DialogSurface style={{ maxWidth: 640 }}>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <DialogBody>
            <DialogTitle>{row ? 'Edit Alarm E-mail Rule' : 'Add Alarm E-mail Rule'}</DialogTitle>
            <DialogContent className={s.form}>
              <ErrorBar error={errs.general} />
              <div className={s.pair}>
                <Field label="Name" required {...field('name')}>
                  <Input
                    value={r.name}
                    autoFocus
                    data-testid="email-rule-name"
                    onChange={(_, v) => set('name')(v.value)}
                  />
                </Field>
                <Field label="Enabled" {...field('enabled')}>
                  <Switch
                    checked={r.enabled}
                    data-testid="email-rule-enabled"
                    onChange={(_, v) => set('enabled')(v.checked)}
                  />
                </Field>
              </div>
              <div className={s.columns}>
                <Field label="Severity (this or higher)" {...field('minSeverity')}>
                  <Dropdown
                    value={r.minSeverity}
                    selectedOptions={[r.minSeverity]}
                    data-testid="email-rule-severity"
                    onOptionSelect={(_, v) =>
                      v.optionValue && set('minSeverity')(v.optionValue as AlarmRuleInput['minSeverity'])
                    }
                  >
                    {[...ALARM_RULE_SEVERITIES].reverse().map((sev) => (
                      <Option key={sev} value={sev}>
                        {sev}
                      </Option>
                    ))}
                  </Dropdown>
                </Field>
                <Field label="Category" hint="Empty: any category." {...field('category')}>
                  <Input
                    value={r.category}
                    data-testid="email-rule-category"
                    onChange={(_, v) => set('category')(v.value)}
                  />
                </Field>
              </div>
              <div className={s.columns}>
                <Field
                  label="Source"
                  hint="A host or address pattern, * for any characters (10.9.*). Empty: any source."
                  {...field('sourcePattern')}
                >
                  <Input
                    value={r.sourcePattern}
                    data-testid="email-rule-source"
                    onChange={(_, v) => set('sourcePattern')(v.value)}
                  />
                </Field>
                <Field
                  label="Digest interval (seconds)"
                  hint="One message per interval (10–86400)."
                  {...field('digestSeconds')}
                >
                  <Input
                    type="number"
                    value={digest}
                    min={10}
                    max={86400}
                    data-testid="email-rule-digest"
                    onChange={(_, v) => {
                      setDigest(v.value);
                      if (errs.fields.digestSeconds !== undefined) saveCmd.reset();
                    }}
                  />
                </Field>
              </div>
              <Field
                label="Recipients"
                required
                hint="E-mail addresses, one per line (or separated by commas)."
                {...field('recipients')}
              >
                <Textarea
                  value={recipients}
                  rows={3}
                  data-testid="email-rule-recipients"
                  onChange={(_, v) => {
                    setRecipients(v.value);
                    if (errs.fields.recipients !== undefined) saveCmd.reset();
                  }}
                />
              </Field>
              {outgoing.length > 0 && (
                <Field label="Add a destination's address">
                  <Dropdown
                    placeholder="Choose a destination"
                    selectedOptions={[]}
                    data-testid="email-rule-add-destination"
                    onOptionSelect={(_, v) => {
                      const addr = v.optionValue;
                      if (!addr) return;
                      const list = splitAddresses(recipients);
                      if (!list.some((a) => a.toLowerCase() === addr.toLowerCase()))
                        setRecipients([...list, addr].join('\n'));
                    }}
                  >
                    {outgoing.map((d) => (
                      <Option key={d.id} value={d.destination.address} text={d.destination.name}>
                        {`${d.destination.name} (${d.destination.address})`}
                      </Option>
                    ))}
                  </Dropdown>
                </Field>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={saveCmd.busy} data-testid="email-rule-save">
                {row ? 'Save' : 'Add'}
              </Button>
              <Button onClick={onClose}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
