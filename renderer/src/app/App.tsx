import { lazy, Suspense, useEffect } from 'react';
import { FluentProvider, Spinner, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { useAuthStatus } from '../data/queries';
import { SignInScreen } from '../features/auth';
import { Shell } from '../shell/Shell';
import { ConfirmHost, HelpHost } from '../ui/kit';
import { useColorScheme } from './useColorScheme';
import { useEventBridge } from './useEventBridge';

/**
 * The areas (every feature's views, the navigation, the feature windows) are a chunk of their own
 * (./workspace): the first paint loads only the shell and the sign-in form; the chunk is fetched
 * once the form has painted, while the user types.
 */
const loadWorkspace = () => import('./workspace');
const SignedInWorkspace = lazy(() => loadWorkspace().then((m) => ({ default: m.SignedInWorkspace })));
const FeatureWindows = lazy(() => loadWorkspace().then((m) => ({ default: m.FeatureWindows })));
const StartArea = lazy(() => loadWorkspace().then((m) => ({ default: m.StartArea })));

function AreasLoading() {
  return (
    <Spinner
      size="small"
      labelPosition="after"
      label="Loading the console…"
      style={{ margin: 'auto' }}
      data-testid="areas-loading"
    />
  );
}

/**
 * The console: themed by the preferences, listens to main's events, shows the sign-in
 * screen until someone is signed in, then the workspace with the start area open.
 * No className on FluentProvider: it copies its classes onto every portal (dialogs), so a
 * sizing class there would turn each portal into an opaque full-window layer.
 */
export function App() {
  const scheme = useColorScheme();
  useEventBridge();
  const auth = useAuthStatus();
  const signedIn = !!auth.data?.user;
  const statusKnown = auth.data !== undefined || auth.error != null;
  useEffect(() => {
    if (!statusKnown) return;
    // Only once the sign-in form (or the shell) has painted: fetched and parsed any earlier, the
    // areas' chunk competes with the form for the one renderer thread and delays it.
    const timer = setTimeout(() => requestAnimationFrame(() => void loadWorkspace()), 0);
    return () => clearTimeout(timer);
  }, [statusKnown]);
  return (
    <FluentProvider theme={scheme === 'dark' ? webDarkTheme : webLightTheme}>
      <Shell
        workspace={(className) => (
          <Suspense fallback={<AreasLoading />}>
            <SignedInWorkspace className={className} />
          </Suspense>
        )}
        signIn={signedIn ? null : <SignInScreen status={auth.data} error={auth.error} />}
      />
      <Suspense fallback={null}>
        <StartArea status={auth.data} />
        <FeatureWindows />
      </Suspense>
      <ConfirmHost />
      <HelpHost />
    </FluentProvider>
  );
}
