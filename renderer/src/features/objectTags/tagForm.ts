import {
  ObjectTagDefinition,
  type CcmErrorShape,
  type ObjectTagAllow,
  type ObjectTagRow,
  type ObjectTagType,
  type TaggableObjectType,
} from '../../../../electron/contract';

/** The tag editor's working copy. */
export interface TagForm {
  name: string;
  type: ObjectTagType;
  allow: ObjectTagAllow;
}

export type TagField = 'name' | 'type' | `allow.${TaggableObjectType}`;

export const EMPTY_TAG_FORM: TagForm = {
  name: '',
  type: 'text',
  allow: { serviceAccess: false, serviceGroup: false, agent: false, dialedNumber: false },
};

export const formOf = (row: ObjectTagRow): TagForm => ({ name: row.name, type: row.type, allow: { ...row.allow } });

/** Checks the form with the contract's own schema; errors by field. */
export function checkTagForm(
  f: TagForm,
): { ok: true; value: ObjectTagDefinition } | { ok: false; errors: Partial<Record<TagField, string>> } {
  const parsed = ObjectTagDefinition.safeParse(f);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: Partial<Record<TagField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.join('.') as TagField;
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

const FIELDS: readonly string[] = [
  'name',
  'type',
  'allow.serviceAccess',
  'allow.serviceGroup',
  'allow.agent',
  'allow.dialedNumber',
];

/** Main's answer under the field it names ("name", "type", "allow.serviceGroup"), else above the form. */
export function placeTagError(error: CcmErrorShape | null): { field: TagField | null; message: string } | null {
  if (!error) return null;
  return {
    field: error.field && FIELDS.includes(error.field) ? (error.field as TagField) : null,
    message: error.message,
  };
}

export const isDirty = (f: TagForm, base: TagForm) => JSON.stringify(f) !== JSON.stringify(base);
