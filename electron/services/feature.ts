import type { Contract, ServiceName } from '../contract';
import type { DemoSeeder, MigrationSet } from '../connectors/db/parts';
import type { Implementations, ServiceImpl } from '../ipc/router';
import type { ServiceDeps } from './deps';

/** What a feature's start returns: its methods, what other features may use, how it stops. */
export interface FeatureStarted<N extends ServiceName, R> {
  readonly impl: ServiceImpl<Contract[N]>;
  /** What features that declare this one in `needs` get from `features.runtimeOf(…)`. */
  readonly runtime?: R;
  /** Stops timers, sockets and workers; awaited at shutdown, in the reverse of the start order. */
  dispose?(): Promise<void> | void;
}

/** The started features a feature declared in `needs`, typed by their descriptors. */
export interface StartedFeatures {
  runtimeOf<R>(feature: MainFeature<ServiceName, R>): R;
}

/**
 * One feature of the main process: everything startCore, the migrator and the demo seeder need
 * from it. Each feature folder's index.ts exports one; electron/features.ts lists them.
 */
export interface MainFeature<N extends ServiceName = ServiceName, R = unknown> {
  /** The contract part it implements (electron/contract/index.ts). */
  readonly name: N;
  /** Features whose runtime this one uses; they must come earlier in the list (checked at start). */
  readonly needs?: ReadonlyArray<MainFeature<ServiceName, unknown>>;
  start(deps: ServiceDeps, features: StartedFeatures): FeatureStarted<N, R>;
  /** Its migrations by name ('004_dispatch': dispatchMigration); numbers are unique across features. */
  readonly migrations?: MigrationSet;
  /** Its rows in the embedded demo database (run after the base demo, in list order). */
  readonly demo?: DemoSeeder;
}

/** Declares a feature; only for the type inference of `name` and the runtime. */
export function defineFeature<N extends ServiceName, R = undefined>(feature: MainFeature<N, R>): MainFeature<N, R> {
  return feature;
}

/**
 * Refuses a list that misses a contract service, names one twice, or starts a feature before
 * one it needs. startCore calls it; features.test.ts proves the real list passes.
 */
export function checkFeatureList(features: ReadonlyArray<MainFeature>, services: readonly string[]): void {
  const seen = new Set<string>();
  for (const f of features) {
    if (seen.has(f.name)) throw new Error(`Feature "${f.name}" is listed twice.`);
    for (const need of f.needs ?? []) {
      // An import cycle between two features' index.ts leaves the needed descriptor undefined here.
      if (!need) throw new Error(`Feature "${f.name}" needs a feature that is not defined yet (an import cycle?).`);
      if (!seen.has(need.name)) throw new Error(`Feature "${f.name}" needs "${need.name}", which must come before it.`);
    }
    seen.add(f.name);
  }
  const missing = services.filter((s) => !seen.has(s));
  if (missing.length > 0) throw new Error(`No feature implements ${missing.join(', ')}.`);
  const unknown = [...seen].filter((s) => !services.includes(s));
  if (unknown.length > 0) throw new Error(`Features ${unknown.join(', ')} are not in the contract.`);
}

/**
 * Starts the features in list order. Each gets the shared deps and the runtimes of the features
 * it declared in `needs`; dispose stops them in the reverse order. If one fails to start, the
 * ones already started are stopped before the error is rethrown.
 */
export function startFeatures(
  features: ReadonlyArray<MainFeature>,
  deps: ServiceDeps,
): { impls: Implementations<Contract>; dispose(): Promise<void> } {
  const started = new Map<MainFeature, FeatureStarted<ServiceName, unknown>>();
  const impls: Record<string, unknown> = {};
  const dispose = async () => {
    for (const s of [...started.values()].reverse()) await s.dispose?.();
  };
  try {
    for (const feature of features) {
      const needs = new Set(feature.needs ?? []);
      const view: StartedFeatures = {
        runtimeOf<R>(other: MainFeature<ServiceName, R>): R {
          const s = started.get(other as MainFeature);
          if (!needs.has(other as MainFeature) || !s) {
            throw new Error(`Feature "${feature.name}" uses "${other.name}" without declaring it in needs.`);
          }
          if (s.runtime === undefined) throw new Error(`Feature "${other.name}" has no runtime to share.`);
          return s.runtime as R;
        },
      };
      const s = feature.start(deps, view);
      started.set(feature, s);
      impls[feature.name] = s.impl;
    }
  } catch (err) {
    void dispose();
    throw err;
  }
  return { impls: impls as Implementations<Contract>, dispose };
}
