import type { CcmErrorShape, ErrorCode, ErrorDetails } from '../contract';

/** Thrown by services for an expected refusal; the router turns it into the error envelope. */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** Facts for the renderer (path, rule, limit, conflicting version, holder); `message` stays for people. */
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
  toShape(): CcmErrorShape {
    const shape: CcmErrorShape = { code: this.code, message: this.message };
    if (this.field !== undefined) shape.field = this.field;
    if (this.details !== undefined) shape.details = this.details;
    return shape;
  }
}

/** A stale save: the CONFLICT every versioned editor answers with Reload / Overwrite (/ Merge). */
export function staleVersionError(
  message: string,
  conflict: NonNullable<ErrorDetails['conflict']>,
  field?: string,
): ServiceError {
  return new ServiceError('CONFLICT', message, field, { rule: 'stale_version', conflict });
}
