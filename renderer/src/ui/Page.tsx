import type { ReactNode } from 'react';
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { HELP_ATTRIBUTE, HelpLink } from './kit/HelpLink';
import type { HelpId } from './kit/help';

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`,
    maxWidth: '880px',
  },
  wide: { maxWidth: 'none' },
  header: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalM },
  headText: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, flexGrow: 1 },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
  },
  subtitle: { margin: 0, color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase300 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexShrink: 0 },
});

/**
 * The common frame of a tab's content: a heading, one line under it, optional actions. `help` names
 * the manual section the page follows: cited under the subtitle as a Help link, and opened by F1.
 */
export function Page(props: {
  title: string;
  subtitle?: ReactNode;
  help?: HelpId;
  actions?: ReactNode;
  children?: ReactNode;
  wide?: boolean;
}) {
  const styles = useStyles();
  return (
    <div className={mergeClasses(styles.page, props.wide && styles.wide)} {...{ [HELP_ATTRIBUTE]: props.help }}>
      <div className={styles.header}>
        <div className={styles.headText}>
          <h2 className={styles.title}>{props.title}</h2>
          {props.subtitle !== undefined && <p className={styles.subtitle}>{props.subtitle}</p>}
          {props.help !== undefined && (
            <p className={styles.subtitle}>
              Manual: <HelpLink id={props.help} /> (F1)
            </p>
          )}
        </div>
        {props.actions !== undefined && <div className={styles.actions}>{props.actions}</div>}
      </div>
      {props.children}
    </div>
  );
}
