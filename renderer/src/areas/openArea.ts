import type { Area } from '../../../electron/contract';
import { tabsStore } from '../shell/tabs/store';
import { placeholderTab } from '../features/placeholder';
import { areaDef } from './areas';

/** Opens (or focuses) an area's home tab. Its key is the area id, and so is its kind once the area is available. */
export function openArea(area: Area): void {
  const def = areaDef(area);
  if (!def) return;
  const spec = { key: area, title: def.label, area };
  if (def.available) tabsStore.getState().open({ ...spec, kind: area, params: {} });
  else tabsStore.getState().open({ ...spec, kind: placeholderTab.kind, params: placeholderTab.params.parse({ area }) });
}
