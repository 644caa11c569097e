import type { ObjectTagType, TaggableObjectType } from '../../contract';

/**
 * The names the contract uses ↔ the codes the database stores (seed 001, OBJECT TAGS).
 * object_tag_mapping.object_type: the seed's codes (service group 0x0200, service access
 * 0x0400, agent 0x1000, dialed number 0x100000). object_tag.type: the seed lists the seven
 * types (Number, Text, Service Access, Service Group, Scheduler, Agent, Play message) but gives
 * no codes; the database stores 0–6 in the seed's order (OBJECT_TAG_TYPE below, checked by
 * 001_initial), and the Lookup view shows them so a script author knows what to compare with.
 */
/** OBJECT TAGS → object_tag types (Number, Text, Service Access, Service Group, Scheduler, Agent, Play message). */
export const OBJECT_TAG_TYPE = {
  number: 0,
  text: 1,
  serviceAccess: 2,
  serviceGroup: 3,
  scheduler: 4,
  agent: 5,
  playMessage: 6,
} as const;

/** OBJECT TAGS → object_tag_mapping.object_type values from the seed. */
export const OBJECT_TYPE = {
  serviceGroup: 0x0200,
  serviceAccess: 0x0400,
  agent: 0x1000,
  dialedNumber: 0x100000,
} as const;

export const TAGGABLE: readonly TaggableObjectType[] = ['serviceAccess', 'serviceGroup', 'agent', 'dialedNumber'];
const TAG_TYPES: readonly ObjectTagType[] = [
  'number',
  'text',
  'serviceAccess',
  'serviceGroup',
  'scheduler',
  'agent',
  'playMessage',
];

export const objectTypeCode = (t: TaggableObjectType): number => OBJECT_TYPE[t];
export const tagTypeCode = (t: ObjectTagType): number => OBJECT_TAG_TYPE[t];

export function objectTypeFromCode(code: number): TaggableObjectType {
  const t = TAGGABLE.find((x) => OBJECT_TYPE[x] === code);
  if (!t)
    throw new Error(
      `object_tag_mapping.object_type ${code} is not one of the object types (service group 0x0200, service access ` +
        `0x0400, agent 0x1000, dialed number 0x100000)`,
    );
  return t;
}
export function tagTypeFromCode(code: number): ObjectTagType {
  const t = TAG_TYPES.find((x) => OBJECT_TAG_TYPE[x] === code);
  if (!t) throw new Error(`object_tag.type ${code} is not a known tag type`);
  return t;
}

/** The object_tag column that says whether a tag may be assigned to the object type. */
export const ENABLED_COLUMN = {
  serviceAccess: 'sa_enabled',
  serviceGroup: 'sg_enabled',
  agent: 'agent_enabled',
  dialedNumber: 'dialednumber_enabled',
} as const satisfies Record<TaggableObjectType, string>;

/** The field name (in the contract's `allow`) of each Allow box, for errors placed under it. */
export const allowField = (t: TaggableObjectType) => `allow.${t}`;
