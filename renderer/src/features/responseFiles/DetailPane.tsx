import { useRef } from 'react';
import {
  Checkbox,
  Field,
  Input,
  makeStyles,
  Radio,
  RadioGroup,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import type { RfItem, RfProblem } from '../../../../electron/contract';
import { fromEditorText, toEditorText } from './text';
import { IdentifierPicker } from './IdentifierPicker';

const useStyles = makeStyles({
  pane: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  textHead: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  text: { fontFamily: tokens.fontFamilyMonospace, minHeight: '180px' },
  muted: { color: tokens.colorNeutralForeground3 },
  problems: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  extra: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground3,
  },
});

const IMAGE = /\.(bmp|dib|jpe?g|gif|tiff?|png)(\?|#|$)/i;
const HTML = /\.html?(\?|#|$)/i;
const srcKind = (src: string) => (HTML.test(src) ? 'HTML' : IMAGE.test(src) ? 'Image' : 'Plain text');

const messageFor = (problems: RfProblem[], field: RfProblem['field']) => {
  const list = problems.filter((p) => p.field === field);
  return list.length === 0 ? undefined : list.map((p) => p.message).join('\n');
};

/** Name, Description, and the text (multi-line) or Src of the selected item. */
export function DetailPane(props: {
  item: RfItem;
  problems: RfProblem[];
  writable: boolean;
  media: string[];
  update(patch: Partial<RfItem>, field: string): void;
}) {
  const styles = useStyles();
  const { item, problems, writable } = props;
  const textRef = useRef<HTMLTextAreaElement>(null);
  const useSrc = item.src !== null;
  const sev = (field: RfProblem['field']) =>
    problems.some((p) => p.field === field && p.severity === 'error')
      ? 'error'
      : problems.some((p) => p.field === field)
        ? 'warning'
        : 'none';

  const insert = (token: string) => {
    const el = textRef.current;
    const cur = toEditorText(item.text);
    const at = el ? el.selectionStart : cur.length;
    const end = el ? el.selectionEnd : cur.length;
    const next = cur.slice(0, at) + token + cur.slice(end);
    props.update({ text: fromEditorText(next) }, 'text');
    requestAnimationFrame(() => {
      if (!el) return;
      el.focus();
      el.setSelectionRange(at + token.length, at + token.length);
    });
  };

  return (
    <div className={styles.pane} data-testid="rf-detail">
      <Text weight="semibold">{item.kind === 'group' ? 'Group' : 'Response'}</Text>
      <Field label="Name" required validationState={sev('name')} validationMessage={messageFor(problems, 'name')}>
        <Input
          value={item.name ?? ''}
          disabled={!writable}
          data-testid="rf-name"
          onChange={(_, d) => props.update({ name: d.value }, 'name')}
        />
      </Field>
      {item.kind === 'group' ? (
        <Field
          hint="The agent's response tree opens this group by default (Expanded)."
          validationState={sev('expanded')}
          validationMessage={messageFor(problems, 'expanded')}
        >
          <Checkbox
            label="Expanded by default"
            checked={item.expanded === 'true'}
            disabled={!writable}
            data-testid="rf-expanded"
            onChange={(_, d) =>
              props.update(
                { expanded: d.checked ? 'true' : item.expanded === null ? null : 'false' },
                'expanded-toggle',
              )
            }
          />
        </Field>
      ) : (
        <>
          <Field label="Description" hint="Shown as the tooltip. Without one, plain-text responses show their text.">
            <Input
              value={item.description ?? ''}
              disabled={!writable}
              data-testid="rf-description"
              onChange={(_, d) => props.update({ description: d.value === '' ? null : d.value }, 'description')}
            />
          </Field>
          <RadioGroup
            layout="horizontal"
            value={useSrc ? 'src' : 'text'}
            disabled={!writable}
            aria-label="Response content"
            onChange={(_, d) => props.update(d.value === 'src' ? { src: item.src ?? '' } : { src: null }, 'mode')}
          >
            <Radio value="text" label="Text" data-testid="rf-mode-text" />
            <Radio value="src" label="External source (Src)" data-testid="rf-mode-src" />
          </RadioGroup>
          {useSrc ? (
            <Field
              label="Src"
              hint={
                item.src
                  ? `${srcKind(item.src)} — relative paths resolve against the file's location; HTML and images ` +
                    `only for e-mail.`
                  : 'A relative path (e.g. Images/logo.png) or an absolute URI.'
              }
              validationState={sev('src')}
              validationMessage={messageFor(problems, 'src')}
            >
              <Input
                value={item.src ?? ''}
                disabled={!writable}
                data-testid="rf-src"
                onChange={(_, d) => props.update({ src: d.value }, 'src')}
              />
            </Field>
          ) : null}
          <Field
            label={
              <span className={styles.textHead}>
                <span>{useSrc ? 'Inner text (unused while Src is set)' : 'Text'}</span>
                <IdentifierPicker
                  media={props.media}
                  disabled={!writable || useSrc}
                  onPick={(d) => insert(`$${d.name}$`)}
                />
              </span>
            }
            validationState={sev('text')}
            validationMessage={messageFor(problems, 'text')}
          >
            <Textarea
              ref={textRef}
              className={styles.text}
              resize="vertical"
              value={toEditorText(item.text)}
              disabled={!writable}
              data-testid="rf-text"
              onChange={(_, d) => props.update({ text: fromEditorText(d.value) }, 'text')}
            />
          </Field>
        </>
      )}
      {item.extra.length > 0 && (
        <Text className={styles.extra}>
          Other attributes kept as they are: {item.extra.map((e) => `${e.name}="${e.value}"`).join(' ')}
        </Text>
      )}
    </div>
  );
}
