import type { AuthStatus } from '../../../electron/contract';
import { featureWindows, tabViews } from '../features';
import { NavPane } from '../shell/nav/NavPane';
import { Workspace } from '../shell/tabs/Workspace';
import { useStartArea } from './useStartArea';

/**
 * Everything the areas bring (the feature list with every tab view, the navigation, the feature
 * windows): a chunk of its own, loaded after the first paint, so the sign-in form does not wait
 * for it (App.tsx imports this module with import()).
 */

/** The navigation and the tabbed workspace (signed in). */
export function SignedInWorkspace({ className }: { className: string }) {
  return (
    <div className={className}>
      <NavPane />
      <Workspace views={tabViews} />
    </div>
  );
}

/** The features' window-wide pieces (the Connection manager dialog, …), mounted once. */
export function FeatureWindows() {
  return (
    <>
      {featureWindows.map((Window, i) => (
        <Window key={i} />
      ))}
    </>
  );
}

/** Opens the start area (or the saved tabs) for whoever signs in; closes them on sign-out. */
export function StartArea({ status }: { status: AuthStatus | undefined }) {
  useStartArea(status);
  return null;
}
