import { useId, useState } from 'react';
import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  mergeClasses,
  Radio,
  RadioGroup,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ErrorCircle12Filled, Save20Regular } from '@fluentui/react-icons';
import type { PasswordPolicy } from '../../../../../electron/contract';
import { useAuthStatus } from '../../../data/queries';
import { canWrite } from '../../../data/permissions';
import type { Tab } from '../../../shell/tabs/store';
import type { PasswordPolicyTabParams } from '../openSystemTab';
import { Page } from '../../../ui/Page';
import { QueryState } from '../../../ui/QueryState';
import { useDateFormat } from '../../../ui/useDateFormat';
import { ConflictBar } from '../../../ui/kit/ConflictBar';
import { resolveMerge, type MergePick, type ThreeWay } from '../../../ui/kit/merge';
import { fullLabel, POLICY_FIELDS, POLICY_LABELS, type PolicyField } from './policyForm';
import { usePolicyEditor } from './usePolicyEditor';

const useStyles = makeStyles({
  bars: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  form: {
    display: 'grid',
    gridTemplateColumns: 'max-content 96px max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    alignItems: 'center',
  },
  before: { textAlign: 'right' },
  after: { whiteSpace: 'nowrap' },
  number: { width: '96px' },
  numberInput: { textAlign: 'right' },
  state: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  message: {
    gridColumn: '2 / -1',
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    minHeight: '18px',
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground3,
  },
  error: { color: tokens.colorPaletteRedForeground1 },
  meta: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  pick: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    marginBottom: tokens.spacingVerticalM,
  },
  pickLabel: { fontWeight: tokens.fontWeightSemibold },
});

const fieldList = (fields: ReadonlyArray<keyof PasswordPolicy>) => fields.map((f) => `“${fullLabel(f)}”`).join(', ');

/** Both changed the same field: show both values, the user picks. */
function MergeDialog(props: {
  merge: ThreeWay<PasswordPolicy> | null;
  theirsBy: string;
  onApply(values: PasswordPolicy): void;
  onCancel(): void;
}) {
  const styles = useStyles();
  const [picks, setPicks] = useState<Partial<Record<PolicyField, MergePick>>>({});
  const m = props.merge;
  const resolved = m ? resolveMerge(m, picks) : null;
  return (
    <Dialog open={m !== null} modalType="modal" onOpenChange={(_, d) => !d.open && props.onCancel()}>
      <DialogSurface data-testid="policy-merge-dialog">
        <DialogBody>
          <DialogTitle>Merge your changes</DialogTitle>
          <DialogContent>
            <Text block className={styles.meta}>
              You and {props.theirsBy} both changed these settings. Choose which value to keep; everything else is
              merged.
            </Text>
            <br />
            {m?.conflicts.map((c) => (
              <div key={c.field} className={styles.pick}>
                <Text className={styles.pickLabel}>{fullLabel(c.field)}</Text>
                <RadioGroup
                  value={picks[c.field] ?? ''}
                  data-testid={`policy-merge-${c.field}`}
                  onChange={(_, d) => setPicks((p) => ({ ...p, [c.field]: d.value as MergePick }))}
                >
                  <Radio value="mine" label={`Yours: ${c.mine}`} />
                  <Radio value="theirs" label={`Saved by ${props.theirsBy}: ${c.theirs}`} />
                </RadioGroup>
                <Text className={styles.meta}>Was {c.base} when you started.</Text>
              </div>
            ))}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              disabled={!resolved}
              data-testid="policy-merge-apply"
              onClick={() => resolved && props.onApply(resolved)}
            >
              Merge
            </Button>
            <Button onClick={props.onCancel}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/** System › Password management: the working tenant's password rules (seed 001, Authentication tab). */
export function PolicyEditor({ tab }: { tab: Tab<PasswordPolicyTabParams> }) {
  const styles = useStyles();
  const idBase = useId();
  const formatDate = useDateFormat();
  const { tenantId, tenantName } = tab.params;
  const writable = canWrite(useAuthStatus().data?.user?.permissions, 'system');
  const editor = usePolicyEditor(tab.key, tenantId, writable);
  const [merging, setMerging] = useState<ThreeWay<PasswordPolicy> | null>(null);

  const { form, errors, conflict } = editor;
  const invalid = Object.keys(errors).length > 0;
  const theirsBy = conflict?.theirs?.updatedBy ?? 'someone else';

  const startMerge = () => {
    const m = conflict?.merge;
    if (!m) return;
    if (m.conflicts.length === 0) editor.applyMerge(m.merged);
    else setMerging(m);
  };

  return (
    <Page
      title="Password management"
      help="password-management"
      subtitle={`Logon rules for tenant “${tenantName}”. 0 turns a rule off.`}
      actions={
        form &&
        writable && (
          <Button
            appearance="primary"
            icon={<Save20Regular />}
            disabled={!editor.dirty || invalid || editor.busy}
            title="Save (Ctrl+S)"
            data-testid="policy-save"
            onClick={() => void editor.save()}
          >
            Save
          </Button>
        )
      }
    >
      <div className={styles.bars}>
        {!writable && (
          <MessageBar intent="info" data-testid="policy-readonly">
            <MessageBarBody>Read only: your user type grants read access to System, not read-write.</MessageBarBody>
          </MessageBar>
        )}
        {conflict && (
          <ConflictBar
            testId="policy"
            error={conflict.error}
            busy={editor.busy}
            onReload={() => void editor.reload()}
            onOverwrite={() => void editor.overwrite()}
            onMerge={conflict.merge ? startMerge : undefined}
          >
            {conflict.merge && (
              <Text block className={styles.meta} data-testid="policy-conflict-fields">
                You changed: {fieldList(conflict.merge.mineChanged) || 'nothing'}. {theirsBy} changed:{' '}
                {fieldList(conflict.merge.theirsChanged) || 'no values'}.
              </Text>
            )}
          </ConflictBar>
        )}
        {editor.mergedFrom && editor.dirty && (
          <MessageBar intent="info" layout="multiline" data-testid="policy-merged">
            <MessageBarBody>
              Merged with the changes saved by {editor.mergedFrom.updatedBy}. Check the values and save.
            </MessageBarBody>
          </MessageBar>
        )}
        {editor.failure && (
          <MessageBar intent="error" layout="multiline" data-testid="policy-failure">
            <MessageBarBody>
              <MessageBarTitle>Not saved</MessageBarTitle>
              {editor.failure.message}
            </MessageBarBody>
          </MessageBar>
        )}
        {editor.saved && !editor.dirty && (
          <MessageBar intent="success" data-testid="policy-saved">
            <MessageBarBody>Password management saved.</MessageBarBody>
          </MessageBar>
        )}
      </div>

      {!form ? (
        <QueryState isPending={!editor.loadError} error={editor.loadError} what="the password management settings" />
      ) : (
        <>
          <form
            className={styles.form}
            aria-label="Password management"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void editor.save();
            }}
          >
            {POLICY_FIELDS.map((field) => {
              const label = POLICY_LABELS[field];
              const id = `${idBase}-${field}`;
              const error = errors[field];
              const off = !error && form[field].trim() === '0';
              return (
                <div key={field} style={{ display: 'contents' }} data-testid={`policy-row-${field}`}>
                  <label htmlFor={id} className={styles.before}>
                    {label.before}
                  </label>
                  <Input
                    id={id}
                    className={styles.number}
                    input={{ className: styles.numberInput }}
                    inputMode="numeric"
                    value={form[field]}
                    disabled={!writable}
                    aria-label={fullLabel(field)}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={`${id}-msg`}
                    data-testid={`policy-${field}`}
                    onChange={(_, d) => editor.set(field, d.value)}
                  />
                  <span className={styles.after}>{label.after}</span>
                  <span className={styles.state}>
                    {off && (
                      <Badge appearance="tint" color="subtle" size="small" data-testid={`policy-${field}-off`}>
                        Off
                      </Badge>
                    )}
                  </span>
                  <div
                    id={`${id}-msg`}
                    className={mergeClasses(styles.message, error && styles.error)}
                    data-testid={error ? `policy-${field}-error` : undefined}
                  >
                    {error ? (
                      <>
                        <ErrorCircle12Filled aria-hidden="true" />
                        {error}
                      </>
                    ) : off ? (
                      `0 = off: ${label.off.charAt(0).toLowerCase()}${label.off.slice(1)}.`
                    ) : null}
                  </div>
                </div>
              );
            })}
          </form>
          {editor.base && (
            <Text className={styles.meta} data-testid="policy-meta">
              Last changed by {editor.base.updatedBy} at {formatDate(editor.base.updatedAt)} · version{' '}
              {editor.base.version}
            </Text>
          )}
        </>
      )}
      <MergeDialog
        key={merging ? 'open' : 'closed'}
        merge={merging}
        theirsBy={theirsBy}
        onCancel={() => setMerging(null)}
        onApply={(values) => {
          setMerging(null);
          editor.applyMerge(values);
        }}
      />
    </Page>
  );
}
