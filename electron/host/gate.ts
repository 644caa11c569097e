import type { Router } from '../ipc/router';

/**
 * Start-up gate: the URL is printed (and the page can load) while the database is still being
 * connected and, on first run, the demo database created. auth.status answers at once (the sign-in
 * form shows, "Preparing the demo database…"), auth.signIn goes through (it waits for the demo
 * database itself and knows it was sent before there was a tenant to choose); every other call waits
 * until start-up is done, so it meets the database ready, as it did when the URL was printed only then.
 */
const UNGATED = new Set(['status', 'signIn']);

export function gatedRouter(router: Router, ready: Promise<void>): Router {
  let open = false;
  void ready.finally(() => (open = true));
  return {
    routes: router.routes,
    async call(service, method, args, ctx) {
      if (!open && !(service === 'auth' && UNGATED.has(method))) await ready.catch(() => {});
      return router.call(service, method, args, ctx);
    },
  };
}
