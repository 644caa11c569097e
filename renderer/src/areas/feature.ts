import type { ComponentType } from 'react';
import type { FluentIcon } from '@fluentui/react-icons';
import type { Area } from '../../../electron/contract';
import type { TabDef } from '../shell/tabs/kinds';
import type { ObjectExtensions } from '../ui/kit/objectExtensions';

/** One area of the console as the navigation shows it (the feature list's order = navigation order). */
export interface AreaMeta {
  readonly id: Area;
  readonly label: string;
  /** One sentence: what the area does (or will do). */
  readonly description: string;
  /** False while the area is still an empty state (its home tab is the placeholder). */
  readonly available: boolean;
  /** Its navigation icon (20 px, regular). */
  readonly icon: FluentIcon;
}

/**
 * What a renderer feature contributes, exported as `feature` from its folder's index.ts and
 * named once in renderer/src/features.ts:
 * - `area`: the navigation area it defines (label, description, icon). Its home tab's kind is the
 *   area id, so `tabs` holds a kind of that name;
 * - `tabs`: its tab kinds (name + params schema) with the views that render them;
 * - `windows`: window-wide pieces mounted once beside the shell (e.g. the Connection manager dialog);
 * - `objects`: pages and grid columns it adds to other features' objects (ui/kit/objectExtensions.ts).
 */
export interface RendererFeature<T extends readonly TabDef[] = readonly TabDef[]> {
  readonly name: string;
  readonly area?: AreaMeta;
  readonly tabs: T;
  readonly windows?: readonly ComponentType[];
  readonly objects?: ObjectExtensions;
}

/** Keeps the literal kinds of `tabs`, so the feature list can type the union of every tab. */
export function defineFeature<const T extends readonly TabDef[]>(feature: RendererFeature<T>): RendererFeature<T> {
  return feature;
}
