/** What a directory reader gives the engine, and the one error a directory problem becomes. */
export interface DirectoryEntry {
  /** AD objectGUID (string form) / Azure AD object id. */
  syncId: string;
  /** The mapped attributes, by the configured name; null = absent or empty. */
  attrs: Record<string, string | null>;
  /** Where it came from (DN), for messages. */
  ref?: string;
}
export interface DirectoryRead {
  signal?: AbortSignal;
  /** Called per page; the reader waits for it (back-pressure, and the event loop turns between pages). */
  onBatch(entries: DirectoryEntry[]): Promise<void> | void;
}
export type DirectoryCause =
  | 'config'
  | 'unreachable'
  | 'tls'
  | 'credentials'
  | 'tenant'
  | 'group'
  | 'permission'
  | 'throttled'
  | 'directory'
  | 'cancelled';

/** A directory, bind, group or permission problem: the whole run stops and nothing is written. */
export class DirectoryError extends Error {
  constructor(
    readonly reason: DirectoryCause,
    message: string,
  ) {
    super(message);
  }
}
