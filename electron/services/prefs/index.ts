import { defineFeature } from '../feature';
import { createPrefsService } from './prefsService';
import { PrefsStore } from './prefsStore';

export { startCriticalAlarmNotifier } from './criticalAlarmNotifier';

/**
 * User preferences (a file in the user data folder, not the database). /reset clears them at
 * start. Its runtime is the store, for features that read a preference (alarms' notifier).
 */
export const prefsFeature = defineFeature({
  name: 'prefs',
  start: ({ userDataDir, launchOptions, notices, log, bus }) => {
    const store = new PrefsStore(userDataDir);
    if (launchOptions.reset) {
      store.clear();
      notices.raise('info', 'User preferences were reset (/reset).');
      log.info('user preferences reset by /reset');
    }
    return { impl: createPrefsService(store, bus), runtime: store };
  },
});
