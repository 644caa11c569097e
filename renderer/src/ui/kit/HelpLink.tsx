import { Fragment, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Link,
  makeStyles,
  Text,
  tokens,
} from '@fluentui/react-components';
import {
  helpCitation,
  helpStore,
  helpTopic,
  isHelpId,
  parseHelp,
  type HelpBlock,
  type HelpId,
  type Inline,
} from './help';

/** The attribute a page's root carries to name its Help topic (F1 opens it). */
export const HELP_ATTRIBUTE = 'data-help';

/**
 * A citation of a manual section ("MiCC Enterprise Advanced Configurations › Object Tags") that
 * opens the section's text in the Help dialog. `children` replaces the citation as the link text.
 */
export function HelpLink({ id, children }: { id: HelpId; children?: ReactNode }) {
  return (
    <Link
      as="a"
      href={`#help-${id}`}
      inline
      data-testid={`help-link-${id}`}
      onClick={(e) => {
        e.preventDefault();
        helpStore.open(id);
      }}
      title="Open this section of the manual (F1)"
    >
      {children ?? helpCitation(id)}
    </Link>
  );
}

/** The Help topic of what the user is looking at: the page around the focus, else the visible tab's page. */
export function currentHelpId(doc: Document = document): HelpId | null {
  const around = doc.activeElement?.closest(`[${HELP_ATTRIBUTE}]`)?.getAttribute(HELP_ATTRIBUTE);
  if (isHelpId(around)) return around;
  const visible = doc
    .querySelector(`[role="tabpanel"]:not([hidden]) [${HELP_ATTRIBUTE}]`)
    ?.getAttribute(HELP_ATTRIBUTE);
  return isHelpId(visible) ? visible : null;
}

const useStyles = makeStyles({
  surface: {
    width: '880px',
    maxWidth: 'calc(100vw - 48px)',
    maxHeight: 'calc(100vh - 48px)',
    display: 'flex',
    flexDirection: 'column',
  },
  body: { display: 'flex', flexDirection: 'column', minHeight: 0, maxHeight: 'calc(100vh - 96px)' },
  manual: { color: tokens.colorNeutralForeground3 },
  text: {
    overflowY: 'auto',
    minHeight: 0,
    paddingRight: tokens.spacingHorizontalS,
    lineHeight: tokens.lineHeightBase300,
    '& p': { margin: `0 0 ${tokens.spacingVerticalS}` },
    '& h2, & h3, & h4': { margin: `${tokens.spacingVerticalM} 0 ${tokens.spacingVerticalXS}`, fontSize: '14px' },
    '& ul, & ol': { margin: `0 0 ${tokens.spacingVerticalS}`, paddingLeft: '24px' },
  },
  tableWrap: { overflowX: 'auto', marginBottom: tokens.spacingVerticalS },
  table: {
    borderCollapse: 'collapse',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    '& td': {
      border: `1px solid ${tokens.colorNeutralStroke2}`,
      padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
      verticalAlign: 'top',
    },
  },
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    backgroundColor: tokens.colorNeutralBackground3,
    padding: tokens.spacingHorizontalS,
    overflowX: 'auto',
    margin: `0 0 ${tokens.spacingVerticalS}`,
  },
});

function InlineText({ parts }: { parts: Inline[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.kind === 'bold' ? (
          <strong key={i}>{p.text}</strong>
        ) : p.kind === 'italic' ? (
          <em key={i}>{p.text}</em>
        ) : p.kind === 'code' ? (
          <code key={i}>{p.text}</code>
        ) : (
          <Fragment key={i}>{p.text}</Fragment>
        ),
      )}
    </>
  );
}

function Block({ block, styles }: { block: HelpBlock; styles: ReturnType<typeof useStyles> }) {
  switch (block.kind) {
    case 'heading':
      return block.level <= 2 ? (
        <h3>
          <InlineText parts={block.text} />
        </h3>
      ) : (
        <h4>
          <InlineText parts={block.text} />
        </h4>
      );
    case 'paragraph':
      return (
        <p>
          {block.lines.map((l, i) => (
            <Fragment key={i}>
              {i > 0 && <br />}
              <InlineText parts={l} />
            </Fragment>
          ))}
        </p>
      );
    case 'list': {
      const items = block.items.map((it, i) => (
        <li key={i}>
          <InlineText parts={it} />
        </li>
      ));
      return block.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
    }
    case 'table':
      return (
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <tbody>
              {block.rows.map((r, i) => (
                <tr key={i}>
                  {r.map((c, j) => (
                    <td key={j}>{c}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case 'code':
      return <pre className={styles.code}>{block.text}</pre>;
  }
}

/**
 * The one Help dialog (mounted once in App): shows the open topic, and opens the current page's
 * topic on F1.
 */
export function HelpHost() {
  const styles = useStyles();
  const id = useSyncExternalStore(helpStore.subscribe, helpStore.current, helpStore.current);
  const topic = useMemo(() => (id ? helpTopic(id) : null), [id]);
  const blocks = useMemo(() => (topic ? parseHelp(topic.body) : []), [topic]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F1' || e.ctrlKey || e.altKey || e.metaKey) return;
      e.preventDefault();
      const page = currentHelpId();
      if (page) helpStore.open(page);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <Dialog open={!!topic} onOpenChange={(_, d) => !d.open && helpStore.close()}>
      <DialogSurface className={styles.surface} data-testid="help-dialog" aria-label="Help">
        {topic && (
          <DialogBody className={styles.body}>
            <DialogTitle>
              {topic.title}
              <br />
              <Text size={200} className={styles.manual} data-testid="help-manual">
                {topic.manual}
              </Text>
            </DialogTitle>
            <DialogContent className={styles.text} data-testid="help-text" tabIndex={0}>
              {blocks.map((b, i) => (
                <Block key={i} block={b} styles={styles} />
              ))}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={() => helpStore.close()} data-testid="help-close">
                Close
              </Button>
            </DialogActions>
          </DialogBody>
        )}
      </DialogSurface>
    </Dialog>
  );
}
