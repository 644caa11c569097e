import { useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Dropdown,
  Field,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  Option,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from '@fluentui/react-components';
import { Edit16Regular } from '@fluentui/react-icons';
import { AgentDispatchFields, type CcmErrorShape, type DispatchAgentRow } from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import { fieldMessage } from '../../ui/fieldMessage';
import { QueryState } from '../../ui/QueryState';
import { useDebounced } from '../../ui/useDebounced';
import { openUserTab } from '../users';
import { dispatchKeys, errorFor, refreshDispatch, useLookups } from './data';
import { useFormStyles } from './Section';

const PAGE = 50;
type Editing = {
  row: DispatchAgentRow;
  directoryNumber: string;
  personalDefaultDestination: string;
  dispatchPrivilege: boolean;
  skills: Array<{ skillId: number; level: number }>;
};

/** Agents' part of dispatch: a server-side page (tenants hold up to 100,000 users). */
export function AgentsView(props: { writable: boolean }) {
  const s = useFormStyles();
  const queryClient = useQueryClient();
  const lookups = useLookups();
  const [search, setSearch] = useState('');
  const [skillId, setSkillId] = useState('');
  const [dispatchOnly, setDispatchOnly] = useState(false);
  const [offset, setOffset] = useState(0);
  const debounced = useDebounced(search, 250);
  const args = {
    offset,
    limit: PAGE,
    search: debounced.trim() || undefined,
    dispatchOnly: dispatchOnly || undefined,
    skillId: skillId ? Number(skillId) : undefined,
  };
  const q = useQuery({
    queryKey: dispatchKeys.agents(args),
    queryFn: () => unwrap(ccm.dispatch.agentsPage(args)),
    placeholderData: keepPreviousData,
  });
  const [editing, setEditing] = useState<Editing | null>(null);
  const [error, setError] = useState<CcmErrorShape | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const fields = editing
    ? {
        directoryNumber: editing.directoryNumber,
        personalDefaultDestination: editing.personalDefaultDestination,
        dispatchPrivilege: editing.dispatchPrivilege,
        skills: editing.skills,
      }
    : null;
  const parsed = fields ? AgentDispatchFields.safeParse(fields) : null;
  const issue = (f: string) =>
    parsed && !parsed.success ? parsed.error.issues.find((i) => i.path[0] === f)?.message : undefined;
  const save = async () => {
    if (!editing || !parsed?.success) return;
    const env = await ccm.dispatch.saveAgent({
      id: editing.row.id,
      expectedVersion: editing.row.version,
      fields: parsed.data,
    });
    if (!env.ok) return setError(env.error);
    setEditing(null);
    setNotice(`Saved ${env.value.logonId}.`);
    refreshDispatch(queryClient, 'cc_user');
  };
  const set = (patch: Partial<Editing>) => {
    setError(null);
    setEditing((e) => e && { ...e, ...patch });
  };
  const lic = q.data?.licences;
  const total = q.data?.total ?? 0;

  return (
    <>
      <div className={s.toolbar}>
        <Field label="Search">
          <Input
            className={s.medium}
            value={search}
            placeholder="Logon ID, name or Directory Number"
            data-testid="agents-search"
            onChange={(_, d) => {
              setSearch(d.value);
              setOffset(0);
            }}
          />
        </Field>
        <Field label="Skill">
          <Select
            value={skillId}
            data-testid="agents-skill"
            onChange={(_, d) => {
              setSkillId(d.value);
              setOffset(0);
            }}
          >
            <option value="">(any)</option>
            {lookups.data?.skills.map((k) => (
              <option key={k.id} value={k.id}>
                {k.name}
              </option>
            ))}
          </Select>
        </Field>
        <Checkbox
          checked={dispatchOnly}
          label="Dispatch privilege only"
          onChange={(_, d) => {
            setDispatchOnly(d.checked === true);
            setOffset(0);
          }}
        />
        <Text className={s.grow} />
        {lic && (
          <Text data-testid="agents-licences">
            Dispatch licences: {lic.used} used of {lic.pool === null ? 'no limit' : lic.pool}
          </Text>
        )}
      </div>
      {notice && (
        <MessageBar intent="success" data-testid="agents-notice">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      {!q.data ? (
        <QueryState isPending={q.isPending} error={q.error} what="the agents" />
      ) : q.data.rows.length === 0 ? (
        <Text className={s.muted}>No agents match.</Text>
      ) : (
        <Table size="small" aria-label="Agents" data-testid="agents-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Logon ID</TableHeaderCell>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Agent group</TableHeaderCell>
              <TableHeaderCell>Directory Number</TableHeaderCell>
              <TableHeaderCell>Personal default destination</TableHeaderCell>
              <TableHeaderCell>Dispatch</TableHeaderCell>
              <TableHeaderCell>Skills</TableHeaderCell>
              <TableHeaderCell />
            </TableRow>
          </TableHeader>
          <TableBody>
            {q.data.rows.map((r) => (
              <TableRow key={r.id} data-testid={`agent-row-${r.logonId}`}>
                <TableCell>
                  <Link onClick={() => openUserTab(r.id, r.logonId)}>{r.logonId}</Link>
                </TableCell>
                <TableCell>{r.name}</TableCell>
                <TableCell>{r.agentGroup}</TableCell>
                <TableCell>{r.directoryNumber ?? ''}</TableCell>
                <TableCell>{r.personalDefaultDestination ?? ''}</TableCell>
                <TableCell>{r.dispatchPrivilege ? 'Yes' : ''}</TableCell>
                <TableCell>{r.skills.map((k) => `${k.name} (${k.level})`).join(', ')}</TableCell>
                <TableCell>
                  {props.writable && (
                    <Button
                      size="small"
                      appearance="subtle"
                      icon={<Edit16Regular />}
                      aria-label={`Edit dispatch settings of ${r.logonId}`}
                      data-testid={`agent-edit-${r.logonId}`}
                      onClick={() => {
                        setError(null);
                        setEditing({
                          row: r,
                          directoryNumber: r.directoryNumber ?? '',
                          personalDefaultDestination: r.personalDefaultDestination ?? '',
                          dispatchPrivilege: r.dispatchPrivilege,
                          skills: r.skills.map((k) => ({ skillId: k.skillId, level: k.level })),
                        });
                      }}
                    />
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <div className={s.toolbar}>
        <Button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
          Previous
        </Button>
        <Button disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
          Next
        </Button>
        <Text data-testid="agents-range">
          {total === 0
            ? '0 agents'
            : `${offset + 1}–${Math.min(offset + PAGE, total)} of ${total.toLocaleString()} ` +
              `agent${total === 1 ? '' : 's'}`}
        </Text>
      </div>

      <Dialog open={editing !== null} onOpenChange={(_, d) => !d.open && setEditing(null)}>
        <DialogSurface>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <DialogBody>
              <DialogTitle>Dispatch settings of {editing?.row.logonId}</DialogTitle>
              <DialogContent style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
                {error && !errorFor(error, 'directoryNumber') && !errorFor(error, 'personalDefaultDestination') && (
                  <MessageBar intent="error" layout="multiline" data-testid="agent-error">
                    <MessageBarBody>{error.message}</MessageBarBody>
                  </MessageBar>
                )}
                <Field
                  label="Personal Directory Number"
                  hint="The agent's personal number; unique in the tenant."
                  validationMessage={fieldMessage(
                    issue('directoryNumber') ?? errorFor(error, 'directoryNumber'),
                    'agent-dn-error',
                  )}
                >
                  <Input
                    value={editing?.directoryNumber ?? ''}
                    data-testid="agent-dn"
                    onChange={(_, d) => set({ directoryNumber: d.value })}
                  />
                </Field>
                <Field
                  label="Default destination for personal calls"
                  validationMessage={fieldMessage(
                    issue('personalDefaultDestination') ?? errorFor(error, 'personalDefaultDestination'),
                    'agent-pdd-error',
                  )}
                >
                  <Input
                    value={editing?.personalDefaultDestination ?? ''}
                    data-testid="agent-pdd"
                    onChange={(_, d) => set({ personalDefaultDestination: d.value })}
                  />
                </Field>
                <Checkbox
                  checked={editing?.dispatchPrivilege ?? false}
                  data-testid="agent-dispatch"
                  label={
                    `Dispatch privilege (uses a ` +
                    `licence${lic ? `: ${lic.used} of ${lic.pool ?? 'unlimited'} in use` : ''})`
                  }
                  onChange={(_, d) => set({ dispatchPrivilege: d.checked === true })}
                />
                <Field label="Skills">
                  <Dropdown
                    multiselect
                    data-testid="agent-skills"
                    placeholder="No skills"
                    selectedOptions={editing?.skills.map((k) => String(k.skillId)) ?? []}
                    value={
                      lookups.data?.skills
                        .filter((k) => editing?.skills.some((x) => x.skillId === k.id))
                        .map((k) => k.name)
                        .join(', ') ?? ''
                    }
                    onOptionSelect={(_, d) =>
                      set({
                        skills: d.selectedOptions.map((id) => ({
                          skillId: Number(id),
                          level: editing?.skills.find((x) => x.skillId === Number(id))?.level ?? 1,
                        })),
                      })
                    }
                  >
                    {lookups.data?.skills.map((k) => (
                      <Option key={k.id} value={String(k.id)}>
                        {k.name}
                      </Option>
                    ))}
                  </Dropdown>
                </Field>
                {editing && editing.skills.length > 0 && (
                  <div className={s.row}>
                    {editing.skills.map((k, i) => {
                      const name = lookups.data?.skills.find((x) => x.id === k.skillId)?.name ?? `Skill ${k.skillId}`;
                      const bad =
                        parsed && !parsed.success
                          ? parsed.error.issues.find((x) => x.path[0] === 'skills' && x.path[1] === i)?.message
                          : undefined;
                      return (
                        <Field
                          key={k.skillId}
                          label={`${name} level`}
                          validationMessage={fieldMessage(bad, `agent-skill-${i}-error`)}
                        >
                          <Input
                            className={s.narrow}
                            inputMode="numeric"
                            value={String(k.level)}
                            data-testid={`agent-skill-level-${name}`}
                            onChange={(_, d) =>
                              set({
                                skills: editing.skills.map((x) =>
                                  x.skillId === k.skillId ? { ...x, level: Number(d.value) || 0 } : x,
                                ),
                              })
                            }
                          />
                        </Field>
                      );
                    })}
                  </div>
                )}
              </DialogContent>
              <DialogActions>
                <Button appearance="secondary" onClick={() => setEditing(null)}>
                  Cancel
                </Button>
                <Button appearance="primary" type="submit" disabled={!parsed?.success} data-testid="agent-save">
                  Save
                </Button>
              </DialogActions>
            </DialogBody>
          </form>
        </DialogSurface>
      </Dialog>
    </>
  );
}
