import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Checkbox,
  Dropdown,
  Field,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Radio,
  RadioGroup,
  Select,
  Text,
} from '@fluentui/react-components';
import { Delete20Regular, Save20Regular } from '@fluentui/react-icons';
import {
  MEDIA_LABELS,
  MEDIA_TYPES,
  RESPONSE_FILE_MEDIA,
  ServiceGroupFields,
  type ServiceGroupDoc,
} from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import { useAuthStatus } from '../../data/queries';
import { canWrite } from '../../data/permissions';
import type { Tab } from '../../shell/tabs/store';
import { tabsStore } from '../../shell/tabs/store';
import { openServiceGroupTab, type ServiceGroupTabParams } from './openServiceGroupTab';
import { fieldMessage } from '../../ui/fieldMessage';
import { Page } from '../../ui/Page';
import { ConflictBar } from '../../ui/kit/ConflictBar';
import { useVersionedEditor, type FormParse } from '../../ui/kit/useVersionedEditor';
import { confirm, HelpLink } from '../../ui/kit';
import { QueryState } from '../../ui/QueryState';
import { ObjectTagValuesPanel } from '../objectTags';
import { openResponseFileTab } from '../responseFiles';
import { dispatchKeys, refreshDispatch, useDispatchLive, useLookups } from './data';
import { Section, useFormStyles } from './Section';

export const NEW_GROUP: ServiceGroupFields = {
  name: '',
  mediaType: 'voice',
  routing: 'manual',
  personalCalls: false,
  displayInDispatch: false,
  maxWaitPersonalSec: 30,
  openRule: 'logged_on',
  skillIds: [],
  responseFileId: null,
  callerIdId: null,
  agentsMayChangeCallerId: false,
};

type Form = Omit<ServiceGroupFields, 'maxWaitPersonalSec'> & { maxWaitPersonalSec: string };
const toForm = (f: ServiceGroupFields): Form => ({ ...f, maxWaitPersonalSec: String(f.maxWaitPersonalSec) });
const valueOf = (doc: ServiceGroupDoc) => doc.fields;
function parse(f: Form): FormParse<ServiceGroupFields, Record<string, string>> {
  const r = ServiceGroupFields.safeParse({
    ...f,
    maxWaitPersonalSec: f.maxWaitPersonalSec.trim() === '' ? NaN : Number(f.maxWaitPersonalSec),
  });
  if (r.success) return { ok: true, value: r.data };
  const errors: Record<string, string> = {};
  for (const i of r.error.issues) errors[i.path.join('.')] ??= i.message;
  return { ok: false, errors };
}
const sorted = (f: Form) => JSON.stringify({ ...f, skillIds: [...f.skillIds].sort() });
const isDirty = (f: Form, saved: ServiceGroupFields) => sorted(f) !== sorted(toForm(saved));

/** The service group editor (a tab per group; 'new' creates one). */
export function ServiceGroupEditor({ tab }: { tab: Tab<ServiceGroupTabParams> }) {
  const param = tab.params.serviceGroupId;
  const id = param === 'new' ? null : param;
  useDispatchLive();
  const query = useQuery({
    queryKey: dispatchKeys.group(id ?? 0),
    queryFn: () => unwrap(ccm.dispatch.getServiceGroup({ id: id! })),
    enabled: id !== null,
  });
  if (id !== null && !query.data)
    return (
      <Page title="Service group">
        <QueryState isPending={query.isPending} error={query.error} what="the service group" />
      </Page>
    );
  return <GroupForm tabKey={tab.key} doc={id === null ? null : query.data!} created={tab.params.created === true} />;
}

function GroupForm(props: { tabKey: string; doc: ServiceGroupDoc | null; created: boolean }) {
  const s = useFormStyles();
  const queryClient = useQueryClient();
  const writable = canWrite(useAuthStatus().data?.user?.permissions, 'dispatch');
  const lookups = useLookups();
  // a group just created in this tab's predecessor: say it was saved until the first edit
  const [createdNote, setCreatedNote] = useState(props.created);
  const ed = useVersionedEditor({
    tabKey: props.tabKey,
    queryKey: dispatchKeys.group(props.doc?.id ?? 0),
    read: () => ccm.dispatch.getServiceGroup({ id: props.doc!.id }),
    write: (fields: ServiceGroupFields, expectedVersion, against) =>
      ccm.dispatch.saveServiceGroup({ id: against?.id ?? null, expectedVersion, fields }),
    enabled: props.doc !== null,
    blank: NEW_GROUP,
    valueOf,
    toForm,
    parse,
    isDirty,
    writable,
    onSaved: (doc, created) => {
      refreshDispatch(queryClient, 'service_group');
      if (created) {
        // The new group gets its own tab (its key names the id, so openServiceGroupTab finds it).
        const tabs = tabsStore.getState();
        tabs.setDirty(props.tabKey, false);
        tabs.close(props.tabKey);
        openServiceGroupTab(doc.id, doc.fields.name, { created: true });
      }
    },
  });
  const { base, dirty, busy, save } = ed;
  const form = ed.form ?? toForm(NEW_GROUP);
  const shown = (field: string) =>
    (dirty || base === null ? ed.parseErrors[field] : undefined) ?? ed.serverErrors[field];
  const savedDoc = ed.saved ?? (createdNote ? base : null);
  const saved = savedDoc && `Saved "${savedDoc.fields.name}" (version ${savedDoc.version}).`;

  const set = <K extends keyof Form>(k: K, v: Form[K]) => {
    ed.update((f) => {
      const next = { ...f, [k]: v };
      // Personal Calls exists only on Voice – Manual Routing: leaving that combination clears it.
      if (!(next.mediaType === 'voice' && next.routing === 'manual')) next.personalCalls = false;
      if (!RESPONSE_FILE_MEDIA.includes(next.mediaType)) next.responseFileId = null;
      return next;
    });
    setCreatedNote(false);
  };

  const remove = async () => {
    if (!base) return;
    const n = base.accesses.length;
    const ok = await confirm({
      title: 'Delete service group?',
      body:
        `Delete 1 service group, "${base.fields.name}"?` +
        (n > 0
          ? ` ${n} service ${n === 1 ? 'access routes' : 'accesses route'} to it: the delete will be refused until ` +
            `they route elsewhere.`
          : ' Its skills and settings go with it.'),
      danger: true,
      confirmLabel: 'Delete',
      testId: 'sg-delete',
    });
    if (!ok) return;
    const env = await ccm.dispatch.deleteServiceGroup({ id: base.id, expectedVersion: base.version });
    if (!env.ok) return ed.fail(env.error);
    refreshDispatch(queryClient, 'service_group');
    tabsStore.getState().setDirty(props.tabKey, false);
    tabsStore.getState().close(props.tabKey);
  };

  const personalAllowed = form.mediaType === 'voice' && form.routing === 'manual';
  const usesResponseFile = RESPONSE_FILE_MEDIA.includes(form.mediaType);
  const responseFile = lookups.data?.responseFiles.find((r) => r.id === form.responseFileId);

  return (
    <Page
      title={base ? `Service group: ${base.fields.name}` : 'New service group'}
      help="personal-call-routing"
      subtitle="A service group: its media, routing, personal calls, skills and outgoing caller ID."
      actions={
        writable && (
          <>
            {base && (
              <Button icon={<Delete20Regular />} disabled={busy} data-testid="sg-delete" onClick={() => void remove()}>
                Delete
              </Button>
            )}
            <Button
              appearance="primary"
              icon={<Save20Regular />}
              disabled={!dirty || ed.invalid || busy}
              title="Save (Ctrl+S)"
              data-testid="sg-save"
              onClick={() => void save()}
            >
              Save
            </Button>
          </>
        )
      }
    >
      {!writable && (
        <MessageBar intent="info">
          <MessageBarBody>Read only: your user type grants read access to Dispatch Groups.</MessageBarBody>
        </MessageBar>
      )}
      {saved && (
        <MessageBar intent="success" data-testid="sg-saved">
          <MessageBarBody>{saved}</MessageBarBody>
        </MessageBar>
      )}
      {ed.conflict && (
        <ConflictBar
          testId="sg"
          error={ed.conflict.error}
          busy={busy}
          invalid={ed.invalid}
          onReload={() => void ed.reload()}
          onOverwrite={() => void ed.overwrite()}
        />
      )}
      {ed.failure && (
        <MessageBar intent="error" layout="multiline" data-testid="sg-error">
          <MessageBarBody>
            <MessageBarTitle>Not saved</MessageBarTitle>
            {ed.failure.message}
          </MessageBarBody>
        </MessageBar>
      )}
      <form
        noValidate
        style={{ display: 'contents' }}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        aria-label="Service group"
      >
        <Section title="General">
          <div className={s.grid2}>
            <Field label="Name" required validationMessage={fieldMessage(shown('name'), 'sg-name-error')}>
              <Input
                value={form.name}
                disabled={!writable}
                data-testid="sg-name"
                onChange={(_, d) => set('name', d.value)}
              />
            </Field>
            <Field label="Media type">
              <Select
                value={form.mediaType}
                disabled={!writable || base !== null}
                data-testid="sg-media"
                onChange={(_, d) => set('mediaType', d.value as Form['mediaType'])}
              >
                {MEDIA_TYPES.map((m) => (
                  <option key={m} value={m}>
                    {MEDIA_LABELS[m]}
                  </option>
                ))}
              </Select>
            </Field>
            <Field
              label="Routing"
              hint={
                form.routing === 'manual'
                  ? 'Manual Routing: agents pick calls from the Dispatch queue.'
                  : 'Calls are routed to agents automatically.'
              }
            >
              <RadioGroup
                layout="horizontal"
                value={form.routing}
                disabled={!writable}
                data-testid="sg-routing"
                onChange={(_, d) => set('routing', d.value as Form['routing'])}
              >
                <Radio value="automatic" label="Automatic" />
                <Radio value="manual" label="Manual Routing" />
              </RadioGroup>
            </Field>
            <Field
              label="The group is open when"
              hint={
                <>
                  Divert dialogs list open groups only (<HelpLink id="agent-data-access" />
                  ).
                </>
              }
            >
              <RadioGroup
                value={form.openRule}
                disabled={!writable}
                data-testid="sg-open-rule"
                onChange={(_, d) => set('openRule', d.value as Form['openRule'])}
              >
                <Radio value="logged_on" label="at least one agent is logged on" />
                <Radio value="ready" label="at least one agent is logged on and Ready" />
              </RadioGroup>
            </Field>
            <Checkbox
              checked={form.displayInDispatch}
              disabled={!writable}
              data-testid="sg-display-in-dispatch"
              label="Display in Dispatch (shown in agents' Dispatch window even with automatic routing)"
              onChange={(_, d) => set('displayInDispatch', d.checked === true)}
            />
          </div>
        </Section>

        <Section
          title="Personal calls"
          about={
            <>
              Only Voice – Manual Routing service groups route personal calls (<HelpLink id="personal-call-routing" />
              ).
            </>
          }
        >
          <Field
            validationMessage={fieldMessage(shown('personalCalls'), 'sg-personal-error')}
            hint={
              personalAllowed ? undefined : 'Available only when the media type is Voice and routing is Manual Routing.'
            }
          >
            <Checkbox
              checked={form.personalCalls}
              disabled={!writable || !personalAllowed}
              data-testid="sg-personal-calls"
              label="Personal Calls"
              onChange={(_, d) => set('personalCalls', d.checked === true)}
            />
          </Field>
          {form.personalCalls && (
            <MessageBar intent="info" data-testid="sg-preferred-agent">
              <MessageBarBody>
                Preferred agent routing is set automatically: the called number is compared to each agent's Personal
                Directory Number, and a match routes the call to that agent.
              </MessageBarBody>
            </MessageBar>
          )}
          <Field
            label="Maximum Wait Time for Personal Call (seconds)"
            hint="How long a personal call waits for a busy agent; without Dispatch it is also the ring timeout."
            validationMessage={fieldMessage(shown('maxWaitPersonalSec'), 'sg-maxwait-error')}
          >
            <Input
              className={s.narrow}
              inputMode="numeric"
              value={form.maxWaitPersonalSec}
              disabled={!writable || !form.personalCalls}
              data-testid="sg-max-wait"
              onChange={(_, d) => set('maxWaitPersonalSec', d.value)}
            />
          </Field>
        </Section>

        <Section
          title="Skills required"
          about="Agents holding any of these skills are skilled to serve the group (Dispatch window, Dispatch queue)."
        >
          <Field validationMessage={fieldMessage(shown('skillIds'), 'sg-skills-error')}>
            <Dropdown
              multiselect
              placeholder={lookups.data?.skills.length ? 'Choose skills' : 'No skills defined'}
              disabled={!writable}
              data-testid="sg-skills"
              selectedOptions={form.skillIds.map(String)}
              value={
                lookups.data?.skills
                  .filter((k) => form.skillIds.includes(k.id))
                  .map((k) => k.name)
                  .join(', ') ?? ''
              }
              onOptionSelect={(_, d) => set('skillIds', d.selectedOptions.map(Number))}
            >
              {lookups.data?.skills.map((k) => (
                <Option key={k.id} value={String(k.id)}>
                  {k.name}
                </Option>
              ))}
            </Dropdown>
          </Field>
          {form.skillIds.length === 0 && (
            <Text className={s.hint} data-testid="sg-no-skills">
              No skills: no agent is skilled to serve this group.
            </Text>
          )}
        </Section>

        {usesResponseFile && (
          <Section title="Response file" about="The replies agents of this e-mail, chat or SMS group can insert.">
            <div className={s.row}>
              <Field
                label="Response file"
                validationMessage={fieldMessage(shown('responseFileId'), 'sg-response-error')}
              >
                <Select
                  value={form.responseFileId === null ? '' : String(form.responseFileId)}
                  disabled={!writable}
                  data-testid="sg-response-file"
                  onChange={(_, d) => set('responseFileId', d.value === '' ? null : Number(d.value))}
                >
                  <option value="">(none)</option>
                  {lookups.data?.responseFiles.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.name}
                    </option>
                  ))}
                </Select>
              </Field>
              {responseFile && (
                <Link
                  data-testid="sg-open-response-file"
                  onClick={() => openResponseFileTab(responseFile.id, responseFile.name)}
                >
                  Open {responseFile.name}
                </Link>
              )}
            </div>
          </Section>
        )}

        <Section
          title="Outgoing caller ID"
          about={
            <>
              For outgoing service group calls, the selection and the change permission are set per service group (
              <HelpLink id="caller-id" />
              ).
            </>
          }
        >
          <div className={s.grid2}>
            <Field label="Caller ID" validationMessage={fieldMessage(shown('callerIdId'), 'sg-callerid-error')}>
              <Select
                value={form.callerIdId === null ? '' : String(form.callerIdId)}
                disabled={!writable}
                data-testid="sg-caller-id"
                onChange={(_, d) => set('callerIdId', d.value === '' ? null : Number(d.value))}
              >
                <option value="">(the agent's own number)</option>
                {lookups.data?.callerIds.map((c) => (
                  <option
                    key={c.id}
                    value={c.id}
                  >{`${c.name} — ${c.callerId}${c.isDefault ? ' (tenant default)' : ''}`}</option>
                ))}
              </Select>
            </Field>
            <Checkbox
              checked={form.agentsMayChangeCallerId}
              disabled={!writable}
              data-testid="sg-may-change"
              label="Agents may select a different caller ID"
              onChange={(_, d) => set('agentsMayChangeCallerId', d.checked === true)}
            />
          </div>
        </Section>
      </form>

      {base && (
        <Section title="Service accesses routed here">
          {base.accesses.length === 0 ? (
            <Text className={s.hint} data-testid="sg-no-accesses">
              No service access routes to this group
              {form.personalCalls
                ? ': personal calls cannot reach it (Configuring Personal Call Routing, step 5).'
                : '.'}
            </Text>
          ) : (
            <ul data-testid="sg-accesses">
              {base.accesses.map((a) => (
                <li key={a.id}>
                  {a.name} — BVD {a.bvdNumber}
                </li>
              ))}
            </ul>
          )}
        </Section>
      )}
      {base && (
        <Section title="Object tags">
          <ObjectTagValuesPanel objectType="serviceGroup" objectId={base.id} readOnly={!writable} />
        </Section>
      )}
      {base && (
        <Text className={s.hint}>
          Last saved by {base.updatedBy} · version {base.version}
        </Text>
      )}
    </Page>
  );
}
