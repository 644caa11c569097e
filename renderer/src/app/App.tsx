import { FluentProvider, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { useAuthStatus } from '../data/queries';
import { SignInScreen } from '../features/auth';
import { Shell } from '../shell/Shell';
import { ConfirmHost, HelpHost } from '../ui/kit';
import { tabViews } from './tabViews';
import { featureWindows } from '../features';
import { useColorScheme } from './useColorScheme';
import { useEventBridge } from './useEventBridge';
import { useStartArea } from './useStartArea';

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
  useStartArea(auth.data);
  const signedIn = !!auth.data?.user;
  return (
    <FluentProvider theme={scheme === 'dark' ? webDarkTheme : webLightTheme}>
      <Shell views={tabViews} signIn={signedIn ? null : <SignInScreen status={auth.data} error={auth.error} />} />
      {featureWindows.map((Window, i) => (
        <Window key={i} />
      ))}
      <ConfirmHost />
      <HelpHost />
    </FluentProvider>
  );
}
