import type { AuthStatus, authService as authContract, SsoSignInState, TenantRef } from '../../contract';
import type { Db } from '../../connectors/db/engine';
import { transact, type Actor, type ChangeSink } from '../../connectors/db/unitOfWork';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../../domain/password/hash';
import {
  checkNewPassword,
  decideSignIn,
  MESSAGES,
  passwordExpiry,
  type AccountState,
} from '../../domain/password/policy';
import { ServiceError, staleVersionError } from '../../ipc/errors';
import type { EventBus } from '../../ipc/events';
import type { CallContext, ServiceImpl } from '../../ipc/router';
import { normalizeAddress, primaryAddress } from '../../ipc/workstationAddress';
import type { Logger } from '../../log/logger';
import type { DataContext } from '../data';
import { listTenants, tenantPolicy } from '../tenants';
import { findByLogonId, signedInUser } from '../users';
import { checkPrincipal, type SessionStamp } from './revalidate';
import type { Session } from './session';

export interface StartupLogon {
  logonId?: string | undefined;
  password?: string | undefined; // stays in main; never in AuthStatus
  tenantId?: number | undefined;
  stdLogin: boolean;
  error?: string | undefined;
  /** The /password: is kept (in main) while the form asks which tenant it is for. */
  passwordKept?: boolean;
}

/** Tables whose changes can take rights away from the signed-in user. */
const WATCHED = new Set(['cc_user', 'user_type', 'supervisor_agent_group']);

/** What the audit log names instead of a Logon ID that matches no user. */
export const UNKNOWN_LOGON_ID = 'unknown Logon ID';

const accountState = (u: {
  password_hash: string | null;
  password_changed_at: string | null;
  locked: number;
  lock_reason: AccountState['lockReason'];
  failed_attempts: number;
  deleted: number;
}): AccountState => ({
  passwordHash: u.password_hash,
  passwordChangedAt: u.password_changed_at ? new Date(u.password_changed_at) : null,
  locked: u.locked === 1,
  lockReason: u.lock_reason,
  failedAttempts: u.failed_attempts,
  deleted: u.deleted === 1,
});

/** The OpenID Connect sign-in (services/sso) plugs in here. */
export interface SsoSignInHook {
  /** From the last providers read (status() refreshes it). */
  configured(tenantId: number | undefined): boolean;
  state(forcedStandard: boolean, desktop: boolean): Promise<SsoSignInState>;
  begin(tenantId: number | undefined): Promise<void>;
  continue(workingTenantId: number | undefined): Promise<void>;
  cancel(): void;
}

/**
 * Conventional logon (Logon ID + password against cc_user) and the tenant's password
 * management. Single sign-on plugs in at `ssoConfigured`: when a tenant has an external
 * identity provider and /stdlogin was not given, the SSO issue's flow runs instead of the
 * form (seed 001, Single Sign-On Process).
 */
export class AuthService {
  constructor(
    private readonly data: DataContext,
    private readonly session: Session,
    private readonly bus: EventBus,
    private readonly log: Logger,
    readonly startup: StartupLogon,
  ) {
    this.credentialsGiven = startup.logonId !== undefined && startup.password !== undefined;
    // The change feed (other consoles) and this console's own commits both arrive as
    // db.changed: a change to users, user types or supervisor scopes re-checks the session.
    bus.addSink((batch) => {
      const relevant = batch.events.some(
        (e) => e.name === 'db.changed' && e.items.some((c) => WATCHED.has((c as { table?: string }).table ?? '')),
      );
      if (relevant && this.session.current)
        void this.revalidate().catch((err: unknown) =>
          this.log.warn('session re-check failed', { error: String(err) }),
        );
    });
  }

  /** The open session's proof (its password) and whether this console is changing it itself. */
  private stamp: SessionStamp | null = null;
  private ownPasswordChanges = 0;
  private signedOutNotice: { message: string; at: string } | null = null;

  /**
   * Re-checks the signed-in user against the database (every call goes through here, and
   * every change to cc_user / user_type): locked, deleted, password reset by someone else,
   * or fewer rights → signed out with the reason; more rights → the session takes them.
   * Answers whether the session changed.
   */
  async revalidate(): Promise<boolean> {
    const current = this.session.current;
    const stamp = this.stamp;
    if (!current || !stamp || stamp.userId !== current.user.id || this.data.status().state !== 'connected')
      return false;
    // Users Authentication Settings › inactivity timeout of the user's tenant (systemParameters).
    const idleMs = this.inactivityLimit ? await this.inactivityLimit(current.homeTenantId) : null;
    if (idleMs !== null && Date.now() - this.session.lastActivity > idleMs && this.stamp === stamp) {
      this.stamp = null;
      this.session.signOut();
      const days = Math.round(idleMs / 86_400_000);
      this.signedOutNotice = {
        message:
          `You were signed out after ${days} day${days === 1 ? '' : 's'} without activity ` +
          '(the inactivity timeout of Users Authentication Settings).',
        at: new Date().toISOString(),
      };
      this.log.info('session ended: inactivity timeout', { logonId: current.user.logonId, days });
      this.bus.emit('auth.changed', {});
      return true;
    }
    const verdict = await checkPrincipal(this.data.require(), current.user, stamp, this.ownPasswordChanges > 0);
    // Another check (or a sign-out) may have ended this session meanwhile.
    if (this.stamp !== stamp || this.session.current?.user.id !== stamp.userId) return true;
    if (verdict.kind === 'ok') return false;
    if (verdict.kind === 'refresh') {
      this.session.refreshUser(verdict.user);
      this.bus.emit('auth.changed', {});
      return true;
    }
    this.stamp = null;
    this.session.signOut();
    this.signedOutNotice = { message: verdict.message, at: new Date().toISOString() };
    this.log.warn('session ended: the account changed', { logonId: current.user.logonId, reason: verdict.reason });
    this.bus.emit('auth.changed', {});
    return true;
  }

  /** The inactivity timeout in ms for a user's tenant (null: none), installed by systemParameters. */
  private inactivityLimit: ((tenantId: number) => Promise<number | null>) | null = null;
  setInactivityLimit(fn: ((tenantId: number) => Promise<number | null>) | null): void {
    this.inactivityLimit = fn;
  }

  /** Remember logged-in user (Users Authentication Settings), installed by systemParameters. */
  private rememberHook: {
    remembered(): Promise<{ logonId: string; tenantId: number } | null>;
    signedIn(logonId: string, tenantId: number): Promise<void>;
  } | null = null;
  setRememberHook(hook: AuthService['rememberHook']): void {
    this.rememberHook = hook;
  }

  private ssoHook: SsoSignInHook | null = null;
  /** SHIFT held at start-up (desktop): like /stdlogin, forces the conventional form. */
  private shiftHeld = false;
  /** Electron: the IdP page opens in the system browser rather than a pop-up. */
  desktop = false;
  /**
   * Electron: main opens the IdP page itself — an internal window, or the system browser
   * when the tenant asks for it (Use External Browser for Desktop Applications). Answers
   * a function that closes what it opened. Browser mode has none: the page opens a pop-up.
   */
  idpOpener: ((url: string, external: boolean, onClosed: () => void) => () => void) | null = null;

  attachSso(hook: SsoSignInHook): void {
    this.ssoHook = hook;
  }

  /** Seed 001: /stdlogin, or SHIFT held while the application starts, forces the conventional logon. */
  forceStandardLogon(): void {
    if (this.shiftHeld) return;
    this.shiftHeld = true;
    this.log.info('conventional logon forced (SHIFT held at start-up)');
    this.bus.emit('auth.changed', {});
  }

  /**
   * /user: + /password: were given: a conventional logon, bypassing single sign-on even when
   * the pair is wrong. It is the start-up logon's bypass: once that session is signed out, the
   * form offers single sign-on again like any other start.
   */
  private credentialsGiven: boolean;

  private get standardForced(): boolean {
    return this.startup.stdLogin || this.shiftHeld || this.credentialsGiven;
  }

  /**
   * An External Identity Provider is configured for the start-up tenant (or any, when none was given) and not
   * overridden.
   */
  ssoConfigured(): boolean {
    return !this.standardForced && (this.ssoHook?.configured(this.startup.tenantId) ?? false);
  }

  async status(): Promise<AuthStatus> {
    let connection = this.data.status();
    const current = this.session.current;
    let tenants: TenantRef[] = [];
    let passwordWarning: AuthStatus['passwordWarning'] = null;
    if (connection.state === 'connected') {
      try {
        const db = this.data.require();
        const all = await listTenants(db.kysely);
        tenants = !current || current.user.hostAdmin ? all : all.filter((t) => t.id === current.homeTenantId);
        if (current) passwordWarning = await this.warning(db, current.user.id, current.homeTenantId);
      } catch (err) {
        // The database stopped answering: the status still answers, with the cause (the status bar shows it).
        if (!(err instanceof ServiceError && err.code === 'UNAVAILABLE')) throw err;
        connection = this.data.status();
      }
    }
    const sso: SsoSignInState =
      this.ssoHook && connection.state === 'connected' && !connection.unavailable && !current
        ? await this.ssoHook.state(this.standardForced, this.desktop)
        : {
            providers: [],
            forcedStandard: this.standardForced,
            window: this.desktop ? 'internal' : 'popup',
            flow: null,
          };
    return {
      connection,
      user: current?.user ?? null,
      tenant: current?.tenant ?? null,
      tenants,
      passwordWarning,
      startup: {
        logonId: this.startup.logonId,
        tenantId: this.startup.tenantId,
        stdLogin: this.startup.stdLogin,
        error: this.startup.error,
        credentials: this.credentialsGiven,
        passwordKept: !current && this.startup.passwordKept === true && this.startup.password !== undefined,
      },
      signedOut: current ? null : this.signedOutNotice,
      remembered:
        !current && connection.state === 'connected' && this.rememberHook
          ? await this.rememberHook.remembered().catch(() => null)
          : null,
      ssoAvailable: this.ssoConfigured(),
      sso,
    };
  }

  private async warning(db: Db, userId: number, tenantId: number): Promise<AuthStatus['passwordWarning']> {
    const u = await db.kysely
      .selectFrom('cc_user')
      .select(['password_changed_at'])
      .where('id', '=', userId)
      .executeTakeFirst();
    const { policy } = await tenantPolicy(db.kysely, tenantId);
    const e = passwordExpiry(u?.password_changed_at ? new Date(u.password_changed_at) : null, policy, new Date());
    return e.warnInDays === null ? null : { daysRemaining: e.warnInDays };
  }

  private async resolveTenant(db: Db, tenantId: number | undefined): Promise<TenantRef> {
    const tenants = await listTenants(db.kysely);
    if (tenantId !== undefined) {
      const t = tenants.find((x) => x.id === tenantId);
      if (!t) throw new ServiceError('INVALID', `Tenant ${tenantId} does not exist.`, 'tenantId');
      return t;
    }
    if (tenants.length === 1) return tenants[0]!;
    if (tenants.length === 0) throw new ServiceError('UNAVAILABLE', 'The database has no tenant yet.');
    throw new ServiceError('INVALID', 'Choose the tenant to sign in to.', 'tenantId');
  }

  /**
   * Checks the password under the tenant's rules and records a refusal in one
   * transaction: failed attempts, the lock and the host that caused it, the audit entries.
   * Returns the user on success (or an expired password, which the caller decides about).
   */
  private async checkCredentials(
    db: Db,
    tenant: TenantRef,
    logonId: string,
    password: string,
    ctx: Pick<CallContext, 'origin' | 'host'>,
  ): Promise<{ userId: number; logonId: string; expired: boolean; message: string }> {
    const found = await findByLogonId(db.kysely, tenant.id, logonId);
    // One attempt at a time per account: the next one reads what the previous one wrote
    // (its failed attempts, its lock), so parallel guesses cannot share one count.
    // An unknown Logon ID has no state to protect: it does not wait behind anyone.
    if (!found) return this.decideAndRecord(db, tenant, undefined, logonId, password, ctx);
    return this.serialized(`user:${found.id}`, async () => {
      const user = await db.kysely.selectFrom('cc_user').selectAll().where('id', '=', found.id).executeTakeFirst();
      return this.decideAndRecord(db, tenant, user, logonId, password, ctx);
    });
  }

  /** Attempts waiting per account (in this process); other consoles are kept honest by the database. */
  private readonly queues = new Map<string, Promise<unknown>>();

  private serialized<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(key, tail);
    void tail.then(() => {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    });
    return run;
  }

  private async decideAndRecord(
    db: Db,
    tenant: TenantRef,
    user: Awaited<ReturnType<typeof findByLogonId>>,
    logonId: string,
    password: string,
    ctx: Pick<CallContext, 'origin' | 'host'>,
  ): Promise<{ userId: number; logonId: string; expired: boolean; message: string }> {
    const { policy } = await tenantPolicy(db.kysely, tenant.id);
    const decision = await decideSignIn({
      account: user ? accountState(user) : null,
      password,
      policy,
      now: new Date(),
      verify: verifyPassword,
      dummyHash: DUMMY_HASH,
    });
    // An address, never a name or a word (seed 001): a call without one came from this machine.
    const host = normalizeAddress(ctx.host) ?? primaryAddress();
    // What was typed as a Logon ID that matches no user may be a password typed in the
    // wrong box: the audit log gets "unknown Logon ID" and its length, never the text.
    const named = user ? logonId : UNKNOWN_LOGON_ID;
    const actor: Actor = { userId: user?.id ?? null, logonId: named, origin: ctx.origin };

    if (decision.outcome === 'refused') {
      let failedAttempts = decision.failedAttempts;
      let lockNow = false;
      let lockedMeanwhile = false;
      await transact(db, actor, this.data, async (w) => {
        if (user && decision.reason === 'wrong-password') {
          // Counted by the database, not from what was read: exact however many consoles try at once.
          // Only while unlocked: a console that locked it meanwhile has the last word.
          const counted = await w.tx
            .updateTable('cc_user')
            .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
            .where('id', '=', user.id)
            .where('locked', '=', 0)
            .returning('failed_attempts')
            .executeTakeFirst();
          if (!counted) lockedMeanwhile = true;
          else failedAttempts = Number(counted.failed_attempts);
          if (counted && policy.lockoutAfterAttempts > 0 && failedAttempts >= policy.lockoutAfterAttempts) {
            const locked = await w.tx
              .updateTable('cc_user')
              .set((eb) => ({
                locked: 1,
                lock_reason: 'failed-attempts',
                locked_at: w.now,
                locked_by_host: host,
                version: eb('version', '+', 1),
              }))
              .where('id', '=', user.id)
              .where('locked', '=', 0)
              .executeTakeFirst();
            lockNow = Number(locked.numUpdatedRows) === 1;
          }
          w.changed('cc_user', tenant.id, user.id);
        }
        const typed = user ? {} : { logonIdLength: [...logonId].length };
        w.audit({
          tenantId: tenant.id,
          action: 'sign-in-failed',
          objectType: 'user',
          objectId: user?.id ?? null,
          objectName: user ? user.logon_id : UNKNOWN_LOGON_ID,
          after: { reason: decision.reason, host, failedAttempts, ...typed },
        });
        if (user && lockNow) {
          w.audit({
            tenantId: tenant.id,
            action: 'lock',
            objectType: 'user',
            objectId: user.id,
            objectName: user.logon_id,
            before: { locked: false },
            after: { locked: true, reason: 'failed-attempts', host, failedAttempts },
          });
        }
      });
      if (lockNow) {
        // Seed 001, PASSWORD MANAGEMENT: the address of the computer that caused the lockout is logged.
        this.log.warn('account locked after failed logon attempts', {
          logonId: user?.logon_id,
          tenant: tenant.name,
          host,
          attempts: failedAttempts,
        });
      }
      if (lockedMeanwhile) throw new ServiceError('INVALID', MESSAGES.lockedAttempts, 'logonId');
      throw new ServiceError(
        'INVALID',
        decision.message,
        decision.reason === 'blank-password' || decision.reason === 'locked' ? 'logonId' : 'password',
      );
    }
    return {
      userId: user!.id,
      logonId: user!.logon_id,
      expired: decision.outcome === 'expired',
      message: decision.outcome === 'expired' ? decision.message : '',
    };
  }

  async signIn(
    args: { logonId: string; password: string; tenantId?: number | undefined; tenantUnknown?: boolean | undefined },
    ctx: Pick<CallContext, 'origin' | 'host'>,
  ): Promise<AuthStatus> {
    // First run: the form shows while the demo database is created; a sign-in sent then completes once it is
    // ready. The form had no tenant to offer yet: the tenant is the one where the Logon ID exists. The same
    // when the form says it had none (tenantUnknown) and the preparation ended while the request was on its way.
    const preparing = !!this.data.status().preparing;
    if (preparing) await this.data.whenPrepared();
    const db = this.data.require();
    let tenantId = args.tenantId;
    if ((preparing || (args.tenantUnknown === true && this.data.preparedDemo)) && tenantId === undefined) {
      const tenants = await listTenants(db.kysely);
      if (tenants.length > 1) tenantId = await this.startupTenant(db, tenants, args.logonId.trim());
    }
    const tenant = await this.resolveTenant(db, tenantId);
    const checked = await this.checkCredentials(db, tenant, args.logonId, args.password, ctx);
    if (checked.expired) throw new ServiceError('PASSWORD_EXPIRED', checked.message, 'password');
    await this.completeSignIn(db, checked.userId, tenant, {
      userId: checked.userId,
      logonId: args.logonId,
      origin: ctx.origin,
    });
    return this.status();
  }

  private async completeSignIn(
    db: Db,
    userId: number,
    tenant: TenantRef,
    actor: Actor,
    detail?: Record<string, unknown>,
    working?: TenantRef,
  ): Promise<void> {
    await transact(db, actor, this.data, async (w) => {
      // Only while still unlocked and not deleted: another console may have locked it since the password was checked.
      const res = await w.tx
        .updateTable('cc_user')
        .set({ failed_attempts: 0, last_logon_at: w.now })
        .where('id', '=', userId)
        .where('locked', '=', 0)
        .where('deleted', '=', 0)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new ServiceError('INVALID', MESSAGES.lockedAttempts, 'logonId');
      w.audit({
        tenantId: tenant.id,
        action: 'sign-in',
        objectType: 'user',
        objectId: userId,
        objectName: actor.logonId,
        ...(detail ? { after: detail } : {}),
      });
    });
    const user = await db.kysely.selectFrom('cc_user').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
    this.session.signIn(await signedInUser(db.kysely, user), tenant);
    this.stamp = { userId, passwordHash: user.password_hash };
    this.signedOutNotice = null;
    if (working && working.id !== tenant.id) this.session.switchTenant(working);
    this.startup.error = undefined;
    await this.rememberHook
      ?.signedIn(user.logon_id, tenant.id)
      .catch((err: unknown) => this.log.warn('remembering the logged-in user failed', { error: String(err) }));
    this.bus.emit('auth.changed', {});
  }

  /**
   * Single sign-on succeeded (the IdP authenticated the user, matched by External Logon ID):
   * signs in without a password, audited with how the user was matched.
   */
  async completeSsoSignIn(
    userId: number,
    tenant: TenantRef,
    working: TenantRef,
    how: { logonId: string; origin: string; detail: Record<string, unknown> },
  ): Promise<void> {
    await this.completeSignIn(
      this.data.require(),
      userId,
      tenant,
      { userId, logonId: how.logonId, origin: how.origin },
      how.detail,
      working,
    );
  }

  private requireSso(): SsoSignInHook {
    if (!this.ssoHook) throw new ServiceError('UNAVAILABLE', 'Single sign-on is not available.');
    return this.ssoHook;
  }

  /**
   * Own password change; also the way out of an expired password. Signed in, it changes
   * the signed-in user's password (their home tenant) without signing in again; signed
   * out, it signs in on success.
   */
  async changePassword(
    args: { logonId: string; tenantId?: number | undefined; currentPassword: string; newPassword: string },
    ctx: Pick<CallContext, 'origin' | 'host'>,
  ): Promise<AuthStatus> {
    const db = this.data.require();
    const current = this.session.current;
    const self = current && current.user.logonId.toLowerCase() === args.logonId.toLowerCase();
    const tenant = self
      ? (await listTenants(db.kysely)).find((t) => t.id === current.homeTenantId)!
      : await this.resolveTenant(db, args.tenantId);
    let checked;
    try {
      // The current password goes through the sign-in rules (failures count and lock).
      checked = await this.checkCredentials(db, tenant, args.logonId, args.currentPassword, ctx);
    } catch (err) {
      if (err instanceof ServiceError && err.field === 'password')
        throw new ServiceError(err.code, err.message, 'currentPassword');
      throw err;
    }
    const actor = { userId: checked.userId, logonId: checked.logonId, origin: ctx.origin };
    // Signed in: this session's own change must not end it (the stamp follows the new password).
    if (self) this.ownPasswordChanges++;
    try {
      await setPasswordOf(
        db,
        this.data,
        { userId: checked.userId, tenantId: tenant.id, newPassword: args.newPassword, field: 'newPassword' },
        actor,
        'password-change',
      );
      if (self && this.stamp?.userId === checked.userId) {
        const row = await db.kysely
          .selectFrom('cc_user')
          .select('password_hash')
          .where('id', '=', checked.userId)
          .executeTakeFirst();
        this.stamp = { userId: checked.userId, passwordHash: row?.password_hash ?? null };
      }
    } finally {
      if (self) this.ownPasswordChanges--;
    }
    if (!self) await this.completeSignIn(db, checked.userId, tenant, actor);
    else this.bus.emit('auth.changed', {});
    return this.status();
  }

  async signOut(ctx: Pick<CallContext, 'origin'>): Promise<AuthStatus> {
    const current = this.session.current;
    if (current) {
      const db = this.data.require();
      await transact(
        db,
        { userId: current.user.id, logonId: current.user.logonId, origin: ctx.origin },
        this.data,
        async (w) => {
          w.audit({
            tenantId: current.homeTenantId,
            action: 'sign-out',
            objectType: 'user',
            objectId: current.user.id,
            objectName: current.user.logonId,
          });
        },
      );
    }
    this.session.signOut();
    this.stamp = null;
    this.signedOutNotice = null;
    if (current) this.credentialsGiven = false;
    this.bus.emit('auth.changed', {});
    return this.status();
  }

  async selectTenant(tenantId: number): Promise<AuthStatus> {
    const current = this.session.current!;
    if (!current.user.hostAdmin && tenantId !== current.homeTenantId) {
      throw new ServiceError('FORBIDDEN', 'Only a host administrator can work in another tenant.', 'tenantId');
    }
    const db = this.data.require();
    const tenant = (await listTenants(db.kysely)).find((t) => t.id === tenantId);
    if (!tenant) throw new ServiceError('NOT_FOUND', `Tenant ${tenantId} does not exist.`, 'tenantId');
    this.session.switchTenant(tenant);
    this.bus.emit('auth.changed', {});
    return this.status();
  }

  /**
   * /user: + /password: — log on without showing the form; a wrong pair shows it with the
   * error. Without /tenantid: and with several tenants, the tenant is the one where the
   * Logon ID exists (unique across tenants), or the host administrator's; otherwise the form
   * asks for the tenant and the password stays in main until it is chosen (startupContinue).
   */
  async startupSignIn(): Promise<void> {
    const { logonId, password } = this.startup;
    if (!logonId || password === undefined || this.data.status().state !== 'connected') return;
    let tenantId = this.startup.tenantId;
    if (tenantId === undefined) {
      const db = this.data.require();
      const tenants = await listTenants(db.kysely);
      if (tenants.length > 1) {
        tenantId = await this.startupTenant(db, tenants, logonId);
        if (tenantId === undefined) {
          this.startup.passwordKept = true;
          this.startup.error = 'Choose the tenant to sign in to; the password given on the command line is used.';
          return;
        }
      }
    }
    await this.runStartupSignIn(tenantId);
  }

  /** The tenant of a Logon ID given without /tenantid:, or undefined when it cannot be told. */
  private async startupTenant(db: Db, tenants: TenantRef[], logonId: string): Promise<number | undefined> {
    const found: Array<{ tenantId: number; hostAdmin: boolean }> = [];
    for (const t of tenants) {
      const u = await findByLogonId(db.kysely, t.id, logonId);
      if (!u || u.deleted === 1) continue;
      const type = await db.kysely
        .selectFrom('user_type')
        .select('is_host_admin')
        .where('id', '=', u.user_type_id)
        .executeTakeFirst();
      found.push({ tenantId: t.id, hostAdmin: type?.is_host_admin === 1 });
    }
    if (found.length === 1) return found[0]!.tenantId;
    const admins = found.filter((f) => f.hostAdmin);
    return admins.length === 1 ? admins[0]!.tenantId : undefined;
  }

  private async runStartupSignIn(tenantId: number | undefined): Promise<void> {
    const { logonId, password } = this.startup;
    if (!logonId || password === undefined) return;
    try {
      await this.signIn({ logonId, password, tenantId }, { origin: 'command line', host: primaryAddress() });
    } catch (err) {
      this.startup.error = err instanceof ServiceError ? err.message : 'The command-line logon failed.';
    } finally {
      this.startup.password = undefined; // used once; do not keep it around
      this.startup.passwordKept = false;
    }
  }

  /** The form chose the tenant for the kept /user: + /password:; the pair is tried once there. */
  async startupContinue(tenantId: number): Promise<AuthStatus> {
    if (this.session.current) throw new ServiceError('INVALID', 'Already signed in; sign out first.');
    if (!this.startup.passwordKept || this.startup.password === undefined) {
      throw new ServiceError('INVALID', 'No command-line password is waiting; type the password.', 'password');
    }
    this.startup.tenantId = tenantId;
    await this.runStartupSignIn(tenantId);
    if (!this.session.current) throw new ServiceError('INVALID', this.startup.error ?? MESSAGES.incorrect, 'password');
    return this.status();
  }

  impl(): ServiceImpl<typeof authContract> {
    return {
      status: () => this.status(),
      signIn: (args, ctx) => this.signIn(args, ctx),
      startupContinue: ({ tenantId }) => this.startupContinue(tenantId),
      changePassword: (args, ctx) => this.changePassword(args, ctx),
      signOut: (_args, ctx) => this.signOut(ctx),
      selectTenant: ({ tenantId }) => this.selectTenant(tenantId),
      ssoBegin: async ({ tenantId }) => {
        if (this.session.current) throw new ServiceError('INVALID', 'Already signed in; sign out first.');
        if (this.credentialsGiven)
          throw new ServiceError(
            'INVALID',
            'Single sign-on is bypassed: /user: and /password: were given on the command line.',
          );
        await this.requireSso().begin(tenantId);
        return this.status();
      },
      ssoContinue: async ({ workingTenantId }) => {
        await this.requireSso().continue(workingTenantId);
        return this.status();
      },
      ssoCancel: async () => {
        this.ssoHook?.cancel();
        return this.status();
      },
    };
  }
}

/**
 * Sets a user's password under the tenant's rules (length, "Cannot Reuse Last N
 * Passwords"), keeps the history, audits without the secret. One transaction.
 */
export async function setPasswordOf(
  db: Db,
  sink: ChangeSink,
  target: { userId: number; tenantId: number; newPassword: string; field: string; expectedVersion?: number },
  actor: Actor,
  action: 'password-change' | 'password-set',
): Promise<void> {
  const { policy } = await tenantPolicy(db.kysely, target.tenantId);
  const user = await db.kysely
    .selectFrom('cc_user')
    .select(['password_hash', 'logon_id', 'version'])
    .where('id', '=', target.userId)
    .executeTakeFirstOrThrow();
  const history = (
    await db.kysely
      .selectFrom('password_history')
      .select('password_hash')
      .where('user_id', '=', target.userId)
      .orderBy('id', 'desc')
      .limit(24)
      .execute()
  ).map((h) => h.password_hash);
  const check = await checkNewPassword({
    newPassword: target.newPassword,
    logonId: user.logon_id,
    history: [user.password_hash ?? '', ...history],
    policy,
    verify: verifyPassword,
  });
  if (!check.ok) throw new ServiceError('INVALID', check.message, target.field);
  const hash = await hashPassword(target.newPassword);
  await transact(db, actor, sink, async (w) => {
    if (user.password_hash)
      await w.tx
        .insertInto('password_history')
        .values({ user_id: target.userId, password_hash: user.password_hash, created_at: w.now })
        .execute();
    let q = w.tx
      .updateTable('cc_user')
      .set((eb) => ({
        password_hash: hash,
        password_changed_at: w.now,
        failed_attempts: 0,
        version: eb('version', '+', 1),
        updated_at: w.now,
        updated_by: actor.logonId,
      }))
      .where('id', '=', target.userId);
    if (target.expectedVersion !== undefined) q = q.where('version', '=', target.expectedVersion);
    const res = await q.executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) {
      throw staleVersionError(
        `The version you supplied [${target.expectedVersion}] does not match the current version ` +
          `[${user.version}]: the user was changed by someone else. Reload it.`,
        {
          ...(target.expectedVersion !== undefined ? { expectedVersion: target.expectedVersion } : {}),
          version: Number(user.version),
        },
      );
    }
    w.audit({
      tenantId: target.tenantId,
      action,
      objectType: 'user',
      objectId: target.userId,
      objectName: user.logon_id,
      before: { password: user.password_hash ? 'set' : 'blank' },
      after: { password: 'set' },
    });
    w.changed('cc_user', target.tenantId, target.userId);
  });
}
