import { useCallback } from 'react';
import { usePrefs } from '../data/queries';
import { formatDateTime } from './format';

/** Formats main's timestamps per the dateFormat preference (locale until the preferences are known). */
export function useDateFormat(): (iso: string | null | undefined) => string {
  const format = usePrefs().data?.value.dateFormat ?? 'locale';
  return useCallback((iso: string | null | undefined) => formatDateTime(iso, format), [format]);
}
