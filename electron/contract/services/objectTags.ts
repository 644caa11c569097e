import { z } from 'zod';
import { method, service } from '../define';
import { canRead, canWrite } from '../permissions';

/**
 * Object tags (seed 001, OBJECT TAGS): the tenant's tags, their assignments to service
 * accesses, service groups, agents and dialed numbers, the dialed numbers themselves, and the
 * Lookup a Script Manager script would do. Object types travel as names here; main stores the
 * seed's codes (service group 0x0200, service access 0x0400, agent 0x1000, dialed number
 * 0x100000) and answers them too where a script's view is wanted (lookup).
 */

export const TaggableObjectType = z.enum(['serviceAccess', 'serviceGroup', 'agent', 'dialedNumber']);
export type TaggableObjectType = z.infer<typeof TaggableObjectType>;

export const ObjectTagType = z.enum([
  'number',
  'text',
  'serviceAccess',
  'serviceGroup',
  'scheduler',
  'agent',
  'playMessage',
]);
export type ObjectTagType = z.infer<typeof ObjectTagType>;

/** Kinds of object a picker can search: the taggable objects and the objects a tag's Data can name. */
export const PickableObjectType = z.enum([
  'serviceAccess',
  'serviceGroup',
  'agent',
  'dialedNumber',
  'scheduler',
  'playMessage',
]);
export type PickableObjectType = z.infer<typeof PickableObjectType>;

/** "Up to 50 object tags are permitted per tenant." */
export const MAX_OBJECT_TAGS_PER_TENANT = 50;
/** object_tag.name and object_tag_mapping.object_tag_value are varchar(100). */
export const MAX_OBJECT_TAG_NAME = 100;
export const MAX_OBJECT_TAG_VALUE = 100;
/** "The number field can contain any character and may be up to 50 characters long." */
export const MAX_DIALED_NUMBER_LENGTH = 50;
/** A tag may be assigned to 100,000 agents; the dialog lists this many of one category at a time. */
export const MAX_ASSIGNMENTS_LISTED = 2000;

export const OBJECT_TAG_TYPE_LABEL: Record<ObjectTagType, string> = {
  number: 'Number',
  text: 'Text',
  serviceAccess: 'Service Access',
  serviceGroup: 'Service Group',
  scheduler: 'Scheduler',
  agent: 'Agent',
  playMessage: 'Play message',
};

export const TAGGABLE_OBJECT_LABEL: Record<TaggableObjectType, { one: string; many: string; title: string }> = {
  serviceAccess: { one: 'service access', many: 'service accesses', title: 'Service Access' },
  serviceGroup: { one: 'service group', many: 'service groups', title: 'Service Group' },
  agent: { one: 'agent', many: 'agents', title: 'Agent' },
  dialedNumber: { one: 'dialed number', many: 'dialed numbers', title: 'Dialed Number' },
};

/**
 * Tag types whose Data is the ID of a defined object ("For service access, service group, scheduler, agent and play
 * message objects, it is the object ID").
 */
export const objectTagDataType = (t: ObjectTagType): Exclude<PickableObjectType, 'dialedNumber'> | null =>
  t === 'number' || t === 'text' ? null : t;

const NUMBER = /^[+-]?\d+(\.\d+)?$/;

/**
 * The Data field's rule by tag type, shared by main (which decides) and the editors (which
 * say it as the user types): Number → a number is required; Text → a value of at most 100
 * characters is required ("a value must be entered in the Data field"); object types → the
 * ID of a defined object (main checks that it exists in the tenant). Answers the value as it
 * is stored (varchar(100)) or the reason it is refused.
 */
export function checkObjectTagValue(
  type: ObjectTagType,
  raw: string | number | null | undefined,
): { ok: true; value: string } | { ok: false; message: string } {
  const text = raw === null || raw === undefined ? '' : typeof raw === 'number' ? String(raw) : raw;
  const label = OBJECT_TAG_TYPE_LABEL[type];
  if (type === 'text') {
    if (text.trim() === '') return { ok: false, message: 'Data is required: enter the text value for this Text tag.' };
    if (text.length > MAX_OBJECT_TAG_VALUE)
      return {
        ok: false,
        message: `Data is at most ${MAX_OBJECT_TAG_VALUE} characters for a Text tag (this is ${text.length}).`,
      };
    return { ok: true, value: text };
  }
  const t = text.trim();
  if (type === 'number') {
    if (t === '') return { ok: false, message: 'Data is required: enter a number for this Number tag.' };
    if (!NUMBER.test(t) || t.length > MAX_OBJECT_TAG_VALUE)
      return { ok: false, message: `Data must be a number for a Number tag (“${t.slice(0, 40)}” is not).` };
    return { ok: true, value: t };
  }
  if (t === '') return { ok: false, message: `Data is required: choose the ${label.toLowerCase()} this tag names.` };
  if (!/^\d{1,10}$/.test(t) || Number(t) < 1 || Number(t) > 2_147_483_647)
    return { ok: false, message: `Data must be the ID of a defined ${label.toLowerCase()}.` };
  return { ok: true, value: String(Number(t)) };
}

const Id = z.number().int().min(1).max(2_147_483_647);
const TagName = z
  .string()
  .trim()
  .min(1, 'Name is required')
  .max(MAX_OBJECT_TAG_NAME, `Name is at most ${MAX_OBJECT_TAG_NAME} characters`);
const DialedNumberText = z
  .string()
  .trim()
  .min(1, 'Number is required')
  .max(MAX_DIALED_NUMBER_LENGTH, `Number is at most ${MAX_DIALED_NUMBER_LENGTH} characters`);
const Value = z.union([z.string().max(1000), z.number()]);

export const ObjectTagAllow = z.object({
  serviceAccess: z.boolean(),
  serviceGroup: z.boolean(),
  agent: z.boolean(),
  dialedNumber: z.boolean(),
});
export type ObjectTagAllow = z.infer<typeof ObjectTagAllow>;

const Counts = z.object({
  serviceAccess: z.number().int(),
  serviceGroup: z.number().int(),
  agent: z.number().int(),
  dialedNumber: z.number().int(),
});

export const ObjectTagRow = z.object({
  id: z.number().int(),
  version: z.number().int(),
  name: z.string(),
  type: ObjectTagType,
  /** object_tag.type as stored. */
  typeCode: z.number().int(),
  allow: ObjectTagAllow,
  /** Assignments per object type. */
  assigned: Counts,
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type ObjectTagRow = z.infer<typeof ObjectTagRow>;

export const ObjectTagDefinition = z.object({ name: TagName, type: ObjectTagType, allow: ObjectTagAllow });
export type ObjectTagDefinition = z.infer<typeof ObjectTagDefinition>;

export const ObjectTagAssignment = z.object({
  tagId: z.number().int(),
  objectType: TaggableObjectType,
  objectId: z.number().int(),
  /** The object's name (a dialed number's number; an agent's name and Logon ID). */
  objectName: z.string(),
  /** object_tag_mapping.object_tag_value as stored. */
  value: z.string(),
  /** For object-valued tags, the named object (null when it no longer exists); else the value. */
  valueLabel: z.string().nullable(),
});
export type ObjectTagAssignment = z.infer<typeof ObjectTagAssignment>;

/** What deleting a tag or a dialed number takes with it. */
export const ObjectTagUsage = z.object({
  total: z.number().int(),
  groups: z.array(z.object({ label: z.string(), count: z.number().int(), names: z.array(z.string()) })),
});
export type ObjectTagUsage = z.infer<typeof ObjectTagUsage>;

export const ObjectTagValue = z.object({
  tagId: z.number().int(),
  name: z.string(),
  type: ObjectTagType,
  /** This object's value (null when unassigned). */
  value: z.string().nullable(),
  valueLabel: z.string().nullable(),
});
export type ObjectTagValue = z.infer<typeof ObjectTagValue>;

export const ObjectTagPick = z.object({ id: z.number().int(), name: z.string(), detail: z.string().nullable() });
export type ObjectTagPick = z.infer<typeof ObjectTagPick>;

export const ObjectTagDialedNumber = z.object({
  id: z.number().int(),
  version: z.number().int(),
  number: z.string(),
  assignments: z.number().int(),
});
export type ObjectTagDialedNumber = z.infer<typeof ObjectTagDialedNumber>;

/** One object_tag_mapping row joined with its object_tag, as a script reading the tables sees it. */
export const ObjectTagLookupRow = z.object({
  objectTagId: z.number().int(),
  name: z.string(),
  type: ObjectTagType,
  typeCode: z.number().int(),
  objectType: TaggableObjectType,
  objectTypeCode: z.number().int(),
  objectId: z.number().int(),
  objectTagValue: z.string(),
  valueLabel: z.string().nullable(),
});
export type ObjectTagLookupRow = z.infer<typeof ObjectTagLookupRow>;

const ObjectRef = z.object({ objectType: TaggableObjectType, objectId: Id });

export const objectTagsService = service({
  methods: {
    list: method({
      args: z.object({}),
      result: z.object({ tags: z.array(ObjectTagRow), max: z.number().int() }),
      permission: canRead('objectTags'),
      summary: 'The tenant’s object tags with their Allow flags and assignment counts',
    }),
    create: method({
      args: ObjectTagDefinition,
      result: ObjectTagRow,
      permission: canWrite('objectTags'),
      summary: 'Define an object tag (at most 50 per tenant; name and type unique in the tenant)',
    }),
    update: method({
      args: ObjectTagDefinition.extend({ id: Id, expectedVersion: z.number().int() }),
      result: ObjectTagRow,
      permission: canWrite('objectTags'),
      summary: 'Change an object tag (an Allow box cannot be unchecked while objects of that type are assigned)',
    }),
    usage: method({
      args: z.object({ id: Id }),
      result: ObjectTagUsage,
      permission: canRead('objectTags'),
      summary: 'The assignments deleting the object tag would remove',
    }),
    remove: method({
      args: z.object({ id: Id, expectedVersion: z.number().int(), expectedAssignments: z.number().int().min(0) }),
      result: z.object({ removedAssignments: z.number().int() }),
      permission: canWrite('objectTags'),
      summary:
        'Delete an object tag and its assignments in one transaction (refused when they changed since confirmed)',
    }),
    assignments: method({
      args: z.object({
        tagId: Id,
        objectType: TaggableObjectType.optional(),
        limit: z.number().int().min(1).max(MAX_ASSIGNMENTS_LISTED).default(MAX_ASSIGNMENTS_LISTED),
      }),
      result: z.object({ total: z.number().int(), rows: z.array(ObjectTagAssignment) }),
      permission: canRead('objectTags'),
      summary:
        'The objects assigned to the tag with their Data (all of them up to the limit; total says how many there are)',
    }),
    forObject: method({
      args: ObjectRef,
      result: z.array(ObjectTagValue),
      permission: canRead('objectTags'),
      summary: 'Every object tag enabled for the object’s type, with this object’s value (null when unassigned)',
    }),
    assign: method({
      args: ObjectRef.extend({ tagId: Id, value: Value }),
      result: ObjectTagAssignment,
      permission: canWrite('objectTags'),
      summary:
        'Assign the tag to the object with its Data, or change the Data (one assignment per tag, object type and ' +
        'object)',
    }),
    unassign: method({
      args: ObjectRef.extend({ tagId: Id }),
      result: z.object({ removed: z.boolean() }),
      permission: canWrite('objectTags'),
      summary: 'Remove the tag from the object',
    }),
    searchObjects: method({
      args: z.object({
        objectType: PickableObjectType,
        search: z.string().max(100).default(''),
        limit: z.number().int().min(1).max(100).default(50),
      }),
      result: z.object({ rows: z.array(ObjectTagPick), more: z.boolean() }),
      permission: canRead('objectTags'),
      summary: 'Objects of the tenant for a picker, found by name in the database',
    }),
    getObject: method({
      args: z.object({ objectType: PickableObjectType, id: Id }),
      result: ObjectTagPick.nullable(),
      permission: canRead('objectTags'),
      summary: 'One object of the tenant by ID (null when it does not exist there)',
    }),
    dialedNumbers: method({
      args: z.object({}),
      result: z.array(ObjectTagDialedNumber),
      permission: canRead('objectTags'),
      summary: 'The tenant’s dialed numbers with their assignment counts',
    }),
    addDialedNumber: method({
      args: z.object({ number: DialedNumberText }),
      result: ObjectTagDialedNumber,
      permission: canWrite('objectTags'),
      summary: 'Add a dialed number (committed at once; unique in the tenant)',
    }),
    updateDialedNumber: method({
      args: z.object({ id: Id, expectedVersion: z.number().int(), number: DialedNumberText }),
      result: ObjectTagDialedNumber,
      permission: canWrite('objectTags'),
      summary: 'Change a dialed number (committed at once; unique in the tenant)',
    }),
    dialedNumberUsage: method({
      args: z.object({ id: Id }),
      result: ObjectTagUsage,
      permission: canRead('objectTags'),
      summary: 'The tag assignments deleting the dialed number would remove',
    }),
    removeDialedNumber: method({
      args: z.object({ id: Id, expectedVersion: z.number().int(), expectedAssignments: z.number().int().min(0) }),
      result: z.object({ removedAssignments: z.number().int() }),
      permission: canWrite('objectTags'),
      summary: 'Delete a dialed number and its tag assignments in one transaction',
    }),
    lookup: method({
      args: ObjectRef,
      result: z.object({ object: ObjectTagPick, objectTypeCode: z.number().int(), rows: z.array(ObjectTagLookupRow) }),
      permission: canRead('objectTags'),
      summary: 'The object’s rows of object_tag_mapping joined with object_tag, as a Script Manager script reads them',
    }),
  },
  events: {},
});
