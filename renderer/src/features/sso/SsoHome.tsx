import { useCallback, useMemo, useRef, useState } from 'react';
import { makeStyles, Tab as FluentTab, TabList, tokens } from '@fluentui/react-components';
import type { Tab } from '../../shell/tabs/store';
import { useAuthStatus } from '../../data/queries';
import { canWrite } from '../../data/permissions';
import { useTabEditor } from '../../shell/tabs/useTabEditor';
import { Page } from '../../ui/Page';
import { CircuitSettings } from './CircuitSettings';
import { useSsoLive } from './data';
import { FormRegistryContext, type FormRegistry } from './editors';
import { IdentityProviders } from './IdentityProviders';
import { OidcSettings } from './OidcSettings';
import { ServiceProviders } from './ServiceProviders';
import { TenantSettings } from './TenantSettings';
import { TestResponse } from './TestResponse';

const useStyles = makeStyles({
  sub: { marginBottom: tokens.spacingVerticalS },
  hidden: { display: 'none' },
});

type Section = 'saml' | 'oidc' | 'circuit';
type SamlPage = 'sp' | 'idp' | 'tenant' | 'test';

/**
 * Single Sign-On home: Sign On Configuration (SAML 2.0, Circuit) and the External Identity Provider (OpenID Connect).
 */
export function SsoHome({ tab }: { tab: Tab }) {
  const styles = useStyles();
  useSsoLive();
  const status = useAuthStatus().data;
  const writable = canWrite(status?.user?.permissions, 'sso');
  const hostAdmin = !!status?.user?.hostAdmin;
  const [section, setSection] = useState<Section>('saml');
  const [page, setPage] = useState<SamlPage>('sp');

  // The OpenID Connect and Circuit forms report dirty + save: the tab's dot, close prompt and Ctrl+S.
  const forms = useRef(new Map<string, { dirty: boolean; save: () => Promise<boolean> }>());
  const [dirtyNames, setDirtyNames] = useState<string[]>([]);
  const registry = useMemo<FormRegistry>(
    () => ({
      set(name, entry) {
        if (entry) forms.current.set(name, entry);
        else forms.current.delete(name);
        setDirtyNames([...forms.current].filter(([, e]) => e.dirty).map(([n]) => n));
      },
    }),
    [],
  );
  const save = useCallback(async () => {
    for (const [, e] of forms.current) if (e.dirty && !(await e.save())) return false;
    return true;
  }, []);
  useTabEditor(tab.key, { dirty: dirtyNames.length > 0, save });

  return (
    <FormRegistryContext.Provider value={registry}>
      <Page
        title="Single Sign-On"
        help={section === 'oidc' ? 'single-sign-on' : section === 'circuit' ? 'circuit' : 'saml'}
        subtitle={
          'SAML 2.0 for Agent Portal Web, the External Identity Provider (OpenID Connect) the console and ' +
          'desktop applications sign in through, and Circuit sign-on.'
        }
        wide
      >
        <TabList
          selectedValue={section}
          onTabSelect={(_, d) => setSection(d.value as Section)}
          data-testid="sso-sections"
        >
          <FluentTab value="saml" data-testid="sso-section-saml">
            SAML 2.0
          </FluentTab>
          <FluentTab value="oidc" data-testid="sso-section-oidc">
            OpenID Connect{dirtyNames.includes('oidc') ? ' •' : ''}
          </FluentTab>
          <FluentTab value="circuit" data-testid="sso-section-circuit">
            Circuit{dirtyNames.includes('circuit') ? ' •' : ''}
          </FluentTab>
        </TabList>
        <div className={section === 'saml' ? undefined : styles.hidden}>
          <TabList
            size="small"
            className={styles.sub}
            selectedValue={page}
            onTabSelect={(_, d) => setPage(d.value as SamlPage)}
          >
            <FluentTab value="sp" data-testid="sso-page-sp">
              Service Provider
            </FluentTab>
            <FluentTab value="idp" data-testid="sso-page-idp">
              Identity Provider
            </FluentTab>
            <FluentTab value="tenant" data-testid="sso-page-tenant">
              Tenant
            </FluentTab>
            <FluentTab value="test" data-testid="sso-page-test">
              Test a SAML response
            </FluentTab>
          </TabList>
          {page === 'sp' && <ServiceProviders writable={writable && hostAdmin} />}
          {page === 'idp' && <IdentityProviders writable={writable && hostAdmin} />}
          {page === 'tenant' && <TenantSettings writable={writable} />}
          {page === 'test' && <TestResponse />}
        </div>
        {/* Kept mounted while hidden: unsaved input survives switching sections. */}
        <div className={section === 'oidc' ? undefined : styles.hidden}>
          <OidcSettings writable={writable} />
        </div>
        <div className={section === 'circuit' ? undefined : styles.hidden}>
          <CircuitSettings writable={writable} />
        </div>
      </Page>
    </FormRegistryContext.Provider>
  );
}
