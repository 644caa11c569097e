import type { Area } from '../../../electron/contract';
import { tabsStore } from '../shell/tabs/store';
import { AREA_BY_ID } from './areas';

/** Opens (or focuses) an area's home tab. Its key is the area id, and so is its kind once the area is available. */
export function openArea(area: Area): void {
  const def = AREA_BY_ID[area];
  tabsStore.getState().open({
    key: area,
    title: def.label,
    kind: def.available ? area : 'placeholder',
    params: { area },
    area,
  });
}
