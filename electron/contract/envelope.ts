import { z } from 'zod';

/** Error codes every transport can return. Services add meaning through `message` and `field`. */
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

export const CcmErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  field: z.string().optional(),
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
