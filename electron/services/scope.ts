import type { Identity } from '../contract';
import { ServiceError } from '../ipc/errors';
import type { CallContext } from '../ipc/router';

/** The signed-in identity (the router has already checked the method's permission). */
export function identityOf(ctx: CallContext): Identity {
  const id = ctx.principal.identity;
  if (!id) throw new ServiceError('NOT_SIGNED_IN', 'Sign in first.');
  return id;
}

/** A tenant the caller may touch: their working tenant, or any for a host administrator. */
export function tenantFor(ctx: CallContext, requested?: number): number {
  const id = identityOf(ctx);
  if (requested === undefined || requested === id.tenantId) return id.tenantId;
  if (!id.hostAdmin) throw new ServiceError('FORBIDDEN', 'You can only work in your own tenant.', 'tenantId');
  return requested;
}

/** Supervisors change only users of the agent groups they have permission for. */
export function assertUserInScope(ctx: CallContext, agentGroupId: number, agentGroupName: string): void {
  const scope = identityOf(ctx).agentGroupScope;
  if (scope && !scope.includes(agentGroupId)) {
    throw new ServiceError(
      'FORBIDDEN',
      `You may change only users of the agent groups you supervise; this user is in "${agentGroupName}".`,
    );
  }
}

export const actorOf = (ctx: CallContext) => {
  const id = identityOf(ctx);
  return { userId: id.userId, logonId: id.logonId, origin: ctx.origin };
};
