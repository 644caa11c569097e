import type { Area } from '../../../electron/contract';
import { FEATURES } from '../features';
import type { AreaMeta } from './feature';

/** One area of the console as the navigation shows it (order = navigation order). */
export type AreaDef = AreaMeta;

let list: readonly AreaDef[] | undefined;

/**
 * The areas, in navigation order: those the features of renderer/src/features.ts define. Read
 * lazily (views of those features import this module, so the list cannot be built at import).
 */
export function areaList(): readonly AreaDef[] {
  list ??= FEATURES.flatMap((f) => (f.area ? [f.area] : []));
  return list;
}

export function areaDef(id: Area): AreaDef | undefined {
  return areaList().find((a) => a.id === id);
}
