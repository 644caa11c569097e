import { useEffect } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  DROP_REASON_LABELS,
  type AlarmFilter,
  type AlarmListenerStatus,
  type AlarmSeverity,
} from '../../../../electron/contract/services/alarms';
import { ccm, unwrap } from '../../api/client';
import { useDbTables, type DbTables } from '../../ui/kit/dbChanged';

export const alarmKeys = {
  all: ['alarms'] as const,
  list: (filter: AlarmFilter, offset: number, limit: number) => ['alarms', 'list', filter, offset, limit] as const,
  detail: (id: number) => ['alarms', 'detail', id] as const,
  status: ['alarms', 'status'] as const,
  configs: ['alarms', 'configs'] as const,
  mibs: ['alarms', 'mibs'] as const,
  settings: ['alarms', 'settings'] as const,
};

export const useAlarmStatus = () =>
  useQuery({ queryKey: alarmKeys.status, queryFn: () => unwrap(ccm.alarms.status({})) });
export const useAlarmList = (filter: AlarmFilter, offset: number, limit: number) =>
  useQuery({
    queryKey: alarmKeys.list(filter, offset, limit),
    queryFn: () => unwrap(ccm.alarms.list({ filter, offset, limit })),
    placeholderData: keepPreviousData,
  });
export const useAlarmDetail = (id: number | null) =>
  useQuery({
    queryKey: alarmKeys.detail(id ?? 0),
    queryFn: () => unwrap(ccm.alarms.get({ id: id! })),
    enabled: id !== null,
  });
export const useEventConfigs = () =>
  useQuery({ queryKey: alarmKeys.configs, queryFn: () => unwrap(ccm.alarms.eventConfigs({})) });
export const useMibs = () => useQuery({ queryKey: alarmKeys.mibs, queryFn: () => unwrap(ccm.alarms.mibs({})) });
export const useListenerSettings = () =>
  useQuery({ queryKey: alarmKeys.settings, queryFn: () => unwrap(ccm.alarms.settings({})) });

/** The alarm tables, for the one db.changed subscription. */
export const alarmTables: DbTables = {
  tables: ['alarm', 'alarm_event_config', 'alarm_mib', 'alarm_listener', 'alarm_v3_user'],
  keys: [alarmKeys.all],
};

/**
 * Main's alarm events into the caches: alarms.changed (throttled in main) re-reads the
 * lists, alarms.stats replaces the counters, other consoles' changes come as db.changed.
 */
export function useAlarmsLive(
  onRaised?: (items: { severity: AlarmSeverity; source: string; message: string }[]) => void,
): void {
  const qc = useQueryClient();
  useEffect(() => {
    const offChanged = ccm.on('alarms.changed', () => {
      void qc.invalidateQueries({ queryKey: ['alarms', 'list'] });
      void qc.invalidateQueries({ queryKey: ['alarms', 'detail'] });
    });
    const offStats = ccm.on('alarms.stats', (items) => {
      const last = items[items.length - 1] as AlarmListenerStatus | undefined;
      if (last) qc.setQueryData(alarmKeys.status, last);
    });
    const offRaised = ccm.on('alarms.raised', (items) => onRaised?.(items));
    return () => {
      offChanged();
      offStats();
      offRaised();
    };
  }, [qc, onRaised]);
  useDbTables(alarmTables);
}

export const SEVERITY_ORDER: AlarmSeverity[] = ['Critical', 'Major', 'Minor', 'Warning', 'Normal', 'Cleared'];

/** OpenView's severity colours. */
export const SEVERITY_COLOR: Record<AlarmSeverity, { bg: string; fg: string }> = {
  Critical: { bg: '#d13438', fg: '#ffffff' },
  Major: { bg: '#ff8c00', fg: '#000000' },
  Minor: { bg: '#fce100', fg: '#000000' },
  Warning: { bg: '#00b7c3', fg: '#000000' },
  Normal: { bg: '#107c10', fg: '#ffffff' },
  Cleared: { bg: '#8a8886', fg: '#ffffff' },
};

export { openAlarmsTab } from './openAlarmsTab';

/** The listener's drop reasons in words (the contract's list). */
export const DROP_LABEL: Record<string, string> = DROP_REASON_LABELS;
