import { useSyncExternalStore } from 'react';
import type { Preferences } from '../../../electron/contract';
import { usePrefs } from '../data/queries';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void) {
  const mq = window.matchMedia(DARK_QUERY);
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
}
const systemIsDark = () => window.matchMedia(DARK_QUERY).matches;

/** Light or dark, from the theme preference; "system" follows the OS (prefers-color-scheme). */
export function useColorScheme(): 'light' | 'dark' {
  const theme: Preferences['theme'] = usePrefs().data?.value.theme ?? 'system';
  const dark = useSyncExternalStore(subscribe, systemIsDark);
  if (theme === 'system') return dark ? 'dark' : 'light';
  return theme;
}
