/**
 * The typed API between main and the renderer. Pure TypeScript + zod: no node:*, no
 * electron (lint-enforced). Preload and renderer build their clients from this object;
 * main's router registers one channel per method from it.
 */
import { appService } from './services/app';
import { prefsService } from './services/prefs';

export const contract = {
  app: appService,
  prefs: prefsService,
} as const;

export type Contract = typeof contract;
export type ServiceName = keyof Contract;

export * from './define';
export * from './envelope';
export * from './permissions';
export * from './client';
export * from './services/app';
export * from './services/prefs';
