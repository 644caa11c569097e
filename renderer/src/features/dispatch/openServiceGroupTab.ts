import { z } from 'zod';
import { NO_PARAMS, tabKind, type ParamsOf } from '../../shell/tabs/kinds';
import { openTab } from '../../shell/tabs/openTab';

/** The area's home tab (service groups, agents, service accesses, settings). */
export const dispatchHomeTab = tabKind('dispatch', NO_PARAMS);

/** The editor of one service group, or of a new one ('new'). `created`: it was just created here. */
export const serviceGroupTab = tabKind(
  'dispatch.serviceGroup',
  z.object({
    serviceGroupId: z.union([z.number().int().positive(), z.literal('new')]),
    created: z.boolean().optional(),
  }),
);
export type ServiceGroupTabParams = ParamsOf<typeof serviceGroupTab>;

/** Opens (or focuses) the service group editor for one service group. */
export function openServiceGroupTab(serviceGroupId: number, name: string, options: { created?: boolean } = {}): void {
  openTab(
    serviceGroupTab,
    { serviceGroupId, ...(options.created ? { created: true } : {}) },
    { key: `dispatch.serviceGroup.${serviceGroupId}`, title: name, area: 'dispatch' },
  );
}

/** Opens the editor on a new service group (one "new" tab at a time). */
export function openNewServiceGroupTab(): void {
  openTab(
    serviceGroupTab,
    { serviceGroupId: 'new' },
    { key: 'dispatch.serviceGroup.new', title: 'New service group', area: 'dispatch' },
  );
}
