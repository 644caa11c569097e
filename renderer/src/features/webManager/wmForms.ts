import {
  ClipInput,
  DIALOGFLOW_API_URL,
  DIALOGFLOW_URL,
  GOOGLE_TOKEN_URL,
  SPEECH_DEFAULTS,
  VaAction,
  VaProfileInput,
  webManagerService,
  type SpeechConfig,
  type VaActionKind,
  type VaProfileRow,
} from '../../../../electron/contract';
import type { FormParse } from '../../ui/kit/useVersionedEditor';

/**
 * The Web Manager record forms (REST SDK client, CLIP number, Virtual Agent profile, its speech,
 * an action): value ↔ form, and `parse`, which runs the contract's schema (one message per field).
 * Secrets are in the value only when typed or generated now.
 */
type Errors = Partial<Record<string, string>>;
type Parsed<V> = FormParse<V, Errors>;
const m = webManagerService.methods;
const NO_ID = { id: null, expectedVersion: 0 } as const;

/** A number typed in a text box: '' is not 0. */
const num = (text: string) => (text.trim() === '' ? NaN : Number(text));

// ── REST SDK client ──
export type RestValue = { name: string; token?: string };
export type RestForm = { name: string; token: string };
export const restBlank: RestValue = { name: '' };
export const toRestForm = (v: RestValue): RestForm => ({ name: v.name, token: v.token ?? '' });
export function parseRestForm(f: RestForm): Parsed<RestValue> {
  const r = m.saveRestClient.args.safeParse({ ...NO_ID, name: f.name, ...(f.token ? { token: f.token } : {}) });
  if (!r.success) return { ok: false, errors: issuesByField(r.error.issues) };
  return { ok: true, value: { name: r.data.name, ...(r.data.token ? { token: r.data.token } : {}) } };
}

// ── CLIP number ──
export const clipBlank: ClipInput = { number: '', name: '' };
export const toClipForm = (v: ClipInput): ClipInput => ({ ...v });
export function parseClipForm(f: ClipInput): Parsed<ClipInput> {
  const r = ClipInput.safeParse(f);
  return r.success ? { ok: true, value: r.data } : { ok: false, errors: issuesByField(r.error.issues) };
}

// ── Virtual Agent profile ──
export const PROFILE_BLANK: VaProfileInput = {
  name: '',
  type: 'dialogflowV2',
  url: DIALOGFLOW_URL,
  projectId: '',
  tokenEndpoint: GOOGLE_TOKEN_URL,
  apiEndpoint: DIALOGFLOW_API_URL,
  fallbackMessage: '',
  sessionTimeoutMin: 3,
  timeoutMessage: '',
  speech: SPEECH_DEFAULTS,
};
export type ProfileValue = {
  profile: VaProfileInput;
  clientToken?: string;
  connectorToken?: string;
  keyFile?: string;
  defaultAgentPassword?: string;
};
export type ProfileForm = Omit<VaProfileInput, 'sessionTimeoutMin'> & {
  sessionTimeoutMin: string;
  clientToken: string;
  connectorToken: string;
  keyFile: { name: string; text: string } | null;
  defaultAgentPassword: string;
};
export const profileBlank: ProfileValue = { profile: PROFILE_BLANK };
export const profileValueOf = (row: VaProfileRow): ProfileValue => ({
  profile: { ...PROFILE_BLANK, ...row.profile, url: row.profile.url || DIALOGFLOW_URL },
});
export const toProfileForm = (v: ProfileValue): ProfileForm => ({
  ...v.profile,
  sessionTimeoutMin: String(v.profile.sessionTimeoutMin),
  clientToken: v.clientToken ?? '',
  connectorToken: v.connectorToken ?? '',
  // a key file read now is not a value main answers: it stays in the form until saved
  keyFile: null,
  defaultAgentPassword: v.defaultAgentPassword ?? '',
});
export function parseProfileForm(f: ProfileForm): Parsed<ProfileValue> {
  const { clientToken, connectorToken, keyFile, defaultAgentPassword, sessionTimeoutMin, ...rest } = f;
  const value = {
    profile: { ...rest, sessionTimeoutMin: num(sessionTimeoutMin) },
    ...(f.type === 'dialogflow' && clientToken ? { clientToken } : {}),
    ...(f.type === 'connector' && connectorToken ? { connectorToken } : {}),
    ...(f.type === 'dialogflowV2' && keyFile ? { keyFile: keyFile.text } : {}),
    ...(defaultAgentPassword ? { defaultAgentPassword } : {}),
  };
  const r = m.saveProfile.args.safeParse({ ...NO_ID, ...value });
  if (!r.success) return { ok: false, errors: issuesByField(r.error.issues) };
  const { id: _id, expectedVersion: _v, ...parsed } = r.data;
  return { ok: true, value: parsed };
}

// ── Speech (saved with its profile, one record) ──
export type SpeechForm = Omit<SpeechConfig, 'cmsPort'> & { cmsPort: string };
export const toSpeechForm = (v: SpeechConfig): SpeechForm => ({ ...v, cmsPort: String(v.cmsPort) });
/** Speech is checked as part of its profile (CMS address mandatory when enabled, Dialogflow V2 only). */
export function parseSpeechForm(f: SpeechForm, profile: VaProfileInput): Parsed<SpeechConfig> {
  const r = VaProfileInput.safeParse({ ...profile, speech: { ...f, cmsPort: num(f.cmsPort) } });
  return r.success ? { ok: true, value: r.data.speech } : { ok: false, errors: issuesByField(r.error.issues) };
}

// ── Action ──
/** kind, name and the kind's fields, as typed. */
export type ActionForm = { kind: VaActionKind } & Record<string, string>;
export const actionBlank: VaAction = { kind: 'requeueOpenMedia', name: '', requeueQueue: '' };
export const toActionForm = (a: VaAction): ActionForm => ({
  ...(a as unknown as Record<string, string>),
  kind: a.kind,
});
/** Only the fields of the chosen kind are sent. */
export function parseActionForm(f: ActionForm, fieldsOf: (kind: VaActionKind) => readonly string[]): Parsed<VaAction> {
  const action = {
    kind: f.kind,
    name: f.name ?? '',
    ...Object.fromEntries(fieldsOf(f.kind).map((k) => [k, f[k] ?? ''])),
  };
  const r = VaAction.safeParse(action);
  return r.success ? { ok: true, value: r.data } : { ok: false, errors: issuesByField(r.error.issues) };
}

/** JSON with the keys sorted: the same value reads the same whatever order its keys were built in. */
export const stableJson = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );

/** The contract schema's issues as one message per field, keyed by the path's last name ("profile.name" → name). */
function issuesByField(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): Errors {
  const errors: Errors = {};
  for (const issue of issues) {
    const key = [...issue.path].reverse().find((p): p is string => typeof p === 'string');
    if (key && !errors[key]) errors[key] = issue.message;
  }
  return errors;
}
