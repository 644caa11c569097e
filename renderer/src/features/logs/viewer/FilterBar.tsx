import { useState } from 'react';
import {
  Button,
  Field,
  Input,
  makeStyles,
  mergeClasses,
  Menu,
  MenuButton,
  MenuItemCheckbox,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Popover,
  PopoverSurface,
  PopoverTrigger,
  ToggleButton,
  tokens,
  Tooltip,
} from '@fluentui/react-components';
import { CalendarClock16Regular, ErrorCircle16Regular, FilterDismiss16Regular } from '@fluentui/react-icons';
import type { Severity, SourceView } from '../../../../../electron/contract';
import { fieldMessage } from '../../../ui/fieldMessage';
import { isFiltered, type FilterErrors, type ViewerFilterForm } from '../filterForm';
import { SEVERITIES, SEVERITY_LABEL, toLocalDateTime } from '../format';

export const useBarStyles = makeStyles({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
  },
  group: { display: 'flex', alignItems: 'center', gap: '2px' },
  sevDot: { width: '8px', height: '8px', borderRadius: '2px' },
  dot_error: { backgroundColor: tokens.colorPaletteRedBackground3 },
  dot_warning: { backgroundColor: tokens.colorPaletteMarigoldBackground3 },
  dot_info: { backgroundColor: tokens.colorPaletteBlueBorderActive },
  dot_debug: { backgroundColor: tokens.colorNeutralForeground3 },
  dot_trace: { backgroundColor: tokens.colorNeutralStroke1 },
  sevOn: { fontWeight: tokens.fontWeightSemibold },
  text: { width: '160px' },
  textField: { width: '160px' },
  field: { minWidth: 0 },
  flag: { minWidth: '32px', fontFamily: tokens.fontFamilyMonospace },
  swatch: { display: 'inline-block', width: '10px', height: '10px', borderRadius: '2px', marginRight: '6px' },
  label: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, paddingRight: '2px' },
  timeBad: { color: tokens.colorPaletteRedForeground1 },
  timeSurface: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, width: '260px' },
  quick: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

/** "14:05:09" of a datetime-local value ("2026-01-31T14:05:09"), the date too when it is not today. */
function shortTime(value: string, today: string): string {
  const [date, time = ''] = value.split('T');
  return date === today ? time : `${date} ${time}`;
}

/** The time range in a popover: From / To (local time, to the second) and the last 5 / 15 / 60 minutes. */
function TimeRange(props: {
  form: ViewerFilterForm;
  errors: FilterErrors;
  onChange: (from: string, to: string) => void;
}) {
  const s = useBarStyles();
  const { form, errors } = props;
  const bad = errors.from ?? errors.to;
  // For the label only: a date is shown when it is not today.
  const [today] = useState(() => toLocalDateTime(Date.now()).slice(0, 10));
  const label =
    !form.from && !form.to
      ? 'Any time'
      : form.from && form.to
        ? `${shortTime(form.from, today)} – ${shortTime(form.to, today)}`
        : form.from
          ? `From ${shortTime(form.from, today)}`
          : `Until ${shortTime(form.to, today)}`;
  const last = (minutes: number) => props.onChange(toLocalDateTime(Date.now() - minutes * 60_000), '');
  return (
    <Popover trapFocus withArrow>
      <PopoverTrigger disableButtonEnhancement>
        <Button
          size="small"
          icon={bad ? <ErrorCircle16Regular className={s.timeBad} /> : <CalendarClock16Regular />}
          data-testid="logs-time"
          aria-label={`Time range: ${label}`}
        >
          {label}
        </Button>
      </PopoverTrigger>
      <PopoverSurface className={s.timeSurface} aria-label="Time range">
        <Field
          label="From"
          validationState={errors.from ? 'error' : 'none'}
          validationMessage={fieldMessage(errors.from, 'logs-from-error')}
        >
          <Input
            type="datetime-local"
            step={1}
            value={form.from}
            data-testid="logs-from"
            onChange={(_, d) => props.onChange(d.value, form.to)}
          />
        </Field>
        <Field
          label="To"
          validationState={errors.to ? 'error' : 'none'}
          validationMessage={fieldMessage(errors.to, 'logs-to-error')}
        >
          <Input
            type="datetime-local"
            step={1}
            value={form.to}
            data-testid="logs-to"
            onChange={(_, d) => props.onChange(form.from, d.value)}
          />
        </Field>
        <div className={s.quick}>
          <Button size="small" data-testid="logs-time-5" onClick={() => last(5)}>
            Last 5 min
          </Button>
          <Button size="small" onClick={() => last(15)}>
            Last 15 min
          </Button>
          <Button size="small" onClick={() => last(60)}>
            Last hour
          </Button>
          <Button
            size="small"
            appearance="subtle"
            disabled={!form.from && !form.to}
            onClick={() => props.onChange('', '')}
          >
            Any time
          </Button>
        </div>
      </PopoverSurface>
    </Popover>
  );
}

/**
 * The viewer's filter: severities, sources, filter in / filter out (substring or regex, match
 * case), a time range. A bad regex shows under its field and is not sent.
 */
export function FilterBar(props: {
  form: ViewerFilterForm;
  errors: FilterErrors;
  sources: readonly SourceView[];
  onChange: (form: ViewerFilterForm) => void;
}) {
  const s = useBarStyles();
  const { form, errors } = props;
  const set = <K extends keyof ViewerFilterForm>(k: K, v: ViewerFilterForm[K]) => props.onChange({ ...form, [k]: v });
  const toggleSeverity = (sev: Severity) =>
    set(
      'severities',
      form.severities.includes(sev)
        ? form.severities.filter((x) => x !== sev)
        : SEVERITIES.filter((x) => x === sev || form.severities.includes(x)),
    );
  const sourceLabel =
    form.sourceIds.length === 0
      ? 'All sources'
      : form.sourceIds.length === 1
        ? (props.sources.find((v) => v.spec.id === form.sourceIds[0])?.spec.name ?? '1 source')
        : `${form.sourceIds.length} sources`;
  const textField = (name: 'include' | 'exclude', label: string, placeholder: string) => (
    <Field
      className={s.textField}
      validationState={errors[name] ? 'error' : 'none'}
      validationMessage={fieldMessage(errors[name], `logs-${name}-error`)}
    >
      <Input
        size="small"
        className={s.text}
        value={form[name]}
        placeholder={placeholder}
        aria-label={label}
        contentBefore={<span className={s.label}>{label}</span>}
        data-testid={`logs-${name}`}
        onChange={(_, d) => set(name, d.value)}
      />
    </Field>
  );

  return (
    <div className={s.bar} role="search" aria-label="Log filter">
      <div className={s.group} role="group" aria-label="Severities">
        {SEVERITIES.map((sev) => {
          const on = form.severities.includes(sev);
          return (
            <ToggleButton
              key={sev}
              size="small"
              checked={on}
              appearance="subtle"
              icon={<span className={mergeClasses(s.sevDot, s[`dot_${sev}`])} />}
              className={on ? s.sevOn : undefined}
              data-testid={`logs-sev-${sev}`}
              onClick={() => toggleSeverity(sev)}
            >
              {SEVERITY_LABEL[sev]}
            </ToggleButton>
          );
        })}
      </div>
      <Menu
        checkedValues={{ sources: [...form.sourceIds] }}
        onCheckedValueChange={(_, d) => set('sourceIds', d.checkedItems)}
        persistOnItemClick
      >
        <MenuTrigger disableButtonEnhancement>
          <MenuButton size="small" data-testid="logs-sources-filter">
            {sourceLabel}
          </MenuButton>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            {props.sources.map((v) => (
              <MenuItemCheckbox
                key={v.spec.id}
                name="sources"
                value={v.spec.id}
                data-testid={`logs-source-filter-${v.spec.id}`}
              >
                <span className={s.swatch} style={{ backgroundColor: v.colour }} />
                {v.spec.name}
              </MenuItemCheckbox>
            ))}
          </MenuList>
        </MenuPopover>
      </Menu>
      {textField('include', 'In', 'only lines with…')}
      {textField('exclude', 'Out', 'no lines with…')}
      <div className={s.group}>
        <Tooltip content="Regular expressions (filters and search)" relationship="label">
          <ToggleButton
            size="small"
            className={s.flag}
            checked={form.regex}
            data-testid="logs-regex"
            onClick={() => set('regex', !form.regex)}
          >
            .*
          </ToggleButton>
        </Tooltip>
        <Tooltip content="Match case (filters and search)" relationship="label">
          <ToggleButton
            size="small"
            className={s.flag}
            checked={form.caseSensitive}
            data-testid="logs-case"
            onClick={() => set('caseSensitive', !form.caseSensitive)}
          >
            Aa
          </ToggleButton>
        </Tooltip>
      </div>
      <TimeRange form={form} errors={errors} onChange={(from, to) => props.onChange({ ...form, from, to })} />
      <Button
        size="small"
        appearance="subtle"
        icon={<FilterDismiss16Regular />}
        disabled={!isFiltered(form)}
        data-testid="logs-clear-filter"
        onClick={() =>
          props.onChange({ ...form, severities: [], sourceIds: [], include: '', exclude: '', from: '', to: '' })
        }
      >
        Clear
      </Button>
    </div>
  );
}
