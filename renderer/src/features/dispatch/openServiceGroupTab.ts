import { tabsStore } from '../../shell/tabs/store';

/** Opens (or focuses) the service group editor for one service group (issue 5). */
export function openServiceGroupTab(serviceGroupId: number, name: string): void {
  tabsStore
    .getState()
    .open({
      key: `dispatch.serviceGroup.${serviceGroupId}`,
      title: name,
      kind: 'dispatch.serviceGroup',
      params: { serviceGroupId: String(serviceGroupId) },
      area: 'dispatch',
    });
}

/** Opens the editor on a new service group (one "new" tab at a time). */
export function openNewServiceGroupTab(): void {
  tabsStore
    .getState()
    .open({
      key: 'dispatch.serviceGroup.new',
      title: 'New service group',
      kind: 'dispatch.serviceGroup',
      params: { serviceGroupId: 'new' },
      area: 'dispatch',
    });
}
