import {
  ObjectTagDefinition,
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

/** The form's fields, as main names them in a refusal ("allow.serviceGroup"); for serverErrors. */
export const TAG_FIELDS: readonly TagField[] = [
  'name',
  'type',
  'allow.serviceAccess',
  'allow.serviceGroup',
  'allow.agent',
  'allow.dialedNumber',
];
