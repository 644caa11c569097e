import type { Preferences, PreferencesDoc } from '../../../../../electron/contract';
import { ccm } from '../../../api/client';
import { queryKeys } from '../../../data/queries';
import { useVersionedEditor } from '../../../ui/kit/useVersionedEditor';
import { isFormDirty, parseForm, toForm } from './prefsForm';

const valueOf = (doc: PreferencesDoc) => doc.value;
const read = () => ccm.prefs.get({});
const write = (value: Preferences, expectedVersion: number) => ccm.prefs.save({ expectedVersion, value });

/**
 * The Preferences editor (useVersionedEditor): saved with the version it was read at, so a
 * save from another window is refused (CONFLICT) rather than overwritten unseen.
 */
export function usePreferencesEditor(tabKey: string) {
  const editor = useVersionedEditor({
    tabKey,
    queryKey: queryKeys.prefs,
    read,
    write,
    valueOf,
    toForm,
    parse: parseForm,
    isDirty: isFormDirty,
    writable: true,
  });
  const { writeWith } = editor;
  return { ...editor, resetToDefaults: () => writeWith(() => ccm.prefs.reset({})) };
}
