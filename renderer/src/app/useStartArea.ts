import { useEffect, useRef } from 'react';
import { usePrefs } from '../data/queries';
import { openArea } from '../areas/openArea';

/** Opens the preferred start area once, when the preferences are first known. */
export function useStartArea(): void {
  const prefs = usePrefs();
  const done = useRef(false);
  const startArea = prefs.data?.value.startArea;
  const failed = prefs.isError;
  useEffect(() => {
    if (done.current) return;
    if (startArea) openArea(startArea);
    else if (failed) openArea('users'); // the preferences' default, when they cannot be read
    else return;
    done.current = true;
  }, [startArea, failed]);
}
