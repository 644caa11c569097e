import { ANONYMOUS, type Identity, type Principal, type SignedInUser, type TenantRef } from '../../contract';

/**
 * The one signed-in user of this console process (the Electron window, or every browser
 * tab of a browser-mode run). Main derives every permission decision from it; the
 * renderer only ever sees a copy.
 */
export class Session {
  private user: SignedInUser | null = null;
  private homeTenantId = 0;
  private tenant: TenantRef | null = null;
  /** When the user last made a call (ms since epoch): the inactivity sign-out measures from it. */
  lastActivity = 0;

  signIn(user: SignedInUser, tenant: TenantRef): void {
    this.user = user;
    this.homeTenantId = tenant.id;
    this.tenant = tenant;
    this.lastActivity = Date.now();
  }

  /** A call by the signed-in user (revalidatingRouter, after the inactivity check). */
  touch(at = Date.now()): void {
    if (this.user) this.lastActivity = at;
  }

  signOut(): void {
    this.user = null;
    this.tenant = null;
  }

  /** The same user with rights re-read from the database (the working tenant stays). */
  refreshUser(user: SignedInUser): void {
    if (this.user && this.user.id === user.id) this.user = user;
  }

  /** Host administrators may work in another tenant. */
  switchTenant(tenant: TenantRef): void {
    this.tenant = tenant;
  }

  get current(): { user: SignedInUser; tenant: TenantRef; homeTenantId: number } | null {
    return this.user && this.tenant ? { user: this.user, tenant: this.tenant, homeTenantId: this.homeTenantId } : null;
  }

  principal(): Principal {
    const c = this.current;
    if (!c) return ANONYMOUS;
    const identity: Identity = {
      userId: c.user.id,
      logonId: c.user.logonId,
      tenantId: c.tenant.id,
      hostAdmin: c.user.hostAdmin,
      // The agent-group scope belongs to the supervisor's own tenant only.
      agentGroupScope: c.user.agentGroupScope,
    };
    return { signedIn: true, permissions: c.user.permissions, identity };
  }
}
