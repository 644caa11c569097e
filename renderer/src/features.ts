import { z } from 'zod';
import { Area } from '../../electron/contract';
import type { RendererFeature } from './areas/feature';
import type { TabDef, TabViews } from './shell/tabs/kinds';
import { registerObjectExtensions } from './ui/kit/objectExtensions';
import { feature as users } from './features/users';
import { feature as objectTags } from './features/objectTags';
import { feature as dispatch } from './features/dispatch';
import { feature as responseFiles } from './features/responseFiles';
import { feature as sso } from './features/sso';
import { feature as alarms } from './features/alarms';
import { feature as webManager } from './features/webManager';
import { feature as email } from './features/email';
import { feature as genesys } from './features/genesys';
import { feature as logs } from './features/logs';
import { feature as system } from './features/system';
import { feature as systemParameters } from './features/systemParameters';
import { feature as placeholder } from './features/placeholder';
import { feature as connections } from './features/connections';
import { feature as userSync } from './features/userSync';

/**
 * The renderer's features, one line each. The order of those with an area is the navigation's order.
 * Adding a feature = a folder renderer/src/features/<name>/ whose index.ts exports `feature`
 * (defineFeature: area, tab kinds with their views, window-wide pieces) + one line here.
 */
export const FEATURES = [
  users,
  objectTags,
  dispatch,
  responseFiles,
  sso,
  alarms,
  webManager,
  email,
  genesys,
  logs,
  system,
  systemParameters,
  placeholder,
  connections,
  userSync,
] as const satisfies readonly RendererFeature[];

/** Every tab kind with its view. */
export const TAB_DEFS: readonly TabDef[] = FEATURES.flatMap((f): readonly TabDef[] => f.tabs);

const savedTabOf = (def: TabDef) =>
  z.object({
    key: z.string().min(1).max(200),
    title: z.string().max(500),
    area: Area.optional(),
    kind: z.literal(def.kind.kind),
    params: def.kind.params,
  });
type SavedTabMember = ReturnType<typeof savedTabOf>;

/**
 * A saved tab (the open tabs are kept across a reload or restart), parsed by its kind: the
 * discriminated union of every kind's { key, title, area, kind, params } — an unknown kind or
 * invalid parameters fail the parse, and the tab is dropped.
 */
export const SavedTab = z.discriminatedUnion(
  'kind',
  TAB_DEFS.map(savedTabOf) as unknown as [SavedTabMember, ...SavedTabMember[]],
);
export type SavedTab = z.output<typeof SavedTab>;

/** Tab kind → the view that renders it. */
export const tabViews: TabViews = Object.fromEntries(TAB_DEFS.map((d) => [d.kind.kind, d.view]));

/** Window-wide pieces of the features, mounted once beside the shell. */
export const featureWindows = FEATURES.flatMap((f: RendererFeature) => f.windows ?? []);

/** The pages and grid columns features add to other features' objects (users' page and grid …). */
registerObjectExtensions(FEATURES.flatMap((f: RendererFeature) => (f.objects ? [f.objects] : [])));
