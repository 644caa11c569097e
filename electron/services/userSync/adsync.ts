import type { Core } from '..';
import { userSyncRuntimeFor } from './runtimes';

/**
 * `/adsync` (EXECUTION AND SCHEDULING: `AgentService.exe /adsync`): one synchronization of every tenant that has
 * one configured, without a window, for Windows Task Scheduler. Uses the selected connection profile. Prints one
 * line per tenant; the exit code is 0 when every tenant succeeded (or none is configured), 1 when the database is
 * not reachable, 2 when a tenant failed (the others still ran).
 */
export async function runAdSync(core: Pick<Core, 'ready' | 'data'>, out: (line: string) => void): Promise<number> {
  await core.ready;
  const state = core.data.status();
  if (state.state !== 'connected') {
    out(`User synchronization: not connected to a database${state.message ? `: ${state.message}` : ''}.`);
    return 1;
  }
  const runtime = userSyncRuntimeFor(core.data);
  if (!runtime) {
    out('User synchronization is not available.');
    return 1;
  }
  const tenants = await runtime.configuredTenants();
  if (tenants.length === 0) out('User synchronization: no tenant has a synchronization configured.');
  let failed = 0;
  for (const t of tenants) {
    try {
      const r = await runtime.runTenant(t, 'command', 'command line');
      const c = r.counts!;
      out(
        `Tenant ${t}: ${c.add} added, ${c.update} updated, ${c.delete} deleted, ${c.undelete} undeleted, ` +
          `${c.error} errors.`,
      );
    } catch (e) {
      failed++;
      out(`Tenant ${t}: ${(e as Error).message}`);
    }
  }
  return failed ? 2 : 0;
}
