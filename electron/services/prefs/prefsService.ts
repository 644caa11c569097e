import type { prefsService } from '../../contract';
import type { ServiceImpl } from '../../ipc/router';
import type { EventBus } from '../../ipc/events';
import type { PrefsStore } from './prefsStore';

export function createPrefsService(store: PrefsStore, bus: EventBus): ServiceImpl<typeof prefsService> {
  return {
    get: () => store.read(),
    save: ({ expectedVersion, value }) => {
      const doc = store.save(expectedVersion, value);
      bus.emit('prefs.changed', doc);
      return doc;
    },
    reset: () => {
      const doc = store.reset();
      bus.emit('prefs.changed', doc);
      return doc;
    },
  };
}
