import { create } from 'zustand';
import type { QueryClient } from '@tanstack/react-query';
import type { AuthStatus, SignedInUser } from '../../../electron/contract';
import { queryKeys } from './keys';

/** Identifies a sign-in: the same user signing in again counts as the same. */
export const userKeyOf = (user: SignedInUser | null | undefined): string | null =>
  user ? `${user.id}:${user.logonId}` : null;

interface SessionUi {
  /** The signed-in user (userKeyOf) these values belong to. */
  readonly userKey: string | null;
  /**
   * The tenant the user signed in to (their own). AuthStatus names only the working tenant,
   * which a host administrator may switch; changing one's password needs the home tenant.
   */
  readonly homeTenantId: number | null;
  /** The password-expiry warning was dismissed for this sign-in. */
  readonly warningDismissed: boolean;
  /** Takes a new auth status; returns true when it is another sign-in than before. */
  observe(status: AuthStatus): boolean;
  dismissWarning(): void;
}

export const useSessionUi = create<SessionUi>()((set, get) => ({
  userKey: null,
  homeTenantId: null,
  warningDismissed: false,
  observe(status) {
    const key = userKeyOf(status.user);
    if (key === get().userKey) return false;
    set({ userKey: key, homeTenantId: status.user ? (status.tenant?.id ?? null) : null, warningDismissed: false });
    return true;
  },
  dismissWarning() {
    set({ warningDismissed: true });
  },
}));

/** A method answered a new status (sign-in, sign-out, tenant switch): show it now, without waiting for auth.changed. */
export function applyStatus(queryClient: QueryClient, status: AuthStatus): void {
  useSessionUi.getState().observe(status);
  queryClient.setQueryData(queryKeys.auth, status);
}

/** Data that belongs to a signed-in user: dropped when another user (or nobody) is signed in. */
export function dropSignedInData(queryClient: QueryClient): void {
  for (const key of [queryKeys.tenants, queryKeys.users, queryKeys.audit]) queryClient.removeQueries({ queryKey: key });
}
