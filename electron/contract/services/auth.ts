import { z } from 'zod';
import { method, service } from '../define';
import { PermissionSet, PUBLIC, SIGNED_IN } from '../permissions';

export const TenantRef = z.object({ id: z.number().int(), name: z.string() });
export type TenantRef = z.infer<typeof TenantRef>;

export const ConnectionState = z.object({
  state: z.enum(['connected', 'connecting', 'disconnected', 'error']),
  /** e.g. "Embedded demo (SQLite)", "Shared (PostgreSQL ccm@db01:5432/micc)" — never a password. */
  label: z.string(),
  profileId: z.string().nullable(),
  message: z.string().optional(),
  /** Connected, but the database cannot be used now: the cause in words (server stopped, file read-only or removed). */
  unavailable: z.string().optional(),
  /**
   * 'connecting' while the embedded demo database is created on first run: the sign-in form shows with this
   * sentence, and a sign-in sent now completes once the database is ready.
   */
  preparing: z.string().optional(),
});
export type ConnectionState = z.infer<typeof ConnectionState>;

export const SignedInUser = z.object({
  id: z.number().int(),
  logonId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  userType: z.string(),
  /** The tenant the user belongs to (a host administrator may work in another). */
  homeTenantId: z.number().int(),
  hostAdmin: z.boolean(),
  permissions: PermissionSet,
  /** Supervisors: the agent groups whose users they may change (null = all). */
  agentGroupScope: z.array(z.number().int()).nullable(),
});
export type SignedInUser = z.infer<typeof SignedInUser>;

export const SsoFlow = z.object({
  /** waiting: the IdP page is open; needs-more: signed in at the IdP, the logon form asks the rest; failed: why not. */
  state: z.enum(['waiting', 'needs-more', 'failed']),
  tenantId: z.number().int(),
  idpName: z.string(),
  message: z.string(),
  /** The IdP's page (the renderer opens it when the desktop did not). */
  authorizationUrl: z.string().optional(),
  /** Matched user (needs-more): Logon ID shown disabled on the form. */
  logonId: z.string().optional(),
  /** Which claim matched the External Logon ID: upn, email or preferred_username. */
  matchedBy: z.string().optional(),
  /** needs-more: what the form still asks for. */
  needs: z.array(z.enum(['workingTenant'])).optional(),
});
export type SsoFlow = z.infer<typeof SsoFlow>;

export const SsoSignInState = z.object({
  /** Tenants with an External Identity Provider: the form's "<Identity Provider Name>" buttons. */
  providers: z.array(z.object({ tenantId: z.number().int(), name: z.string() })),
  /** The conventional form is forced: /stdlogin, or SHIFT held at start-up (desktop). */
  forcedStandard: z.boolean(),
  /** How the IdP's page opens: internal window, the system browser, or a browser pop-up (browser mode). */
  window: z.enum(['internal', 'external', 'popup']),
  flow: SsoFlow.nullable(),
});
export type SsoSignInState = z.infer<typeof SsoSignInState>;

export const AuthStatus = z.object({
  connection: ConnectionState,
  user: SignedInUser.nullable(),
  tenant: TenantRef.nullable(),
  /** The tenants the sign-in form offers (before sign-in) or a host administrator may switch to. */
  tenants: z.array(TenantRef),
  /** "Warn Password Expiring When N Days Remaining". */
  passwordWarning: z.object({ daysRemaining: z.number().int() }).nullable(),
  /** What /user:, /password:, /tenantid:, /stdlogin: asked for at start-up. */
  startup: z.object({
    logonId: z.string().optional(),
    tenantId: z.number().int().optional(),
    stdLogin: z.boolean(),
    /** Why the command-line sign-in failed (the form shows it). */
    error: z.string().optional(),
    /** /user: and /password: were given (a conventional logon: single sign-on is bypassed). */
    credentials: z.boolean().optional(),
    /** The command-line password waits in main for the tenant to be chosen (auth.startupContinue). */
    passwordKept: z.boolean().optional(),
  }),
  /**
   * Why this console's session ended without a sign-out (the account was locked, deleted,
   * its password reset or its rights reduced, here or on another console); the sign-in
   * form shows it until the next sign-in.
   */
  signedOut: z.object({ message: z.string(), at: z.string() }).nullable().optional(),
  /** Remember logged-in user: the last Logon ID and tenant signed in on this installation (none when off). */
  remembered: z.object({ logonId: z.string(), tenantId: z.number().int() }).nullable().optional(),
  /** Single sign-on is configured for the start-up tenant and not switched off (/stdlogin, SHIFT). */
  ssoAvailable: z.boolean(),
  /** OpenID Connect sign-in (seed 001, SINGLE SIGN-ON PROCESS). */
  sso: SsoSignInState,
});
export type AuthStatus = z.infer<typeof AuthStatus>;

const LogonId = z.string().trim().min(1, 'Logon ID is required').max(50, 'Logon ID is at most 50 characters');

export const authService = service({
  methods: {
    status: method({
      args: z.object({}),
      result: AuthStatus,
      permission: PUBLIC,
      summary: 'Connection, signed-in user and tenant',
    }),
    signIn: method({
      args: z.object({
        logonId: LogonId,
        password: z.string().max(256),
        tenantId: z.number().int().positive().optional(),
        /**
         * The form had no tenant to offer (the demo database was being prepared): main then finds the
         * tenant by Logon ID, also when the preparation ended while the request was on its way.
         */
        tenantUnknown: z.boolean().optional(),
      }),
      result: AuthStatus,
      permission: PUBLIC,
      summary: 'Conventional logon with Logon ID and password',
    }),
    startupContinue: method({
      args: z.object({ tenantId: z.number().int().positive() }),
      result: AuthStatus,
      permission: PUBLIC,
      summary: 'Sign in with the /user: and /password: of the command line in the tenant chosen on the form',
    }),
    changePassword: method({
      args: z.object({
        logonId: LogonId,
        tenantId: z.number().int().positive().optional(),
        currentPassword: z.string().max(256),
        newPassword: z.string().max(256),
      }),
      result: AuthStatus,
      permission: PUBLIC,
      summary: 'Change one’s own password (also when it has expired); signs in on success',
    }),
    signOut: method({ args: z.object({}), result: AuthStatus, permission: SIGNED_IN, summary: 'Sign out' }),
    ssoBegin: method({
      args: z.object({ tenantId: z.number().int().positive().optional() }),
      result: AuthStatus,
      permission: PUBLIC,
      summary: 'Sign in through the tenant’s External Identity Provider (authorization code + PKCE, loopback redirect)',
    }),
    ssoContinue: method({
      args: z.object({ workingTenantId: z.number().int().positive().optional() }),
      result: AuthStatus,
      permission: PUBLIC,
      summary: 'Finish an SSO sign-in that needed more (the logon form with Logon ID and Password disabled)',
    }),
    ssoCancel: method({
      args: z.object({}),
      result: AuthStatus,
      permission: PUBLIC,
      summary: 'Abandon a single sign-on in progress',
    }),
    selectTenant: method({
      args: z.object({ tenantId: z.number().int().positive() }),
      result: AuthStatus,
      permission: SIGNED_IN,
      summary: 'Host administrators: work in another tenant',
    }),
  },
  events: {
    /** Sign-in state changed (sign-in, sign-out, tenant switch, connection change). */
    changed: z.object({}),
  },
});
