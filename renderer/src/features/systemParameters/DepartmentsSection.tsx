import { useState } from 'react';
import { Button, Field, Input, Tag, TagGroup, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Add20Regular, Delete20Regular } from '@fluentui/react-icons';
import { DEPARTMENT_NAME_MAX, type Department } from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import { AgentPicker, type PickedAgent } from '../../ui/kit/AgentPicker';
import { usePageStyles } from './ParamPage';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  dept: {
    display: 'grid',
    gridTemplateColumns: 'minmax(180px, 240px) minmax(0, 1fr) auto',
    gap: tokens.spacingHorizontalM,
    alignItems: 'start',
    padding: tokens.spacingVerticalS,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  members: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

const find = (search: string | undefined) =>
  unwrap(ccm.systemParameters.findDepartmentAgents({ search: search ?? '' }));

/**
 * DepartmentConfig.exe's departments on the Agent data access page: what Suppress Agents outside
 * Department goes by. An agent is in one department at most; picking one that is in another
 * department moves it (the page says so), rather than refusing.
 */
export function DepartmentsSection(props: {
  departments: Department[];
  /** Logon IDs and names of the saved departments' agents (from main). */
  known: readonly PickedAgent[];
  writable: boolean;
  errors: Partial<Record<string, string>>;
  onChange(next: Department[]): void;
}) {
  const s = usePageStyles();
  const c = useStyles();
  const [picked, setPicked] = useState<Map<number, PickedAgent>>(new Map());
  const [moved, setMoved] = useState<string | null>(null);
  const agent = (id: number) => picked.get(id) ?? props.known.find((a) => a.id === id);
  const { departments, writable } = props;
  const set = (i: number, d: Department) => props.onChange(departments.map((x, j) => (j === i ? d : x)));

  const add = (i: number, a: PickedAgent) => {
    setPicked((m) => new Map(m).set(a.id, a));
    const from = departments.findIndex((d, j) => j !== i && d.agentIds.includes(a.id));
    const other = from >= 0 ? departments[from]!.name : null;
    const here = departments[i]!.name;
    setMoved(
      other === null ? null : `${a.logonId} moved from “${other}” to “${here}”: an agent is in one department only.`,
    );
    props.onChange(
      departments.map((d, j) =>
        j === i
          ? { ...d, agentIds: d.agentIds.includes(a.id) ? d.agentIds : [...d.agentIds, a.id] }
          : { ...d, agentIds: d.agentIds.filter((id) => id !== a.id) },
      ),
    );
  };

  return (
    <div className={c.list} data-testid="sp-departments">
      <h3 className={s.section}>Departments</h3>
      <Text className={s.hint}>
        The departments DepartmentConfig.exe sets up. With Suppress Agents outside Department, Contacts and the Force
        dialog list only the agents of the agent’s own department; agents in no department see only each other. An agent
        is in one department at most.
      </Text>
      {moved && (
        <Text className={s.hint} data-testid="sp-departments-moved">
          {moved}
        </Text>
      )}
      {departments.length === 0 && (
        <Text className={s.hint} data-testid="sp-departments-empty">
          No departments yet.{writable ? ' Add one to group agents.' : ''}
        </Text>
      )}
      {departments.map((d, i) => (
        <div key={i} className={c.dept} data-testid={`sp-dept-${i}`}>
          <Field
            label="Department name"
            required
            {...(props.errors[`departments.${i}.name`]
              ? { validationState: 'error' as const, validationMessage: props.errors[`departments.${i}.name`] }
              : {})}
          >
            <Input
              value={d.name}
              maxLength={DEPARTMENT_NAME_MAX}
              disabled={!writable}
              onChange={(_, v) => set(i, { ...d, name: v.value })}
              data-testid={`sp-dept-${i}-name`}
            />
          </Field>
          <div className={c.members}>
            <Field
              label={`Agents (${d.agentIds.length})`}
              {...(props.errors[`departments.${i}.agentIds`]
                ? { validationState: 'error' as const, validationMessage: props.errors[`departments.${i}.agentIds`] }
                : {})}
            >
              {writable && (
                <AgentPicker
                  value={null}
                  scope="systemParameters.departments"
                  find={find}
                  clearOnPick
                  placeholder="Add an agent: Logon ID or name"
                  testId={`sp-dept-${i}-add`}
                  onChange={(a) => a && add(i, a)}
                />
              )}
            </Field>
            {d.agentIds.length > 0 && (
              <TagGroup
                aria-label={`Agents of ${d.name || `department ${i + 1}`}`}
                onDismiss={(_, { value }) =>
                  set(i, { ...d, agentIds: d.agentIds.filter((id) => String(id) !== value) })
                }
                data-testid={`sp-dept-${i}-agents`}
              >
                {d.agentIds.map((id) => {
                  const a = agent(id);
                  return (
                    <Tag
                      key={id}
                      value={String(id)}
                      size="small"
                      dismissible={writable}
                      dismissIcon={{ 'aria-label': `Remove ${a?.logonId ?? `user ${id}`}` }}
                      title={a?.name}
                    >
                      {a?.logonId ?? `user ${id}`}
                    </Tag>
                  );
                })}
              </TagGroup>
            )}
          </div>
          {writable && (
            <Button
              appearance="subtle"
              icon={<Delete20Regular />}
              aria-label={`Remove department ${d.name}`}
              title="Remove this department (its agents are then in none); Save to apply"
              onClick={() => props.onChange(departments.filter((_, j) => j !== i))}
              data-testid={`sp-dept-${i}-remove`}
            />
          )}
        </div>
      ))}
      {writable && (
        <div>
          <Button
            icon={<Add20Regular />}
            onClick={() => props.onChange([...departments, { name: '', agentIds: [] }])}
            data-testid="sp-departments-add"
          >
            Add department
          </Button>
        </div>
      )}
    </div>
  );
}
