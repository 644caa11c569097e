import type { AppInfo, LaunchOptionsView, Notice, appService } from '../../contract';
import type { ServiceImpl } from '../../ipc/router';
import type { EventBus } from '../../ipc/events';

/** Notices raised in main (e.g. "/reset: preferences reset") kept for windows that open later. */
export class Notices {
  private readonly list: Notice[] = [];
  constructor(private readonly bus: EventBus) {}
  raise(level: Notice['level'], text: string): void {
    const notice: Notice = { level, text, at: new Date().toISOString() };
    this.list.push(notice);
    if (this.list.length > 200) this.list.shift();
    this.bus.emit('app.notice', notice);
  }
  all(): Notice[] {
    return [...this.list];
  }
}

export function createAppService(deps: {
  info: AppInfo;
  launchOptions: LaunchOptionsView;
  notices: Notices;
}): ServiceImpl<typeof appService> {
  return {
    getInfo: () => deps.info,
    getLaunchOptions: () => deps.launchOptions,
    getNotices: () => deps.notices.all(),
  };
}
