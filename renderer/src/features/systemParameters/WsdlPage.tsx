import { useState } from 'react';
import { Button, Field, MessageBar, MessageBarBody, MessageBarTitle, Text, Textarea } from '@fluentui/react-components';
import { CheckmarkCircle16Regular } from '@fluentui/react-icons';
import type { WsdlCheckResult } from '../../../../electron/contract';
import { ccm } from '../../api/client';
import { useCommand } from '../../ui/kit';
import { Page } from '../../ui/Page';
import { usePageStyles } from './ParamPage';

const SNIPPET = `<webServices>
  <protocols>
    <remove name="Documentation"/>
  </protocols>
</webServices>`;

/** System › WSDL suppression: does a web.config (or machine.config) stop IIS serving the WSDL? */
export function WsdlPage() {
  const s = usePageStyles();
  const [text, setText] = useState('');
  const [result, setResult] = useState<WsdlCheckResult | null>(null);
  const check = useCommand((t: string) => ccm.systemParameters.checkWsdlSuppression({ text: t }));
  return (
    <Page
      title="WSDL suppression"
      help="wsdl-suppression"
      subtitle="Web services under IIS serve their WSDL unless their web.config (or the machine.config) removes it."
    >
      <div className={s.form}>
        <Text className={s.hint}>
          Add this inside the &lt;system.web&gt; node of each MiCC Enterprise web service’s web.config (under
          &lt;InstallDir&gt;\Services\Web), or of the machine.config for the whole computer:
        </Text>
        <pre className={s.mono} data-testid="sp-wsdl-snippet">
          {SNIPPET}
        </pre>
        <Field label="web.config or machine.config" hint="Paste the file, or choose it">
          <Textarea
            rows={8}
            value={text}
            onChange={(_, d) => {
              setText(d.value);
              setResult(null);
            }}
            data-testid="sp-wsdl-text"
          />
        </Field>
        <div className={s.toolbar}>
          <input
            type="file"
            accept=".config,.xml"
            data-testid="sp-wsdl-file"
            onChange={async (ev) => {
              const file = ev.target.files?.[0];
              if (file) setText(await file.text());
              setResult(null);
            }}
          />
          <Button
            icon={<CheckmarkCircle16Regular />}
            disabled={!text.trim() || check.busy}
            data-testid="sp-wsdl-check"
            onClick={async () => setResult((await check.run(text)) ?? null)}
          >
            Check
          </Button>
        </div>
        {check.error && (
          <MessageBar intent="error" data-testid="sp-wsdl-error">
            <MessageBarBody>{check.error.message}</MessageBarBody>
          </MessageBar>
        )}
        {result && (
          <MessageBar intent={result.applied ? 'success' : 'warning'} data-testid="sp-wsdl-result">
            <MessageBarBody>
              <MessageBarTitle>{result.applied ? 'Applied' : 'Not applied'}</MessageBarTitle>
              {result.message}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
    </Page>
  );
}
