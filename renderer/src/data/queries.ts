import { useQuery } from '@tanstack/react-query';
import { ccm, unwrap } from '../api/client';
import { queryKeys } from './keys';

export { queryKeys };

/** Product, version, run mode: fixed for the life of the window. */
export const useAppInfo = () =>
  useQuery({ queryKey: queryKeys.appInfo, queryFn: () => unwrap(ccm.app.getInfo({})), staleTime: Infinity });

/** The parsed command line: fixed for the life of the process. */
export const useLaunchOptions = () =>
  useQuery({
    queryKey: queryKeys.launchOptions,
    queryFn: () => unwrap(ccm.app.getLaunchOptions({})),
    staleTime: Infinity,
  });

/** The saved preferences document; kept current by the prefs.changed event (see app/useEventBridge). */
export const usePrefs = () =>
  useQuery({ queryKey: queryKeys.prefs, queryFn: () => unwrap(ccm.prefs.get({})), staleTime: Infinity });

/** Connection, signed-in user and tenant; kept current by auth.changed (see app/useEventBridge). */
/** Who is signed in (main.tsx asks it before the first render: the sign-in form waits for the answer). */
export const authStatusQuery = {
  queryKey: queryKeys.auth,
  queryFn: () => unwrap(ccm.auth.status({})),
  staleTime: Infinity,
} as const;
export const useAuthStatus = () => useQuery(authStatusQuery);
