import { FluentProvider, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { Shell } from '../shell/Shell';
import { tabViews } from './tabViews';
import { useColorScheme } from './useColorScheme';
import { useEventBridge } from './useEventBridge';
import { useStartArea } from './useStartArea';

/**
 * The console: themed by the preferences, opens the start area, listens to main's events.
 * No className on FluentProvider: it copies its classes onto every portal (dialogs), so a
 * sizing class there would turn each portal into an opaque full-window layer.
 */
export function App() {
  const scheme = useColorScheme();
  useEventBridge();
  useStartArea();
  return (
    <FluentProvider theme={scheme === 'dark' ? webDarkTheme : webLightTheme}>
      <Shell views={tabViews} />
    </FluentProvider>
  );
}
