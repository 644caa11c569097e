import { useQuery } from '@tanstack/react-query';
import { ccm, unwrap } from '../api/client';

export const queryKeys = {
  appInfo: ['app', 'info'] as const,
  launchOptions: ['app', 'launchOptions'] as const,
  prefs: ['prefs'] as const,
};

/** Product, version, run mode: fixed for the life of the window. */
export const useAppInfo = () =>
  useQuery({ queryKey: queryKeys.appInfo, queryFn: () => unwrap(ccm.app.getInfo({})), staleTime: Infinity });

/** The parsed command line: fixed for the life of the process. */
export const useLaunchOptions = () =>
  useQuery({ queryKey: queryKeys.launchOptions, queryFn: () => unwrap(ccm.app.getLaunchOptions({})), staleTime: Infinity });

/** The saved preferences document; kept current by the prefs.changed event (see app/useEventBridge). */
export const usePrefs = () =>
  useQuery({ queryKey: queryKeys.prefs, queryFn: () => unwrap(ccm.prefs.get({})), staleTime: Infinity });
