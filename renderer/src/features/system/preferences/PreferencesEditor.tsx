import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  Switch,
  tokens,
} from '@fluentui/react-components';
import { ArrowReset20Regular, Save20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { Area } from '../../../../../electron/contract';
import { areaList } from '../../../areas/areas';
import type { Tab } from '../../../shell/tabs/store';
import { ConflictBar } from '../../../ui/kit/ConflictBar';
import { Page } from '../../../ui/Page';
import { QueryState } from '../../../ui/QueryState';
import { useAuthStatus } from '../../../data/queries';
import {
  applicablePrefs,
  FIELD_LABELS,
  startAreaChoices,
  type FieldErrors,
  type PrefsField,
  type PrefsForm,
} from './prefsForm';
import { usePreferencesEditor } from './usePreferencesEditor';
import { confirm } from '../../../ui/kit';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '520px' },
  number: { width: '220px' },
  unit: { whiteSpace: 'nowrap', color: tokens.colorNeutralForeground3 },
  select: { maxWidth: '260px' },
  bars: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

const SAMPLE = new Date(2025, 0, 31, 14, 5, 0);
const LOCALE_SAMPLE = SAMPLE.toLocaleString();
const ISO_SAMPLE = '2025-01-31 14:05:00';

/** Field props for one preference: label, error under the field, test ids. */
function fieldProps(field: PrefsField, errors: FieldErrors, hint?: string) {
  const error = errors[field];
  return {
    label: FIELD_LABELS[field],
    hint,
    validationState: error ? ('error' as const) : ('none' as const),
    validationMessage: error ? { children: error, 'data-testid': `pref-${field}-error` } : undefined,
  };
}

/**
 * The browser's notification permission in browser mode; null in the Electron window, whose
 * notifications come from main (window.ccm is the preload's) and need no permission here.
 */
function browserNotificationPermission(): NotificationPermission | null {
  if ((window as { ccm?: unknown }).ccm || typeof Notification === 'undefined') return null;
  return Notification.permission;
}

/**
 * System › Preferences (also the user menu's Preferences…, for users without System): the console's
 * own settings, validated with the contract's schema; only those that apply to the signed-in user show.
 */
export function PreferencesEditor({ tab }: { tab: Tab }) {
  const styles = useStyles();
  const editor = usePreferencesEditor(tab.key);
  const permissions = useAuthStatus().data?.user?.permissions;
  const applies = applicablePrefs(permissions);
  const reset = async () => {
    const ok = await confirm({
      title: 'Reset preferences to defaults?',
      body:
        `All preferences go back to their defaults and are saved at once.` +
        `${editor.dirty ? ' Your unsaved changes here are discarded.' : ''}`,
      danger: true,
      confirmLabel: 'Reset',
      testId: 'pref-reset-dialog',
      confirmTestId: 'pref-reset-confirm',
      cancelTestId: 'pref-reset-cancel',
    });
    if (ok) await editor.resetToDefaults();
  };

  const [permission, setPermission] = useState(browserNotificationPermission);
  // Asked from a click: browsers refuse (or quietly deny) a permission prompt nobody asked for.
  const allow = async () => {
    try {
      setPermission(await Notification.requestPermission());
    } catch {
      setPermission(browserNotificationPermission());
    }
  };

  const { form, errors } = editor;
  const invalid = Object.keys(errors).length > 0;
  const set = editor.set;
  const start = form ? startAreaChoices(areaList(), permissions, form.startArea) : null;
  const startHint =
    'The area opened when the console starts.' +
    (start?.unavailable
      ? ` You cannot open ${start.unavailable.current}: ` +
        (start.unavailable.instead ? `${start.unavailable.instead} opens instead.` : 'no area opens.')
      : '');

  return (
    <Page
      title="Preferences"
      subtitle="How the console looks and behaves for you on this computer."
      actions={
        form && (
          <>
            <Button
              appearance="primary"
              icon={<Save20Regular />}
              disabled={!editor.dirty || invalid || editor.busy}
              title="Save (Ctrl+S)"
              data-testid="pref-save"
              onClick={() => void editor.save()}
            >
              Save
            </Button>
            <Button
              icon={<ArrowReset20Regular />}
              disabled={editor.busy}
              data-testid="pref-reset"
              onClick={() => void reset()}
            >
              Reset to defaults
            </Button>
          </>
        )
      }
    >
      <div className={styles.bars}>
        {editor.conflict && (
          <ConflictBar
            testId="pref"
            title="Saved from another window"
            error={editor.conflict.error}
            busy={editor.busy}
            onReload={() => void editor.reload()}
            onOverwrite={() => void editor.overwrite()}
          />
        )}
        {editor.failure && (
          <MessageBar intent="error" layout="multiline" data-testid="pref-failure">
            <MessageBarBody>
              <MessageBarTitle>Not saved</MessageBarTitle>
              {editor.failure.message}
            </MessageBarBody>
          </MessageBar>
        )}
        {editor.saved && !editor.dirty && (
          <MessageBar intent="success" data-testid="pref-saved">
            <MessageBarBody>Preferences saved.</MessageBarBody>
          </MessageBar>
        )}
      </div>

      {!form ? (
        <QueryState isPending={!editor.loadError} error={editor.loadError} what="the preferences" />
      ) : (
        <form
          className={styles.form}
          aria-label="Preferences"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void editor.save();
          }}
        >
          <Field {...fieldProps('theme', errors)}>
            <RadioGroup
              layout="horizontal"
              value={form.theme}
              data-testid="pref-theme"
              onChange={(_, d) => set('theme', d.value as PrefsForm['theme'])}
            >
              <Radio value="system" label="System setting" />
              <Radio value="light" label="Light" />
              <Radio value="dark" label="Dark" />
            </RadioGroup>
          </Field>

          <Field {...fieldProps('startArea', errors, startHint)}>
            <Select
              className={styles.select}
              value={form.startArea}
              data-testid="pref-startArea"
              onChange={(_, d) => {
                const area = Area.safeParse(d.value);
                if (area.success) set('startArea', area.data);
              }}
            >
              {start?.choices.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.label}
                </option>
              ))}
            </Select>
          </Field>

          <Field
            {...fieldProps('confirmDestructive', errors, 'Ask before deleting, or before changing many items at once.')}
          >
            <Switch
              checked={form.confirmDestructive}
              label={form.confirmDestructive ? 'Ask first' : 'Do not ask'}
              data-testid="pref-confirmDestructive"
              onChange={(_, d) => set('confirmDestructive', d.checked)}
            />
          </Field>

          <Field {...fieldProps('dateFormat', errors)}>
            <RadioGroup
              value={form.dateFormat}
              data-testid="pref-dateFormat"
              onChange={(_, d) => set('dateFormat', d.value as PrefsForm['dateFormat'])}
            >
              <Radio value="locale" label={`Your locale (${LOCALE_SAMPLE})`} />
              <Radio value="iso" label={`ISO 8601 (${ISO_SAMPLE})`} />
            </RadioGroup>
          </Field>

          {applies.logs && (
            <Field {...fieldProps('logBufferKLines', errors, 'Lines kept per log viewer, in thousands: 10 to 5000.')}>
              <Input
                className={styles.number}
                inputMode="numeric"
                value={form.logBufferKLines}
                contentAfter={{ children: 'thousand lines', className: styles.unit }}
                data-testid="pref-logBufferKLines"
                onChange={(_, d) => set('logBufferKLines', d.value)}
              />
            </Field>
          )}

          {applies.alarms && (
            <>
              <Field
                {...fieldProps(
                  'alarmBadge',
                  errors,
                  'The number of open Critical alarms next to Alarms in the navigation.',
                )}
              >
                <Switch
                  checked={form.alarmBadge}
                  label={form.alarmBadge ? 'Show' : 'Do not show'}
                  data-testid="pref-alarmBadge"
                  onChange={(_, d) => set('alarmBadge', d.checked)}
                />
              </Field>
              <Field
                {...fieldProps(
                  'alarmTitle',
                  errors,
                  'The same number at the start of the window title, so it shows on the taskbar.',
                )}
              >
                <Switch
                  checked={form.alarmTitle}
                  label={form.alarmTitle ? 'Show' : 'Do not show'}
                  data-testid="pref-alarmTitle"
                  onChange={(_, d) => set('alarmTitle', d.checked)}
                />
              </Field>
              <Field {...fieldProps('alarmDesktop', errors, 'A desktop notification for each new Critical alarm.')}>
                <Switch
                  checked={form.alarmDesktop}
                  label={form.alarmDesktop ? 'Notify' : 'Do not notify'}
                  data-testid="pref-alarmDesktop"
                  onChange={(_, d) => {
                    set('alarmDesktop', d.checked);
                    if (d.checked && permission === 'default') void allow();
                  }}
                />
              </Field>
              {form.alarmDesktop && permission === 'default' && (
                <MessageBar intent="info" layout="multiline" data-testid="pref-notifications-ask">
                  <MessageBarBody>
                    <MessageBarTitle>This browser has not been allowed to show notifications</MessageBarTitle>
                    Until you allow them, new Critical alarms show only in the console.
                  </MessageBarBody>
                  <MessageBarActions>
                    <Button data-testid="pref-notifications-allow" onClick={() => void allow()}>
                      Allow notifications
                    </Button>
                  </MessageBarActions>
                </MessageBar>
              )}
              {form.alarmDesktop && permission === 'denied' && (
                <MessageBar intent="warning" layout="multiline" data-testid="pref-notifications-denied">
                  <MessageBarBody>
                    <MessageBarTitle>This browser blocks notifications from the console</MessageBarTitle>
                    No desktop notification can show. Allow notifications for this site in the browser’s site settings
                    (the icon left of the address), then reload the page.
                  </MessageBarBody>
                </MessageBar>
              )}
            </>
          )}
        </form>
      )}
    </Page>
  );
}
