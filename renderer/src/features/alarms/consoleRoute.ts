import { z } from 'zod';
import type { ConsoleRoute } from '../../../../electron/contract/services/consoleLink';
import { tabKind } from '../../shell/tabs/kinds';
import { openTab } from '../../shell/tabs/openTab';
import { openArea } from '../../areas/openArea';

/** One alarm, opened from a link (the alarm e-mails' ccm://alarms/<id>, or #/alarms/<id> in browser mode). */
export const alarmLinkTab = tabKind('alarms.alarm', z.object({ id: z.number().int().positive() }));

/** Opens what a console link names (the route is parsed and validated before it gets here). */
export function openConsoleRoute(route: ConsoleRoute): void {
  if (route.route === 'alarm')
    openTab(
      alarmLinkTab,
      { id: route.id },
      { key: `alarms.alarm:${route.id}`, title: `Alarm ${route.id}`, area: 'alarms' },
    );
  else openArea('alarms');
}
