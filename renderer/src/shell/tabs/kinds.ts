import { z } from 'zod';
import type { ComponentType } from 'react';
import type { Tab } from './store';

/**
 * One kind of tab: its name and the zod schema of its parameters. Parameters are JSON values
 * (numbers, strings, booleans, arrays of them): the open tabs are saved and restored, and a
 * saved tab is parsed with this schema again (an invalid one is dropped).
 */
export interface TabKind<K extends string = string, P extends z.ZodType = z.ZodType> {
  readonly kind: K;
  readonly params: P;
}

export function tabKind<K extends string, P extends z.ZodType>(kind: K, params: P): TabKind<K, P> {
  return { kind, params };
}

/** The parameters of a kind, as its view receives them. */
export type ParamsOf<T extends TabKind> = z.output<T['params']>;

/** A tab without parameters (an area's home tab, a settings page). */
export const NO_PARAMS = z.object({});

/** Renders one tab's content; gets its tab (key, typed params) to register as an editor. */
export type TabView<P = unknown> = ComponentType<{ tab: Tab<P> }>;

/** A view of some kind (its params type is checked where it is paired with its kind, in `tabView`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type AnyTabView = TabView<any>;
/** Tab kind → the view that renders it. */
export type TabViews = Readonly<Record<string, AnyTabView>>;

/** A kind with the view that renders it (see `tabView`). */
export interface TabDef<K extends string = string, P extends z.ZodType = z.ZodType> {
  readonly kind: TabKind<K, P>;
  readonly view: AnyTabView;
}

/** Pairs a kind with its view; the view's `tab.params` is typed from the kind's schema. */
export function tabView<K extends string, P extends z.ZodType>(
  kind: TabKind<K, P>,
  view: TabView<z.output<P>>,
): TabDef<K, P> {
  return { kind, view };
}
