import type { TabViews } from '../shell/tabs/Workspace';
import { tabViews as featureTabViews } from '../features';

/** Tab kind → the view that renders it: derived from the feature list (renderer/src/features.ts). */
export const tabViews: TabViews = featureTabViews;
