import type { Area } from '../../../electron/contract';
import { tabsStore } from '../shell/tabs/store';
import { AREA_BY_ID } from './areas';

/** Opens (or focuses) an area's home tab. Its key is the area id. */
export function openArea(area: Area): void {
  const def = AREA_BY_ID[area];
  tabsStore.getState().open({
    key: area,
    title: def.label,
    kind: area === 'system' ? 'system' : 'placeholder',
    params: { area },
    area,
  });
}
