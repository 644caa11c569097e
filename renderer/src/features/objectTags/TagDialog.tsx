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
  Select,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import {
  OBJECT_TAG_TYPE_LABEL,
  ObjectTagType,
  TAGGABLE_OBJECT_LABEL,
  type ObjectTagRow,
  type ObjectTagDefinition,
  type TaggableObjectType,
} from '../../../../electron/contract';
import { ccm } from '../../api/client';
import { fieldMessage } from '../../ui/fieldMessage';
import { refreshObjectTags } from './data';
import { checkTagForm, EMPTY_TAG_FORM, formOf, TAG_FIELDS, type TagField, type TagForm } from './tagForm';
import { serverErrors, useCommand } from '../../ui/kit';

const useStyles = makeStyles({
  surface: { width: '520px', maxWidth: 'calc(100vw - 48px)' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  allow: { display: 'flex', flexDirection: 'column' },
  muted: { color: tokens.colorNeutralForeground3 },
});

const TAGGABLE: readonly TaggableObjectType[] = ['serviceAccess', 'serviceGroup', 'agent', 'dialedNumber'];

/** New / edit object tag: name, type and the Allow Object Tag for boxes. */
export function TagDialog(props: {
  open: boolean;
  tag: ObjectTagRow | null;
  readOnly?: boolean;
  onClose(saved?: ObjectTagRow): void;
}) {
  const styles = useStyles();
  return (
    <Dialog open={props.open} modalType="modal" onOpenChange={(_, d) => !d.open && props.onClose()}>
      <DialogSurface className={styles.surface} data-testid="ot-tag-dialog">
        {props.open && <TagEditor tag={props.tag} readOnly={props.readOnly ?? false} onClose={props.onClose} />}
      </DialogSurface>
    </Dialog>
  );
}

function TagEditor(props: { tag: ObjectTagRow | null; readOnly: boolean; onClose(saved?: ObjectTagRow): void }) {
  const styles = useStyles();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<TagForm>(props.tag ? formOf(props.tag) : EMPTY_TAG_FORM);
  const [errors, setErrors] = useState<Partial<Record<TagField, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const tag = props.tag;
  const saveCmd = useCommand(
    (value: ObjectTagDefinition) =>
      tag
        ? ccm.objectTags.update({ ...value, id: tag.id, expectedVersion: tag.version })
        : ccm.objectTags.create(value),
    {
      onSuccess: (saved) => {
        refreshObjectTags(queryClient);
        props.onClose(saved);
      },
      onError: (error) => {
        const placed = serverErrors(error, { fields: TAG_FIELDS });
        if (placed.message === undefined) setErrors(placed.fields);
        else setGeneral(placed.message);
      },
    },
  );
  const saving = saveCmd.busy;
  const total = tag ? TAGGABLE.reduce((n, t) => n + tag.assigned[t], 0) : 0;

  const save = async () => {
    const checked = checkTagForm(form);
    setGeneral(null);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    await saveCmd.run(checked.value);
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <DialogBody>
        <DialogTitle>{tag ? `Object tag “${tag.name}”` : 'New object tag'}</DialogTitle>
        <DialogContent className={styles.content}>
          {general && (
            <MessageBar intent="error" data-testid="ot-tag-error">
              <MessageBarBody>{general}</MessageBarBody>
            </MessageBar>
          )}
          <Field label="Name" required validationMessage={fieldMessage(errors.name, 'ot-tag-name-error')}>
            <Input
              value={form.name}
              readOnly={props.readOnly}
              autoFocus
              maxLength={120}
              data-testid="ot-tag-name"
              onChange={(_, d) => setForm({ ...form, name: d.value })}
            />
          </Field>
          <Field
            label="Type"
            hint={
              tag && total > 0
                ? `Assigned to ${total} ${total === 1 ? 'object' : 'objects'}: the type cannot change while it is ` +
                  `assigned.`
                : 'What the Data of each assignment is.'
            }
            validationMessage={fieldMessage(errors.type, 'ot-tag-type-error')}
          >
            <Select
              value={form.type}
              disabled={props.readOnly}
              data-testid="ot-tag-type"
              onChange={(_, d) => setForm({ ...form, type: ObjectTagType.parse(d.value) })}
            >
              {ObjectTagType.options.map((t) => (
                <option key={t} value={t}>
                  {OBJECT_TAG_TYPE_LABEL[t]}
                </option>
              ))}
            </Select>
          </Field>
          <fieldset style={{ border: 'none', margin: 0, padding: 0 }}>
            <legend>
              <Text weight="semibold">Allow Object Tag for</Text>
            </legend>
            <div className={styles.allow}>
              {TAGGABLE.map((t) => {
                const assigned = tag?.assigned[t] ?? 0;
                const key = `allow.${t}` as const;
                return (
                  <Field key={t} validationMessage={fieldMessage(errors[key], `ot-tag-allow-${t}-error`)}>
                    <Checkbox
                      checked={form.allow[t]}
                      disabled={props.readOnly}
                      data-testid={`ot-tag-allow-${t}`}
                      label={
                        <>
                          {TAGGABLE_OBJECT_LABEL[t].title === 'Service Access'
                            ? 'Service Accesses'
                            : `${TAGGABLE_OBJECT_LABEL[t].title}s`}
                          {assigned > 0 && <span className={styles.muted}>{` — ${assigned} assigned`}</span>}
                        </>
                      }
                      onChange={(_, d) => setForm({ ...form, allow: { ...form.allow, [t]: d.checked === true } })}
                    />
                  </Field>
                );
              })}
            </div>
          </fieldset>
        </DialogContent>
        <DialogActions>
          {!props.readOnly && (
            <Button
              appearance="primary"
              type="submit"
              disabled={saving}
              icon={saving ? <Spinner size="tiny" /> : undefined}
              data-testid="ot-tag-save"
            >
              {tag ? 'Save' : 'Create'}
            </Button>
          )}
          <Button onClick={() => props.onClose()} data-testid="ot-tag-cancel">
            {props.readOnly ? 'Close' : 'Cancel'}
          </Button>
        </DialogActions>
      </DialogBody>
    </form>
  );
}
