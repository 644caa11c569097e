import { z } from 'zod';
import { method, service } from '../define';
import { canWrite, PUBLIC } from '../permissions';
import { ConnectionState } from './auth';

const Port = z.number().int().min(1, 'port must be 1–65535').max(65535, 'port must be 1–65535');

/**
 * A named connection profile. Kept in the user data folder without its password; the
 * password lives in the OS keychain and the renderer only learns whether one is set.
 */
export const ConnectionProfile = z.discriminatedUnion('engine', [
  z.object({
    id: z.string(),
    name: z.string().trim().min(1, 'Name is required').max(100),
    engine: z.literal('sqlite'),
    file: z.string().trim().min(1, 'File is required'),
    /** The embedded demo: created and seeded on first use. */
    demo: z.boolean().default(false),
  }),
  z.object({
    id: z.string(),
    name: z.string().trim().min(1, 'Name is required').max(100),
    engine: z.literal('postgres'),
    host: z.string().trim().min(1, 'Host is required').max(255),
    port: Port,
    database: z.string().trim().min(1, 'Database is required').max(63),
    user: z.string().trim().min(1, 'User is required').max(63),
    ssl: z.boolean().default(false),
  }),
]);
export type ConnectionProfile = z.infer<typeof ConnectionProfile>;

/** Where a saved password may be sent: the saved host, port, user and database (and TLS). */
export interface PgEndpoint {
  host: string;
  port: number;
  database: string;
  user: string;
  ssl: boolean;
}

export const endpointLabel = (e: Omit<PgEndpoint, 'ssl'>) => `${e.user}@${e.host}:${e.port}/${e.database}`;

/**
 * What differs between the endpoint a password was saved for and another one: host, port,
 * user, database, or SSL turned off. Empty = the saved password may be sent there; otherwise
 * main sends it nowhere and the password must be typed again (main and the editor share this).
 */
export function endpointChanges(saved: PgEndpoint, next: PgEndpoint): string[] {
  const changed: string[] = [];
  if (saved.host.trim().toLowerCase() !== next.host.trim().toLowerCase()) changed.push('host');
  if (saved.port !== next.port) changed.push('port');
  if (saved.user !== next.user) changed.push('user');
  if (saved.database !== next.database) changed.push('database');
  if (saved.ssl && !next.ssl) changed.push('SSL');
  return changed;
}

export const ProfileView = z.object({
  profile: ConnectionProfile,
  passwordSet: z.boolean(),
  /** /brokername: and /brokerport: override the selected profile's host and port. */
  overriddenBy: z.string().optional(),
});
export type ProfileView = z.infer<typeof ProfileView>;

export const ConnectionsDoc = z.object({
  version: z.number().int(),
  selectedId: z.string().nullable(),
  profiles: z.array(ProfileView),
  /** Why there is no keychain, when there is none (passwords cannot be stored). */
  keychain: z.object({ ok: z.boolean(), reason: z.string().optional() }),
});
export type ConnectionsDoc = z.infer<typeof ConnectionsDoc>;

export const TestResult = z.object({
  ok: z.boolean(),
  /** One line: "Connected: schema version 1 (current)." or exactly what is wrong. */
  message: z.string(),
  kind: z.enum([
    'ok',
    'unreachable',
    'bad-credentials',
    'no-database',
    'wrong-schema',
    'upgrade-needed',
    'new-database',
    'insecure-auth',
    'error',
  ]),
});
export type TestResult = z.infer<typeof TestResult>;

/** A PostgreSQL connection URL: postgres://user[:password]@host[:port]/database[?sslmode=require]. */
export const PostgresUrl = z
  .string()
  .trim()
  .regex(/^postgres(ql)?:\/\//i, 'must start with postgres:// or postgresql://');

export const connectionsService = service({
  methods: {
    list: method({
      args: z.object({}),
      result: ConnectionsDoc,
      permission: PUBLIC,
      summary: 'Connection profiles (no passwords)',
    }),
    save: method({
      args: z.object({
        expectedVersion: z.number().int(),
        profile: ConnectionProfile,
        password: z.string().max(1024).optional(),
      }),
      result: ConnectionsDoc,
      // Public only to add the first server profile of a fresh install; otherwise System
      // read-write on a server database, checked in the service (FORBIDDEN / NOT_SIGNED_IN).
      permission: PUBLIC,
      summary:
        'Add or change a profile (System read-write; the first server profile of a fresh install: anyone). ' +
        'Changing host, port, user or database, or turning SSL off, needs the password again',
    }),
    addFromUrl: method({
      args: z.object({
        expectedVersion: z.number().int(),
        name: z.string().trim().min(1, 'Name is required').max(100),
        url: PostgresUrl,
      }),
      result: ConnectionsDoc,
      // As save: public only for the first server profile of a fresh install (checked in the service).
      permission: PUBLIC,
      summary:
        'Add a PostgreSQL profile from a connection URL (its password goes to the keychain); System read-write, or ' +
        'anyone for the first server profile',
    }),
    remove: method({
      args: z.object({ expectedVersion: z.number().int(), id: z.string() }),
      result: ConnectionsDoc,
      permission: canWrite('system'),
      summary: 'Delete a profile and its keychain entry (System read-write on a server database)',
    }),
    clearPassword: method({
      args: z.object({ id: z.string() }),
      result: ConnectionsDoc,
      permission: canWrite('system'),
      summary: 'Remove the profile’s password from the keychain (System read-write on a server database)',
    }),
    test: method({
      args: z.object({ profile: ConnectionProfile, password: z.string().max(1024).optional() }),
      result: TestResult,
      permission: PUBLIC,
      summary:
        'Test Connection: reachable, credentials, schema version. The saved password is only used for the saved ' +
        'host, port, user and database',
    }),
    connect: method({
      /**
       * password: typed for this connection only, never stored (e.g. when /brokername: points the profile elsewhere).
       */
      args: z.object({ id: z.string(), password: z.string().max(1024).optional() }),
      result: ConnectionState,
      permission: PUBLIC,
      summary: 'Select a profile and connect (signs out); the saved password only goes to the saved server',
    }),
  },
  events: {},
});
