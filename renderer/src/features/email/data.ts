import { useQuery } from '@tanstack/react-query';
import { ccm, unwrap } from '../../api/client';
import { useDbTables, type DbTables } from '../../ui/kit/dbChanged';

/** react-query keys of the E-mail area; all under 'email'. */
export const emailKeys = {
  all: ['email'] as const,
  servers: ['email', 'servers'] as const,
  destinations: ['email', 'destinations'] as const,
  alarmRules: ['email', 'alarmRules'] as const,
};

/** The tables the E-mail views read, for the one db.changed subscription. */
export const emailTables: DbTables = {
  tables: ['email_server', 'email_destination', 'email_alarm_rule'],
  keys: [emailKeys.all],
};

/** Other consoles' saves arrive as db.changed. */
export const useEmailLive = (): void => useDbTables(emailTables);

export const useEmailServers = () =>
  useQuery({ queryKey: emailKeys.servers, queryFn: () => unwrap(ccm.email.listServers({})) });
export const useEmailDestinations = () =>
  useQuery({ queryKey: emailKeys.destinations, queryFn: () => unwrap(ccm.email.listDestinations({})) });
export const useAlarmRules = () =>
  useQuery({ queryKey: emailKeys.alarmRules, queryFn: () => unwrap(ccm.email.listAlarmRules({})) });
