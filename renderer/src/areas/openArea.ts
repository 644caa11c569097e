import type { Area } from '../../../electron/contract';
import { openTab } from '../shell/tabs/openTab';
import { placeholderTab } from '../features/placeholder';
import { TAB_DEFS } from '../features';
import { areaDef } from './areas';

/** Opens (or focuses) an area's home tab. Its key is the area id, and so is its kind once the area is available. */
export function openArea(area: Area): void {
  const def = areaDef(area);
  if (!def) return;
  const place = { key: area, title: def.label, area };
  const home = def.available ? TAB_DEFS.find((d) => d.kind.kind === area) : undefined;
  if (home) openTab(home.kind, {}, place);
  else openTab(placeholderTab, { area }, place);
}
