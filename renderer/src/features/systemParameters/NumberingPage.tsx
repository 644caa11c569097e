import { useState } from 'react';
import { Checkbox, Field, Input, Radio, RadioGroup, Text, Textarea } from '@fluentui/react-components';
import { normalizeNumber, numberingProblems, type NumberingPlan } from '../../../../electron/contract';
import { ccm } from '../../api/client';
import { canWrite } from '../../data/permissions';
import { useAuthStatus } from '../../data/queries';
import type { Tab } from '../../shell/tabs/store';
import { QueryState } from '../../ui/QueryState';
import { ParamPage, usePageStyles } from './ParamPage';
import { fieldProps, usePageEditor } from './usePageEditor';

type Form = Omit<NumberingPlan, 'internalPatterns'> & { internalPatterns: string };
const toForm = (p: NumberingPlan): Form => ({ ...p, internalPatterns: p.internalPatterns.join('\n') });
const fromForm = (f: Form): NumberingPlan => ({
  ...f,
  internalPatterns: f.internalPatterns
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean),
});

/** System › Numbering plan: internal extensions and how numbers are dialled and looked up. */
export function NumberingPage({ tab }: { tab: Tab<Record<string, never>> }) {
  const s = usePageStyles();
  const status = useAuthStatus().data;
  const tenant = status?.tenant ?? null;
  const writable = canWrite(status?.user?.permissions, 'system');
  const e = usePageEditor({
    tabKey: tab.key,
    page: 'numbering',
    tenantId: tenant?.id ?? null,
    writable,
    read: () => ccm.systemParameters.getNumbering({}),
    write: (settings, expectedVersion) => ccm.systemParameters.saveNumbering({ expectedVersion, settings }),
    toForm,
    fromForm,
    problems: numberingProblems,
  });
  const [number, setNumber] = useState('+44 20 7123 4567');
  const [direction, setDirection] = useState<'incoming' | 'outgoing'>('outgoing');
  if (!e.form) return <QueryState isPending={!e.loadError} error={e.loadError} what="the numbering plan" />;
  const f = e.form;
  const locked = !writable || f.useDefaults;
  const text = (key: keyof Form, label: string, hint: string) => (
    <Field label={label} hint={hint} {...fieldProps(e.errors, key)}>
      <Input
        value={String(f[key])}
        disabled={locked}
        onChange={(_, d) => e.set(key, d.value as never)}
        data-testid={`sp-numbering-${key}`}
      />
    </Field>
  );
  const flag = (key: keyof Form, label: string) => (
    <Checkbox
      label={label}
      checked={Boolean(f[key])}
      disabled={locked}
      onChange={(_, d) => e.set(key, Boolean(d.checked) as never)}
      data-testid={`sp-numbering-${key}`}
    />
  );
  const patternErrorKey = Object.keys(e.errors).find((k) => k.startsWith('internalPatterns'));
  const plan = fromForm(f);
  const preview = numberingProblems(plan).length === 0 ? normalizeNumber(plan, number, direction) : null;
  return (
    <ParamPage
      testId="sp-numbering"
      help="numbering-plan"
      title="Numbering plan"
      subtitle={
        `How tenant “${tenant?.name ?? ''}” tells internal extensions from external numbers, ` +
        'and how numbers are dialled and looked up.'
      }
      writable={writable}
      editor={e}
    >
      <div className={s.form}>
        <Checkbox
          label="Use default settings"
          checked={f.useDefaults}
          disabled={!writable}
          onChange={(_, d) => e.set('useDefaults', Boolean(d.checked))}
          data-testid="sp-numbering-useDefaults"
        />
        <h3 className={s.section}>General</h3>
        <div className={s.row}>
          <Field
            label="Internal Phone Number Patterns"
            hint={
              'One per line, checked top-down. X any digit, [1-5] or [135] one of, ! at the end: more digits. ' +
              'Directory Numbers and dialed numbers must match one.'
            }
            {...fieldProps(e.errors, patternErrorKey ?? 'internalPatterns')}
          >
            <Textarea
              rows={4}
              value={f.internalPatterns}
              disabled={locked}
              onChange={(_, d) => e.set('internalPatterns', d.value)}
              data-testid="sp-numbering-internalPatterns"
            />
          </Field>
          <div className={s.form}>
            {flag('e164', 'PBX supports E.164 dialling (+ to dial external numbers)')}
            {text('localCountryCode', 'Local Country Code', 'Stripped from callers’ numbers, e.g. +44; one prefix')}
            {text('internationalPrefix', 'International Dialling Prefix', 'Replaces + when E.164 is not used, e.g. 00')}
          </div>
        </div>
        <div className={s.row}>
          <div className={s.form}>
            <h3 className={s.section}>Incoming calls</h3>
            {text('incomingPrefix', 'Prefix', 'Stripped from the caller’s number before the lookup')}
            {flag('eccIncomingIncludesPrefix', 'ECC-CURRI callbacks include prefix')}
          </div>
          <div className={s.form}>
            <h3 className={s.section}>Outgoing calls</h3>
            <div className={s.row}>
              {text('outgoingPrefix', 'Prefix', 'Added to external numbers')}
              {text('outgoingSuffix', 'Suffix', 'e.g. #')}
            </div>
            {flag('tapiIncludesPrefix', 'TAPI events include the prefix')}
            {flag('eccOutgoingIncludesPrefix', 'ECC-CURRI callbacks include prefix')}
          </div>
        </div>
        <h3 className={s.section}>Normalize</h3>
        <div className={s.row}>
          <Field label="Number" hint="See how the plan above treats it (before saving)">
            <Input value={number} onChange={(_, d) => setNumber(d.value)} data-testid="sp-numbering-preview-number" />
          </Field>
          <RadioGroup
            layout="horizontal"
            value={direction}
            onChange={(_, d) => setDirection(d.value as 'incoming' | 'outgoing')}
            data-testid="sp-numbering-preview-direction"
          >
            <Radio value="outgoing" label="Dialled (outgoing)" />
            <Radio value="incoming" label="Caller (incoming)" />
          </RadioGroup>
        </div>
        {preview ? (
          <div data-testid="sp-numbering-preview">
            <Text weight="semibold" block>
              {preview.internal ? 'Internal' : 'External'}:{' '}
              <span className={s.mono}>{preview.result || '(empty)'}</span>
            </Text>
            {preview.steps.map((st, i) => (
              <Text key={i} block className={s.hint}>
                {i + 1}. {st}
              </Text>
            ))}
          </div>
        ) : (
          <Text className={s.hint}>Correct the fields above to see the preview.</Text>
        )}
      </div>
    </ParamPage>
  );
}
