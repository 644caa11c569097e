import type { z } from 'zod';
import type { Permission } from './permissions';

/** A method of a service: what it takes, what it answers, what it needs. */
export interface MethodSpec<A extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  readonly args: A;
  readonly result: R;
  readonly permission: Permission;
  /** One line for docs and error messages. */
  readonly summary: string;
}

export interface ServiceSpec {
  readonly methods: Record<string, MethodSpec>;
  /** Event name → schema of one item. Items always arrive in batches. */
  readonly events: Record<string, z.ZodType>;
}

export const method = <A extends z.ZodType, R extends z.ZodType>(spec: MethodSpec<A, R>) => spec;
export const service = <M extends Record<string, MethodSpec>, E extends Record<string, z.ZodType>>(spec: {
  methods: M;
  events: E;
}) => spec;

/** The IPC channel of a method: `ccm:<service>:<method>`. */
export const channelOf = (serviceName: string, methodName: string) => `ccm:${serviceName}:${methodName}`;
export const EVENTS_CHANNEL = 'ccm:events';
