// The one place where the console keeps secrets: the OS keychain (Windows Credential
// Manager, macOS Keychain, a Secret Service such as gnome-keyring on Linux) via
// @napi-rs/keyring. Main-process only. Rules (docs/SECURITY.md, "Secrets"):
//  - no secret is written to the database, config files or logs, and none goes to the
//    renderer (it sees has() → "set / not set");
//  - with no usable keychain we refuse with KeychainUnavailableError; there is deliberately
//    no plaintext or in-memory fallback;
//  - no error message ever contains the secret.
import { AsyncEntry, type EntryOptions } from '@napi-rs/keyring';

/** e.g. "connection:<profileId>", "snmp-usm:<user>:auth". Not secret itself. */
export type SecretKey = string;

/** No usable OS keychain; the message is one plain line meant for the user. */
export class KeychainUnavailableError extends Error {
  /** Why, without the "what happened to this secret" part (for available()). */
  readonly reason: string;
  constructor(message: string, reason = message) {
    super(message);
    this.reason = reason;
    this.name = 'KeychainUnavailableError';
  }
}

export interface SecretStore {
  /** Throws KeychainUnavailableError when the keychain cannot be used; refuses '' (use clear). */
  set(key: SecretKey, secret: string): Promise<void>;
  get(key: SecretKey): Promise<string | null>;
  /** What the renderer may learn: "set / not set". */
  has(key: SecretKey): Promise<boolean>;
  /** Idempotent: clearing a key that is not set is not an error. */
  clear(key: SecretKey): Promise<void>;
  /** Whether a set() would succeed now (probes with a write, see below). */
  available(): Promise<{ ok: true } | { ok: false; reason: string }>;
}

const MAX_KEY_LENGTH = 200;
// Any control, format, surrogate, private-use or unassigned code point makes a key unprintable.
const UNPRINTABLE = /\p{C}/u;
// Read-and-written by available(); the value stored there is not a secret.
const PROBE_KEY = 'ccm:availability-probe';

// Pin Linux to the Secret Service: left to itself the library falls back to the kernel
// keyring (keyutils), which is not persistent and is not what the user calls their keychain.
const ENTRY_OPTIONS: EntryOptions = { linux: { store: 'secret-service' } };

function checkKey(key: unknown): asserts key is SecretKey {
  // The key is not echoed: keep messages short and never risk quoting something sensitive.
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH || UNPRINTABLE.test(key)) {
    throw new TypeError(`Invalid secret key: it must be 1–${MAX_KEY_LENGTH} printable characters.`);
  }
}

/** Where the secrets go, named the way the user knows it. */
function keychainName(platform = process.platform): string {
  if (platform === 'win32') return 'Windows Credential Manager';
  if (platform === 'darwin') return 'macOS Keychain';
  return 'Secret Service';
}

function hint(platform = process.platform): string {
  if (platform === 'win32') return 'Check that the Credential Manager service is running.';
  if (platform === 'darwin') return 'Unlock the login keychain in Keychain Access.';
  return 'Start gnome-keyring or another Secret Service provider and unlock it.';
}

/** The native message on one line, without the secret even if some backend quoted it. */
function detailOf(err: unknown, secret?: string): string {
  let text = err instanceof Error ? err.message : String(err);
  if (secret) text = text.split(secret).join('[redacted]');
  // The library's category prefix adds nothing to the plain reason we build around it.
  text = text.replace(/^(Platform failure|Couldn't access platform storage): /i, '');
  return text.replace(/\s+/g, ' ').trim().slice(0, 300);
}

/**
 * The keyring library reports "cannot reach the store" as PlatformFailure ("Platform
 * failure: …") or NoStorageAccess ("Couldn't access platform storage: …"), and a locked
 * Secret Service item sometimes as a raw zbus IsLocked error. Anything else (ambiguous
 * entries, too-long values, bad encoding) is a real error, not "unavailable".
 */
function isUnavailable(err: unknown): boolean {
  const message = err instanceof Error ? err.message : String(err);
  return /^(platform failure|couldn't access platform)|dbus|d-bus|zbus|secret service|locked/i.test(message);
}

/** Plain words for the reason, tuned to what we observed from the Secret Service backend. */
function reasonFor(detail: string): string {
  const d = detail.toLowerCase();
  const name = keychainName();
  if (/failed to connect|autolaunch|dbus_session_bus_address|connection refused/.test(d)) {
    return `No OS keychain is available (the D-Bus session bus is not reachable: ${detail})`;
  }
  if (/not provided by any|serviceunknown|name has no owner/.test(d)) {
    return 'No OS keychain is available (no Secret Service on the D-Bus session bus)';
  }
  if (/locked|prompt was dismissed/.test(d)) {
    return `The OS keychain (${name}) is locked and was not unlocked`;
  }
  if (/no result found/.test(d)) {
    // What gnome-keyring answers when there is no default collection and it cannot prompt.
    return `The OS keychain (${name}) has no default collection to store into`;
  }
  return `The OS keychain (${name}) cannot be used (${detail})`;
}

/**
 * The Secret Service went away between opening our session and answering (gnome-keyring
 * is D-Bus activated, so a daemon that stopped is started again by the next call). Every
 * operation here is idempotent, so retrying on a fresh connection is safe.
 */
export function isServiceRestart(err: unknown): boolean {
  const message = err instanceof Error ? err.message : String(err);
  return /session does not exist|NoReply|disconnected from message bus|remote peer disconnected|connection reset|broken pipe/i.test(
    message,
  );
}

// A dying daemon can still hold its bus name for a moment: wait a little before each retry.
const RETRY_DELAYS_MS = [100, 400];

async function withRestart<T>(op: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await op();
    } catch (err) {
      const delay = RETRY_DELAYS_MS[attempt];
      if (delay === undefined || !isServiceRestart(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

type Outcome = 'the secret was not stored' | 'the secret could not be read' | 'the secret was not cleared';

function translate(err: unknown, outcome: Outcome, secret?: string): Error {
  const detail = detailOf(err, secret);
  if (!isUnavailable(err)) return new Error(`Keychain error (${detail}): ${outcome}.`);
  const reason = reasonFor(detail);
  return new KeychainUnavailableError(`${reason}: ${outcome}. ${hint()}`, `${reason}. ${hint()}`);
}

export function createKeychainStore(service = 'Contact Center Console'): SecretStore {
  // The constructor itself talks to D-Bus when the Linux store is pinned, so it must sit
  // inside the same try as the call. The async methods run on libuv's pool: a slow or
  // prompting Secret Service does not block the main process.
  const entry = (key: SecretKey) => new AsyncEntry(service, key, ENTRY_OPTIONS);

  const store: SecretStore = {
    async set(key, secret) {
      checkKey(key);
      if (typeof secret !== 'string' || secret.length === 0) {
        throw new TypeError('Refusing to store an empty secret: use clear() to remove it.');
      }
      try {
        await withRestart(() => entry(key).setPassword(secret));
      } catch (err) {
        throw translate(err, 'the secret was not stored', secret);
      }
    },

    async get(key) {
      checkKey(key);
      try {
        // The library answers null for "no entry"; the secret never appears in errors here.
        return await withRestart(() => entry(key).getPassword());
      } catch (err) {
        throw translate(err, 'the secret could not be read');
      }
    },

    async has(key) {
      // Unavailable propagates: "keychain unavailable" is not the same as "not set".
      return (await store.get(key)) !== null;
    },

    async clear(key) {
      checkKey(key);
      try {
        // false = there was nothing to delete, which is fine.
        await withRestart(() => entry(key).deleteCredential());
      } catch (err) {
        throw translate(err, 'the secret was not cleared');
      }
    },

    async available() {
      // A read is not enough: a locked Secret Service or one without a default collection
      // still answers "no entry" to reads. Write and delete a non-secret probe instead; on
      // a desktop this may show the keychain's own unlock prompt, which is the point.
      try {
        await store.set(PROBE_KEY, 'probe');
        await store.clear(PROBE_KEY);
        return { ok: true };
      } catch (err) {
        if (err instanceof KeychainUnavailableError) return { ok: false, reason: err.reason };
        return { ok: false, reason: detailOf(err) };
      }
    },
  };
  return store;
}
