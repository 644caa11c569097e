import { useCallback, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from '@fluentui/react-components';
import { Add16Regular, Delete16Regular, Save20Regular } from '@fluentui/react-icons';
import {
  DispatchSettings,
  CallerIdRow,
  type CcmErrorShape,
  type DispatchSettingsDoc,
} from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import { useTabEditor } from '../../shell/tabs/useTabEditor';
import { fieldMessage } from '../../ui/fieldMessage';
import { QueryState } from '../../ui/QueryState';
import { HelpLink } from '../../ui/kit';
import { dispatchKeys, errorFor, refreshDispatch } from './data';
import { Section, useFormStyles } from './Section';

type CallerForm = { key: number; id: number | null; name: string; callerId: string; isDefault: boolean };
type Form = {
  ring: string;
  systemDefault: string;
  viewAll: boolean;
  autoRestore: boolean;
  licences: string;
  callerIds: CallerForm[];
  maySelectCallerId: boolean;
};
let nextKey = 1;
const toForm = (d: DispatchSettingsDoc): Form => ({
  ring: String(d.settings.ringTimeSupervisionSec),
  systemDefault: d.settings.systemDefaultDestination ?? '',
  viewAll: d.settings.allowViewAllDispatchGroups,
  autoRestore: d.settings.autoRestoreLogon,
  licences: d.settings.dispatchLicences === null ? '' : String(d.settings.dispatchLicences),
  callerIds: d.callerIds.map((c) => ({ key: nextKey++, ...c })),
  maySelectCallerId: d.settings.agentsMaySelectCallerId,
});
const num = (s: string) => (s.trim() === '' ? NaN : Number(s));
function parse(f: Form) {
  const settings = DispatchSettings.safeParse({
    ringTimeSupervisionSec: num(f.ring),
    systemDefaultDestination: f.systemDefault,
    allowViewAllDispatchGroups: f.viewAll,
    autoRestoreLogon: f.autoRestore,
    dispatchLicences: f.licences.trim() === '' ? null : num(f.licences),
    agentsMaySelectCallerId: f.maySelectCallerId,
  });
  const callers = f.callerIds.map((c) =>
    CallerIdRow.safeParse({ id: c.id, name: c.name, callerId: c.callerId, isDefault: c.isDefault }),
  );
  return { settings, callers };
}
const strip = (f: Form) => JSON.stringify({ ...f, callerIds: f.callerIds.map(({ key: _k, ...c }) => c) });

/** Tenant dispatch settings: the values the routing rules depend on, caller IDs, the licence pool. */
export function SettingsView(props: { writable: boolean; tabKey: string }) {
  const q = useQuery({ queryKey: dispatchKeys.settings, queryFn: () => unwrap(ccm.dispatch.getSettings({})) });
  if (!q.data) return <QueryState isPending={q.isPending} error={q.error} what="the dispatch settings" />;
  return <SettingsForm doc={q.data} writable={props.writable} tabKey={props.tabKey} />;
}

function SettingsForm(props: { doc: DispatchSettingsDoc; writable: boolean; tabKey: string }) {
  const s = useFormStyles();
  const queryClient = useQueryClient();
  const [base, setBase] = useState(props.doc);
  const [form, setForm] = useState(() => toForm(props.doc));
  const [error, setError] = useState<CcmErrorShape | null>(null);
  const [saved, setSaved] = useState(false);
  const dirty = props.writable && strip(form) !== strip(toForm(base));
  // Saved elsewhere (another console) while nothing is edited here: take it.
  if (props.doc.version > base.version && !dirty) {
    setBase(props.doc);
    setForm(toForm(props.doc));
  }
  const p = parse(form);
  const valid = p.settings.success && p.callers.every((c) => c.success);
  const issue = (path: string) =>
    !p.settings.success ? p.settings.error.issues.find((i) => i.path[0] === path)?.message : undefined;
  const set = (patch: Partial<Form>) => {
    setForm((f) => ({ ...f, ...patch }));
    setError(null);
    setSaved(false);
  };
  const setCaller = (key: number, patch: Partial<CallerForm>) =>
    set({
      callerIds: form.callerIds.map((c) =>
        c.key === key ? { ...c, ...patch } : patch.isDefault ? { ...c, isDefault: false } : c,
      ),
    });

  const save = useCallback(async () => {
    const pp = parse(form);
    if (!props.writable || !pp.settings.success || !pp.callers.every((c) => c.success)) return false;
    const env = await ccm.dispatch.saveSettings({
      expectedVersion: base.version,
      settings: pp.settings.data,
      callerIds: pp.callers.map((c) => c.data!),
    });
    if (!env.ok) {
      setError(env.error);
      return false;
    }
    setBase(env.value);
    setForm(toForm(env.value));
    setSaved(true);
    queryClient.setQueryData(dispatchKeys.settings, env.value);
    refreshDispatch(queryClient, 'tenant', 'caller_id');
    return true;
  }, [form, base, props.writable, queryClient]);
  useTabEditor(props.tabKey, { dirty, save });

  return (
    <form
      noValidate
      style={{ display: 'flex', flexDirection: 'column', gap: 12 }}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      aria-label="Dispatch settings"
    >
      <div className={s.toolbar}>
        <Text className={s.grow}>
          Settings of this tenant that personal call routing and the agents' windows depend on.
        </Text>
        {props.writable && (
          <Button
            appearance="primary"
            icon={<Save20Regular />}
            type="submit"
            disabled={!dirty || !valid}
            data-testid="settings-save"
            title="Save (Ctrl+S)"
          >
            Save settings
          </Button>
        )}
      </div>
      {saved && (
        <MessageBar intent="success" data-testid="settings-saved">
          <MessageBarBody>Dispatch settings saved (version {base.version}).</MessageBarBody>
        </MessageBar>
      )}
      {error &&
        !['ringTimeSupervisionSec', 'systemDefaultDestination', 'dispatchLicences'].some((f) => errorFor(error, f)) && (
          <MessageBar intent="error" layout="multiline" data-testid="settings-error">
            <MessageBarBody>
              <MessageBarTitle>Not saved</MessageBarTitle>
              {error.message}
            </MessageBarBody>
          </MessageBar>
        )}
      <Section title="Personal call routing">
        <div className={s.grid2}>
          <Field
            label="Ring Time Supervision (seconds)"
            hint="How long a personal call rings at an agent with Dispatch before it goes to the Dispatch queue."
            validationMessage={fieldMessage(
              issue('ringTimeSupervisionSec') ?? errorFor(error, 'ringTimeSupervisionSec'),
              'settings-ring-error',
            )}
          >
            <Input
              className={s.narrow}
              inputMode="numeric"
              value={form.ring}
              disabled={!props.writable}
              data-testid="settings-ring"
              onChange={(_, d) => set({ ring: d.value })}
            />
          </Field>
          <Field
            label="System default destination"
            hint="Where a personal call goes when the agent's personal default destination fails (without Dispatch)."
            validationMessage={fieldMessage(
              issue('systemDefaultDestination') ?? errorFor(error, 'systemDefaultDestination'),
              'settings-sysdef-error',
            )}
          >
            <Input
              value={form.systemDefault}
              disabled={!props.writable}
              data-testid="settings-sysdef"
              onChange={(_, d) => set({ systemDefault: d.value })}
            />
          </Field>
        </div>
      </Section>
      <Section title="Agents">
        <Checkbox
          checked={form.viewAll}
          disabled={!props.writable}
          data-testid="settings-view-all"
          label={
            'Allow Agents to View all Dispatch Groups (groups the agent is not skilled to serve are shown ' +
            'read-only)'
          }
          onChange={(_, d) => set({ viewAll: d.checked === true })}
        />
        <Checkbox
          checked={form.autoRestore}
          disabled={!props.writable}
          data-testid="settings-auto-restore"
          label="Automatically Restore Logon Status After Restart (phone agents)"
          onChange={(_, d) => set({ autoRestore: d.checked === true })}
        />
        <Field
          label="Dispatch licences"
          hint={
            `Empty = no limit. ${base.licencesUsed} agent${base.licencesUsed === 1 ? '' : 's'} hold Dispatch ` +
            `privilege now.`
          }
          validationMessage={fieldMessage(
            issue('dispatchLicences') ?? errorFor(error, 'dispatchLicences'),
            'settings-licences-error',
          )}
        >
          <Input
            className={s.narrow}
            inputMode="numeric"
            value={form.licences}
            disabled={!props.writable}
            data-testid="settings-licences"
            onChange={(_, d) => set({ licences: d.value })}
          />
        </Field>
      </Section>
      <Section
        title="Custom caller IDs"
        about={
          <>
            A name and a caller ID string per tenant; the default is used for private calls made without the Manual Dial
            form (<HelpLink id="caller-id" />
            ).
          </>
        }
      >
        {form.callerIds.length === 0 ? (
          <Text className={s.muted}>No custom caller IDs.</Text>
        ) : (
          <Table size="small" aria-label="Custom caller IDs" data-testid="callerids-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>Caller ID</TableHeaderCell>
                <TableHeaderCell>Tenant default</TableHeaderCell>
                <TableHeaderCell />
              </TableRow>
            </TableHeader>
            <TableBody>
              {form.callerIds.map((c, i) => {
                const r = p.callers[i]!;
                const err = (f: string) =>
                  (!r.success ? r.error.issues.find((x) => x.path[0] === f)?.message : undefined) ??
                  (error?.field === `callerIds.${i}.${f}` ? error.message : undefined);
                return (
                  <TableRow key={c.key}>
                    <TableCell>
                      <Field validationMessage={fieldMessage(err('name'), `callerid-${i}-name-error`)}>
                        <Input
                          value={c.name}
                          disabled={!props.writable}
                          aria-label="Name"
                          data-testid={`callerid-${i}-name`}
                          onChange={(_, d) => setCaller(c.key, { name: d.value })}
                        />
                      </Field>
                    </TableCell>
                    <TableCell>
                      <Field validationMessage={fieldMessage(err('callerId'), `callerid-${i}-value-error`)}>
                        <Input
                          value={c.callerId}
                          disabled={!props.writable}
                          aria-label="Caller ID"
                          data-testid={`callerid-${i}-value`}
                          onChange={(_, d) => setCaller(c.key, { callerId: d.value })}
                        />
                      </Field>
                    </TableCell>
                    <TableCell>
                      <Radio
                        checked={c.isDefault}
                        disabled={!props.writable}
                        aria-label={`${c.name} is the tenant default`}
                        onChange={() => setCaller(c.key, { isDefault: true })}
                      />
                    </TableCell>
                    <TableCell>
                      {props.writable && (
                        <Button
                          size="small"
                          appearance="subtle"
                          icon={<Delete16Regular />}
                          aria-label={`Remove ${c.name}`}
                          onClick={() => set({ callerIds: form.callerIds.filter((x) => x.key !== c.key) })}
                        />
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
        {props.writable && (
          <div className={s.row}>
            <Button
              size="small"
              icon={<Add16Regular />}
              data-testid="callerid-add"
              onClick={() =>
                set({
                  callerIds: [
                    ...form.callerIds,
                    { key: nextKey++, id: null, name: '', callerId: '', isDefault: false },
                  ],
                })
              }
            >
              Add caller ID
            </Button>
            {form.callerIds.some((c) => c.isDefault) && (
              <Button
                size="small"
                appearance="subtle"
                onClick={() => set({ callerIds: form.callerIds.map((c) => ({ ...c, isDefault: false })) })}
              >
                No default
              </Button>
            )}
          </div>
        )}
        <Checkbox
          checked={form.maySelectCallerId}
          disabled={!props.writable}
          data-testid="settings-may-select-caller-id"
          label="Private calls: the agent is allowed to select a different caller ID (Manual Dial form)"
          onChange={(_, d) => set({ maySelectCallerId: d.checked === true })}
        />
      </Section>
      <Text className={s.hint}>
        Last saved by {base.updatedBy} · version {base.version}
      </Text>
    </form>
  );
}
