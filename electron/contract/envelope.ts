import { z } from 'zod';

/** Error codes every transport can return. Services add meaning through `message`, `field` and `details`. */
export const ErrorCode = z.enum([
  'BAD_ARGUMENTS', // the arguments failed the method's zod schema (field names the path)
  'NOT_SIGNED_IN',
  'FORBIDDEN', // the caller's user type lacks the method's permission
  'NOT_FOUND',
  'CONFLICT', // stale version, duplicate key …
  'INVALID', // a business rule refused the input (field names the field)
  'UNAVAILABLE', // a resource (keychain, server) cannot be reached
  'PASSWORD_EXPIRED', // sign-in: the password is right but expired; change it to continue
  'UNKNOWN_METHOD',
  'INTERNAL', // a bug: details are in main's log, never in the message
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/**
 * Machine-readable facts about a refusal, so the renderer never parses `message` (which is
 * for people and stays English). Every part is optional; a service adds what it knows.
 */
export const ErrorDetails = z.object({
  /** The field path the error is about (`['settings', 'seclogonws', 'logLevel']`); `field` is it joined with ".". */
  path: z.array(z.union([z.string(), z.number()])).optional(),
  /** The message to show beside that field, without the path ("Logon ID is required"). */
  fieldMessage: z.string().optional(),
  /**
   * Which rule refused: a zod issue code for BAD_ARGUMENTS ("too_small", "invalid_type", "custom"),
   * else the service's name for it ("stale_version", "duplicate", "in_use", "max_body_bytes" …).
   */
  rule: z.string().optional(),
  /** The limit the input went over or under (a length, a count, a size in bytes). */
  limit: z.number().optional(),
  /** A stale save: the version the caller supplied, the current one, and who changed it when. */
  conflict: z
    .object({
      expectedVersion: z.number().int().optional(),
      version: z.number().int(),
      updatedBy: z.string().optional(),
      updatedAt: z.string().optional(),
    })
    .optional(),
  /** A duplicate or an object in use: what already holds the value ("user 12 ann.lee" holds DN 4001). */
  holder: z
    .object({
      /** What kind of object holds it ("user", "phone_agent", "object_tag", "service_group" …). */
      kind: z.string(),
      id: z.union([z.string(), z.number()]).optional(),
      name: z.string().optional(),
    })
    .optional(),
});
export type ErrorDetails = z.infer<typeof ErrorDetails>;

export const CcmErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  field: z.string().optional(),
  details: ErrorDetails.optional(),
});
export type CcmErrorShape = z.infer<typeof CcmErrorShape>;

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: CcmErrorShape };

/** One batch of events as it crosses to the renderer: items grouped by event name. */
export const EventBatch = z.object({
  events: z.array(
    z.object({
      name: z.string(), // "<service>.<event>"
      items: z.array(z.unknown()),
      /** Items dropped since the last batch because the queue was full. */
      dropped: z.number().int().nonnegative().default(0),
    }),
  ),
});
export type EventBatch = z.infer<typeof EventBatch>;
