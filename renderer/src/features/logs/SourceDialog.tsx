import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Checkbox,
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
  MessageBarTitle,
  Spinner,
  Switch,
  tokens,
} from '@fluentui/react-components';
import type { CcmErrorShape } from '../../../../electron/contract';
import { ccm } from '../../api/client';
import { serverErrors, useCommand } from '../../ui/kit';
import { fieldMessage } from '../../ui/fieldMessage';
import { applySources, logsKeys } from './data';
import { parseSourceForm, SOURCE_FIELDS, type SourceErrors, type SourceField, type SourceForm } from './sourceForm';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, '& > *': { flexGrow: 1 } },
  port: { maxWidth: '120px', flexGrow: 0 },
  colourRow: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  colour: {
    width: '44px',
    height: '28px',
    padding: 0,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    cursor: 'pointer',
    backgroundColor: 'transparent',
  },
});

/**
 * Add or edit a source: a TCP log stream (host, port) or a local file to follow (its path on the
 * machine main runs on). Checked with the contract's schema; main's refusal goes under the field
 * it names. Saves with the sources' version: a CONFLICT reloads them and says so.
 */
export function SourceDialog(props: {
  initial: SourceForm | null;
  isNew: boolean;
  version: number;
  autoColour?: string;
  onClose: () => void;
}) {
  const { initial } = props;
  return (
    <Dialog open={initial !== null} onOpenChange={(_, d) => !d.open && props.onClose()}>
      {initial ? <SourceDialogBody key={initial.id} {...props} initial={initial} /> : <></>}
    </Dialog>
  );
}

function SourceDialogBody(props: {
  initial: SourceForm;
  isNew: boolean;
  version: number;
  autoColour?: string;
  onClose: () => void;
}) {
  const styles = useStyles();
  const queryClient = useQueryClient();
  const [form, setForm] = useState(props.initial);
  const [errors, setErrors] = useState<SourceErrors>({});
  const [general, setGeneral] = useState<CcmErrorShape | null>(null);
  const tcp = form.kind === 'tcp';
  const set = <K extends keyof SourceForm>(k: K, v: SourceForm[K]) => setForm((f) => ({ ...f, [k]: v }));

  const saveCommand = useCommand(
    (source: Parameters<typeof ccm.logs.saveSource>[0]['source']) =>
      ccm.logs.saveSource({ expectedVersion: props.version, source }),
    {
      onSuccess: (sources) => {
        applySources(queryClient, sources);
        props.onClose();
      },
      onError: (error) => {
        if (error.code === 'CONFLICT') void queryClient.invalidateQueries({ queryKey: logsKeys.sources });
        const placed = serverErrors(error, { fields: SOURCE_FIELDS, lastSegment: true });
        setErrors(placed.fields);
        setGeneral(placed.message !== undefined ? error : null);
      },
    },
  );
  const saving = saveCommand.busy;

  const save = async () => {
    const parsed = parseSourceForm(form);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors({});
    setGeneral(null);
    await saveCommand.run(parsed.value);
  };

  const field = (name: SourceField, label: string, hint?: string) => ({
    label,
    hint,
    validationState: errors[name] ? ('error' as const) : ('none' as const),
    validationMessage: fieldMessage(errors[name], `source-${name}-error`),
  });

  const title = props.isNew ? (tcp ? 'Add TCP source' : 'Follow a file') : `Edit ${props.initial.name}`;
  return (
    <DialogSurface data-testid="source-dialog" aria-describedby={undefined}>
      <DialogBody>
        <DialogTitle>{title}</DialogTitle>
        <DialogContent>
          <form
            className={styles.form}
            id="source-form"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            {general && (
              <MessageBar intent="error" data-testid="source-error">
                <MessageBarBody>
                  <MessageBarTitle>
                    {general.code === 'CONFLICT' ? 'Changed by someone else' : 'Not saved'}
                  </MessageBarTitle>
                  {general.code === 'CONFLICT'
                    ? 'The sources were changed meanwhile and are reloaded; save again to apply yours.'
                    : general.message}
                </MessageBarBody>
              </MessageBar>
            )}
            <Field {...field('name', 'Name')} required>
              <Input value={form.name} data-testid="source-name" onChange={(_, d) => set('name', d.value)} autoFocus />
            </Field>
            {tcp ? (
              <div className={styles.row}>
                <Field {...field('host', 'Host')} required>
                  <Input value={form.host} data-testid="source-host" onChange={(_, d) => set('host', d.value)} />
                </Field>
                <Field {...field('port', 'Port')} required className={styles.port}>
                  <Input
                    value={form.port}
                    inputMode="numeric"
                    data-testid="source-port"
                    onChange={(_, d) => set('port', d.value)}
                  />
                </Field>
              </div>
            ) : (
              <Field
                {...field(
                  'path',
                  'File',
                  'The path on the machine the console runs on, inside one of the allowed folders, e.g. ' +
                    'C:\\Program Files (x86)\\…\\Services\\Bin\\Log\\UserSync.csv',
                )}
                required
              >
                <Input value={form.path} data-testid="source-path" onChange={(_, d) => set('path', d.value)} />
              </Field>
            )}
            <Field
              {...field(
                'component',
                'Component',
                'Shown for lines that do not name theirs, e.g. cs.exe or Router Service',
              )}
            >
              <Input
                value={form.component}
                data-testid="source-component"
                onChange={(_, d) => set('component', d.value)}
              />
            </Field>
            <Field {...field('colour', 'Colour')}>
              <div className={styles.colourRow}>
                <input
                  type="color"
                  className={styles.colour}
                  aria-label="Colour"
                  value={form.colour || props.autoColour || '#3b82f6'}
                  disabled={!form.colour}
                  data-testid="source-colour"
                  onChange={(e) => set('colour', e.target.value)}
                />
                <Checkbox
                  label="Automatic"
                  checked={!form.colour}
                  data-testid="source-colour-auto"
                  onChange={(_, d) => set('colour', d.checked ? '' : props.autoColour || '#3b82f6')}
                />
              </div>
            </Field>
            <Switch
              label={tcp ? 'Enabled (connect now)' : 'Enabled (follow now)'}
              checked={form.enabled}
              data-testid="source-enabled"
              onChange={(_, d) => set('enabled', d.checked)}
            />
          </form>
        </DialogContent>
        <DialogActions>
          <Button
            appearance="primary"
            disabled={saving}
            icon={saving ? <Spinner size="tiny" /> : undefined}
            data-testid="source-save"
            onClick={() => void save()}
          >
            Save
          </Button>
          <Button disabled={saving} data-testid="source-cancel" onClick={props.onClose}>
            Cancel
          </Button>
        </DialogActions>
      </DialogBody>
    </DialogSurface>
  );
}
