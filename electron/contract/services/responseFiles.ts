import { z } from 'zod';
import { bodyFor, method, service } from '../define';
import { canRead, canWrite } from '../permissions';

/**
 * Response files for e-mail, chat and SMS service groups (issue 6; seed 001, E-MAIL, CHAT AND
 * SMS RESPONSE FILES and REPLACEABLE IDENTIFIERS). The file travels as a flat list of items
 * in document order (a group is followed by its contents); main parses and writes the XML.
 */
export const RfMedia = z.enum(['email', 'chat', 'sms']);
export type RfMedia = z.infer<typeof RfMedia>;

const Attr = z.string().max(100_000);
export const RfItem = z.object({
  id: z.string().min(1).max(64),
  parent: z.string().max(64).nullable(),
  kind: z.enum(['group', 'response']),
  name: Attr.nullable(),
  expanded: Attr.nullable(),
  description: Attr.nullable(),
  src: z.string().max(2048).nullable(),
  text: z.string().max(4_000_000),
  extra: z.array(z.object({ name: z.string().max(200), value: Attr })).max(100),
  order: z.array(z.string().max(200)).max(100),
});
export type RfItem = z.infer<typeof RfItem>;
const Items = z.array(RfItem).max(200_000);

export const RfProblem = z.object({
  itemId: z.string(),
  field: z.enum(['name', 'expanded', 'text', 'src', 'description']),
  severity: z.enum(['error', 'warning']),
  rule: z.string(),
  message: z.string(),
});
export type RfProblem = z.infer<typeof RfProblem>;

export const RfUsage = z.object({ serviceGroupId: z.number().int(), serviceGroup: z.string(), media: z.string() });
export type RfUsage = z.infer<typeof RfUsage>;

export const IdentifierInfo = z.object({
  name: z.string(),
  replacement: z.string(),
  appliesTo: z.string(),
  media: z.array(RfMedia),
});
export type IdentifierInfo = z.infer<typeof IdentifierInfo>;

export const RfSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  version: z.number().int(),
  location: z.string().nullable(),
  bytes: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  usages: z.array(RfUsage),
});
export type RfSummary = z.infer<typeof RfSummary>;

export const RfFileDoc = RfSummary.extend({ items: Items, problems: z.array(RfProblem) });
export type RfFileDoc = z.infer<typeof RfFileDoc>;

const Name = z.string().trim().min(1, 'Name is required').max(100, 'Name is at most 100 characters');
const Location = z.string().trim().max(1000, 'Location is at most 1000 characters').nullable();
/** XML text as the user picked it (the parser applies the real cap, 16 MB, with its own message). */
const Xml = z.string().max(20_000_000);
const Id = z.object({ id: z.number().int().positive() });

export const SampleValues = z.object({
  agentName: z.string().max(200),
  agentFirstName: z.string().max(200),
  agentLastName: z.string().max(200),
  agentChatName: z.string().max(200),
  customerName: z.string().max(200),
  customerEmail: z.string().max(200),
  subject: z.string().max(500),
  fromName: z.string().max(200),
  fromAddress: z.string().max(200),
  smsFrom: z.string().max(200),
  serviceGroupName: z.string().max(200),
  serviceGroupEmail: z.string().max(200),
  callId: z.string().max(200),
  received: z.string().max(40),
  now: z.string().max(40),
});
export type SampleValues = z.infer<typeof SampleValues>;

export const PreviewItem = z.object({
  id: z.string(),
  parent: z.string().nullable(),
  kind: z.enum(['group', 'response']),
  name: z.string(),
  expanded: z.boolean(),
  tooltip: z.string(),
  type: z.enum(['text', 'html', 'image']),
  src: z.string().nullable(),
  /** Text with identifiers replaced (plain text, or the HTML of an HTML source). */
  text: z.string().nullable(),
  /** Images: a data: URL main read (local file, or a remote one the user allowed). */
  dataUrl: z.string().nullable(),
  /** Why a source is not shown (remote and not allowed, missing, too large …). */
  note: z.string().nullable(),
});
export type PreviewItem = z.infer<typeof PreviewItem>;

export const responseFilesService = service({
  methods: {
    identifiers: method({
      args: z.object({}),
      result: z.array(IdentifierInfo),
      permission: canRead('responseFiles'),
      summary: 'The replaceable identifiers of the manual’s table',
    }),
    list: method({
      args: z.object({}),
      result: z.array(RfSummary),
      permission: canRead('responseFiles'),
      summary: 'Response files of the tenant with the service groups using them',
    }),
    get: method({
      args: Id,
      result: RfFileDoc,
      permission: canRead('responseFiles'),
      summary: 'One response file as items, with its problems',
    }),
    parse: method({
      maxBodyBytes: bodyFor(20_000_000), // XML up to 20 MB, or its items
      args: z.object({ content: Xml }),
      result: z.object({ items: Items, bytes: z.number().int() }),
      permission: canRead('responseFiles'),
      summary: 'Parse response-file XML (in a worker); refused with line and column',
    }),
    check: method({
      maxBodyBytes: bodyFor(20_000_000), // XML up to 20 MB, or its items
      args: z.object({ id: z.number().int().positive().nullable(), items: Items, location: Location }),
      result: z.array(RfProblem),
      permission: canRead('responseFiles'),
      summary: 'Validate items against the media of the service groups using the file',
    }),
    create: method({
      maxBodyBytes: bodyFor(20_000_000), // XML up to 20 MB, or its items
      args: z.object({
        name: Name,
        location: Location,
        content: Xml.nullable(),
        path: z.string().trim().max(1000).optional(),
      }),
      result: RfFileDoc,
      permission: canWrite('responseFiles'),
      summary: 'Create a response file: empty, from XML text (an upload), or from an .xml file on this computer (path)',
    }),
    save: method({
      maxBodyBytes: bodyFor(20_000_000), // XML up to 20 MB, or its items
      args: z.object({
        id: z.number().int().positive(),
        expectedVersion: z.number().int(),
        name: Name,
        location: Location,
        items: Items,
      }),
      result: RfFileDoc,
      permission: canWrite('responseFiles'),
      summary: 'Save a response file (refused when stale or when an item breaks the format)',
    }),
    remove: method({
      args: z.object({ id: z.number().int().positive(), expectedVersion: z.number().int() }),
      result: z.object({ detachedServiceGroups: z.number().int() }),
      permission: canWrite('responseFiles'),
      summary: 'Delete a response file (service groups using it lose it)',
    }),
    exportXml: method({
      args: Id,
      result: z.object({ fileName: z.string(), text: z.string() }),
      permission: canRead('responseFiles'),
      summary: 'The file as .xml text',
    }),
    exportToFolder: method({
      args: z.object({
        id: z.number().int().positive(),
        folder: z.string().trim().min(1, 'Folder is required').max(1000),
        withSrc: z.boolean(),
        overwrite: z.boolean(),
      }),
      result: z.object({
        written: z.array(z.string()),
        skipped: z.array(z.object({ src: z.string(), reason: z.string() })),
      }),
      permission: canWrite('responseFiles'),
      summary:
        'Write the .xml (and its local Src files when asked) into a folder on this computer (writes files: ' +
        'read-write access)',
    }),
    importFromPath: method({
      args: z.object({ path: z.string().trim().min(1, 'Path is required').max(1000) }),
      result: z.object({
        fileName: z.string(),
        location: z.string(),
        items: z.number().int(),
        bytes: z.number().int(),
      }),
      permission: canWrite('responseFiles'),
      summary:
        'Read and parse an .xml response file on this computer before creating it (read-write access; never the ' +
        'console’s own files); its folder becomes the location of its Src files',
    }),
    preview: method({
      maxBodyBytes: bodyFor(20_000_000), // XML up to 20 MB, or its items
      args: z.object({
        items: Items,
        location: Location,
        media: RfMedia,
        samples: SampleValues,
        locale: z.string().max(50),
        timeZone: z.string().max(80).optional(),
        allowRemote: z.boolean(),
      }),
      result: z.array(PreviewItem),
      permission: canRead('responseFiles'),
      summary: 'The response tree as an agent of a media sees it, identifiers replaced',
    }),
  },
  events: {},
});
