import { LogSourceSpec } from '../../../../electron/contract';

/** The source editor's working copy: numbers as typed. */
export interface SourceForm {
  readonly id: string;
  readonly kind: 'tcp' | 'file';
  readonly name: string;
  readonly host: string;
  readonly port: string;
  readonly path: string;
  readonly component: string;
  readonly enabled: boolean;
  /** '' = the colour main picks. */
  readonly colour: string;
}
export type SourceField = 'name' | 'host' | 'port' | 'path' | 'component' | 'colour';
export const SOURCE_FIELDS: readonly SourceField[] = ['name', 'host', 'port', 'path', 'component', 'colour'];
export type SourceErrors = Partial<Record<SourceField, string>>;

export function newSourceForm(kind: 'tcp' | 'file', id: string): SourceForm {
  return {
    id,
    kind,
    name: '',
    host: kind === 'tcp' ? '127.0.0.1' : '',
    port: '',
    path: '',
    component: '',
    enabled: true,
    colour: '',
  };
}

export function toSourceForm(spec: LogSourceSpec): SourceForm {
  return {
    id: spec.id,
    kind: spec.kind,
    name: spec.name,
    host: spec.kind === 'tcp' ? spec.host : '',
    port: spec.kind === 'tcp' ? String(spec.port) : '',
    path: spec.kind === 'file' ? spec.path : '',
    component: spec.component,
    enabled: spec.enabled,
    colour: spec.colour ?? '',
  };
}

/** Checks the form with the contract's LogSourceSpec; one message per field, the schema's words. */
export function parseSourceForm(
  form: SourceForm,
): { ok: true; value: LogSourceSpec } | { ok: false; errors: SourceErrors } {
  const common = {
    id: form.id,
    name: form.name,
    component: form.component,
    enabled: form.enabled,
    ...(form.colour ? { colour: form.colour } : {}),
  };
  const port = form.port.trim();
  const candidate =
    form.kind === 'tcp'
      ? {
          ...common,
          kind: 'tcp',
          host: form.host,
          port: /^\d+$/.test(port) ? Number(port) : port === '' ? undefined : Number.NaN,
        }
      : { ...common, kind: 'file', path: form.path };
  const result = LogSourceSpec.safeParse(candidate);
  if (result.success) return { ok: true, value: result.data };
  const errors: SourceErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as SourceField | undefined;
    if (!field || !SOURCE_FIELDS.includes(field) || errors[field]) continue;
    errors[field] = field === 'port' && issue.code === 'invalid_type' ? 'Port must be 1–65535' : issue.message;
  }
  return { ok: false, errors };
}
