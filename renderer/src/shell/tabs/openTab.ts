import type { z } from 'zod';
import type { Area } from '../../../../electron/contract';
import { tabsStore } from './store';
import type { TabKind } from './kinds';

/** What names a tab besides its kind and parameters. */
export interface TabPlace {
  /** Opening the same key again focuses the open tab. */
  readonly key: string;
  readonly title: string;
  /** The navigation area the tab belongs to. */
  readonly area?: Area;
}

/**
 * Opens (or focuses) a tab of a kind; the parameters are typed from, and parsed with, the
 * kind's schema (a wrong parameter is a compile error, and a bad value throws here, not in the view).
 */
export function openTab<K extends string, P extends z.ZodType>(
  kind: TabKind<K, P>,
  params: z.input<P>,
  place: TabPlace,
): void {
  tabsStore.getState().open({ ...place, kind: kind.kind, params: kind.params.parse(params) });
}
