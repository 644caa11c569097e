import {
  buildClient,
  contract,
  type CcmClient,
  type Contract,
  type Envelope,
  type CcmErrorShape,
} from '../../../electron/contract';
import { createHttpTransport } from './httpTransport';

declare global {
  interface Window {
    /** Set by the preload in Electron; absent in browser mode. */
    ccm?: CcmClient<Contract>;
  }
}

/** Electron: the preload's window.ccm. Browser mode: the same client over HTTP + WebSocket. */
export const transportKind: 'ipc' | 'http' = window.ccm ? 'ipc' : 'http';
export const ccm: CcmClient<Contract> = window.ccm ?? buildClient(contract, createHttpTransport());

/** An error answered by main, with the field it names (if any). */
export class CcmError extends Error {
  readonly code: CcmErrorShape['code'];
  readonly field: string | undefined;
  readonly details: CcmErrorShape['details'];
  constructor(shape: CcmErrorShape) {
    super(shape.message);
    this.name = 'CcmError';
    this.code = shape.code;
    this.field = shape.field;
    this.details = shape.details;
  }
}

/** Unwraps an envelope for react-query: the value, or a thrown CcmError. */
export async function unwrap<T>(pending: Promise<Envelope<T>>): Promise<T> {
  const env = await pending;
  if (env.ok) return env.value;
  throw new CcmError(env.error);
}
