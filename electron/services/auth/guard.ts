import type { Router } from '../../ipc/router';
import type { AuthService } from './authService';
import type { Session } from './session';

/**
 * Every call first re-checks the signed-in user (authService.revalidate): when the account
 * was locked, deleted, its password reset or its rights changed — here or on another
 * console — the call runs as what the session is now (signed out, or the new rights),
 * never with the rights it had when it signed in.
 */
export function revalidatingRouter(
  inner: Router,
  auth: AuthService,
  session: Session,
  /** Methods the contract marks `stopsRunningWork` (a Cancel): see MethodSpec. */
  stopsRunningWork: (service: string, method: string) => boolean = () => false,
): Router {
  return {
    routes: inner.routes,
    async call(service, method, rawArgs, ctx) {
      let changed = false;
      try {
        // A Cancel only stops running work (and rolls it back); on SQLite that work's transaction holds the one
        // connection, so a check against the database would wait for the work's end.
        if (!stopsRunningWork(service, method)) changed = await auth.revalidate();
      } catch {
        // The database is unreachable: the call itself will say so.
      }
      // Every call is the user's activity (the renderer does not poll main), measured after the check above.
      session.touch();
      return inner.call(service, method, rawArgs, changed ? { ...ctx, principal: session.principal() } : ctx);
    },
  };
}
