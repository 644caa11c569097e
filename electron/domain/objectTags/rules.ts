import {
  MAX_OBJECT_TAGS_PER_TENANT,
  OBJECT_TAG_TYPE_LABEL,
  TAGGABLE_OBJECT_LABEL,
  type ObjectTagType,
  type TaggableObjectType,
} from '../../contract';

/** How many names a refusal lists before "and N more". */
export const NAMES_IN_MESSAGE = 10;

/** "A, B, C and 4 more" — the names a message shows, the rest counted. */
export function listNames(names: readonly string[], total = names.length, max = NAMES_IN_MESSAGE): string {
  const shown = names.slice(0, max).map((n) => `“${n}”`);
  const rest = total - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

const count = (n: number, t: TaggableObjectType) =>
  `${n} ${n === 1 ? TAGGABLE_OBJECT_LABEL[t].one : TAGGABLE_OBJECT_LABEL[t].many}`;

/** "Up to 50 object tags are permitted per tenant." Null when one more may be created. */
export function tagLimitRefusal(existing: number): string | null {
  if (existing < MAX_OBJECT_TAGS_PER_TENANT) return null;
  return (
    `This tenant already has ${existing} object tags: up to ${MAX_OBJECT_TAGS_PER_TENANT} object tags are ` +
    `permitted per tenant. Delete one before creating another.`
  );
}

/** "The same tenant cannot have identifiers with the same name and type." */
export const duplicateTagMessage = (name: string, type: ObjectTagType) =>
  `Name: this tenant already has an object tag named “${name}” of type ${OBJECT_TAG_TYPE_LABEL[type]}; the same name ` +
  `and type cannot be defined twice.`;

/**
 * "If an object tag is already assigned to an object type, that object type cannot be
 * unchecked until the object is unassigned from the object tag." Says how many and which.
 */
export function uncheckRefusal(
  tagName: string,
  t: TaggableObjectType,
  total: number,
  names: readonly string[],
): string {
  return (
    `Allow Object Tag for ${TAGGABLE_OBJECT_LABEL[t].many} cannot be unchecked: “${tagName}” is assigned to ` +
    `${count(total, t)} (${listNames(names, total)}). Unassign ${total === 1 ? 'it' : 'them'} first.`
  );
}

/** A tag's type decides what its Data means; changing it would leave every assignment's Data meaning something else. */
export function typeChangeRefusal(tagName: string, total: number): string {
  return (
    `Type cannot be changed while “${tagName}” is assigned to ${total} ${total === 1 ? 'object' : 'objects'}: ` +
    `their Data would no longer match the type. Unassign them first, or create a new tag.`
  );
}

export const notAllowedMessage = (tagName: string, t: TaggableObjectType) =>
  `“${tagName}” cannot be assigned to ${TAGGABLE_OBJECT_LABEL[t].many}: its Allow Object Tag for ` +
  `${TAGGABLE_OBJECT_LABEL[t].many} box is unchecked.`;

export const duplicateDialedNumberMessage = (n: string) =>
  `Number: “${n}” is already a dialed number of this tenant; dialed numbers must be unique within a tenant.`;

/** Escapes a user's search text for a LIKE pattern with `escape '\'`. */
export const likePattern = (search: string) => `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
