import type { z } from 'zod';
import {
  checkPermission,
  describeZodError,
  type Envelope,
  type MethodSpec,
  type Principal,
  type ServiceSpec,
} from '../contract';
import { ServiceError } from './errors';
import { unavailableCause } from '../connectors/db/availability';
import type { Logger } from '../log/logger';

/** What a service implementation receives besides its validated arguments. */
export interface CallContext {
  readonly principal: Principal;
  /** Where the call came from, for the audit log ("electron", "browser 127.0.0.1"). */
  readonly origin: string;
  /** The computer or address behind the call (logged when failed sign-ins lock an account). */
  readonly host?: string;
}

type Impl<M extends MethodSpec> = (
  args: z.output<M['args']>,
  ctx: CallContext,
) => Promise<z.input<M['result']>> | z.input<M['result']>;

/** The implementations of one service, checked against its contract at compile time. */
export type ServiceImpl<S extends ServiceSpec> = { [K in keyof S['methods']]: Impl<S['methods'][K]> };
export type Implementations<C extends Record<string, ServiceSpec>> = { [S in keyof C]: ServiceImpl<C[S]> };

export interface Router {
  /** Every (service, method) pair, for transports that register one channel each. */
  readonly routes: ReadonlyArray<{ service: string; method: string }>;
  call(service: string, method: string, rawArgs: unknown, ctx: CallContext): Promise<Envelope<unknown>>;
}

/**
 * One router for every transport (Electron IPC and browser-mode HTTP): validate the
 * arguments with the method's zod schema, check the permission, run the service,
 * validate the result (which also strips fields the contract does not declare, so an
 * implementation cannot leak a secret by returning a bigger object), answer an envelope.
 */
export function createRouter<C extends Record<string, ServiceSpec>>(
  contract: C,
  impls: Implementations<C>,
  log: Logger,
): Router {
  const routes: Array<{ service: string; method: string }> = [];
  for (const [service, spec] of Object.entries(contract)) {
    for (const method of Object.keys(spec.methods)) {
      if (typeof (impls as Record<string, Record<string, unknown>>)[service]?.[method] !== 'function') {
        throw new Error(`No implementation for ${service}.${method}`);
      }
      routes.push({ service, method });
    }
  }

  const specOf = (service: string, method: string): MethodSpec | undefined =>
    Object.hasOwn(contract, service) && Object.hasOwn(contract[service]!.methods, method)
      ? contract[service]!.methods[method]
      : undefined;

  return {
    routes,
    async call(service, method, rawArgs, ctx) {
      const spec = specOf(service, method);
      if (!spec) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `No method ${service}.${method}.` } };

      const args = spec.args.safeParse(rawArgs);
      if (!args.success) return { ok: false, error: { code: 'BAD_ARGUMENTS', ...describeZodError(args.error) } };

      const refusal = checkPermission(ctx.principal, spec.permission);
      if (refusal) return { ok: false, error: refusal };

      try {
        const impl = (impls as unknown as Record<string, Record<string, Impl<MethodSpec>>>)[service]![method]!;
        const value = await impl(args.data, ctx);
        const result = spec.result.safeParse(value);
        if (!result.success) {
          log.error(`${service}.${method} answered outside its contract`, {
            issue: describeZodError(result.error).message,
          });
          return {
            ok: false,
            error: { code: 'INTERNAL', message: `Internal error in ${service}.${method}; see the log file.` },
          };
        }
        return { ok: true, value: result.data };
      } catch (err) {
        if (err instanceof ServiceError) return { ok: false, error: err.toShape() };
        // A database that stopped answering (a statement outside the guarded driver) is no bug either.
        const cause = unavailableCause(err);
        if (cause !== null) {
          log.warn(`${service}.${method}: database unavailable`, { reason: cause });
          return { ok: false, error: { code: 'UNAVAILABLE', message: `Database unavailable: ${cause}` } };
        }
        log.error(`${service}.${method} failed`, {
          error: err instanceof Error ? (err.stack ?? err.message) : String(err),
        });
        return {
          ok: false,
          error: { code: 'INTERNAL', message: `Internal error in ${service}.${method}; see the log file.` },
        };
      }
    },
  };
}
