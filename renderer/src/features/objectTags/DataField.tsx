import { Field, Input } from '@fluentui/react-components';
import {
  MAX_OBJECT_TAG_VALUE,
  OBJECT_TAG_TYPE_LABEL,
  objectTagDataType,
  type ObjectTagType,
} from '../../../../electron/contract';
import { fieldMessage } from '../../ui/fieldMessage';
import { ObjectPicker } from './ObjectPicker';

/**
 * The Data field of an assignment, following the tag's type (seed 001, OBJECT TAGS): for
 * Agent / Service Group / Service Access / Scheduler / Play message tags a choice among those
 * defined objects (stored as the object's ID); for Number a number; for Text a text of at most
 * 100 characters.
 */
export function DataField(props: {
  tagType: ObjectTagType;
  value: string;
  onChange(value: string): void;
  error?: string;
  disabled?: boolean;
  testId: string;
  label?: string;
}) {
  const dataType = objectTagDataType(props.tagType);
  const hint =
    props.tagType === 'number'
      ? 'A number.'
      : props.tagType === 'text'
        ? `${props.value.length}/${MAX_OBJECT_TAG_VALUE} characters.`
        : `A defined ${OBJECT_TAG_TYPE_LABEL[props.tagType].toLowerCase()}; stored as its ID.`;
  return (
    <Field
      label={props.label ?? 'Data'}
      required
      hint={hint}
      validationMessage={fieldMessage(props.error, `${props.testId}-error`)}
    >
      {dataType ? (
        <ObjectPicker
          objectType={dataType}
          value={/^\d+$/.test(props.value) ? Number(props.value) : null}
          onChange={(id) => props.onChange(id === null ? '' : String(id))}
          disabled={props.disabled}
          testId={props.testId}
          aria-label={props.label ?? 'Data'}
        />
      ) : (
        <Input
          value={props.value}
          disabled={props.disabled}
          inputMode={props.tagType === 'number' ? 'decimal' : 'text'}
          data-testid={props.testId}
          onChange={(_, d) => props.onChange(d.value)}
        />
      )}
    </Field>
  );
}
