import { useEffect, useMemo, useState } from 'react';
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import {
  ChevronDown16Regular,
  ChevronRight16Regular,
  DocumentText16Regular,
  Folder16Regular,
  Globe16Regular,
  Image16Regular,
} from '@fluentui/react-icons';
import type { PreviewItem, RfItem, RfMedia, RfUsage, SampleValues } from '../../../../electron/contract';
import { previewSamples } from '../../../../electron/shared/identifierSamples';
import { ccm } from '../../api/client';

const useStyles = makeStyles({
  surface: { maxWidth: '1200px', width: '94vw' },
  grid: { display: 'grid', gridTemplateColumns: '260px 280px 1fr', gap: tokens.spacingHorizontalL, height: '62vh' },
  controls: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    overflowY: 'auto',
    paddingRight: tokens.spacingHorizontalS,
  },
  tree: {
    overflow: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingVerticalXS,
  },
  node: {
    display: 'flex',
    alignItems: 'center',
    gap: '4px',
    padding: '3px 4px',
    cursor: 'pointer',
    borderRadius: tokens.borderRadiusSmall,
    whiteSpace: 'nowrap',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  sel: { backgroundColor: tokens.colorNeutralBackground1Selected },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0, overflow: 'auto' },
  text: {
    whiteSpace: 'pre-wrap',
    fontFamily: tokens.fontFamilyBase,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    margin: 0,
  },
  frame: {
    width: '100%',
    flexGrow: 1,
    minHeight: '300px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: 'white',
  },
  img: { maxWidth: '100%', alignSelf: 'flex-start', border: `1px solid ${tokens.colorNeutralStroke2}` },
  tip: { color: tokens.colorNeutralForeground3 },
});

/**
 * HTML responses are shown in an iframe sandboxed without any permission (no script, no
 * same-origin, no forms, no navigation) whose own policy allows only inline styles and data:
 * images: nothing remote loads, whatever the HTML says. Main inlines what the user allowed.
 */
export const htmlFrameDoc = (html: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" ` +
  `content="default-src 'none'; img-src data:; style-src 'unsafe-inline'"></head><body>${html}</body></html>`;

/** An ISO time as the value of a datetime-local input (local time, minutes). */
const toLocalInput = (iso: string) => {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

const FIELDS: [keyof SampleValues, string][] = [
  ['agentName', 'Agent name'],
  ['agentFirstName', 'Agent first name'],
  ['agentLastName', 'Agent last name'],
  ['agentChatName', 'Agent chat display name'],
  ['serviceGroupName', 'Service group'],
  ['serviceGroupEmail', 'Service group e-mail'],
  ['subject', 'Subject (e-mail)'],
  ['fromName', 'Sender name (e-mail)'],
  ['fromAddress', 'Sender address (e-mail)'],
  ['smsFrom', 'Sender (SMS)'],
  ['customerName', 'Customer name (chat)'],
  ['customerEmail', 'Customer e-mail (chat)'],
  ['callId', 'Call ID'],
];

/** Preview as an agent of a media sees the file: filtered tree, tooltips, identifiers replaced. */
export function PreviewDialog(props: {
  items: readonly RfItem[];
  location: string | null;
  usages: RfUsage[];
  writable: boolean;
  onClose(): void;
}) {
  const styles = useStyles();
  const firstMedia = (props.usages.find((u) => u.media === 'email' || u.media === 'chat' || u.media === 'sms')?.media ??
    'email') as RfMedia;
  const [media, setMedia] = useState<RfMedia>(firstMedia);
  const [locale, setLocale] = useState(navigator.language || 'en-US');
  const [samples, setSamples] = useState<SampleValues>(() =>
    previewSamples(props.usages.find((u) => u.media === firstMedia)?.serviceGroup ?? 'Support E-mail', new Date()),
  );
  const [allowRemote, setAllowRemote] = useState(false);
  const [nodes, setNodes] = useState<PreviewItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState<Set<string> | null>(null);
  const [sel, setSel] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    const t = setTimeout(() => {
      setBusy(true);
      void ccm.responseFiles
        .preview({
          items: [...props.items],
          location: props.location,
          media,
          samples,
          locale: locale.trim() || 'en-US',
          timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
          allowRemote,
        })
        .then((env) => {
          if (cancelled) return;
          if (env.ok) {
            setNodes(env.value);
            setError(null);
            setOpen((o) => o ?? new Set(env.value.filter((n) => n.kind === 'group' && n.expanded).map((n) => n.id)));
          } else setError(env.error.message);
        })
        .finally(() => !cancelled && setBusy(false));
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(t);
    };
  }, [props.items, props.location, media, samples, locale, allowRemote]);

  const depth = useMemo(() => {
    const d = new Map<string, number>();
    for (const n of nodes ?? []) d.set(n.id, n.parent ? (d.get(n.parent) ?? 0) + 1 : 0);
    return d;
  }, [nodes]);
  const visible = useMemo(() => {
    const out: PreviewItem[] = [];
    const shown = new Set<string>();
    for (const n of nodes ?? []) {
      if (n.parent && !(shown.has(n.parent) && open?.has(n.parent))) continue;
      shown.add(n.id);
      out.push(n);
    }
    return out;
  }, [nodes, open]);
  const current = nodes?.find((n) => n.id === sel && n.kind === 'response');

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && props.onClose()}>
      <DialogSurface className={styles.surface} data-testid="rf-preview-dialog">
        <DialogBody>
          <DialogTitle>Preview as an agent sees it</DialogTitle>
          <DialogContent>
            <div className={styles.grid}>
              <div className={styles.controls}>
                <Field label="Media">
                  <Select
                    value={media}
                    onChange={(_, d) => setMedia(d.value as RfMedia)}
                    data-testid="rf-preview-media"
                  >
                    <option value="email">E-mail</option>
                    <option value="chat">Chat</option>
                    <option value="sms">SMS</option>
                  </Select>
                </Field>
                <Field label="Locale (dates and times)" hint="The agent's short date and time formats.">
                  <Input value={locale} onChange={(_, d) => setLocale(d.value)} data-testid="rf-preview-locale" />
                </Field>
                <Field
                  label="Received (e-mail, SMS or chat)"
                  hint="Shown by $Received$, $Received.Date$ and $Received.Time$."
                >
                  <Input
                    type="datetime-local"
                    value={toLocalInput(samples.received)}
                    onChange={(_, d) => {
                      const t = new Date(d.value);
                      if (!Number.isNaN(t.getTime())) setSamples((s) => ({ ...s, received: t.toISOString() }));
                    }}
                    data-testid="rf-sample-received"
                  />
                </Field>
                <Checkbox
                  label={
                    props.writable
                      ? 'Load remote sources'
                      : 'Load remote sources (needs read-write access to response files)'
                  }
                  checked={allowRemote}
                  disabled={!props.writable}
                  onChange={(_, d) => setAllowRemote(!!d.checked)}
                  data-testid="rf-preview-remote"
                />
                {FIELDS.map(([k, label]) => (
                  <Field key={k} label={label} size="small">
                    <Input
                      size="small"
                      value={samples[k]}
                      onChange={(_, d) => setSamples((s) => ({ ...s, [k]: d.value }))}
                      data-testid={`rf-sample-${k}`}
                    />
                  </Field>
                ))}
              </div>
              <div className={styles.tree} data-testid="rf-preview-tree" role="tree" aria-label="Agent's response tree">
                {busy && !nodes && <Spinner size="tiny" />}
                {nodes && nodes.length === 0 && <Text>An agent of this media sees no responses.</Text>}
                {visible.map((n) => (
                  <div
                    key={n.id}
                    role="treeitem"
                    className={`${styles.node} ${sel === n.id ? styles.sel : ''}`}
                    style={{ paddingLeft: 4 + (depth.get(n.id) ?? 0) * 16 }}
                    title={n.kind === 'response' ? n.tooltip : undefined}
                    data-testid="rf-preview-node"
                    data-name={n.name}
                    onClick={() => {
                      if (n.kind === 'group')
                        setOpen((o) => {
                          const s = new Set(o ?? []);
                          if (s.has(n.id)) s.delete(n.id);
                          else s.add(n.id);
                          return s;
                        });
                      else setSel(n.id);
                    }}
                  >
                    {n.kind === 'group' ? open?.has(n.id) ? <ChevronDown16Regular /> : <ChevronRight16Regular /> : null}
                    {n.kind === 'group' ? (
                      <Folder16Regular />
                    ) : n.type === 'image' ? (
                      <Image16Regular />
                    ) : n.type === 'html' ? (
                      <Globe16Regular />
                    ) : (
                      <DocumentText16Regular />
                    )}
                    <span>{n.name}</span>
                  </div>
                ))}
              </div>
              <div className={styles.content} data-testid="rf-preview-content">
                {error && (
                  <MessageBar intent="error">
                    <MessageBarBody>{error}</MessageBarBody>
                  </MessageBar>
                )}
                {!current && (
                  <Text className={styles.tip}>
                    Select a response to see it as the agent inserts it. Hover a response for its tooltip.
                  </Text>
                )}
                {current && (
                  <>
                    <Text weight="semibold">{current.name}</Text>
                    <Text className={styles.tip} data-testid="rf-preview-tooltip">
                      Tooltip: {current.tooltip || '(none)'}
                    </Text>
                    {current.note && (
                      <MessageBar intent="info">
                        <MessageBarBody>{current.note}</MessageBarBody>
                      </MessageBar>
                    )}
                    {current.type === 'text' && current.text !== null && (
                      <pre className={styles.text} data-testid="rf-preview-text">
                        {current.text}
                      </pre>
                    )}
                    {current.type === 'html' && current.text !== null && (
                      <iframe
                        className={styles.frame}
                        sandbox=""
                        referrerPolicy="no-referrer"
                        srcDoc={htmlFrameDoc(current.text)}
                        title={`HTML response ${current.name}`}
                        data-testid="rf-preview-html"
                      />
                    )}
                    {current.type === 'image' && current.dataUrl && (
                      <img
                        className={styles.img}
                        src={current.dataUrl}
                        alt={current.name}
                        data-testid="rf-preview-image"
                      />
                    )}
                  </>
                )}
              </div>
            </div>
          </DialogContent>
          <DialogActions>
            <Button onClick={props.onClose} data-testid="rf-preview-close">
              Close
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
