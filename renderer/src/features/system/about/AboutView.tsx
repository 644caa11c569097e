import { useAppInfo } from '../../../data/queries';
import { Page } from '../../../ui/Page';
import { PropertyList } from '../../../ui/PropertyList';
import { QueryState } from '../../../ui/QueryState';

/** Product, version, run mode, platform — and why the console runs in browser mode, if it does. */
export function AboutView() {
  const info = useAppInfo();
  const d = info.data;
  return (
    <Page title="About" subtitle="The console’s version and where it runs.">
      {d ? (
        <PropertyList
          items={[
            { name: 'Product', value: d.productName, testId: 'about-product' },
            { name: 'Version', value: d.version, testId: 'about-version' },
            {
              name: 'Run mode',
              value: d.mode === 'electron' ? 'Electron window' : 'Browser mode',
              testId: 'about-mode',
            },
            { name: 'Platform', value: d.platform, testId: 'about-platform' },
            ...(d.browserModeReason
              ? [{ name: 'Why browser mode', value: d.browserModeReason, testId: 'about-browser-reason' }]
              : []),
          ]}
        />
      ) : (
        <QueryState isPending={info.isPending} error={info.error} what="the version information" />
      )}
    </Page>
  );
}
