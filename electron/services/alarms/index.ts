import { defineFeature } from '../feature';
import { prefsFeature, startCriticalAlarmNotifier } from '../prefs';
import { createAlarmsService } from './alarmsService';
import { seedAlarmsDemo } from './demo';
import { alarmsMigration } from './migrations/007_alarms';
import { alarmsStateMigration } from './migrations/010_alarms_state';
import { alarmsMibNamesMigration } from './migrations/030_alarms_mib_names';
import { alarmsChangeSeqMigration } from './migrations/031_alarms_change_seq';
import { AlarmsRuntime } from './runtime';

/** The batching writer, for features' tests that store alarms the way the listener does (alarm e-mails). */
export { AlarmWriter } from './writer';
import './schema';

/**
 * Starts the alarms feature (issue 8): the SNMP trap listener, the batching writer, the
 * retention timer and (with the embedded demo database) the demo trap source. All of them
 * stop in dispose(), after the queued traps are stored. It also starts the desktop
 * notification for Critical alarms (a preference, hence `needs: [prefsFeature]`), stopped last.
 * Its runtime (the MIBs, the listener settings) is what snmpServers uses.
 */
export const alarmsFeature = defineFeature({
  name: 'alarms',
  needs: [prefsFeature],
  start: (deps, features) => {
    const runtime = new AlarmsRuntime(deps);
    const impl = createAlarmsService(deps, runtime);
    const stopNotifier = startCriticalAlarmNotifier(deps.bus, features.runtimeOf(prefsFeature), {
      listenerNotifies: () => runtime.settings?.notifyDesktop === true,
      show: deps.desktop?.notify,
    });
    return {
      impl,
      runtime,
      dispose: async () => {
        await runtime.dispose();
        stopNotifier();
      },
    };
  },
  migrations: {
    '007_alarms': alarmsMigration,
    '010_alarms_state': alarmsStateMigration,
    '030_alarms_mib_names': alarmsMibNamesMigration,
    '031_alarms_change_seq': alarmsChangeSeqMigration,
  },
  demo: seedAlarmsDemo,
});
